/// One escaping loop for every quoted text the project writes (JSON, YAML, Python literals, `tojson`):
/// each format is a table of per-character replacements plus a rule for the characters it must not
/// write as they are (controls, mostly). ASCII is looked up in a precomputed array, so the common
/// case costs an index, not a hash or a call.
public struct TextEscaper: Sendable {
    /// How a character that the rule escapes is written.
    public enum Form: Sendable {
        /// `prefix` then the value as `width` hex digits.
        case hex(prefix: String, width: Int, uppercase: Bool)
        /// A fixed text in its place (such as U+FFFD).
        case text(String)
    }

    private let ascii: [String?]
    private let replacements: [Unicode.Scalar: String]
    private let escapes: @Sendable (Unicode.Scalar) -> Form?

    /// `replacements` win over `escapes`; a character that neither names is copied as is.
    public init(
        replacements: [Unicode.Scalar: String],
        escapes: @escaping @Sendable (Unicode.Scalar) -> Form?
    ) {
        self.replacements = replacements
        self.escapes = escapes
        ascii = (0..<0x80).map { value in
            let scalar = Unicode.Scalar(UInt8(value))
            if let replacement = replacements[scalar] { return replacement }
            return escapes(scalar).map { Self.written(scalar.value, as: $0) }
        }
    }

    /// Appends `text` escaped, without quotes, to `out`.
    public func append(_ text: String, to out: inout String) {
        for scalar in text.unicodeScalars {
            if scalar.value < 0x80 {
                if let replacement = ascii[Int(scalar.value)] {
                    out += replacement
                } else {
                    out.unicodeScalars.append(scalar)
                }
            } else if let replacement = replacements[scalar] {
                out += replacement
            } else if let form = escapes(scalar) {
                out += Self.written(scalar.value, as: form)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }

    /// `text` escaped between two `quote`s.
    public func quoted(_ text: String, quote: String = "\"") -> String {
        var out = quote
        append(text, to: &out)
        return out + quote
    }

    public static func written(_ value: UInt32, as form: Form) -> String {
        switch form {
        case .text(let text): return text
        case .hex(let prefix, let width, let uppercase):
            let digits = String(value, radix: 16, uppercase: uppercase)
            return prefix + String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
    }
}
