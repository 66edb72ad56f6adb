/// `for` loops and the assignments of `for` and `set` targets.
extension Renderer {
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

    func renderFor(_ loop: ForLoop, _ scope: Scope) throws(TemplateError) {
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
}
