/// Names, strings, numbers and operators: the regular expressions of `tokenize` (`Name`, `ContStr`,
/// `Triple`, `Number`, `Special`), matched by hand over bytes in the same order of alternatives.
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
        var b = false
        var r = false
        var u = false
        var f = false
        for i in start..<end {
            switch bytes[i] | 0x20 {
            case UInt8(ascii: "b"):
                if b { return false }
                b = true
            case UInt8(ascii: "r"):
                if r { return false }
                r = true
            case UInt8(ascii: "u"):
                if u { return false }
                u = true
            case UInt8(ascii: "f"):
                if f { return false }
                f = true
            default: return false
            }
        }
        if u { return end - start == 1 }
        return !(b && f)
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

    // MARK: - Strings

    /// A string literal whose prefix starts at `start` and whose first quote is at `quote`.
    ///
    /// f-strings end where `tokenize` (before PEP 701) ends them; when that end would leave a
    /// PEP 701 f-string (quotes reused inside a replacement field) broken, the nesting-aware end is used.
    mutating func string(from start: Int, quote: Int) -> Bool {
        let q = bytes[quote]
        let triple = quote + 2 < count && bytes[quote + 1] == q && bytes[quote + 2] == q
        let startLine = line
        let startColumn = column(start)
        let isFormat = (start..<quote).contains { bytes[$0] | 0x20 == UInt8(ascii: "f") }
        let isRaw = (start..<quote).contains { bytes[$0] | 0x20 == UInt8(ascii: "r") }
        if isFormat, let end = formatStringEnd(quote: quote, triple: triple, raw: isRaw),
            plainStringEnd(quote: quote, triple: triple).map({ $0 != end }) ?? true
        {
            // Only PEP 701 f-strings get here; valid pre-3.12 f-strings end identically both ways.
            return finishString(start: start, end: end, startLine: startLine, startColumn: startColumn)
        }
        guard let end = plainStringEnd(quote: quote, triple: triple) else {
            error = PythonSyntaxError(
                code: triple ? .unterminatedTripleQuotedString : .unterminatedString, line: startLine,
                column: startColumn + 1,
                message: triple
                    ? "unterminated triple-quoted string literal (detected at line \(line))"
                    : "unterminated string literal (detected at line \(line))",
                hint: triple
                    ? "close the string with \(String(repeating: Character(Unicode.Scalar(q)), count: 3))"
                    : "close the string with \(Character(Unicode.Scalar(q))) before the end of the line")
            return false
        }
        return finishString(start: start, end: end, startLine: startLine, startColumn: startColumn)
    }

    mutating func finishString(start: Int, end: Int, startLine: Int, startColumn: Int) -> Bool {
        // Advance line bookkeeping over the string's bytes.
        var p = start
        while p < end {
            let c = bytes[p]
            if c == 0x0A || c == 0x0D {
                let after = newlineEnd(p)
                line += 1
                lineStart = after
                firstNonASCII = Int.max
                p = after
                continue
            }
            if c >= 0x80 && firstNonASCII == Int.max { firstNonASCII = p }
            p += 1
        }
        tokens.append(
            PythonToken(
                kind: .string, start: start, end: end, startLine: startLine, startColumn: startColumn,
                endLine: line, endColumn: column(end)))
        pos = end
        return true
    }

    /// The end of a string the way `tokenize` finds it: the next unescaped closing quote(s); a
    /// single-quoted string may continue across lines only with a backslash. Leaves `line` unchanged.
    func plainStringEnd(quote: Int, triple: Bool) -> Int? {
        let q = bytes[quote]
        var p = quote + (triple ? 3 : 1)
        while p < count {
            let c = bytes[p]
            if c == q {
                if !triple { return p + 1 }
                if p + 2 < count && bytes[p + 1] == q && bytes[p + 2] == q { return p + 3 }
            } else if c == UInt8(ascii: "\\") {
                p += 1
                if p < count && bytes[p] == 0x0D && p + 1 < count && bytes[p + 1] == 0x0A { p += 1 }
            } else if !triple && (c == 0x0A || c == 0x0D) {
                return nil
            }
            p += 1
        }
        return nil
    }

    /// The end of an f-string read with PEP 701's rules: replacement fields may contain any
    /// string, including one with the same quotes. Nil when it does not end that way.
    func formatStringEnd(quote: Int, triple: Bool, raw: Bool) -> Int? {
        var p = quote
        var depth = 0
        return formatStringEnd(&p, triple: triple, raw: raw, depth: &depth) ? p : nil
    }

    /// Scans an f-string from its opening quote at `p`; on success `p` is just past the closing quote.
    func formatStringEnd(_ p: inout Int, triple: Bool, raw: Bool, depth: inout Int) -> Bool {
        depth += 1
        defer { depth -= 1 }
        guard depth < 32 else { return false }
        let q = bytes[p]
        p += triple ? 3 : 1
        // Literal text, then a replacement field `{expr!c:spec}` whose spec is literal text again.
        var fieldDepth = 0  // nested `{` of replacement fields (format specs nest them)
        var bracketDepth = 0  // brackets inside the current expression
        var inExpression = false
        while p < count {
            let c = bytes[p]
            if !inExpression {
                if c == q {
                    if !triple { return fieldDepth == 0 ? finish(&p, 1) : false }
                    if p + 2 < count && bytes[p + 1] == q && bytes[p + 2] == q {
                        return fieldDepth == 0 ? finish(&p, 3) : false
                    }
                } else if c == UInt8(ascii: "\\") {
                    p += 2
                    continue
                } else if c == UInt8(ascii: "{") {
                    if fieldDepth == 0 && p + 1 < count && bytes[p + 1] == c {
                        p += 2
                        continue
                    }
                    fieldDepth += 1
                    inExpression = true
                    bracketDepth = 0
                } else if c == UInt8(ascii: "}") && fieldDepth > 0 {
                    fieldDepth -= 1
                    inExpression = false
                } else if !triple && (c == 0x0A || c == 0x0D) {
                    return false
                }
                p += 1
                continue
            }
            switch c {
            case UInt8(ascii: "'"), UInt8(ascii: "\""):
                var prefixFormat = false
                var prefixRaw = false
                var back = p
                while back > 0 && PythonLexer.isASCIINameStart(bytes[back - 1]) && p - back < 2 {
                    back -= 1
                }
                if back < p && isStringPrefix(back, p) {
                    prefixFormat = (back..<p).contains { bytes[$0] | 0x20 == UInt8(ascii: "f") }
                    prefixRaw = (back..<p).contains { bytes[$0] | 0x20 == UInt8(ascii: "r") }
                }
                let innerTriple = p + 2 < count && bytes[p + 1] == c && bytes[p + 2] == c
                if prefixFormat {
                    guard formatStringEnd(&p, triple: innerTriple, raw: prefixRaw, depth: &depth) else {
                        return false
                    }
                } else {
                    guard let end = plainStringEnd(quote: p, triple: innerTriple) else { return false }
                    p = end
                }
                continue
            case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
                bracketDepth += 1
            case UInt8(ascii: ")"), UInt8(ascii: "]"):
                bracketDepth -= 1
            case UInt8(ascii: "}"):
                if bracketDepth == 0 {
                    fieldDepth -= 1
                    inExpression = false
                } else {
                    bracketDepth -= 1
                }
            case UInt8(ascii: ":"):
                if bracketDepth == 0 {
                    // The format spec: literal text until this field's `}`.
                    inExpression = false
                }
            case UInt8(ascii: "#"):
                // A comment inside a (multi-line) replacement field.
                while p < count && bytes[p] != 0x0A && bytes[p] != 0x0D { p += 1 }
                continue
            case 0x0A, 0x0D:
                if !triple { return false }
            default:
                break
            }
            p += 1
        }
        return false
    }

    private func finish(_ p: inout Int, _ quotes: Int) -> Bool {
        p += quotes
        return true
    }

    // MARK: - Numbers

    /// `[0-9](?:_?[0-9])*`: the end of a digit run, or nil.
    func digitsEnd(_ p: Int) -> Int? {
        guard p < count, PythonLexer.isDigit(bytes[p]) else { return nil }
        var e = p + 1
        while e < count {
            if PythonLexer.isDigit(bytes[e]) {
                e += 1
            } else if bytes[e] == UInt8(ascii: "_") && e + 1 < count && PythonLexer.isDigit(bytes[e + 1]) {
                e += 2
            } else {
                break
            }
        }
        return e
    }

    /// `[eE][-+]?[0-9](?:_?[0-9])*`
    func exponentEnd(_ p: Int) -> Int? {
        guard p < count, bytes[p] | 0x20 == UInt8(ascii: "e") else { return nil }
        var e = p + 1
        if e < count && (bytes[e] == UInt8(ascii: "+") || bytes[e] == UInt8(ascii: "-")) { e += 1 }
        return digitsEnd(e)
    }

    /// `Pointfloat | Expfloat`
    func floatEnd(_ p: Int) -> Int? {
        if let d = digitsEnd(p), d < count, bytes[d] == UInt8(ascii: ".") {
            let fraction = digitsEnd(d + 1) ?? d + 1
            return exponentEnd(fraction) ?? fraction
        }
        if bytes[p] == UInt8(ascii: "."), let d = digitsEnd(p + 1) {
            return exponentEnd(d) ?? d
        }
        if let d = digitsEnd(p), let e = exponentEnd(d) { return e }
        return nil
    }

    func isImaginarySuffix(_ p: Int) -> Bool {
        p < count && bytes[p] | 0x20 == UInt8(ascii: "j")
    }

    /// `0[xX](?:_?[0-9a-fA-F])+` and its octal and binary siblings.
    func radixEnd(_ p: Int) -> Int? {
        guard p + 1 < count, bytes[p] == UInt8(ascii: "0") else { return nil }
        let marker = bytes[p + 1] | 0x20
        let isDigit: (UInt8) -> Bool
        switch marker {
        case UInt8(ascii: "x"): isDigit = { PythonLexer.isDigit($0) || ($0 | 0x20) &- 0x61 < 6 }
        case UInt8(ascii: "o"): isDigit = { $0 &- 0x30 < 8 }
        case UInt8(ascii: "b"): isDigit = { $0 &- 0x30 < 2 }
        default: return nil
        }
        var e = p + 2
        while e < count {
            if isDigit(bytes[e]) {
                e += 1
            } else if bytes[e] == UInt8(ascii: "_") && e + 1 < count && isDigit(bytes[e + 1]) {
                e += 2
            } else {
                break
            }
        }
        return e > p + 2 ? e : nil
    }

    /// A number the way `tokenize.Number` matches one; then what CPython's tokenizer rejects right
    /// after it (`1abc`, `1_`, `0777`, `0x`).
    mutating func number() -> Bool {
        let start = pos
        var end: Int
        if let d = digitsEnd(start), isImaginarySuffix(d) {
            end = d + 1
        } else if let f = floatEnd(start) {
            end = isImaginarySuffix(f) ? f + 1 : f
        } else if let r = radixEnd(start) {
            end = r
        } else if bytes[start] == UInt8(ascii: "0") {
            end = start + 1
            while end < count {
                if bytes[end] == UInt8(ascii: "0") {
                    end += 1
                } else if bytes[end] == UInt8(ascii: "_") && end + 1 < count
                    && bytes[end + 1] == UInt8(ascii: "0")
                {
                    end += 2
                } else {
                    break
                }
            }
        } else {
            end = digitsEnd(start) ?? start + 1
        }
        if let problem = numberProblem(start: start, end: end) {
            fail(.invalidNumber, at: problem.at, problem.message)
            return false
        }
        emit(.number, start, end)
        pos = end
        return true
    }

    /// What CPython's tokenizer reports about the characters right after a number.
    func numberProblem(start: Int, end: Int) -> (at: Int, message: String)? {
        guard end < count else { return nil }
        let next = bytes[end]
        let zero = bytes[start] == UInt8(ascii: "0")
        let radix: UInt8? =
            end - start >= 2 && zero && PythonLexer.isRadixMarker(bytes[start + 1]) ? bytes[start + 1] : nil
        if next == UInt8(ascii: "_") {
            return (end, "invalid \(radix.map(radixName) ?? "decimal") literal")
        }
        if radix == nil && zero && end == start + 1 && PythonLexer.isRadixMarker(next) {
            let after = end + 1
            if after < count && PythonLexer.isASCIINameContinue(bytes[after]) {
                return (
                    after,
                    "invalid digit '\(PythonLexer.character(bytes[after]))' in \(radixName(next)) literal"
                )
            }
            return (end, "invalid \(radixName(next)) literal")
        }
        if let radix, PythonLexer.isASCIINameContinue(next) {
            return (end, "invalid digit '\(PythonLexer.character(next))' in \(radixName(radix)) literal")
        }
        if radix == nil && zero && end == start + 1 && PythonLexer.isDigit(next) {
            return (
                start,
                "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers"
            )
        }
        if PythonLexer.isASCIINameStart(next) && !followedByKeyword(end) {
            return (start, "invalid decimal literal")
        }
        return nil
    }

    static func isRadixMarker(_ c: UInt8) -> Bool {
        let lower = c | 0x20
        return lower == UInt8(ascii: "x") || lower == UInt8(ascii: "o") || lower == UInt8(ascii: "b")
    }

    static func character(_ c: UInt8) -> Character { Character(Unicode.Scalar(c)) }

    func radixName(_ marker: UInt8) -> String {
        switch marker | 0x20 {
        case UInt8(ascii: "x"): "hexadecimal"
        case UInt8(ascii: "o"): "octal"
        default: "binary"
        }
    }

    /// `1if x else 2` is valid (CPython only warns): a keyword may follow a number directly.
    func followedByKeyword(_ p: Int) -> Bool {
        var e = p
        while e < count && PythonLexer.isASCIINameContinue(bytes[e]) { e += 1 }
        let word = Array(bytes[p..<e])
        for keyword in PythonLexer.keywordsAfterNumbers where Array(keyword.utf8) == word {
            return true
        }
        return false
    }

    static let keywordsAfterNumbers = ["and", "else", "for", "if", "in", "is", "not", "or"]

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
