extension Diagnostic {
    /// The diagnostic in every `--json` report (docs/json-output.md): fixed key order, `hint` null
    /// when there is none.
    public var json: JSONValue {
        .object([
            ("severity", .string(severity.rawValue)),
            ("code", .string(code)),
            ("file", .string(file)),
            ("line", .int(line)),
            ("column", .int(column)),
            ("message", .string(message)),
            ("hint", hint.map(JSONValue.string) ?? .null),
        ])
    }
}
