import RelnaCore

/// Python's `str()`, `repr()` and `json.dumps()` texts for template values, byte for byte.
enum PythonText {
    /// `str(value)`.
    static func str(_ value: TemplateValue) -> String {
        switch value {
        case .string(let text): return text
        default:
            var out = ""
            appendRepr(value, to: &out)
            return out
        }
    }

    /// `repr(value)`.
    static func repr(_ value: TemplateValue) -> String {
        var out = ""
        appendRepr(value, to: &out)
        return out
    }

    static func appendRepr(_ value: TemplateValue, to out: inout String) {
        appendRepr(value, to: &out, checkingFloat: { (_) throws(Never) in })
    }

    /// `repr(value)`, handing every float to `check` first (pyrepr refuses the non-finite ones), so
    /// both filters share one walk of lists and dicts.
    static func appendRepr<Failure: Error>(
        _ value: TemplateValue, to out: inout String, checkingFloat check: (Double) throws(Failure) -> Void
    ) throws(Failure) {
        switch value {
        case .none: out += "None"
        case .bool(let flag): out += flag ? "True" : "False"
        case .int(let number): out += String(number)
        case .double(let number):
            try check(number)
            out += floatRepr(number)
        case .string(let text): appendStringRepr(text, to: &out)
        case .list(let items):
            out += "["
            for (position, item) in items.enumerated() {
                if position > 0 { out += ", " }
                try appendRepr(item, to: &out, checkingFloat: check)
            }
            out += "]"
        case .dict(let dictionary):
            out += "{"
            var first = true
            for (key, item) in dictionary {
                if !first { out += ", " }
                first = false
                appendStringRepr(key, to: &out)
                out += ": "
                try appendRepr(item, to: &out, checkingFloat: check)
            }
            out += "}"
        }
    }

    /// `float.__repr__`: the shortest digits that round-trip, fixed notation for 1e-4 <= |x| < 1e16.
    static func floatRepr(_ number: Double) -> String {
        if number.isNaN { return "nan" }
        if number.isInfinite { return number < 0 ? "-inf" : "inf" }
        if number == 0 { return number.sign == .minus ? "-0.0" : "0.0" }
        // Fast path: whole numbers below 2^53 print as "<integer>.0" in both languages.
        if number.magnitude < 9_007_199_254_740_992, number == number.rounded(.towardZero) {
            return String(Int(number)) + ".0"
        }
        // Between 1e-4 and 2^53 Swift's description already uses Python's fixed notation.
        if number.magnitude >= 1e-4, number.magnitude < 9_007_199_254_740_992 {
            let text = number.description
            if !text.utf8.contains(UInt8(ascii: "e")) { return text }
        }
        // Swift's description has the same shortest round-trip digits; only the layout differs.
        let text = number.magnitude.description
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...]) ?? 0
        }
        var digits: [Character] = []
        var integerDigits = 0
        var seenPoint = false
        for character in mantissa {
            if character == "." {
                seenPoint = true
                continue
            }
            digits.append(character)
            if !seenPoint { integerDigits += 1 }
        }
        var decimalPoint = integerDigits + exponent
        while let first = digits.first, first == "0", digits.count > 1 {
            digits.removeFirst()
            decimalPoint -= 1
        }
        while let last = digits.last, last == "0", digits.count > 1 { digits.removeLast() }
        var out = number < 0 ? "-" : ""
        if decimalPoint <= -4 || decimalPoint > 16 {
            out.append(digits[0])
            if digits.count > 1 {
                out += "."
                out += String(digits[1...])
            }
            let shown = decimalPoint - 1
            out += shown < 0 ? "e-" : "e+"
            let magnitude = String(abs(shown))
            if magnitude.count < 2 { out += "0" }
            out += magnitude
        } else if decimalPoint <= 0 {
            out += "0." + String(repeating: "0", count: -decimalPoint) + String(digits)
        } else if decimalPoint >= digits.count {
            out += String(digits) + String(repeating: "0", count: decimalPoint - digits.count) + ".0"
        } else {
            out += String(digits[..<decimalPoint]) + "." + String(digits[decimalPoint...])
        }
        return out
    }

    /// Python's `str.isprintable()` for one character: not a control, format, surrogate, private,
    /// unassigned or separator character (the ASCII space excepted).
    static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x7F { return scalar.value >= 0x20 }
        switch scalar.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator,
            .paragraphSeparator, .spaceSeparator:
            return false
        default:
            return true
        }
    }

    /// `repr(str)`: single quotes unless the text has a single quote and no double quote.
    static func appendStringRepr(_ text: String, to out: inout String) {
        var hasSingle = false
        var hasDouble = false
        for byte in text.utf8 {
            if byte == UInt8(ascii: "'") {
                hasSingle = true
            } else if byte == UInt8(ascii: "\"") {
                hasDouble = true
            }
        }
        let doubleQuoted = hasSingle && !hasDouble
        out += doubleQuoted ? "\"" : "'"
        (doubleQuoted ? doubleQuotedRepr : singleQuotedRepr).append(text, to: &out)
        out += doubleQuoted ? "\"" : "'"
    }

    private static func reprEscaper(quote: Unicode.Scalar) -> TextEscaper {
        TextEscaper(
            replacements: [quote: "\\" + String(quote), "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"]
        ) { scalar in
            if isPrintable(scalar) { return nil }
            if scalar.value < 0x100 { return .hex(prefix: "\\x", width: 2, uppercase: false) }
            if scalar.value < 0x10000 { return .hex(prefix: "\\u", width: 4, uppercase: false) }
            return .hex(prefix: "\\U", width: 8, uppercase: false)
        }
    }

    private static let singleQuotedRepr = reprEscaper(quote: "'")
    private static let doubleQuotedRepr = reprEscaper(quote: "\"")

    /// `json.dumps(s)` (ensure_ascii) made HTML-safe as Jinja2's `tojson` does.
    static func appendJSONString(_ text: String, to out: inout String) {
        out += "\""
        // Fast path: printable ASCII with nothing to escape is copied as is.
        let plain = text.utf8.allSatisfy { byte in
            byte >= 0x20 && byte <= 0x7E && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\")
                && byte != UInt8(ascii: "<") && byte != UInt8(ascii: ">") && byte != UInt8(ascii: "&")
                && byte != UInt8(ascii: "'")
        }
        if plain {
            out += text
        } else {
            htmlSafeJSON.append(text, to: &out)
        }
        out += "\""
    }

    private static let htmlSafeJSON = TextEscaper(
        replacements: [
            "\"": "\\\"", "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\u{08}": "\\b",
            "\u{0C}": "\\f", "<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "'": "\\u0027",
        ]
    ) { scalar in
        guard scalar.value < 0x20 || scalar.value > 0x7E else { return nil }
        guard scalar.value >= 0x10000 else { return .hex(prefix: "\\u", width: 4, uppercase: false) }
        // Outside the BMP `json.dumps` writes a UTF-16 surrogate pair.
        let value = scalar.value - 0x10000
        let unit = TextEscaper.Form.hex(prefix: "\\u", width: 4, uppercase: false)
        let high = TextEscaper.written(0xD800 + (value >> 10), as: unit)
        let low = TextEscaper.written(0xDC00 + (value & 0x3FF), as: unit)
        return .text(high + low)
    }
}
