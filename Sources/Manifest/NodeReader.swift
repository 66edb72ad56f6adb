import RelnaCore
import RelnaYAML

/// Reads typed values out of a YAML node tree, collecting one diagnostic per problem (with the node's
/// line and column and its key path) instead of stopping at the first, so a manifest's author sees
/// every error at once.
struct NodeReader {
    let file: String
    private(set) var diagnostics: [Diagnostic] = []

    init(file: String) { self.file = file }

    mutating func error(
        _ code: String, _ node: YAMLNode, _ path: String, _ message: String, hint: String? = nil
    ) {
        error(code, line: node.line, column: node.column, path, message, hint: hint)
    }

    mutating func error(
        _ code: String, line: Int, column: Int, _ path: String, _ message: String, hint: String? = nil
    ) {
        let prefix = path.isEmpty ? "" : "\(path): "
        diagnostics.append(
            Diagnostic(
                severity: .error, code: code, file: file, line: line, column: column,
                message: prefix + message,
                hint: hint))
    }

    /// The mapping's entries by key. Unknown keys (with a suggestion) and missing required keys are
    /// reported; nil when the node is not a mapping.
    mutating func mapping(
        _ node: YAMLNode, _ path: String, known: [String], required: [String] = []
    ) -> [String: YAMLNode]? {
        guard case .mapping(let pairs) = node.content else {
            error("manifest-wrong-type", node, path, "expected a mapping, found \(node.kindDescription)")
            return nil
        }
        var result: [String: YAMLNode] = [:]
        for (key, value) in pairs {
            guard let name = key.scalarText else {
                error("manifest-wrong-type", key, path, "expected a key name, found \(key.kindDescription)")
                continue
            }
            guard known.contains(name) else {
                let keyPath = Self.join(path, name)
                error(
                    "manifest-unknown-key", key, keyPath,
                    "unknown key" + DidYouMean.phrase(name, among: known),
                    hint: "known keys here: " + known.joined(separator: ", "))
                continue
            }
            result[name] = value
        }
        for name in required where result[name] == nil {
            error("manifest-missing-key", node, Self.join(path, name), "required key is missing")
        }
        return result
    }

    /// The pairs of a mapping whose keys are names chosen by the author (e.g. `frameworks`).
    mutating func pairs(_ node: YAMLNode, _ path: String) -> [(key: YAMLNode, value: YAMLNode)]? {
        guard case .mapping(let pairs) = node.content else {
            error("manifest-wrong-type", node, path, "expected a mapping, found \(node.kindDescription)")
            return nil
        }
        return pairs
    }

    mutating func sequence(_ node: YAMLNode, _ path: String) -> [YAMLNode]? {
        guard case .sequence(let items) = node.content else {
            error("manifest-wrong-type", node, path, "expected a list, found \(node.kindDescription)")
            return nil
        }
        return items
    }

    /// A string; plain numbers are taken by their text (`python_version: 3.10` is "3.10").
    mutating func string(_ node: YAMLNode, _ path: String, allowEmpty: Bool = false) -> String? {
        guard case .scalar(let text, let style) = node.content else {
            error("manifest-wrong-type", node, path, "expected a string, found \(node.kindDescription)")
            return nil
        }
        switch YAMLScalar.resolve(text, style: style) {
        case .null, .bool:
            error("manifest-wrong-type", node, path, "expected a string, found \(node.kindDescription)")
            return nil
        case .string, .int, .double:
            if !allowEmpty && text.isEmpty {
                error("manifest-value", node, path, "must not be empty")
                return nil
            }
            if text.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\n" || $0.value == 0x7F }) {
                error("manifest-value", node, path, "must not contain control characters")
                return nil
            }
            return text
        }
    }

    /// A one-line string (no line breaks): titles, names, versions, paths.
    mutating func line(_ node: YAMLNode, _ path: String) -> String? {
        guard let text = string(node, path) else { return nil }
        if text.contains("\n") {
            error("manifest-value", node, path, "must be a single line")
            return nil
        }
        return text
    }

    mutating func bool(_ node: YAMLNode, _ path: String) -> Bool? {
        scalar(node, path, expected: "true or false") {
            if case .bool(let value) = $0 { value } else { nil }
        }
    }

    mutating func int(_ node: YAMLNode, _ path: String) -> Int? {
        scalar(node, path, expected: "an integer") {
            if case .int(let value) = $0 { value } else { nil }
        }
    }

    mutating func number(_ node: YAMLNode, _ path: String) -> Double? {
        scalar(node, path, expected: "a finite number") {
            switch $0 {
            case .int(let value): Double(value)
            case .double(let value) where value.isFinite: value
            default: nil
            }
        }
    }

    /// The scalar's value as YAML's core schema resolves it, when `accept` takes it; otherwise a
    /// wrong-type error saying what was `expected`.
    private mutating func scalar<Value>(
        _ node: YAMLNode, _ path: String, expected: String, _ accept: (YAMLScalar) -> Value?
    ) -> Value? {
        if case .scalar(let text, let style) = node.content,
            let value = accept(YAMLScalar.resolve(text, style: style))
        {
            return value
        }
        error("manifest-wrong-type", node, path, "expected \(expected), found \(node.kindDescription)")
        return nil
    }

    /// A list of one-line strings; a single string is not accepted in place of a list.
    mutating func lines(_ node: YAMLNode, _ path: String) -> [String]? {
        guard let items = sequence(node, path) else { return nil }
        var result: [String] = []
        var ok = true
        for (index, item) in items.enumerated() {
            if let text = line(item, "\(path)[\(index)]") { result.append(text) } else { ok = false }
        }
        return ok ? result : nil
    }

    /// One of the enumeration's raw values, with a suggestion when misspelt.
    mutating func choice<T: RawRepresentable & CaseIterable>(_ node: YAMLNode, _ path: String, _: T.Type)
        -> T?
    where T.RawValue == String {
        guard let text = line(node, path) else { return nil }
        if let value = T(rawValue: text) { return value }
        let names = T.allCases.map(\.rawValue)
        error(
            "manifest-value", node, path,
            "expected one of \(names.joined(separator: ", ")), found '\(text)'"
                + DidYouMean.phrase(text, among: names))
        return nil
    }

    static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }
}

/// Name rules shared by the manifest and the build flags.
package enum Names {
    /// A Python identifier in ASCII: `[A-Za-z_][A-Za-z0-9_]*`, not a keyword.
    static func isIdentifier(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        guard let first = scalars.first, first == "_" || isASCIILetter(first) else { return false }
        return scalars.allSatisfy { $0 == "_" || isASCIILetter($0) || ("0"..."9").contains($0) }
            && !PythonKeywords.all.contains(text)
    }

    package static func isASCIILetter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }

    /// A dotted module path of identifiers: `trainer.task`.
    static func isModulePath(_ text: String) -> Bool {
        !text.isEmpty
            && text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy {
                isIdentifier(String($0))
            }
    }

    /// A relative path inside a folder: no leading `/`, no `..`, `.` or empty segments, no backslash.
    static func isSafeRelativePath(_ path: String) -> Bool {
        guard !path.isEmpty, !path.hasPrefix("/"), !path.contains("\\"), !path.contains("\0") else {
            return false
        }
        return path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy {
            !$0.isEmpty && $0 != "." && $0 != ".."
        }
    }
}
