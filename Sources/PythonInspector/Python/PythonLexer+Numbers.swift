/// Numbers: `tokenize.Number` (the same order of alternatives), then what CPython's tokenizer
/// rejects right after a number.
extension PythonLexer {
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
}
