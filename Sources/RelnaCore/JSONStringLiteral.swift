/// A JSON string literal: quotes, backslashes and control characters escaped, everything else kept as
/// is. One writer for every JSON text the project produces by hand (provenance, reports, leaderboards).
public enum JSONStringLiteral {
    /// Appends `"text"` to `out`. `escapingLineSeparators` also writes U+2028/U+2029 as `\u2028`/`\u2029`
    /// (so the text is safe inside JavaScript); canonical forms that are hashed leave them alone.
    public static func append(_ text: String, to out: inout String, escapingLineSeparators: Bool) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F
                    || (escapingLineSeparators && (0x2028...0x2029).contains(scalar.value))
                {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }

    public static func quoted(_ text: String, escapingLineSeparators: Bool) -> String {
        var out = ""
        append(text, to: &out, escapingLineSeparators: escapingLineSeparators)
        return out
    }
}
