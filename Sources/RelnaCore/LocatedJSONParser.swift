/// The parser behind `LocatedJSON.parse`: one pass over the bytes, tracking line and column.
struct LocatedJSONParser {
    /// Deep enough for any metrics file; shallow enough that hostile nesting cannot exhaust the stack.
    static let maximumDepth = 256

    let bytes: [UInt8]
    let duplicateKeys: LocatedJSON.DuplicateKeys
    var index = 0
    var line = 1
    var column = 1

    init(bytes: [UInt8], duplicateKeys: LocatedJSON.DuplicateKeys) {
        self.bytes = bytes
        self.duplicateKeys = duplicateKeys
        // A UTF-8 byte order mark is not JSON, but some editors write one; skip it.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
    }

    mutating func document() throws(DocumentError) -> LocatedJSON {
        skipWhitespace()
        let root = try value(depth: 0)
        skipWhitespace()
        if index < bytes.count { throw error("unexpected text after the JSON document") }
        return root
    }

    private func error(_ message: String) -> DocumentError {
        DocumentError(line: line, column: column, message: message)
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

    private mutating func value(depth: Int) throws(DocumentError) -> LocatedJSON {
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
    ) throws(DocumentError) -> LocatedJSON.Value {
        for expected in word.utf8 {
            guard current == expected else { throw error("unexpected character; expected '\(word)'") }
            advance()
        }
        return result
    }

    private mutating func object(depth: Int) throws(DocumentError) -> LocatedJSON.Value {
        advance()  // {
        var members: [LocatedJSON.Member] = []
        var seen: [String: Int] = [:]
        if isClosed(by: "}") { return .object(members) }
        repeat {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else {
                throw error(
                    current == nil ? "unexpected end of file inside an object" : "expected a key string")
            }
            let keyError = error("duplicate key")
            let key = try string()
            let earlier = seen[key]
            if earlier != nil, duplicateKeys == .rejected {
                throw DocumentError(
                    line: keyError.line, column: keyError.column, message: "duplicate key '\(key)'")
            }
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { throw error("expected ':' after the key '\(key)'") }
            advance()
            skipWhitespace()
            let member = LocatedJSON.Member(key: key, value: try value(depth: depth + 1))
            if let earlier {
                members[earlier] = member
            } else {
                seen[key] = members.count
                members.append(member)
            }
        } while try continues("an object", closedBy: "}")
        return .object(members)
    }

    private mutating func array(depth: Int) throws(DocumentError) -> LocatedJSON.Value {
        advance()  // [
        var items: [LocatedJSON] = []
        if isClosed(by: "]") { return .array(items) }
        repeat {
            skipWhitespace()
            items.append(try value(depth: depth + 1))
        } while try continues("an array", closedBy: "]")
        return .array(items)
    }

    /// Just after an opening bracket: whether its closing one follows at once (then consumed).
    private mutating func isClosed(by closing: Unicode.Scalar) -> Bool {
        skipWhitespace()
        guard current == UInt8(ascii: closing) else { return false }
        advance()
        return true
    }

    /// After a member or an item: true at `,` (another follows), false at the closing bracket, either
    /// consumed; `container` names what is open for the end-of-file message.
    private mutating func continues(_ container: String, closedBy closing: Unicode.Scalar)
        throws(DocumentError)
        -> Bool
    {
        skipWhitespace()
        switch current {
        case UInt8(ascii: ","):
            advance()
            return true
        case UInt8(ascii: closing):
            advance()
            return false
        case nil: throw error("unexpected end of file inside \(container); expected ',' or '\(closing)'")
        default: throw error("expected ',' or '\(closing)'")
        }
    }

    private mutating func number() throws(DocumentError) -> LocatedJSON.Value {
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

    private mutating func string() throws(DocumentError) -> String {
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
    private mutating func validateUTF8Sequence() throws(DocumentError) {
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

    private mutating func escape() throws(DocumentError) -> Unicode.Scalar {
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

    private mutating func hex4() throws(DocumentError) -> UInt32 {
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
