/// Names (and string prefixes) and operators: `tokenize`'s `Name` and `Special` patterns, matched
/// by hand over bytes.
extension PythonLexer {
    // MARK: - Names and string prefixes

    /// A name, or a string when the name is a string prefix directly followed by a quote.
    mutating func nameOrString() -> Bool {
        let start = pos
        var p = pos
        var nonASCII = false
        while p < count {
            let c = bytes[p]
            if c < 0x80 {
                if !PythonLexer.isASCIINameContinue(c) { break }
                p += 1
                continue
            }
            guard let (scalar, length) = decodeScalar(at: p) else { break }
            let isStart = p == start
            if !(isStart ? PythonLexer.isNameStart(scalar) : PythonLexer.isNameContinue(scalar)) { break }
            noteNonASCII(p)
            nonASCII = true
            p += length
        }
        if p == start {
            // A character that can begin no token.
            let scalar = decodeScalar(at: p)?.0 ?? Unicode.Scalar(0xFFFD)!
            noteNonASCII(p)
            let hex = String(scalar.value, radix: 16, uppercase: true)
            let padded = String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            fail(
                .invalidCharacter, at: p, "invalid character '\(Character(scalar))' (U+\(padded))",
                hint: PythonLexer.hint(for: scalar))
            return false
        }
        if !nonASCII && p - start <= 2 && p < count
            && (bytes[p] == UInt8(ascii: "'") || bytes[p] == UInt8(ascii: "\""))
            && isStringPrefix(start, p)
        {
            return string(from: start, quote: p)
        }
        emit(.name, start, p)
        pos = p
        return true
    }

    /// `b`, `r`, `u`, `f`, `br`, `fr` in any order and case (`tokenize._all_string_prefixes`).
    func isStringPrefix(_ start: Int, _ end: Int) -> Bool {
        let (b, r, u, f): (UInt8, UInt8, UInt8, UInt8) = (1, 2, 4, 8)
        var seen: UInt8 = 0
        for i in start..<end {
            let letter: UInt8
            switch bytes[i] | 0x20 {
            case UInt8(ascii: "b"): letter = b
            case UInt8(ascii: "r"): letter = r
            case UInt8(ascii: "u"): letter = u
            case UInt8(ascii: "f"): letter = f
            default: return false
            }
            // No letter twice.
            if seen & letter != 0 { return false }
            seen |= letter
        }
        if seen & u != 0 { return end - start == 1 }
        return seen & (b | f) != (b | f)
    }

    /// Decodes the scalar at `p` (the input is valid UTF-8; nil guards against anything else).
    func decodeScalar(at p: Int) -> (Unicode.Scalar, Int)? {
        let c0 = UInt32(bytes[p])
        if c0 < 0x80 { return Unicode.Scalar(c0).map { ($0, 1) } }
        let length: Int
        var value: UInt32
        switch c0 {
        case 0xC2...0xDF:
            length = 2
            value = c0 & 0x1F
        case 0xE0...0xEF:
            length = 3
            value = c0 & 0x0F
        case 0xF0...0xF4:
            length = 4
            value = c0 & 0x07
        default: return nil
        }
        guard p + length <= count else { return nil }
        for i in 1..<length {
            let c = UInt32(bytes[p + i])
            guard c & 0xC0 == 0x80 else { return nil }
            value = value << 6 | (c & 0x3F)
        }
        return Unicode.Scalar(value).map { ($0, length) }
    }

    /// Python's `\w` (what `tokenize` takes as a name) that may also start an identifier.
    static func isNameStart(_ scalar: Unicode.Scalar) -> Bool {
        let properties = scalar.properties
        return properties.isXIDStart || isWordLetter(properties)
    }

    /// Python's `\w`, plus the combining marks and connectors identifiers may contain (XID_Continue).
    static func isNameContinue(_ scalar: Unicode.Scalar) -> Bool {
        let properties = scalar.properties
        return properties.isXIDContinue || isWordLetter(properties) || properties.numericType != nil
    }

    static func isWordLetter(_ properties: Unicode.Scalar.Properties) -> Bool {
        switch properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: true
        default: false
        }
    }

    /// What to write instead of a look-alike character students paste from documents.
    static func hint(for scalar: Unicode.Scalar) -> String? {
        switch scalar.value {
        case 0x2018, 0x2019, 0x201C, 0x201D:
            "use a plain quote (' or \") instead of a typographic one"
        case 0x2013, 0x2014, 0x2212: "use a plain minus sign '-'"
        case 0x00A0, 0x2000...0x200B, 0x3000: "replace the non-breaking or wide space with a plain space"
        case 0x00D7: "use '*' for multiplication"
        case 0x00F7: "use '/' for division"
        default: nil
        }
    }

    // MARK: - Operators

    /// The longest operator of `token.EXACT_TOKEN_TYPES` at `pos`; brackets are matched.
    mutating func operatorToken() -> Bool {
        let c = bytes[pos]
        let c1: UInt8 = pos + 1 < count ? bytes[pos + 1] : 0
        let c2: UInt8 = pos + 2 < count ? bytes[pos + 2] : 0
        let eq = UInt8(ascii: "=")
        var length = 1
        switch c {
        case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
            guard brackets.count < PythonTokenizer.maxBracketDepth else {
                fail(.tooDeeplyNested, at: pos, "too many nested parentheses")
                return false
            }
            brackets.append((c, line, column(pos)))
        case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
            guard let open = brackets.popLast() else {
                fail(
                    .unmatchedBracket, at: pos, "unmatched '\(Character(Unicode.Scalar(c)))'",
                    hint: "remove it, or add the opening bracket it closes")
                return false
            }
            if PythonLexer.closer(of: open.byte) != c {
                let opener = Character(Unicode.Scalar(open.byte))
                let onLine = open.line == line ? "" : " on line \(open.line)"
                fail(
                    .mismatchedBracket, at: pos,
                    "closing parenthesis '\(Character(Unicode.Scalar(c)))' does not match opening parenthesis '\(opener)'\(onLine)",
                    hint:
                        "close '\(opener)' with '\(Character(Unicode.Scalar(PythonLexer.closer(of: open.byte))))'"
                )
                return false
            }
        case UInt8(ascii: "*"), UInt8(ascii: "/"), UInt8(ascii: "<"), UInt8(ascii: ">"):
            if c1 == c {
                length = c2 == eq ? 3 : 2
            } else if c1 == eq {
                length = 2
            }
        case UInt8(ascii: "-"):
            if c1 == eq || c1 == UInt8(ascii: ">") { length = 2 }
        case UInt8(ascii: ":"), UInt8(ascii: "="), UInt8(ascii: "%"), UInt8(ascii: "&"), UInt8(ascii: "+"),
            UInt8(ascii: "@"), UInt8(ascii: "^"), UInt8(ascii: "|"):
            if c1 == eq { length = 2 }
        case UInt8(ascii: "!"):
            guard c1 == eq else { return invalid() }
            length = 2
        case UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "~"):
            break
        default:
            return invalid()
        }
        emit(.op, pos, pos + length)
        pos += length
        return true
    }

    private mutating func invalid() -> Bool {
        let c = bytes[pos]
        if c < 0x20 || c == 0x7F {
            let hex = String(c, radix: 16, uppercase: true)
            fail(
                .invalidCharacter, at: pos,
                "invalid non-printable character U+\(String(repeating: "0", count: 4 - hex.count))\(hex)",
                hint: "delete the invisible control character")
        } else {
            fail(.invalidCharacter, at: pos, "invalid character '\(Character(Unicode.Scalar(c)))'")
        }
        return false
    }
}
