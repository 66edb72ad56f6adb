/// A parsed template: parse once, render many times, from any number of threads.
public struct Template: Sendable {
    let body: TemplateBody
    /// The variables the template reads from its context (`jinja2.meta.find_undeclared_variables`).
    public let freeVariables: Set<String>
    /// The names of `{% include "…" %}` statements with a literal name, in source order.
    public let includedTemplates: [String]

    public var name: String { body.name }

    /// Parses `source`; syntax errors (and unknown filters and tests) are thrown here, located.
    public init(source: String, name: String) throws(TemplateError) {
        let text = SourceText(bytes: Lexer.normalizeNewlines(source))
        var lexer = Lexer(source: text, name: name)
        let lexemes = try lexer.tokenize()
        var parser = Parser(source: text, name: name, lexemes: lexemes)
        let nodes = try parser.parseTemplate()
        body = TemplateBody(name: name, source: text, nodes: nodes)
        freeVariables = FreeVariables.of(nodes)
        includedTemplates = parser.includes
    }

    /// Renders without a loader (`include` is then an error).
    public func render(context: TemplateDictionary, limits: TemplateLimits = .default) throws(TemplateError)
        -> String
    {
        try Renderer(body: body, context: context, environment: nil, limits: limits).render()
    }
}

/// Bounds that make a hostile template end in an error instead of a hang or a crash.
public struct TemplateLimits: Sendable, Hashable {
    /// Nested `include` statements (a template including itself stops here).
    public var includeDepth: Int
    /// Nested macro calls (recursion).
    public var recursionDepth: Int
    /// Loop iterations in one render, all loops together; also the largest `range()`.
    public var loopIterations: Int
    /// Bytes of output (and of any string built while rendering).
    public var outputBytes: Int

    public init(
        includeDepth: Int = 32, recursionDepth: Int = 64, loopIterations: Int = 1_000_000,
        outputBytes: Int = 16 << 20
    ) {
        self.includeDepth = includeDepth
        self.recursionDepth = recursionDepth
        self.loopIterations = loopIterations
        self.outputBytes = outputBytes
    }

    /// 32 nested includes, 64 nested macro calls, 1,000,000 loop iterations, 16 MiB of output.
    public static let `default` = TemplateLimits()
}
