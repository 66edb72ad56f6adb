/// Splits a template into tokens with Jinja2's rules under `trim_blocks=True, lstrip_blocks=True`:
/// `-` strips all whitespace on its side, `+` disables lstrip/trim for its side, a block or comment
/// tag alone on a line takes its indentation and newline with it.
struct Lexer {
    let source: SourceText
    private let name: String
    var bytes: [UInt8] { source.bytes }
    var position = 0
    /// True when the previous match ended a line (Jinja2's `line_starting`).
    private var lineStarting = true
    var lexemes: [Lexeme] = []
    private var brackets: [(closer: UInt8, offset: Int)] = []

    init(source: SourceText, name: String) {
        self.source = source
        self.name = name
    }

    /// `\r\n` and `\r` become `\n`, as Jinja2 normalizes them before lexing.
    static func normalizeNewlines(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var previousCR = false
        for byte in text.utf8 {
            if byte == 0x0D {
                out.append(0x0A)
                previousCR = true
                continue
            }
            if byte == 0x0A && previousCR {
                previousCR = false
                continue
            }
            previousCR = false
            out.append(byte)
        }
        return out
    }

    func error(_ message: String, at offset: Int) -> TemplateError {
        TemplateError(templateName: name, offset: offset, message: message, source: source)
    }

    /// Python's `str.isspace()` for the ASCII range (the template's own whitespace).
    @inline(__always) static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) || (byte >= 0x1C && byte <= 0x1F)
    }

    private enum TagKind {
        case variable, block, comment
    }

    mutating func tokenize() throws(TemplateError) -> [Lexeme] {
        let count = bytes.count
        while position < count {
            // Find the next tag opener: `{{`, `{%` or `{#`.
            var scan = position
            var found: (kind: TagKind, at: Int)? = nil
            while scan + 1 < count {
                if bytes[scan] == UInt8(ascii: "{") {
                    let next = bytes[scan + 1]
                    if next == UInt8(ascii: "{") {
                        found = (.variable, scan)
                        break
                    } else if next == UInt8(ascii: "%") {
                        found = (.block, scan)
                        break
                    } else if next == UInt8(ascii: "#") {
                        found = (.comment, scan)
                        break
                    }
                }
                scan += 1
            }
            guard let (kind, tagStart) = found else {
                emitText(from: position, to: count)
                position = count
                break
            }
            var afterOpener = tagStart + 2
            var sign: UInt8 = 0
            if afterOpener < count,
                bytes[afterOpener] == UInt8(ascii: "-") || bytes[afterOpener] == UInt8(ascii: "+")
            {
                sign = bytes[afterOpener]
                afterOpener += 1
            }
            let textEnd = strippedTextEnd(
                start: position, end: tagStart, sign: sign, lstrip: kind != .variable)
            emitText(from: position, to: textEnd)
            lineStarting = false
            switch kind {
            case .comment:
                try lexComment(start: tagStart, bodyStart: afterOpener)
            case .variable:
                lexemes.append(Lexeme(token: .variableBegin, offset: tagStart))
                position = afterOpener
                try lexTag(isBlock: false, start: tagStart)
            case .block:
                if let rawEnd = matchRawBegin(at: afterOpener) {
                    position = rawEnd
                    lineStarting = rawEnd > 0 && bytes[rawEnd - 1] == 0x0A
                    try lexRaw(start: tagStart)
                } else {
                    lexemes.append(Lexeme(token: .blockBegin, offset: tagStart))
                    position = afterOpener
                    try lexTag(isBlock: true, start: tagStart)
                }
            }
        }
        lexemes.append(Lexeme(token: .end, offset: count))
        return lexemes
    }

    private mutating func emitText(from start: Int, to end: Int) {
        guard end > start else { return }
        lexemes.append(
            Lexeme(token: .text(String(decoding: bytes[start..<end], as: UTF8.self)), offset: start))
    }

    /// Where the text before a tag ends once `-` (strip all) or lstrip_blocks (strip the tag's
    /// indentation when it is alone on its line) has been applied.
    private func strippedTextEnd(start: Int, end: Int, sign: UInt8, lstrip: Bool) -> Int {
        if sign == UInt8(ascii: "-") {
            var cut = end
            while cut > start, Self.isSpace(bytes[cut - 1]) { cut -= 1 }
            return cut
        }
        guard sign != UInt8(ascii: "+"), lstrip else { return end }
        var lineStart = end
        while lineStart > start, bytes[lineStart - 1] != 0x0A { lineStart -= 1 }
        guard lineStart > start || lineStarting else { return end }
        guard lineStart < end else { return end }
        for index in lineStart..<end where !Self.isSpace(bytes[index]) { return end }
        return lineStart
    }

    private func skipSpaces(from index: Int) -> Int {
        var index = index
        while index < bytes.count, Self.isSpace(bytes[index]) { index += 1 }
        return index
    }

    private func matches(_ literal: StaticString, at index: Int) -> Bool {
        let length = literal.utf8CodeUnitCount
        guard index + length <= bytes.count else { return false }
        let pointer = literal.utf8Start
        for offset in 0..<length where bytes[index + offset] != pointer[offset] { return false }
        return true
    }

    /// `\s*raw\s*(-%}\s*|%})` after `{%[-+]?`; returns the end of the match.
    private func matchRawBegin(at index: Int) -> Int? {
        var cursor = skipSpaces(from: index)
        guard matches("raw", at: cursor) else { return nil }
        cursor = skipSpaces(from: cursor + 3)
        if matches("-%}", at: cursor) { return skipSpaces(from: cursor + 3) }
        if matches("%}", at: cursor) { return cursor + 2 }
        return nil
    }

    /// The end of a block/comment closer at `index` (`+%}`, `-%}\s*`, `%}\n?`), or nil.
    private func matchCloser(at index: Int, mark: UInt8) -> Int? {
        guard index < bytes.count else { return nil }
        let first = bytes[index]
        if first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            guard index + 2 < bytes.count, bytes[index + 1] == mark, bytes[index + 2] == UInt8(ascii: "}")
            else { return nil }
            return first == UInt8(ascii: "+") ? index + 3 : skipSpaces(from: index + 3)
        }
        guard first == mark, index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "}") else {
            return nil
        }
        if index + 2 < bytes.count, bytes[index + 2] == 0x0A { return index + 3 }
        return index + 2
    }

    private mutating func lexComment(start: Int, bodyStart: Int) throws(TemplateError) {
        var index = bodyStart
        while index < bytes.count {
            if let end = matchCloser(at: index, mark: UInt8(ascii: "#")) {
                position = end
                lineStarting = bytes[end - 1] == 0x0A
                return
            }
            index += 1
        }
        throw error("comment opened here is never closed with '#}'", at: start)
    }

    private mutating func lexRaw(start: Int) throws(TemplateError) {
        let bodyStart = position
        var index = bodyStart
        while index + 1 < bytes.count {
            if bytes[index] == UInt8(ascii: "{"), bytes[index + 1] == UInt8(ascii: "%") {
                var cursor = index + 2
                var sign: UInt8 = 0
                if cursor < bytes.count,
                    bytes[cursor] == UInt8(ascii: "-") || bytes[cursor] == UInt8(ascii: "+")
                {
                    sign = bytes[cursor]
                    cursor += 1
                }
                cursor = skipSpaces(from: cursor)
                if matches("endraw", at: cursor) {
                    cursor = skipSpaces(from: cursor + 6)
                    if let end = matchCloser(at: cursor, mark: UInt8(ascii: "%")) {
                        let textEnd = strippedTextEnd(start: bodyStart, end: index, sign: sign, lstrip: true)
                        emitText(from: bodyStart, to: textEnd)
                        position = end
                        lineStarting = bytes[end - 1] == 0x0A
                        return
                    }
                }
            }
            index += 1
        }
        throw error("'raw' block opened here is never closed with '{% endraw %}'", at: start)
    }

    /// Tokens inside `{{ … }}` or `{% … %}` up to and including the closer.
    private mutating func lexTag(isBlock: Bool, start: Int) throws(TemplateError) {
        brackets.removeAll(keepingCapacity: true)
        let count = bytes.count
        while true {
            if brackets.isEmpty {
                if isBlock, let end = matchCloser(at: position, mark: UInt8(ascii: "%")) {
                    lexemes.append(Lexeme(token: .blockEnd, offset: position))
                    position = end
                    lineStarting = bytes[end - 1] == 0x0A
                    return
                }
                if !isBlock {
                    if matches("-}}", at: position) {
                        lexemes.append(Lexeme(token: .variableEnd, offset: position))
                        position = skipSpaces(from: position + 3)
                        lineStarting = bytes[position - 1] == 0x0A
                        return
                    }
                    if matches("}}", at: position) {
                        lexemes.append(Lexeme(token: .variableEnd, offset: position))
                        position += 2
                        lineStarting = false
                        return
                    }
                }
            }
            guard position < count else {
                let what = isBlock ? "'%}' to close the statement" : "'}}' to close the expression"
                if let open = brackets.last {
                    throw error(
                        "expected '\(Character(Unicode.Scalar(open.closer)))' to close the bracket opened at "
                            + source.position(of: open.offset), at: count)
                }
                throw error(
                    "unexpected end of template; expected \(what) opened at \(source.position(of: start))",
                    at: count)
            }
            let byte = bytes[position]
            if Self.isSpace(byte) {
                position += 1
                continue
            }
            let tokenStart = position
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                try lexNumber()
                continue
            }
            if Self.isNameStart(byte) {
                var end = position + 1
                while end < count, Self.isNameStart(bytes[end]) || (bytes[end] >= 0x30 && bytes[end] <= 0x39)
                {
                    end += 1
                }
                lexemes.append(
                    Lexeme(
                        token: .name(String(decoding: bytes[position..<end], as: UTF8.self)),
                        offset: tokenStart))
                position = end
                continue
            }
            if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") {
                try lexString(quote: byte)
                continue
            }
            try lexOperator()
        }
    }

    @inline(__always) static func isNameStart(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || byte == UInt8(ascii: "_")
    }

    private mutating func lexOperator() throws(TemplateError) {
        let start = position
        let byte = bytes[position]
        let next: UInt8 = position + 1 < bytes.count ? bytes[position + 1] : 0
        var op: String
        switch (byte, next) {
        case (UInt8(ascii: "/"), UInt8(ascii: "/")): op = "//"
        case (UInt8(ascii: "*"), UInt8(ascii: "*")): op = "**"
        case (UInt8(ascii: "="), UInt8(ascii: "=")): op = "=="
        case (UInt8(ascii: "!"), UInt8(ascii: "=")): op = "!="
        case (UInt8(ascii: ">"), UInt8(ascii: "=")): op = ">="
        case (UInt8(ascii: "<"), UInt8(ascii: "=")): op = "<="
        default:
            switch byte {
            case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "/"), UInt8(ascii: "*"),
                UInt8(ascii: "%"),
                UInt8(ascii: "~"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "("), UInt8(ascii: ")"),
                UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: ">"), UInt8(ascii: "<"), UInt8(ascii: "="),
                UInt8(ascii: "."), UInt8(ascii: ":"), UInt8(ascii: "|"), UInt8(ascii: ","), UInt8(ascii: ";"):
                op = String(Character(Unicode.Scalar(byte)))
            default:
                let scalar = String(decoding: bytes[position...].prefix(4), as: UTF8.self).unicodeScalars
                    .first
                let shown = scalar.map { String(Character($0)) } ?? "?"
                throw error("unexpected character '\(shown)'", at: start)
            }
        }
        switch op {
        case "(": brackets.append((UInt8(ascii: ")"), start))
        case "[": brackets.append((UInt8(ascii: "]"), start))
        case "{": brackets.append((UInt8(ascii: "}"), start))
        case ")", "]", "}":
            guard let open = brackets.popLast() else { throw error("unexpected '\(op)'", at: start) }
            if open.closer != byte {
                throw error(
                    "unexpected '\(op)'; expected '\(Character(Unicode.Scalar(open.closer)))' to close the "
                        + "bracket opened at \(source.position(of: open.offset))", at: start)
            }
        default: break
        }
        lexemes.append(Lexeme(token: .op(op), offset: start))
        position += op.utf8.count
        op = ""
    }
}
