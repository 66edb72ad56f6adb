/// `include`: finding the template, giving it the context, and locating its errors.
extension Renderer {
    func renderInclude(
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
