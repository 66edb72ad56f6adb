/// A JSON string literal: quotes, backslashes and control characters escaped, everything else kept as
/// is. One writer for every JSON text the project produces by hand (provenance, reports, leaderboards).
public enum JSONStringLiteral {
    /// Appends `"text"` to `out`. `escapingLineSeparators` also writes U+2028/U+2029 as `\u2028`/`\u2029`
    /// (so the text is safe inside JavaScript); canonical forms that are hashed leave them alone.
    public static func append(_ text: String, to out: inout String, escapingLineSeparators: Bool) {
        out += "\""
        (escapingLineSeparators ? scriptSafe : canonical).append(text, to: &out)
        out += "\""
    }

    public static func quoted(_ text: String, escapingLineSeparators: Bool) -> String {
        var out = ""
        append(text, to: &out, escapingLineSeparators: escapingLineSeparators)
        return out
    }

    private static let replacements: [Unicode.Scalar: String] = [
        "\"": "\\\"", "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t",
    ]
    private static let unicodeEscape = TextEscaper.Form.hex(prefix: "\\u", width: 4, uppercase: false)

    private static let canonical = TextEscaper(replacements: replacements) { scalar in
        scalar.value < 0x20 || scalar.value == 0x7F ? unicodeEscape : nil
    }
    private static let scriptSafe = TextEscaper(replacements: replacements) { scalar in
        scalar.value < 0x20 || scalar.value == 0x7F || (0x2028...0x2029).contains(scalar.value)
            ? unicodeEscape : nil
    }
}
