import RelnaCore

/// Reads a Python file's module-level structure without running it: decode (UTF-8 only), tokenize,
/// scan. Syntax errors the tokenizer and the statement structure reveal become located diagnostics.
public enum PythonInspector {
    /// Never executes anything. `path` is used only in diagnostics.
    public static func scan(_ bytes: [UInt8], path: String) -> PythonScanResult {
        let decoded = PythonSourceDecoding.decode(bytes)
        var result = PythonScanResult(path: path, byteCount: bytes.count)
        if let fatal = decoded.fatal {
            result.diagnostics.append(diagnostic(fatal, path: path))
            result.isBinary = fatal.code == .nullByte || isMostlyBinary(bytes)
            if fatal.code == .nullByte { result.sourceBytes = decoded.bytes }
            return result
        }
        if let cookie = decoded.cookie { result.diagnostics.append(diagnostic(cookie, path: path)) }
        let stream = PythonTokenizer.tokenize(decoded.bytes)
        var scanner = PythonScanner(stream: stream)
        result.module = scanner.scan()
        // Report the first error in the file, as CPython does.
        let errors = [stream.error, scanner.error].compactMap { $0 }
        if let first = errors.min(by: { ($0.line, $0.column) < ($1.line, $1.column) }) {
            result.diagnostics.append(diagnostic(first, path: path))
        }
        result.sourceBytes = decoded.bytes
        result.countedLineNumbers = countedLines(stream)
        return result
    }

    /// Tokens only (for tests, the benchmark and the fuzzer): the decoded stream, or the decoding error.
    public static func tokenize(_ bytes: [UInt8]) -> Result<PythonTokenStream, PythonSyntaxError> {
        let decoded = PythonSourceDecoding.decode(bytes)
        if let fatal = decoded.fatal { return .failure(fatal) }
        return .success(PythonTokenizer.tokenize(decoded.bytes))
    }

    static func diagnostic(_ error: PythonSyntaxError, path: String) -> Diagnostic {
        Diagnostic(
            severity: .error, code: error.code.rawValue, file: path, line: error.line, column: error.column,
            message: error.message, hint: error.hint)
    }

    /// Control bytes other than whitespace in the first 8 KiB: an image or archive, not text.
    static func isMostlyBinary(_ bytes: [UInt8]) -> Bool {
        let sample = bytes.prefix(8192)
        guard !sample.isEmpty else { return false }
        let control = sample.filter { $0 < 0x09 || ($0 > 0x0D && $0 < 0x20) }.count
        return control * 10 > sample.count
    }

    /// Lines that are not blank and not only a comment (lines inside a multi-line string count when
    /// they have text).
    static func countedLines(_ stream: PythonTokenStream) -> [Int] {
        let lastLine = stream.tokens.last.map { $0.endLine } ?? 0
        var counted = [Bool](repeating: false, count: lastLine + 2)
        for token in stream.tokens {
            switch token.kind {
            case .comment, .nl, .newline, .indent, .dedent, .endmarker, .errortoken:
                continue
            case .string where token.endLine > token.startLine:
                // The string's own lines count when they have text.
                var line = token.startLine
                var hasText = true
                var p = token.start
                while p < token.end {
                    let c = stream.bytes[p]
                    if c == 0x0A || (c == 0x0D && (p + 1 >= token.end || stream.bytes[p + 1] != 0x0A)) {
                        if hasText && line < counted.count { counted[line] = true }
                        line += 1
                        hasText = false
                    } else if c != 0x20 && c != 0x09 && c != 0x0C && c != 0x0D {
                        hasText = true
                    }
                    p += 1
                }
                if hasText && line < counted.count { counted[line] = true }
            default:
                if token.startLine < counted.count { counted[token.startLine] = true }
            }
        }
        return counted.indices.filter { counted[$0] }
    }
}

/// What `PythonInspector.scan` found. Encodes to the module's keys plus `diagnostics`
/// (`relna-pack scan --json` writes the module's keys inside its report; docs/json-output.md).
public struct PythonScanResult: Sendable, Codable {
    public var module: PythonModule
    public var diagnostics: [Diagnostic]
    /// The UTF-8 source without its byte-order mark; nil when the input is not UTF-8.
    public var sourceBytes: [UInt8]?
    /// The decoded text (without a byte-order mark), for showing source lines; nil when not UTF-8.
    public var source: String? {
        get { sourceBytes.map { String(decoding: $0, as: UTF8.self) } }
        set { sourceBytes = newValue.map { Array($0.utf8) } }
    }
    /// The path given to `scan`, used in diagnostics.
    public var path: String
    /// The size of the input in bytes.
    public var byteCount: Int
    /// The numbers of the lines that are not blank and not only a comment (the rule for the domain's
    /// line limit), ascending.
    public var countedLineNumbers: [Int]
    /// The input looked like binary data rather than text.
    public var isBinary: Bool

    init(
        module: PythonModule = PythonModule(), diagnostics: [Diagnostic] = [], sourceBytes: [UInt8]? = nil,
        path: String, byteCount: Int = 0, countedLineNumbers: [Int] = [], isBinary: Bool = false
    ) {
        self.module = module
        self.diagnostics = diagnostics
        self.sourceBytes = sourceBytes
        self.path = path
        self.byteCount = byteCount
        self.countedLineNumbers = countedLineNumbers
        self.isBinary = isBinary
    }

    /// How many lines count against the domain's line limit.
    public var countedLines: Int { countedLineNumbers.count }

    /// Whether any diagnostic is an error (the structure may then be partial).
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    enum CodingKeys: String, CodingKey {
        case functions, classes, assignments, imports, statements, diagnostics
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(module.functions, forKey: .functions)
        try container.encode(module.classes, forKey: .classes)
        try container.encode(module.assignments, forKey: .assignments)
        try container.encode(module.imports, forKey: .imports)
        try container.encode(module.statements, forKey: .statements)
        try container.encode(diagnostics, forKey: .diagnostics)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        module = PythonModule(
            functions: try container.decode([PythonFunction].self, forKey: .functions),
            classes: try container.decode([PythonClass].self, forKey: .classes),
            assignments: try container.decode([PythonAssignment].self, forKey: .assignments),
            imports: try container.decode([PythonImport].self, forKey: .imports),
            statements: try container.decodeIfPresent([PythonStatement].self, forKey: .statements) ?? [])
        diagnostics = try container.decode([Diagnostic].self, forKey: .diagnostics)
        sourceBytes = nil
        path = diagnostics.first?.file ?? ""
        byteCount = 0
        countedLineNumbers = []
        isBinary = false
    }
}
