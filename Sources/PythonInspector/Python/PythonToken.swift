/// The token types of CPython's `tokenize` module that a source file can produce.
///
/// Raw values are the names `tokenize.tok_name` uses, so a token stream compares directly with
/// CPython's in the oracle test.
public enum PythonTokenKind: UInt8, Sendable, Hashable, CaseIterable {
    case name
    case number
    case string
    case op
    case comment
    case newline
    case nl
    case indent
    case dedent
    case endmarker
    case errortoken

    /// `tokenize.tok_name[type]`.
    public var tokName: String {
        switch self {
        case .name: "NAME"
        case .number: "NUMBER"
        case .string: "STRING"
        case .op: "OP"
        case .comment: "COMMENT"
        case .newline: "NEWLINE"
        case .nl: "NL"
        case .indent: "INDENT"
        case .dedent: "DEDENT"
        case .endmarker: "ENDMARKER"
        case .errortoken: "ERRORTOKEN"
        }
    }
}

/// One token: its kind, its byte range in the (BOM-less) UTF-8 source, and its position the way
/// `tokenize` reports it — 1-based lines, 0-based columns counted in Unicode scalars.
public struct PythonToken: Sendable, Hashable {
    public var kind: PythonTokenKind
    /// Byte offsets into `PythonTokenStream.bytes`; `start == end` for DEDENT, ENDMARKER and the
    /// implicit NEWLINE at the end of a file without a final line break.
    @Int32Stored public var start: Int
    @Int32Stored public var end: Int
    @Int32Stored public var startLine: Int
    @Int32Stored public var startColumn: Int
    @Int32Stored public var endLine: Int
    @Int32Stored public var endColumn: Int
}

/// The tokens of one source and the bytes they index into.
public struct PythonTokenStream: Sendable {
    /// The UTF-8 source without its byte-order mark.
    public var bytes: [UInt8]
    public var tokens: [PythonToken]
    /// The first syntax error the tokenizer met; tokens stop there (then ENDMARKER).
    public var error: PythonSyntaxError?

    /// The source text of a token.
    public func text(_ token: PythonToken) -> String {
        text(from: token.start, to: token.end)
    }

    /// The source text between two byte offsets.
    public func text(from start: Int, to end: Int) -> String {
        guard start < end, start >= 0, end <= bytes.count else { return "" }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// Whether the token's bytes equal an ASCII string (a keyword or operator), without allocating.
    public func token(_ token: PythonToken, is word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard token.end - token.start == count else { return false }
        return word.withUTF8Buffer { buffer in
            bytes.withUnsafeBufferPointer { source in
                for index in 0..<count where source[token.start + index] != buffer[index] {
                    return false
                }
                return true
            }
        }
    }
}

/// A syntax error found without a grammar: where it is (1-based line, 1-based column in scalars, as
/// CPython's SyntaxError reports it) and what it is.
public struct PythonSyntaxError: Sendable, Hashable, Error {
    /// A stable code, e.g. `unterminated-string`; see `PythonSyntaxError.Code`.
    public var code: Code
    public var line: Int
    public var column: Int
    public var message: String
    public var hint: String?

    public enum Code: String, Sendable, Hashable, CaseIterable {
        case unterminatedString = "unterminated-string"
        case unterminatedTripleQuotedString = "unterminated-triple-quoted-string"
        case unclosedBracket = "unclosed-bracket"
        case mismatchedBracket = "mismatched-bracket"
        case unmatchedBracket = "unmatched-bracket"
        case inconsistentDedent = "inconsistent-dedent"
        case tabSpaceInconsistency = "inconsistent-tabs"
        case unexpectedIndent = "unexpected-indent"
        case expectedIndentedBlock = "expected-indented-block"
        case missingColon = "missing-colon"
        case invalidCharacter = "invalid-character"
        case invalidUTF8 = "invalid-utf8"
        case nullByte = "null-byte"
        case unexpectedEOF = "unexpected-eof"
        case lineContinuation = "bad-line-continuation"
        case encodingCookie = "unsupported-encoding"
        case invalidNumber = "invalid-number"
        case tooDeeplyNested = "too-deeply-nested"
        case tooLarge = "file-too-large"
    }

    public init(code: Code, line: Int, column: Int, message: String, hint: String? = nil) {
        self.code = code
        self.line = line
        self.column = column
        self.message = message
        self.hint = hint
    }
}
