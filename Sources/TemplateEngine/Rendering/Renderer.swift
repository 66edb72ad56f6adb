/// Renders statements; one instance per render call (not shared between threads).
final class Renderer {
    let environment: TemplateEnvironment?
    let limits: TemplateLimits
    let context: TemplateDictionary
    /// False inside `include … without context`.
    var contextVisible = true
    // Only the rendering thread touches these; dynamic exclusivity checks cost ~10% of a render.
    @exclusivity(unchecked) var output = ""
    /// Bytes held by enclosing macro/`set` captures, counted against the output limit.
    var outerBytes = 0
    var iterations = 0
    var callDepth = 0
    var includeDepth = 0
    /// The template whose nodes are being rendered (a macro's body renders in its own template).
    var body: TemplateBody

    init(
        body: TemplateBody, context: TemplateDictionary, environment: TemplateEnvironment?,
        limits: TemplateLimits
    ) {
        self.body = body
        self.context = context
        self.environment = environment
        self.limits = limits
        output.reserveCapacity(max(256, body.source.bytes.count * 2))
    }

    func fail(_ message: String, at offset: Int) -> TemplateError {
        TemplateError(templateName: body.name, offset: offset, message: message, source: body.source)
    }

    func fail(_ undefined: Undefined) -> TemplateError {
        TemplateError(
            templateName: undefined.template.name, offset: undefined.offset, message: undefined.message,
            source: undefined.template.source)
    }

    /// Scopes holding macros: a macro refers to its scope, so these cycles are cut after the render.
    var macroScopes: [Scope] = []

    func render() throws(TemplateError) -> String {
        defer {
            for scope in macroScopes { scope.removeAll() }
        }
        try render(body.nodes, Scope(parent: nil))
        return output
    }

    @inline(__always) func write(_ text: String, at offset: Int) throws(TemplateError) {
        output += text
        if output.utf8.count + outerBytes > limits.outputBytes {
            throw fail("the output exceeds the limit of \(limits.outputBytes) bytes", at: offset)
        }
    }

    func render(_ nodes: [Node], _ scope: Scope) throws(TemplateError) {
        for node in nodes {
            switch node {
            case .text(let text, let offset):
                try write(text, at: offset)
            case .output(let expr):
                let value = try eval(expr, scope)
                if case .data(.string(let text)) = value {
                    try write(text, at: expr.offset)
                } else {
                    try write(try str(value, at: expr.offset), at: expr.offset)
                }
            case .conditional(let branches, let otherwise):
                var taken = false
                for branch in branches where try truth(try eval(branch.test, scope), at: branch.test.offset) {
                    try render(branch.body, scope)
                    taken = true
                    break
                }
                if !taken { try render(otherwise, scope) }
            case .forLoop(let loop):
                try renderFor(loop, scope)
            case .set(let target, let expr, let offset):
                try assign(target, try eval(expr, scope), in: scope, at: offset)
            case .setBlock(let name, let nodes, _):
                scope.set(name, .string(try capture { () throws(TemplateError) in try render(nodes, scope) }))
            case .include(let expr, let ignoreMissing, let withContext, let offset):
                try renderInclude(
                    expr, ignoreMissing: ignoreMissing, withContext: withContext, at: offset, scope: scope)
            case .macro(let definition):
                scope.set(
                    definition.name, .macro(Macro(definition: definition, closure: scope, template: body)))
                macroScopes.append(scope)
            }
        }
    }

    /// Renders into a fresh buffer (macro bodies, `set` blocks) and returns what was written.
    func capture(_ work: () throws(TemplateError) -> Void) throws(TemplateError) -> String {
        let saved = output
        outerBytes += saved.utf8.count
        output = ""
        defer {
            outerBytes -= saved.utf8.count
        }
        do {
            try work()
        } catch {
            output = saved
            throw error
        }
        let captured = output
        output = saved
        return captured
    }

    func tick(at offset: Int) throws(TemplateError) {
        iterations += 1
        if iterations > limits.loopIterations {
            throw fail("loops ran more than the limit of \(limits.loopIterations) iterations", at: offset)
        }
    }
}
