/// Reads the module-level structure from a token stream: statements directly in the module body
/// (and in module-level `if`/`try` bodies, marked conditional), and the functions and assignments
/// directly in module-level class bodies. Other bodies are skipped by their INDENT/DEDENT tokens.
///
/// It never recurses deeper than the indentation (bounded by the tokenizer) and always advances, so
/// any token stream, even one cut short by an error, is read in linear time.
struct PythonScanner {
    let stream: PythonTokenStream
    /// The tokens without COMMENT and NL, which carry no structure.
    var tokens: [PythonToken] = []
    var i = 0
    /// The first structural error (unexpected indent, a missing indented block).
    var error: PythonSyntaxError?
    /// One entry per function body being read, innermost last: whether it gives a value so far.
    var bodiesGivingValues: [Bool] = []

    /// Where the definitions of a statement list are recorded.
    enum Target {
        /// The module body (`conditional` inside module-level `if`/`try`).
        case module(conditional: Bool)
        /// A module-level class body: its methods and assignments.
        case classBody
        /// A body whose contents are not part of the module-level structure.
        case none
    }

    struct Collected {
        var module = PythonModule()
    }

    init(stream: PythonTokenStream) {
        self.stream = stream
        tokens.reserveCapacity(stream.tokens.count)
        for token in stream.tokens where token.kind != .comment && token.kind != .nl {
            tokens.append(token)
        }
        if tokens.last?.kind != .endmarker {
            tokens.append(
                PythonToken(
                    kind: .endmarker, start: stream.bytes.count, end: stream.bytes.count, startLine: 1,
                    startColumn: 0, endLine: 1, endColumn: 0))
        }
    }

    mutating func scan() -> PythonModule {
        var collected = Collected()
        var lastCompound: String?
        while !at(.endmarker) {
            let before = i
            if at(.dedent) || at(.newline) {
                i += 1
            } else {
                statement(.module(conditional: false), &collected, &lastCompound)
            }
            if i == before { i += 1 }
        }
        return collected.module
    }

    // MARK: - Token helpers

    var current: PythonToken { tokens[i] }

    func at(_ kind: PythonTokenKind) -> Bool { tokens[i].kind == kind }

    func isName(_ index: Int, _ word: StaticString) -> Bool {
        index < tokens.count && tokens[index].kind == .name && stream.token(tokens[index], is: word)
    }

    func isOp(_ index: Int, _ word: StaticString) -> Bool {
        index < tokens.count && tokens[index].kind == .op && stream.token(tokens[index], is: word)
    }

    func isOpener(_ index: Int) -> Bool {
        let token = tokens[index]
        guard token.kind == .op && token.end - token.start == 1 else { return false }
        let c = stream.bytes[token.start]
        return c == UInt8(ascii: "(") || c == UInt8(ascii: "[") || c == UInt8(ascii: "{")
    }

    func isCloser(_ index: Int) -> Bool {
        let token = tokens[index]
        guard token.kind == .op && token.end - token.start == 1 else { return false }
        let c = stream.bytes[token.start]
        return c == UInt8(ascii: ")") || c == UInt8(ascii: "]") || c == UInt8(ascii: "}")
    }

    /// `+=`, `//=`, `**=` …: an operator ending in `=` other than `==`, `<=`, `>=`, `!=`, `:=`.
    func isAugmentedAssignment(_ index: Int) -> Bool {
        let token = tokens[index]
        let length = token.end - token.start
        guard token.kind == .op, length >= 2, stream.bytes[token.end - 1] == UInt8(ascii: "=") else {
            return false
        }
        if length == 3 { return true }
        switch stream.bytes[token.start] {
        case UInt8(ascii: "="), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "!"), UInt8(ascii: ":"):
            return false
        default:
            return true
        }
    }

    /// Whether `index` ends a logical line (or the input).
    func isLineEnd(_ index: Int) -> Bool {
        let kind = tokens[index].kind
        return kind == .newline || kind == .endmarker || kind == .indent || kind == .dedent
    }

    /// The source text from token `first` through token `last` (inclusive), verbatim.
    func text(_ first: Int, through last: Int) -> String {
        guard first <= last else { return "" }
        return stream.text(from: tokens[first].start, to: tokens[last].end)
    }

    func text(_ index: Int) -> String { stream.text(tokens[index]) }

    mutating func fail(
        _ code: PythonSyntaxError.Code, line: Int, column: Int, _ message: String, hint: String? = nil
    ) {
        if error == nil {
            error = PythonSyntaxError(code: code, line: line, column: column, message: message, hint: hint)
        }
    }

    /// The first token from `start` that `wanted` accepts among those at bracket depth 0 and outside
    /// a lambda's parameters (which its own `:` ends); else where the search stopped: at `end` or at
    /// the line end, whichever comes first.
    func firstTopLevel(from start: Int, before end: Int = .max, where wanted: (Int) -> Bool) -> Int {
        var depth = 0
        var lambdas = 0
        var k = start
        while k < end && !isLineEnd(k) {
            if isOpener(k) {
                depth += 1
            } else if isCloser(k) {
                depth = max(0, depth - 1)
            } else if depth == 0 && isName(k, "lambda") {
                lambdas += 1
            } else if depth == 0 && lambdas > 0 && isOp(k, ":") {
                lambdas -= 1
            } else if depth == 0 && lambdas == 0 && wanted(k) {
                return k
            }
            k += 1
        }
        return k
    }

    /// The index of the first `:` at bracket depth 0 on the line from `start` (a lambda's own `:`
    /// skipped), or nil.
    func headerColon(from start: Int) -> Int? {
        let k = firstTopLevel(from: start) { isOp($0, ":") }
        return isLineEnd(k) ? nil : k
    }

    /// Splits `lo..<hi` at commas of bracket depth 0 (lambda parameters kept together).
    func split(_ lo: Int, _ hi: Int, at separator: StaticString = ",") -> [Range<Int>] {
        var parts: [Range<Int>] = []
        var start = lo
        while start < hi {
            let k = firstTopLevel(from: start, before: hi) { isOp($0, separator) }
            parts.append(start..<k)
            start = k + 1
        }
        return parts
    }

    /// The index of the bracket closing the one at `open`, or the line end if it is not closed.
    func matching(_ open: Int) -> Int {
        var depth = 0
        var k = open
        while !isLineEnd(k) {
            if isOpener(k) {
                depth += 1
            } else if isCloser(k) {
                depth -= 1
                if depth == 0 { return k }
            }
            k += 1
        }
        return k
    }

    /// The end of the simple statement starting at `start`: the `;` or line end at depth 0.
    func simpleStatementEnd(_ start: Int) -> Int {
        var k = start
        while !isLineEnd(k) && !isOp(k, ";") { k += 1 }
        return k
    }
}
