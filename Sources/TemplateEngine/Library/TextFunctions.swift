import RelnaCore

/// Python's string methods as the filters use them, on Unicode scalars (Python's characters).
enum TextFunctions {
    /// `str.isspace()` for one character.
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F,
            0x3000:
            return true
        default:
            return false
        }
    }

    static func strip(_ text: String, characters: String?, leading: Bool = true, trailing: Bool = true)
        -> String
    {
        let scalars = Array(text.unicodeScalars)
        let set = characters.map { Set($0.unicodeScalars) }
        func strippable(_ scalar: Unicode.Scalar) -> Bool { set?.contains(scalar) ?? isSpace(scalar) }
        var start = 0
        var end = scalars.count
        if leading { while start < end, strippable(scalars[start]) { start += 1 } }
        if trailing { while end > start, strippable(scalars[end - 1]) { end -= 1 } }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[start..<end])
        return String(view)
    }

    /// `str.split(sep, maxsplit)`.
    static func split(_ text: String, separator: String?, maxSplit: Int) -> [String] {
        let scalars = Array(text.unicodeScalars)
        var parts: [String] = []
        func make(_ slice: ArraySlice<Unicode.Scalar>) -> String {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: slice)
            return String(view)
        }
        guard let separator else {
            var index = 0
            while index < scalars.count {
                while index < scalars.count, isSpace(scalars[index]) { index += 1 }
                if index == scalars.count { break }
                if maxSplit >= 0 && parts.count == maxSplit {
                    var end = scalars.count
                    while end > index, isSpace(scalars[end - 1]) { end -= 1 }
                    parts.append(make(scalars[index..<end]))
                    break
                }
                let start = index
                while index < scalars.count, !isSpace(scalars[index]) { index += 1 }
                parts.append(make(scalars[start..<index]))
            }
            return parts
        }
        let needle = Array(separator.unicodeScalars)
        guard !needle.isEmpty else { return [text] }
        var start = 0
        var index = 0
        while index + needle.count <= scalars.count {
            if maxSplit < 0 || parts.count < maxSplit,
                scalars[index..<index + needle.count].elementsEqual(needle)
            {
                parts.append(make(scalars[start..<index]))
                index += needle.count
                start = index
            } else {
                index += 1
            }
        }
        parts.append(make(scalars[start...]))
        return parts
    }

    /// `str.replace(old, new, count)`; an empty `old` inserts `new` around every character.
    static func replace(_ text: String, _ old: String, _ new: String, count: Int) -> String {
        let scalars = Array(text.unicodeScalars)
        let needle = Array(old.unicodeScalars)
        if !needle.isEmpty, count < 0, text.utf8.count >= old.utf8.count {
            // The common case works on UTF-8 bytes (matching code points is matching their bytes).
            return replaceBytes(text, old, new)
        }
        var out = String.UnicodeScalarView()
        var done = 0
        if needle.isEmpty {
            for scalar in scalars {
                if count < 0 || done < count {
                    out.append(contentsOf: new.unicodeScalars)
                    done += 1
                }
                out.append(scalar)
            }
            if count < 0 || done < count { out.append(contentsOf: new.unicodeScalars) }
            return String(out)
        }
        var index = 0
        while index < scalars.count {
            if count < 0 || done < count, index + needle.count <= scalars.count,
                scalars[index..<index + needle.count].elementsEqual(needle)
            {
                out.append(contentsOf: new.unicodeScalars)
                index += needle.count
                done += 1
            } else {
                out.append(scalars[index])
                index += 1
            }
        }
        return String(out)
    }

    /// The result size of `replace`, to refuse a blow-up before building it.
    static func replaceFits(_ text: String, _ old: String, _ new: String, count: Int, limit: Int) -> Bool {
        // When even a replacement at every byte stays within the limit, there is nothing to count.
        let (bound, wraps) = (text.utf8.count + 1).multipliedReportingOverflow(by: max(1, new.utf8.count) + 1)
        if !wraps && bound <= limit { return true }
        return replacedSize(text, old, new, count: count) <= limit
    }

    static func replacedSize(_ text: String, _ old: String, _ new: String, count: Int) -> Int {
        let length = text.unicodeScalars.count
        var occurrences: Int
        if old.isEmpty {
            occurrences = length + 1
        } else {
            occurrences = Self.occurrences(of: Array(old.utf8), in: Array(text.utf8))
        }
        if count >= 0 { occurrences = min(occurrences, count) }
        let (grown, overflow) = occurrences.multipliedReportingOverflow(by: new.utf8.count)
        return overflow ? Int.max : text.utf8.count &+ grown
    }

    /// Non-overlapping occurrences of a non-empty `needle`, left to right (Python's `str.count`).
    static func occurrences<Element: Equatable>(of needle: [Element], in haystack: [Element]) -> Int {
        var found = 0
        var index = 0
        while index + needle.count <= haystack.count {
            if haystack[index..<index + needle.count].elementsEqual(needle) {
                found += 1
                index += needle.count
            } else {
                index += 1
            }
        }
        return found
    }

    private static func replaceBytes(_ text: String, _ old: String, _ new: String) -> String {
        if old.utf8.count == 1, new.utf8.count == 1, let from = old.utf8.first, let to = new.utf8.first,
            from < 0x80, to < 0x80
        {
            // One ASCII byte for another (`replace('_', '-')`): a single pass, no search.
            guard text.utf8.contains(from) else { return text }
            return String(decoding: text.utf8.map { $0 == from ? to : $0 }, as: UTF8.self)
        }
        let haystack = Array(text.utf8)
        let needle = Array(old.utf8)
        let replacement = Array(new.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(haystack.count)
        var index = 0
        let first = needle[0]
        while index < haystack.count {
            if haystack[index] == first, index + needle.count <= haystack.count,
                haystack[index..<index + needle.count].elementsEqual(needle)
            {
                out.append(contentsOf: replacement)
                index += needle.count
            } else {
                out.append(haystack[index])
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func upper(_ scalar: Unicode.Scalar) -> String { scalar.properties.uppercaseMapping }
    static func lower(_ scalar: Unicode.Scalar) -> String { scalar.properties.lowercaseMapping }

    static func isCased(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.isCased }

    /// `str.capitalize()`: the first character in title case, the rest in lower case.
    static func capitalize(_ text: String) -> String {
        var out = ""
        for (position, scalar) in text.unicodeScalars.enumerated() {
            out += position == 0 ? scalar.properties.titlecaseMapping : lower(scalar)
        }
        return out
    }

    /// `str.title()`: title case after an uncased character.
    static func pythonTitle(_ text: String) -> String {
        var out = ""
        var previousCased = false
        for scalar in text.unicodeScalars {
            out += previousCased ? lower(scalar) : scalar.properties.titlecaseMapping
            previousCased = isCased(scalar)
        }
        return out
    }

    /// Jinja2's `title` filter: words start after whitespace, `-`, `(`, `{`, `[` or `<`.
    static func jinjaTitle(_ text: String) -> String {
        var out = ""
        var atStart = true
        for scalar in text.unicodeScalars {
            if isSpace(scalar) || "-({[<".unicodeScalars.contains(scalar) {
                out.unicodeScalars.append(scalar)
                atStart = true
                continue
            }
            out += atStart ? upper(scalar) : lower(scalar)
            atStart = false
        }
        return out
    }

    /// `str.splitlines()`.
    static func splitLines(_ text: String) -> [String] {
        var lines: [String] = []
        var current = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            switch scalar.value {
            case 0x0A, 0x0B, 0x0C, 0x0D, 0x1C, 0x1D, 0x1E, 0x85, 0x2028, 0x2029:
                lines.append(String(current))
                current = String.UnicodeScalarView()
                if scalar == "\r", index + 1 < scalars.count, scalars[index + 1] == "\n" { index += 1 }
            default:
                current.append(scalar)
            }
            index += 1
        }
        if !current.isEmpty { lines.append(String(current)) }
        return lines
    }

    /// Python's `\w`: letters, digits (numeric), and the underscore.
    static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    /// Jinja2's `center`: CPython's padding split.
    static func center(_ text: String, width: Int) -> String {
        let length = text.unicodeScalars.count
        guard width > length else { return text }
        let margin = width - length
        let left = margin / 2 + (margin & width & 1)
        return String(repeating: " ", count: left) + text + String(repeating: " ", count: margin - left)
    }

    /// Python's `float(str)`; nil when Python raises ValueError.
    static func parseFloat(_ text: String) -> Double? {
        let trimmed = strip(text, characters: nil)
        let lowered = trimmed.lowercased()
        var body = Substring(lowered)
        var negative = false
        if body.first == "+" || body.first == "-" {
            negative = body.first == "-"
            body = body.dropFirst()
        }
        if body == "inf" || body == "infinity" { return negative ? -.infinity : .infinity }
        if body == "nan" { return .nan }
        guard !body.isEmpty else { return nil }
        // Underscores only between digits.
        var cleaned = ""
        var previous: Character = " "
        let characters = Array(body)
        for (index, character) in characters.enumerated() {
            if character == "_" {
                guard previous.isASCII, previous.isNumber, index + 1 < characters.count,
                    characters[index + 1].isASCII, characters[index + 1].isNumber
                else { return nil }
            } else {
                guard character.isASCII, character.isNumber || "e.+-".contains(character) else { return nil }
                cleaned.append(character)
            }
            previous = character
        }
        guard let value = Double(cleaned) else { return nil }
        return negative ? -value : value
    }

    /// Python's `int(str, base)`; nil when Python raises ValueError.
    static func parseInt(_ text: String, base: Int) -> Int? {
        // Python accepts base 0 (from the prefix) or 2...36; anything else is a ValueError.
        guard base == 0 || (2...36).contains(base) else { return nil }
        let trimmed = strip(text, characters: nil)
        var body = Substring(trimmed)
        var negative = false
        if body.first == "+" || body.first == "-" {
            negative = body.first == "-"
            body = body.dropFirst()
        }
        var radix = base
        let lowered = body.lowercased()
        for (prefix, prefixBase) in [("0x", 16), ("0o", 8), ("0b", 2)] where lowered.hasPrefix(prefix) {
            if base == prefixBase || base == 0 {
                radix = prefixBase
                body = body.dropFirst(2)
                if body.first == "_" { body = body.dropFirst() }
            }
        }
        if radix == 0 { radix = 10 }
        guard !body.isEmpty, !body.hasPrefix("_"), !body.hasSuffix("_"), !body.contains("__") else {
            return nil
        }
        guard let value = Int(body.substituting("_", with: ""), radix: radix) else { return nil }
        return negative ? -value : value
    }
}
