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

    func assign(_ target: AssignTarget, _ value: Value, in scope: Scope, at offset: Int) throws(TemplateError)
    {
        switch target {
        case .name(let name):
            scope.set(name, value)
        case .tuple(let targets):
            switch value {
            case .data(.list), .data(.string), .data(.dict), .tuple, .valueList: break
            case .undefined(let undefined): throw fail(undefined)
            default: throw fail("cannot unpack non-iterable \(value.typeName) object", at: offset)
            }
            let items = try iterate(value, at: offset)
            guard items.count == targets.count else {
                throw fail(
                    items.count < targets.count
                        ? "not enough values to unpack (expected \(targets.count), got \(items.count))"
                        : "too many values to unpack (expected \(targets.count))", at: offset)
            }
            for (item, inner) in zip(items, targets) { try assign(inner, item, in: scope, at: offset) }
        }
    }

    private func renderFor(_ loop: ForLoop, _ scope: Scope) throws(TemplateError) {
        let sequence = try eval(loop.iterable, scope)
        var items = try iterate(sequence, at: loop.iterable.offset)
        if let condition = loop.condition {
            var kept: [Value] = []
            for item in items {
                try tick(at: loop.offset)
                let frame = Scope(parent: scope)
                try assign(loop.target, item, in: frame, at: loop.offset)
                if try truth(try eval(condition, frame), at: condition.offset) { kept.append(item) }
            }
            items = kept
        }
        if items.isEmpty {
            try render(loop.otherwise, Scope(parent: scope))
            return
        }
        var frame = Scope(parent: scope)
        for position in items.indices {
            try tick(at: loop.offset)
            // Each iteration starts from the enclosing values: a `set` does not carry over (Jinja2).
            // The frame is reused when nothing (a macro, an undefined value) kept a reference to it.
            if position > 0 {
                if isKnownUniquelyReferenced(&frame) {
                    frame.removeAll()
                } else {
                    frame = Scope(parent: scope)
                }
            }
            try assign(loop.target, items[position], in: frame, at: loop.offset)
            if loop.usesLoop { frame.set("loop", .loop(LoopState(index0: position, items: items, depth: 1))) }
            try render(loop.body, frame)
        }
    }

    func tick(at offset: Int) throws(TemplateError) {
        iterations += 1
        if iterations > limits.loopIterations {
            throw fail("loops ran more than the limit of \(limits.loopIterations) iterations", at: offset)
        }
    }

    private func renderInclude(
        _ expr: Expr, ignoreMissing: Bool, withContext: Bool, at offset: Int, scope: Scope
    ) throws(TemplateError) {
        let nameValue = try eval(expr, scope)
        var names: [String] = []
        switch nameValue {
        case .data(.string(let name)): names = [name]
        case .data(.list), .tuple, .valueList:
            for item in try iterate(nameValue, at: expr.offset) {
                guard case .data(.string(let name)) = item else {
                    throw fail(
                        "include expects template names (strings), got \(item.typeName)", at: expr.offset)
                }
                names.append(name)
            }
        case .undefined(let undefined): throw fail(undefined)
        default:
            throw fail(
                "include expects a template name (a string), got \(nameValue.typeName)", at: expr.offset)
        }
        guard let environment else {
            throw fail("cannot include '\(names.first ?? "")': the template has no loader", at: offset)
        }
        if includeDepth >= limits.includeDepth {
            throw fail("includes are nested deeper than the limit of \(limits.includeDepth)", at: offset)
        }
        var included: Template? = nil
        var lastError: TemplateError? = nil
        for name in names {
            do {
                included = try environment.template(named: name)
                break
            } catch {
                if error.isTemplateNotFound {
                    lastError = error
                    continue
                }
                throw chained(error, at: offset)
            }
        }
        guard let included else {
            if ignoreMissing { return }
            var message = lastError?.message ?? "template not found"
            if names.count > 1 { message = "none of the templates \(names) was found" }
            throw fail(message, at: offset)
        }
        let savedBody = body
        let savedVisible = contextVisible
        includeDepth += 1
        body = included.body
        if !withContext { contextVisible = false }
        defer {
            body = savedBody
            contextVisible = savedVisible
            includeDepth -= 1
        }
        do {
            let root = Scope(parent: withContext ? scope : nil)
            // Jinja2 passes the local variables to an include, but not the loop object.
            if withContext, scope.lookup("loop") != nil {
                root.set(
                    "loop",
                    .undefined(
                        Undefined(
                            reason: .variable("loop", scope: WeakScope(scope: root), contextKeys: []),
                            offset: offset,
                            template: included.body)))
            }
            try render(included.body.nodes, root)
        } catch {
            body = savedBody
            throw chained(error, at: offset)
        }
    }

    /// Adds the include site (in the current template) to an error raised inside an included one.
    private func chained(_ error: TemplateError, at offset: Int) -> TemplateError {
        var error = error
        let (line, column, _) = body.source.location(of: offset)
        error.includeChain.append(
            TemplateError.IncludeSite(templateName: body.name, line: line, column: column))
        return error
    }
}
