/// A Python 3 tokenizer over UTF-8 bytes that produces the token stream of CPython's `tokenize`
/// module (3.11: f-strings are single STRING tokens), and reports the first error CPython's own
/// tokenizer would see, located as CPython's `SyntaxError` locates it.
///
/// It works on bytes and records byte ranges so that scanning allocates nothing per token; columns are
/// counted in Unicode scalars, as `tokenize` counts them.
public enum PythonTokenizer {
    /// CPython's limit on bracket nesting (`MAXLEVEL` in the C tokenizer).
    public static let maxBracketDepth = 200
    /// CPython's limit on indentation levels (`MAXINDENT`).
    public static let maxIndentDepth = 100

    /// Tokenizes `bytes`, a UTF-8 source without its byte-order mark. Never fails: an error ends the
    /// stream (with an ENDMARKER) and is recorded in `error`.
    public static func tokenize(_ bytes: [UInt8]) -> PythonTokenStream {
        var lexer = PythonLexer()
        guard bytes.count < Int(Int32.max) else {
            let error = PythonSyntaxError(
                code: .tooLarge, line: 1, column: 1, message: "the file is too large to read (2 GiB or more)")
            return PythonTokenStream(bytes: [], tokens: [], error: error)
        }
        bytes.withUnsafeBufferPointer { buffer in
            lexer.run(buffer)
        }
        return PythonTokenStream(bytes: bytes, tokens: lexer.tokens, error: lexer.error)
    }
}

/// The tokenizer's state while it walks one buffer.
struct PythonLexer {
    var tokens: [PythonToken] = []
    var error: PythonSyntaxError?

    var bytes = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    var count = 0
    var pos = 0
    /// The current physical line (1-based) and the byte offset where it starts.
    var line = 1
    var lineStart = 0
    /// The first byte ≥ 0x80 on the current line, or Int.max: columns before it are byte distances.
    var firstNonASCII = Int.max
    /// The last column computed past `firstNonASCII`: (byte offset, column, line).
    var columnCache = (offset: 0, column: 0, line: 0)
    /// Open brackets: the byte, and where it is (1-based line, 0-based column).
    var brackets: [(byte: UInt8, line: Int, column: Int)] = []
    /// Indentation levels with tabs to multiples of 8 (`indents`) and tabs as 1 (`altIndents`), as
    /// CPython compares them to detect ambiguous mixes of tabs and spaces.
    var indents: [Int] = [0]
    var altIndents: [Int] = [0]
    var continued = false

    /// How one step of `run` ended.
    enum LineEnd {
        /// On to the next line.
        case nextLine
        /// The source ended inside a line (no final line break).
        case endedMidLine
        /// `tokenize` stops at a whitespace-only last line without a line break.
        case stoppedOnBlankTail
        /// An error was recorded.
        case stop
    }

    mutating func run(_ buffer: UnsafeBufferPointer<UInt8>) {
        bytes = buffer
        count = buffer.count
        tokens.reserveCapacity(count / 3 + 16)
        var end = LineEnd.nextLine
        while error == nil, pos < count {
            if brackets.isEmpty && !continued {
                if let early = statementStart() {
                    end = early
                    if early == .nextLine { continue }
                    break
                }
            } else {
                continued = false
            }
            end = lineTokens()
            if end != .nextLine { break }
        }
        finish(endedMidLine: end == .endedMidLine, stoppedOnBlankTail: end == .stoppedOnBlankTail)
    }

    /// At the start of a statement: measures its indentation and emits INDENT/DEDENT, or handles a
    /// blank or comment-only line whole. nil: go on to the line's tokens.
    mutating func statementStart() -> LineEnd? {
        var column = 0
        var alt = 0
        var p = pos
        while p < count {
            let c = bytes[p]
            if c == 0x20 {
                column += 1
                alt += 1
            } else if c == 0x09 {
                column = (column / 8 + 1) * 8
                alt += 1
            } else if c == 0x0C {
                column = 0
                alt = 0
            } else {
                break
            }
            p += 1
        }
        if p >= count {
            // `tokenize` stops at a whitespace-only last line without a line break.
            return .stoppedOnBlankTail
        }
        let c = bytes[p]
        if c == UInt8(ascii: "#") || c == 0x0A || c == 0x0D {
            var e = p
            if c == UInt8(ascii: "#") {
                e = commentEnd(p)
                emit(.comment, p, e)
            }
            if e >= count {
                emit(.nl, e, e)
                return .endedMidLine
            }
            let after = newlineEnd(e)
            emit(.nl, e, after)
            startLine(at: after)
            return .nextLine
        }
        if !indent(column: column, alt: alt, at: p) { return .stop }
        pos = p
        return nil
    }

    /// The tokens of one physical line, from `pos` to its line break (or a backslash continuation).
    mutating func lineTokens() -> LineEnd {
        while true {
            while pos < count {
                let c = bytes[pos]
                if c == 0x20 || c == 0x09 || c == 0x0C { pos += 1 } else { break }
            }
            if pos >= count { return .endedMidLine }
            let c = bytes[pos]
            switch c {
            case 0x0A, 0x0D:
                let after = newlineEnd(pos)
                emit(brackets.isEmpty ? .newline : .nl, pos, after)
                startLine(at: after)
                return .nextLine
            case UInt8(ascii: "#"):
                let e = commentEnd(pos)
                emit(.comment, pos, e)
                pos = e
            case UInt8(ascii: "\\"):
                let next = pos + 1
                if next < count && (bytes[next] == 0x0A || bytes[next] == 0x0D) {
                    continued = true
                    startLine(at: newlineEnd(next))
                    return .nextLine
                }
                if next >= count {
                    fail(.unexpectedEOF, at: pos, "unexpected EOF while parsing")
                } else {
                    fail(
                        .lineContinuation, at: next,
                        "unexpected character after line continuation character",
                        hint: "a backslash continues a line only as the last character of the line")
                }
                return .stop
            case UInt8(ascii: "'"), UInt8(ascii: "\""):
                if !string(from: pos, quote: pos) { return .stop }
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if !number() { return .stop }
            case UInt8(ascii: "."):
                if pos + 1 < count, PythonLexer.isDigit(bytes[pos + 1]) {
                    if !number() { return .stop }
                } else if pos + 2 < count && bytes[pos + 1] == c && bytes[pos + 2] == c {
                    emit(.op, pos, pos + 3)
                    pos += 3
                } else {
                    emit(.op, pos, pos + 1)
                    pos += 1
                }
            default:
                if PythonLexer.isASCIINameStart(c) || c >= 0x80 {
                    if !nameOrString() { return .stop }
                } else if !operatorToken() {
                    return .stop
                }
            }
        }
    }

    // MARK: - Lines and positions

    /// The end of the line break starting at `p` (\n, \r\n, or a lone \r, which CPython also accepts).
    func newlineEnd(_ p: Int) -> Int {
        if bytes[p] == 0x0D && p + 1 < count && bytes[p + 1] == 0x0A { return p + 2 }
        return p + 1
    }

    mutating func startLine(at p: Int) {
        pos = p
        line += 1
        lineStart = p
        firstNonASCII = Int.max
    }

    /// The end of a comment starting at `p` (before its line break).
    mutating func commentEnd(_ p: Int) -> Int {
        var e = p
        while e < count {
            let c = bytes[e]
            if c == 0x0A || c == 0x0D { break }
            if c >= 0x80 && firstNonASCII == Int.max { firstNonASCII = e }
            e += 1
        }
        return e
    }

    /// The 0-based column of byte `p` on the current line, in Unicode scalars.
    ///
    /// Past the line's first non-ASCII byte, scalars are counted from the last position asked about
    /// (tokens come in order), so a long non-ASCII line costs linear time, not quadratic.
    mutating func column(_ p: Int) -> Int {
        if p <= firstNonASCII { return p - lineStart }
        var i = firstNonASCII
        var scalars = firstNonASCII - lineStart
        if columnCache.offset > firstNonASCII && columnCache.offset <= p && columnCache.line == line {
            i = columnCache.offset
            scalars = columnCache.column
        }
        while i < p {
            if bytes[i] & 0xC0 != 0x80 { scalars += 1 }
            i += 1
        }
        columnCache = (p, scalars, line)
        return scalars
    }

    mutating func noteNonASCII(_ p: Int) {
        if firstNonASCII == Int.max { firstNonASCII = p }
    }

    /// Emits a token that starts and ends on the current line.
    mutating func emit(_ kind: PythonTokenKind, _ start: Int, _ end: Int) {
        let startColumn = column(start)
        let endColumn = start == end ? startColumn : column(end)
        tokens.append(
            PythonToken(
                kind: kind, start: start, end: end, startLine: line, startColumn: startColumn,
                endLine: line, endColumn: endColumn))
    }

    /// Records the first error at byte `p` of the current line (column 1-based, as CPython reports).
    mutating func fail(_ code: PythonSyntaxError.Code, at p: Int, _ message: String, hint: String? = nil) {
        guard error == nil else { return }
        error = PythonSyntaxError(code: code, line: line, column: column(p) + 1, message: message, hint: hint)
    }

    // MARK: - Indentation

    /// Emits INDENT or DEDENTs for a statement whose first token is at `p`; false on an error.
    mutating func indent(column: Int, alt: Int, at p: Int) -> Bool {
        let top = indents[indents.count - 1]
        let altTop = altIndents[altIndents.count - 1]
        if column > top {
            if alt <= altTop {
                tabError()
                return false
            }
            if indents.count > PythonTokenizer.maxIndentDepth {
                fail(.tooDeeplyNested, at: p, "too many levels of indentation")
                return false
            }
            indents.append(column)
            altIndents.append(alt)
            emit(.indent, lineStart, p)
            return true
        }
        if column == top {
            if alt != altTop {
                tabError()
                return false
            }
            return true
        }
        guard indents.contains(column) else {
            // CPython points past the end of the offending line.
            var e = p
            while e < count && bytes[e] != 0x0A && bytes[e] != 0x0D {
                if bytes[e] >= 0x80 { noteNonASCII(e) }
                e += 1
            }
            fail(
                .inconsistentDedent, at: e, "unindent does not match any outer indentation level",
                hint: "indent this line exactly like an enclosing block (same spaces or tabs)")
            return false
        }
        while column < indents[indents.count - 1] {
            indents.removeLast()
            altIndents.removeLast()
            emit(.dedent, p, p)
        }
        if alt != altIndents[altIndents.count - 1] {
            tabError()
            return false
        }
        return true
    }

    mutating func tabError() {
        guard error == nil else { return }
        error = PythonSyntaxError(
            code: .tabSpaceInconsistency, line: line, column: 1,
            message: "inconsistent use of tabs and spaces in indentation",
            hint: "indent with spaces only (4 per level)")
    }

    // MARK: - End of input

    mutating func finish(endedMidLine: Bool, stoppedOnBlankTail: Bool) {
        if error == nil, let open = brackets.last {
            error = PythonSyntaxError(
                code: .unclosedBracket, line: open.line, column: open.column + 1,
                message: "'\(Character(Unicode.Scalar(open.byte)))' was never closed",
                hint: "add the matching '\(Character(Unicode.Scalar(PythonLexer.closer(of: open.byte))))'")
        } else if error == nil && continued {
            error = PythonSyntaxError(
                code: .unexpectedEOF, line: line - 1, column: 0, message: "unexpected EOF while parsing",
                hint: "remove the backslash at the end of the last line")
            // Point just after the backslash, as CPython does.
            if lineStart >= 1 {
                var start = lineStart - 1
                if start >= 1 && bytes[start] == 0x0A && bytes[start - 1] == 0x0D { start -= 1 }
                var begin = start
                while begin > 0 && bytes[begin - 1] != 0x0A && bytes[begin - 1] != 0x0D { begin -= 1 }
                var scalars = 0
                for i in begin..<start where bytes[i] & 0xC0 != 0x80 { scalars += 1 }
                error?.column = scalars + 1
            }
        }
        var endLine = line
        if error != nil {
            // The stream stops at the error; close it so the scanner sees whole statements.
            // It goes after every token already emitted (DEDENTs may sit past `pos`).
            let p = max(min(pos, count), tokens.last?.end ?? 0)
            if tokens.last.map({ $0.kind != .newline && $0.kind != .nl }) ?? false {
                let last = tokens[tokens.count - 1]
                tokens.append(
                    PythonToken(
                        kind: .newline, start: p, end: p, startLine: last.endLine,
                        startColumn: last.endColumn,
                        endLine: last.endLine, endColumn: last.endColumn))
            }
        } else if endedMidLine {
            // The last line has no line break: `tokenize` adds an empty NEWLINE unless it is a comment.
            var first = lineStart
            while first < count
                && (bytes[first] == 0x20 || bytes[first] == 0x09 || bytes[first] == 0x0C
                    || bytes[first] == 0x0B)
            {
                first += 1
            }
            if first >= count || bytes[first] != UInt8(ascii: "#") {
                let c = column(count)
                tokens.append(
                    PythonToken(
                        kind: .newline, start: count, end: count, startLine: line, startColumn: c,
                        endLine: line, endColumn: c + 1))
            }
            endLine = line + 1
        } else if stoppedOnBlankTail {
            endLine = line
        }
        for _ in 1..<indents.count {
            tokens.append(
                PythonToken(
                    kind: .dedent, start: count, end: count, startLine: endLine, startColumn: 0,
                    endLine: endLine, endColumn: 0))
        }
        tokens.append(
            PythonToken(
                kind: .endmarker, start: count, end: count, startLine: endLine, startColumn: 0,
                endLine: endLine, endColumn: 0))
    }

    // MARK: - Character classes

    static func isDigit(_ c: UInt8) -> Bool { c &- 0x30 < 10 }

    static func isASCIINameStart(_ c: UInt8) -> Bool {
        (c | 0x20) &- 0x61 < 26 || c == UInt8(ascii: "_")
    }

    static func isASCIINameContinue(_ c: UInt8) -> Bool {
        isASCIINameStart(c) || isDigit(c)
    }

    static func closer(of opener: UInt8) -> UInt8 {
        switch opener {
        case UInt8(ascii: "("): UInt8(ascii: ")")
        case UInt8(ascii: "["): UInt8(ascii: "]")
        default: UInt8(ascii: "}")
        }
    }
}
