/// A JSON value that remembers where it starts in its file, so a warning about `metrics.json` can point
/// at the offending value (`metrics.json:7:23`) instead of only naming the file.
///
/// `rank` reads files written by trainers it did not write, so this parser is strict about syntax,
/// tolerant of extra keys, and bounded: nesting depth is limited and every error is a value.
/// It accepts Python's `NaN`, `Infinity` and `-Infinity` (what `json.dump` writes for non-finite floats)
/// so that the caller can say which value is not finite rather than "syntax error".
struct LocatedJSON: Sendable, Hashable {
    enum Value: Sendable, Hashable {
        case null
        case bool(Bool)
        /// The number's source text, kept verbatim so the canonical form is exact.
        case number(String)
        case string(String)
        case array([LocatedJSON])
        /// Members in file order; a duplicate key is a syntax error.
        case object([Member])
    }

    struct Member: Sendable, Hashable {
        var key: String
        var value: LocatedJSON
    }

    var value: Value
    /// 1-based line and column (in Unicode scalars) of the value's first character.
    var line: Int
    var column: Int

    subscript(key: String) -> LocatedJSON? {
        guard case .object(let members) = value else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// The value as a Double when it is a number (Python's NaN/Infinity included).
    var double: Double? {
        guard case .number(let text) = value else { return nil }
        switch text {
        case "NaN": return .nan
        case "Infinity": return .infinity
        case "-Infinity": return -.infinity
        default: return Double(text)
        }
    }

    /// The value as an Int when it is a number with an integral value (`500` or `500.0`).
    var integer: Int? {
        guard let number = double, number.isFinite, number.rounded() == number,
            abs(number) < 9.0e15
        else { return nil }
        return Int(number)
    }

    var string: String? {
        guard case .string(let text) = value else { return nil }
        return text
    }

    /// What kind of value this is, for messages ("expected a number, found a string").
    var kindName: String {
        switch value {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    /// A canonical serialisation (keys sorted by their UTF-8 bytes, no whitespace, numbers verbatim)
    /// used to digest a value independently of the writer's key order and indentation.
    var canonical: String {
        switch value {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let text): return text
        case .string(let text): return LocatedJSON.quoted(text)
        case .array(let items): return "[" + items.map(\.canonical).joined(separator: ",") + "]"
        case .object(let members):
            let sorted = members.sorted { Array($0.key.utf8).lexicographicallyPrecedes($1.key.utf8) }
            return "{"
                + sorted.map { LocatedJSON.quoted($0.key) + ":" + $0.value.canonical }.joined(separator: ",")
                + "}"
        }
    }

    /// A JSON string literal for `text`; U+2028/U+2029 stay as they are, as in the canonical text digested.
    static func quoted(_ text: String) -> String {
        JSONStringLiteral.quoted(text, escapingLineSeparators: false)
    }
}

/// A syntax error in a JSON document, located at the character where parsing stopped.
struct LocatedJSONError: Error, Sendable, Hashable {
    var message: String
    var line: Int
    var column: Int
}

extension LocatedJSON {
    /// Parses a whole UTF-8 document; anything but whitespace after the top-level value is an error.
    static func parse(_ bytes: [UInt8]) throws(LocatedJSONError) -> LocatedJSON {
        var parser = LocatedJSONParser(bytes: bytes)
        return try parser.document()
    }
}

private struct LocatedJSONParser {
    /// Deep enough for any metrics file; shallow enough that hostile nesting cannot exhaust the stack.
    static let maximumDepth = 256

    let bytes: [UInt8]
    var index = 0
    var line = 1
    var column = 1

    init(bytes: [UInt8]) {
        self.bytes = bytes
        // A UTF-8 byte order mark is not JSON, but some editors write one; skip it.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
    }

    mutating func document() throws(LocatedJSONError) -> LocatedJSON {
        skipWhitespace()
        let root = try value(depth: 0)
        skipWhitespace()
        if index < bytes.count { throw error("unexpected text after the JSON document") }
        return root
    }

    private func error(_ message: String) -> LocatedJSONError {
        LocatedJSONError(message: message, line: line, column: column)
    }

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func advance() {
        let byte = bytes[index]
        index += 1
        if byte == 0x0A {
            line += 1
            column = 1
        } else if byte & 0xC0 != 0x80 {
            // Count Unicode scalars: continuation bytes do not start a new column.
            column += 1
        }
    }

    private mutating func skipWhitespace() {
        while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 {
            advance()
        }
    }

    private mutating func value(depth: Int) throws(LocatedJSONError) -> LocatedJSON {
        guard depth < Self.maximumDepth else {
            throw error("JSON nested more than \(Self.maximumDepth) deep")
        }
        let (startLine, startColumn) = (line, column)
        guard let byte = current else { throw error("unexpected end of file; expected a JSON value") }
        let parsed: LocatedJSON.Value
        switch byte {
        case UInt8(ascii: "{"): parsed = try object(depth: depth)
        case UInt8(ascii: "["): parsed = try array(depth: depth)
        case UInt8(ascii: "\""): parsed = .string(try string())
        case UInt8(ascii: "t"): parsed = try literal("true", .bool(true))
        case UInt8(ascii: "f"): parsed = try literal("false", .bool(false))
        case UInt8(ascii: "n"): parsed = try literal("null", .null)
        case UInt8(ascii: "N"): parsed = try literal("NaN", .number("NaN"))
        case UInt8(ascii: "I"): parsed = try literal("Infinity", .number("Infinity"))
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): parsed = try number()
        default: throw error("unexpected character; expected a JSON value")
        }
        return LocatedJSON(value: parsed, line: startLine, column: startColumn)
    }

    private mutating func literal(
        _ word: String, _ result: LocatedJSON.Value
    ) throws(LocatedJSONError) -> LocatedJSON.Value {
        for expected in word.utf8 {
            guard current == expected else { throw error("unexpected character; expected '\(word)'") }
            advance()
        }
        return result
    }

    private mutating func object(depth: Int) throws(LocatedJSONError) -> LocatedJSON.Value {
        advance()  // {
        var members: [LocatedJSON.Member] = []
        var seen = Set<String>()
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            advance()
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else {
                throw error(
                    current == nil ? "unexpected end of file inside an object" : "expected a key string")
            }
            let keyError = error("duplicate key")
            let key = try string()
            guard seen.insert(key).inserted else {
                throw LocatedJSONError(
                    message: "duplicate key '\(key)'", line: keyError.line, column: keyError.column)
            }
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { throw error("expected ':' after the key '\(key)'") }
            advance()
            skipWhitespace()
            members.append(LocatedJSON.Member(key: key, value: try value(depth: depth + 1)))
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): advance()
            case UInt8(ascii: "}"):
                advance()
                return .object(members)
            case nil: throw error("unexpected end of file inside an object; expected ',' or '}'")
            default: throw error("expected ',' or '}'")
            }
        }
    }

    private mutating func array(depth: Int) throws(LocatedJSONError) -> LocatedJSON.Value {
        advance()  // [
        var items: [LocatedJSON] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            advance()
            return .array(items)
        }
        while true {
            skipWhitespace()
            items.append(try value(depth: depth + 1))
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): advance()
            case UInt8(ascii: "]"):
                advance()
                return .array(items)
            case nil: throw error("unexpected end of file inside an array; expected ',' or ']'")
            default: throw error("expected ',' or ']'")
            }
        }
    }

    private mutating func number() throws(LocatedJSONError) -> LocatedJSON.Value {
        let start = index
        if current == UInt8(ascii: "-") {
            advance()
            if current == UInt8(ascii: "I") { return try literal("Infinity", .number("-Infinity")) }
        }
        guard let first = current, isDigit(first) else { throw error("expected a digit") }
        advance()
        if first != UInt8(ascii: "0") { skipDigits() }
        if current == UInt8(ascii: ".") {
            advance()
            guard let digit = current, isDigit(digit) else { throw error("expected a digit after '.'") }
            skipDigits()
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            advance()
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { advance() }
            guard let digit = current, isDigit(digit) else { throw error("expected a digit in the exponent") }
            skipDigits()
        }
        return .number(String(decoding: bytes[start..<index], as: UTF8.self))
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private mutating func skipDigits() {
        while let byte = current, isDigit(byte) { advance() }
    }

    private mutating func string() throws(LocatedJSONError) -> String {
        advance()  // opening quote
        var scalars = String.UnicodeScalarView()
        var runStart = index
        func flush(_ end: Int) {
            scalars.append(contentsOf: String(decoding: bytes[runStart..<end], as: UTF8.self).unicodeScalars)
        }
        while true {
            guard let byte = current else { throw error("unexpected end of file inside a string") }
            switch byte {
            case UInt8(ascii: "\""):
                flush(index)
                advance()
                return String(scalars)
            case UInt8(ascii: "\\"):
                flush(index)
                advance()
                scalars.append(try escape())
                runStart = index
            case 0x00..<0x20:
                throw error("control character inside a string (write it as an escape)")
            default:
                if byte >= 0x80 { try validateUTF8Sequence() } else { advance() }
            }
        }
    }

    /// Checks one multi-byte UTF-8 sequence so invalid bytes become an error, not U+FFFD.
    private mutating func validateUTF8Sequence() throws(LocatedJSONError) {
        let lead = bytes[index]
        let length: Int
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0...0xEF: length = 3
        case 0xF0...0xF4: length = 4
        default: throw error("invalid UTF-8 byte")
        }
        guard index + length <= bytes.count,
            String(validating: bytes[index..<index + length], as: UTF8.self) != nil
        else { throw error("invalid UTF-8 sequence") }
        for _ in 0..<length { advance() }
    }

    private mutating func escape() throws(LocatedJSONError) -> Unicode.Scalar {
        guard let byte = current else { throw error("unexpected end of file in an escape") }
        // Checked before consuming it, so an invalid escape is reported at its letter.
        guard "\"\\/bfnrtu".utf8.contains(byte) else {
            throw error("invalid escape '\\\(Character(Unicode.Scalar(byte)))'")
        }
        advance()
        switch byte {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            let high = try hex4()
            if (0xD800..<0xDC00).contains(high) {
                guard current == UInt8(ascii: "\\") else { throw error("unpaired surrogate in a \\u escape") }
                advance()
                guard current == UInt8(ascii: "u") else { throw error("unpaired surrogate in a \\u escape") }
                advance()
                let low = try hex4()
                guard (0xDC00..<0xE000).contains(low),
                    let scalar = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
                else { throw error("invalid surrogate pair in a \\u escape") }
                return scalar
            }
            guard let scalar = Unicode.Scalar(high) else { throw error("unpaired surrogate in a \\u escape") }
            return scalar
        default: throw error("invalid escape '\\\(Character(Unicode.Scalar(byte)))'")
        }
    }

    private mutating func hex4() throws(LocatedJSONError) -> UInt32 {
        var result: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = current, let digit = hexValue(byte) else {
                throw error("expected four hex digits in a \\u escape")
            }
            result = result << 4 | digit
            advance()
        }
        return result
    }

    private func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }
}
