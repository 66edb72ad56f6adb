import RelnaCore

/// Templates are UTF-8 text. A byte sequence that is not UTF-8 is reported where it is, instead of
/// being silently replaced by U+FFFD and surfacing later as a puzzling character in generated code.
enum TemplateEncoding {
    /// The 1-based line and column (in Unicode scalars) of the first invalid UTF-8 sequence, or nil.
    static func firstInvalidSequence(in bytes: [UInt8]) -> (line: Int, column: Int)? {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var line = 1
        var column = 1
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar == "\n" {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
            case .emptyInput:
                return nil
            case .error:
                return (line, column)
            }
        }
    }

    /// The diagnostic for a template that is not UTF-8, or nil when it is.
    static func diagnostic(for bytes: [UInt8], file: String) -> Diagnostic? {
        guard let (line, column) = firstInvalidSequence(in: bytes) else { return nil }
        return Diagnostic(
            severity: .error, code: TemplateCheckCode.templateSyntax.rawValue, file: file, line: line,
            column: column, message: "template is not valid UTF-8 text",
            hint: "save the file as UTF-8")
    }
}
