/// A Python `str` literal in plain ASCII: `"…"` with quotes, backslashes, control characters and
/// every non-ASCII character escaped, so that any text (a hostile student id, an argument holding a
/// newline) reads back exactly, whatever encoding the file is later read with.
public enum PythonStringLiteral {
    public static func append(_ text: String, to out: inout String) {
        out += "\""
        escaper.append(text, to: &out)
        out += "\""
    }

    public static func quoted(_ text: String) -> String {
        var out = ""
        append(text, to: &out)
        return out
    }

    private static let escaper = TextEscaper(
        replacements: ["\"": "\\\"", "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"]
    ) { scalar in
        switch scalar.value {
        case 0x20..<0x7F: return nil
        case ..<0x100: return .hex(prefix: "\\x", width: 2, uppercase: false)
        case ..<0x10000: return .hex(prefix: "\\u", width: 4, uppercase: false)
        default: return .hex(prefix: "\\U", width: 8, uppercase: false)
        }
    }
}
