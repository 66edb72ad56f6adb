import Foundation

/// The byte-level checks CPython makes before tokenizing: a UTF-8 byte-order mark, the PEP 263 coding
/// cookie, UTF-8 validity and NUL bytes. relna-pack reads agent files as UTF-8 only.
enum PythonSourceDecoding {
    struct Decoded {
        /// The source without its byte-order mark.
        var bytes: [UInt8]
        /// Errors that make the bytes unusable as text (not UTF-8, a NUL byte).
        var fatal: PythonSyntaxError?
        /// An error that still leaves readable UTF-8 text (a cookie naming another encoding).
        var cookie: PythonSyntaxError?
    }

    static func decode(_ input: [UInt8]) -> Decoded {
        var bytes = input
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF {
            bytes.removeFirst(3)
        }
        let fatal = firstInvalidByte(bytes)
        let cookie = fatal == nil ? cookieError(bytes) : nil
        return Decoded(bytes: bytes, fatal: fatal, cookie: cookie)
    }

    /// The first byte that is not part of well-formed UTF-8, or the first NUL, located.
    static func firstInvalidByte(_ bytes: [UInt8]) -> PythonSyntaxError? {
        bytes.withUnsafeBufferPointer { b -> PythonSyntaxError? in
            guard let base = b.baseAddress else { return nil }
            let n = b.count
            var i = 0
            while i < n {
                // Eight ASCII bytes at a time, none of them NUL.
                if i + 8 <= n {
                    let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                    let high: UInt64 = 0x8080_8080_8080_8080
                    let hasZero = (word &- 0x0101_0101_0101_0101) & ~word & high
                    if word & high == 0 && hasZero == 0 {
                        i += 8
                        continue
                    }
                }
                let c = b[i]
                if c >= 0x01 && c < 0x80 {
                    i += 1
                    continue
                }
                if c == 0 {
                    return located(b, i, .nullByte, "source code cannot contain null bytes")
                }
                let length: Int
                var lower: UInt8 = 0x80
                var upper: UInt8 = 0xBF
                switch c {
                case 0xC2...0xDF: length = 2
                case 0xE0:
                    length = 3
                    lower = 0xA0
                case 0xE1...0xEC, 0xEE...0xEF: length = 3
                case 0xED:
                    length = 3
                    upper = 0x9F
                case 0xF0:
                    length = 4
                    lower = 0x90
                case 0xF1...0xF3: length = 4
                case 0xF4:
                    length = 4
                    upper = 0x8F
                default:
                    return invalidUTF8(b, i)
                }
                guard i + length <= n, b[i + 1] >= lower, b[i + 1] <= upper else { return invalidUTF8(b, i) }
                for k in 2..<max(2, length) where b[i + k] & 0xC0 != 0x80 { return invalidUTF8(b, i) }
                i += length
            }
            return nil
        }
    }

    static func invalidUTF8(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> PythonSyntaxError {
        let hex = String(b[i], radix: 16)
        return located(
            b, i, .invalidUTF8,
            "the file is not valid UTF-8: byte 0x\(hex.count == 1 ? "0" : "")\(hex) cannot start or continue a character",
            hint: "save the file as UTF-8")
    }

    /// An error at byte `i`: 1-based line and 1-based column in scalars (bad bytes count as one).
    static func located(
        _ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ code: PythonSyntaxError.Code, _ message: String,
        hint: String? = nil
    ) -> PythonSyntaxError {
        var line = 1
        var lineStart = 0
        var k = 0
        while k < i {
            if b[k] == 0x0A || (b[k] == 0x0D && (k + 1 >= b.count || b[k + 1] != 0x0A)) {
                line += 1
                lineStart = k + 1
            }
            k += 1
        }
        var column = 1
        for j in lineStart..<i where b[j] & 0xC0 != 0x80 { column += 1 }
        return PythonSyntaxError(code: code, line: line, column: column, message: message, hint: hint)
    }

    /// A PEP 263 cookie (`# -*- coding: NAME -*-` on line 1, or line 2 after a comment or blank line)
    /// naming anything but UTF-8.
    static func cookieError(_ bytes: [UInt8]) -> PythonSyntaxError? {
        var lineStart = 0
        for lineNumber in 1...2 {
            guard lineStart < bytes.count else { return nil }
            var end = lineStart
            while end < bytes.count && bytes[end] != 0x0A && bytes[end] != 0x0D { end += 1 }
            let text = String(decoding: bytes[lineStart..<end], as: UTF8.self)
            let trimmed = text.drop { $0 == " " || $0 == "\t" || $0 == "\u{0C}" }
            guard trimmed.first == "#" else { return nil }
            if let (name, offset) = cookie(in: trimmed) {
                let normalized = name.lowercased().replacingOccurrences(of: "_", with: "-")
                if normalized == "utf-8" || normalized == "utf8" || normalized.hasPrefix("utf-8-") {
                    return nil
                }
                let column = text.unicodeScalars.count - trimmed.unicodeScalars.count + offset + 1
                return PythonSyntaxError(
                    code: .encodingCookie, line: lineNumber, column: column,
                    message: "the file declares the encoding '\(name)'; agent files must be UTF-8",
                    hint: "save the file as UTF-8 and remove the coding declaration")
            }
            var next = end
            if next < bytes.count && bytes[next] == 0x0D { next += 1 }
            if next < bytes.count && bytes[next] == 0x0A { next += 1 }
            lineStart = next
        }
        return nil
    }

    /// `coding[:=][ \t]*([-\w.]+)` in a comment line: the name and its scalar offset in `comment`.
    static func cookie(in comment: Substring) -> (String, Int)? {
        let scalars = Array(comment.unicodeScalars)
        let word: [Unicode.Scalar] = ["c", "o", "d", "i", "n", "g"]
        var i = 0
        while i + word.count < scalars.count {
            if Array(scalars[i..<(i + word.count)]) == word
                && (scalars[i + word.count] == ":" || scalars[i + word.count] == "=")
            {
                var j = i + word.count + 1
                while j < scalars.count && (scalars[j] == " " || scalars[j] == "\t") { j += 1 }
                let start = j
                while j < scalars.count
                    && (scalars[j] == "-" || scalars[j] == "." || scalars[j] == "_"
                        || scalars[j].properties.isAlphabetic || scalars[j].properties.numericType != nil)
                {
                    j += 1
                }
                if j > start {
                    var name = ""
                    name.unicodeScalars.append(contentsOf: scalars[start..<j])
                    return (name, start)
                }
            }
            i += 1
        }
        return nil
    }
}
