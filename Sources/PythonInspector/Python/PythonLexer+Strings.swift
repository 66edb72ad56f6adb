/// String literals: `tokenize`'s `ContStr` and `Triple` patterns, and PEP 701 f-strings.
extension PythonLexer {
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
}
