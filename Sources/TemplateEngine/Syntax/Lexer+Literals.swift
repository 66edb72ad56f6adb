/// Number and string literals inside tags, with Jinja2's (Python's) syntax and escapes.
extension Lexer {
    func digits(from index: Int, allowed: (UInt8) -> Bool) -> Int {
        // `(\d+_)*\d+`: digits with single underscores between them.
        var end = index
        guard end < bytes.count, allowed(bytes[end]) else { return index }
        while end < bytes.count {
            if allowed(bytes[end]) {
                end += 1
            } else if bytes[end] == UInt8(ascii: "_"), end + 1 < bytes.count, allowed(bytes[end + 1]) {
                end += 1
            } else {
                break
            }
        }
        return end
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    mutating func lexNumber() throws(TemplateError) {
        let start = position
        let intEnd = digits(from: start, allowed: Self.isDigit)
        if let floatEnd = floatEnd(after: intEnd), start == 0 || bytes[start - 1] != UInt8(ascii: ".") {
            let text = String(decoding: bytes[start..<floatEnd], as: UTF8.self).replacingUnderscores()
            guard let value = Double(text) else { throw error("invalid number '\(text)'", at: start) }
            lexemes.append(Lexeme(token: .float(value), offset: start))
            position = floatEnd
            return
        }
        // integer: 0b…, 0o…, 0x…, [1-9](_?\d)*, 0(_?0)*
        if bytes[start] == UInt8(ascii: "0"), start + 1 < bytes.count {
            try lexZeroPrefixed(start: start)
            return
        }
        let text = String(decoding: bytes[start..<intEnd], as: UTF8.self).replacingUnderscores()
        guard let value = Int(text) else { throw error("integer literal is too large", at: start) }
        lexemes.append(Lexeme(token: .integer(value), offset: start))
        position = intEnd
    }

    /// Where a float ends after its integer digits: digits ((.digits)? e[+-]?digits | .digits).
    private func floatEnd(after intEnd: Int) -> Int? {
        var floatEnd: Int? = nil
        var cursor = intEnd
        if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "."), cursor + 1 < bytes.count,
            Self.isDigit(bytes[cursor + 1])
        {
            cursor = digits(from: cursor + 1, allowed: Self.isDigit)
            floatEnd = cursor
        }
        if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "e") || bytes[cursor] == UInt8(ascii: "E") {
            var exponent = cursor + 1
            if exponent < bytes.count,
                bytes[exponent] == UInt8(ascii: "+") || bytes[exponent] == UInt8(ascii: "-")
            {
                exponent += 1
            }
            let end = digits(from: exponent, allowed: Self.isDigit)
            if end > exponent { floatEnd = end }
        }
        return floatEnd
    }

    /// An integer starting with `0`: `0b…`, `0o…`, `0x…`, or zeros (`0(_?0)*`).
    private mutating func lexZeroPrefixed(start: Int) throws(TemplateError) {
        let radix: Int?
        let allowed: (UInt8) -> Bool
        switch bytes[start + 1] | 0x20 {
        case UInt8(ascii: "b"):
            radix = 2
            allowed = { $0 == 0x30 || $0 == 0x31 }
        case UInt8(ascii: "o"):
            radix = 8
            allowed = { $0 >= 0x30 && $0 <= 0x37 }
        case UInt8(ascii: "x"):
            radix = 16
            allowed = { Self.isDigit($0) || (($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x66) }
        default:
            radix = nil
            allowed = Self.isDigit
        }
        if let radix {
            var end = start + 2
            if end < bytes.count, bytes[end] == UInt8(ascii: "_") { end += 1 }
            let digitsEnd = digits(from: end, allowed: allowed)
            if digitsEnd > end {
                let text = String(decoding: bytes[end..<digitsEnd], as: UTF8.self).replacingUnderscores()
                guard let value = Int(text, radix: radix) else {
                    throw error("integer literal is too large", at: start)
                }
                lexemes.append(Lexeme(token: .integer(value), offset: start))
                position = digitsEnd
                return
            }
        }
        var end = start + 1
        while end < bytes.count {
            if bytes[end] == 0x30 {
                end += 1
            } else if bytes[end] == UInt8(ascii: "_"), end + 1 < bytes.count, bytes[end + 1] == 0x30 {
                end += 2
            } else {
                break
            }
        }
        lexemes.append(Lexeme(token: .integer(0), offset: start))
        position = end
    }

    mutating func lexString(quote: UInt8) throws(TemplateError) {
        let start = position
        var index = position + 1
        var hasEscape = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == quote { break }
            if byte == UInt8(ascii: "\\") {
                hasEscape = true
                index += 2
                continue
            }
            index += 1
        }
        guard index < bytes.count else { throw error("string literal is never closed", at: start) }
        let body = String(decoding: bytes[(start + 1)..<index], as: UTF8.self)
        let value = hasEscape ? try unescape(body, at: start) : body
        lexemes.append(Lexeme(token: .string(value), offset: start))
        position = index + 1
    }

    /// The escapes that stand for one character: `\n` is a line feed, `\'` a quote.
    private static let characterEscapes: [Unicode.Scalar: Unicode.Scalar] = [
        "\\": "\\", "'": "'", "\"": "\"", "a": "\u{07}", "b": "\u{08}", "f": "\u{0C}", "n": "\n",
        "r": "\r", "t": "\t", "v": "\u{0B}",
    ]

    /// Python's `unicode-escape` decoding, as Jinja2 applies it to string literals.
    func unescape(_ body: String, at offset: Int) throws(TemplateError) -> String {
        var out = String.UnicodeScalarView()
        let scalars = Array(body.unicodeScalars)
        var index = 0
        func hex(_ count: Int) -> UInt32? {
            guard index + count < scalars.count + 1 else { return nil }
            var value: UInt32 = 0
            for step in 0..<count {
                guard index + 1 + step < scalars.count,
                    let digit = Int(String(scalars[index + 1 + step]), radix: 16)
                else { return nil }
                value = value * 16 + UInt32(digit)
            }
            return value
        }
        while index < scalars.count {
            let scalar = scalars[index]
            guard scalar == "\\", index + 1 < scalars.count else {
                out.append(scalar)
                index += 1
                continue
            }
            let escape = scalars[index + 1]
            if let decoded = Self.characterEscapes[escape] {
                out.append(decoded)
                index += 2
                continue
            }
            switch escape {
            case "\n": index += 2
            case "0"..."7":
                var value: UInt32 = 0
                var length = 0
                while length < 3, index + 1 + length < scalars.count,
                    ("0"..."7").contains(scalars[index + 1 + length])
                {
                    value = value * 8 + (scalars[index + 1 + length].value - 0x30)
                    length += 1
                }
                out.append(Unicode.Scalar(value) ?? "\u{FFFD}")
                index += 1 + length
            case "x", "u", "U":
                let count = escape == "x" ? 2 : escape == "u" ? 4 : 8
                index += 1
                guard let value = hex(count), let decoded = Unicode.Scalar(value) else {
                    throw error("invalid \\\(escape) escape in string literal", at: offset)
                }
                out.append(decoded)
                index += 1 + count
            default:
                out.append(scalar)
                out.append(escape)
                index += 2
            }
        }
        return String(out)
    }
}

extension String {
    fileprivate func replacingUnderscores() -> String {
        contains("_") ? String(filter { $0 != "_" }) : self
    }
}
