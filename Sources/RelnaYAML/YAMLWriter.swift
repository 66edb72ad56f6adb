import RelnaCore

/// Writes `YAMLNode` documents in block style.
///
/// Every string is double-quoted with escapes, so no value (a job name, an argument, a URI) can be
/// read back as another type or break the document's structure. Numbers are written so that both
/// YAML 1.1 readers (PyYAML) and YAML 1.2 readers (gcloud's) resolve them to the same type.
public enum YAMLWriter {
    /// One document. `comment` lines are written first, each prefixed with `# `.
    public static func document(_ node: YAMLNode, comment: [String] = []) -> String {
        var out = ""
        for line in comment { out += line.isEmpty ? "#\n" : "# \(line)\n" }
        switch node.content {
        case .mapping(let pairs) where !pairs.isEmpty:
            writeMapping(pairs, indent: 0, into: &out)
        case .sequence(let items) where !items.isEmpty:
            writeSequence(items, indent: 0, into: &out)
        default:
            out += scalar(node) + "\n"
        }
        return out
    }

    /// Several documents, each started with `---`.
    public static func stream(_ documents: [(value: YAMLNode, comment: [String])]) -> String {
        documents.map { "---\n" + document($0.value, comment: $0.comment) }.joined()
    }

    private static func isBlock(_ node: YAMLNode) -> Bool {
        switch node.content {
        case .mapping(let pairs): !pairs.isEmpty
        case .sequence(let items): !items.isEmpty
        case .scalar: false
        }
    }

    private static func writeMapping(
        _ pairs: [(key: YAMLNode, value: YAMLNode)], indent: Int, into out: inout String
    ) {
        let pad = String(repeating: " ", count: indent)
        for pair in pairs {
            let key = self.key(pair.key.scalarText ?? "")
            switch pair.value.content {
            case .mapping(let children) where !children.isEmpty:
                out += "\(pad)\(key):\n"
                writeMapping(children, indent: indent + 2, into: &out)
            case .sequence(let items) where !items.isEmpty:
                out += "\(pad)\(key):\n"
                writeSequence(items, indent: indent + 2, into: &out)
            default:
                out += "\(pad)\(key): \(scalar(pair.value))\n"
            }
        }
    }

    private static func writeSequence(_ items: [YAMLNode], indent: Int, into out: inout String) {
        let pad = String(repeating: " ", count: indent)
        for item in items {
            guard isBlock(item) else {
                out += "\(pad)- \(scalar(item))\n"
                continue
            }
            // A nested block starts on the dash's line: write it two columns in, then put the dash
            // over the first line's indentation.
            var nested = ""
            switch item.content {
            case .mapping(let children): writeMapping(children, indent: indent + 2, into: &nested)
            case .sequence(let children): writeSequence(children, indent: indent + 2, into: &nested)
            case .scalar: break
            }
            out += pad + "- " + nested.dropFirst(indent + 2)
        }
    }

    /// A mapping key: plain when it is a simple identifier no reader could take for another type.
    static func key(_ text: String) -> String {
        let reserved: Set<String> = [
            "y", "n", "yes", "no", "on", "off", "true", "false", "null", "~",
        ]
        return isIdentifier(text) && !reserved.contains(text.lowercased()) ? text : quoted(text)
    }

    private static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first.isASCIILetter || first == "_" else { return false }
        return text.unicodeScalars.allSatisfy { $0.isASCIILetter || $0.isASCIIDigit || $0 == "_" }
    }

    /// The flow form of a scalar (by its core-schema value, so a plain string read from a hand-edited
    /// file is written quoted) or an empty collection.
    static func scalar(_ node: YAMLNode) -> String {
        switch node.content {
        case .sequence: return "[]"
        case .mapping: return "{}"
        case .scalar(let text, let style):
            switch YAMLScalar.resolve(text, style: style) {
            case .string(let text): return quoted(text)
            case .int(let number): return String(number)
            case .double(let number): return double(number)
            case .bool(let flag): return flag ? "true" : "false"
            case .null: return "null"
            }
        }
    }

    /// A float that YAML 1.1 also reads as a float: it always has a dot (`1.0e-05`, not `1e-05`).
    static func double(_ number: Double) -> String {
        if number.isNaN { return ".nan" }
        if number.isInfinite { return number < 0 ? "-.inf" : ".inf" }
        var text = "\(number)"
        if !text.contains(".") {
            if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
                text.insert(contentsOf: ".0", at: e)
            } else {
                text += ".0"
            }
        }
        return text
    }

    /// A double-quoted string; escapes quotes, backslashes, controls and Unicode line breaks.
    public static func quoted(_ text: String) -> String {
        stringEscaper.quoted(text)
    }

    private static let stringEscaper = TextEscaper(
        replacements: [
            "\"": "\\\"", "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r",
            "\u{85}": "\\N", "\u{A0}": "\\_", "\u{2028}": "\\L", "\u{2029}": "\\P",
        ]
    ) { scalar in
        guard
            scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0xFEFF
                || (scalar.value >= 0x80 && scalar.value < 0xA0)
        else { return nil }
        return scalar.value <= 0xFF
            ? .hex(prefix: "\\x", width: 2, uppercase: true) : .hex(prefix: "\\u", width: 4, uppercase: true)
    }
}

extension Unicode.Scalar {
    fileprivate var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
