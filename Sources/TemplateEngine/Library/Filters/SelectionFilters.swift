import Foundation

/// The filters that pick, map, order or total the items of a sequence, with Jinja2 3.1's semantics.
extension Renderer {
    func mapFilter(_ call: FilterCall) throws(TemplateError) -> Value {
        let items = try iterate(call.input, at: call.offset)
        if call.positional.isEmpty, call.keywords.contains(where: { $0.name == "attribute" }) {
            let args = try bind(call.name, ["attribute", "default"], [], call.keywords, at: call.offset)
            let path = try stringArgument(args[0], "", at: call.offset)
            var result: [Value] = []
            for item in items {
                let value = try attributePath(item, path, at: call.offset)
                if value.isUndefined, let fallback = args[1] {
                    result.append(fallback)
                } else {
                    result.append(value)
                }
            }
            return .list(result)
        }
        guard let first = call.positional.first, case .data(.string(let filterName)) = first else {
            throw fail("filter 'map' needs a filter name or attribute=", at: call.offset)
        }
        guard let mapped = Filter.named(filterName) else {
            throw fail("filter '\(filterName)' does not exist", at: call.offset)
        }
        let rest = Array(call.positional.dropFirst())
        var result: [Value] = []
        for item in items {
            result.append(try applyFilter(mapped, item, rest, call.keywords, at: call.offset))
        }
        return .list(result)
    }

    /// `max` and `min`.
    func extremeFilter(_ call: FilterCall) throws(TemplateError) -> Value {
        let args = try bind(call, ["case_sensitive", "attribute"])
        let caseSensitive = boolArgument(args[0], false)
        let path = try args[1].map { value throws(TemplateError) in try str(value, at: call.offset) }
        let isMax = call.filter == .max
        var best: (item: Value, key: Value)? = nil
        for item in try iterate(call.input, at: call.offset) {
            var key = item
            if let path { key = try defined(try attributePath(item, path, at: call.offset)) }
            if !caseSensitive { key = Self.foldCase(key) }
            if let current = best {
                guard let less = PythonOperators.less(isMax ? current.key : key, isMax ? key : current.key)
                else {
                    throw fail(
                        "'<' not supported between instances of '\(key.typeName)' and '\(current.key.typeName)'",
                        at: call.offset)
                }
                if less { best = (item, key) }
            } else {
                best = (item, key)
            }
        }
        return best?.item ?? emptySequence(call)
    }

    /// `select`, `reject`, `selectattr` and `rejectattr`.
    func selectFilter(_ call: FilterCall) throws(TemplateError) -> Value {
        let byAttribute = call.filter == .selectattr || call.filter == .rejectattr
        let expected = call.filter == .select || call.filter == .selectattr
        var arguments = call.positional
        var path: String? = nil
        if byAttribute {
            guard !arguments.isEmpty else {
                throw fail("filter '\(call.name)' needs an attribute name", at: call.offset)
            }
            path = try str(try defined(arguments.removeFirst()), at: call.offset)
        }
        var test: TestKind? = nil
        if !arguments.isEmpty {
            let testName = try str(try defined(arguments.removeFirst()), at: call.offset)
            guard let found = TestKind.named(testName) else {
                throw fail("test '\(testName)' does not exist", at: call.offset)
            }
            test = found
        }
        var result: [Value] = []
        for item in try iterate(call.input, at: call.offset) {
            let subject =
                try path.map { path throws(TemplateError) in try attributePath(item, path, at: call.offset) }
                ?? item
            let passed: Bool
            if let test {
                passed = try applyTest(test, subject, arguments, call.keywords, at: call.offset)
            } else {
                passed = try truth(subject, at: call.offset)
            }
            if passed == expected { result.append(item) }
        }
        return .list(result)
    }

    func sortFilter(_ call: FilterCall) throws(TemplateError) -> Value {
        let args = try bind(call, ["reverse", "case_sensitive", "attribute"])
        let caseSensitive = boolArgument(args[1], false)
        let path = try args[2].map { value throws(TemplateError) in try str(value, at: call.offset) }
        var keys: [Value] = []
        let items = try iterate(call.input, at: call.offset)
        for item in items {
            var key = item
            if let path {
                // Jinja2 allows comma-separated attributes; each becomes one element of the key.
                let parts = path.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                if parts.count > 1 {
                    var tuple: [Value] = []
                    for part in parts {
                        tuple.append(try defined(try attributePath(item, part, at: call.offset)))
                    }
                    key = .tuple(caseSensitive ? tuple : tuple.map(Self.foldCase))
                    keys.append(key)
                    continue
                }
                key = try defined(try attributePath(item, path, at: call.offset))
            }
            keys.append(caseSensitive ? key : Self.foldCase(key))
        }
        let order = try sortedOrder(keys, reverse: boolArgument(args[0], false), at: call.offset)
        return .list(order.map { items[$0] })
    }

    func sumFilter(_ call: FilterCall) throws(TemplateError) -> Value {
        let args = try bind(call, ["attribute", "start"])
        var total = args[1] ?? .int(0)
        let path = try args[0].map { value throws(TemplateError) in try str(value, at: call.offset) }
        for item in try iterate(call.input, at: call.offset) {
            let value = try defined(
                try path.map { path throws(TemplateError) in try attributePath(item, path, at: call.offset) }
                    ?? item)
            do {
                total = try PythonOperators.binary(.add, total, value, sizeLimit: limits.outputBytes)
            } catch {
                throw fail(error.message, at: call.offset)
            }
        }
        return total
    }

    func uniqueFilter(_ call: FilterCall) throws(TemplateError) -> Value {
        let args = try bind(call, ["case_sensitive", "attribute"])
        let caseSensitive = boolArgument(args[0], false)
        let path = try args[1].map { value throws(TemplateError) in try str(value, at: call.offset) }
        var seen: [Value] = []
        var result: [Value] = []
        for item in try iterate(call.input, at: call.offset) {
            var key = try defined(
                try path.map { path throws(TemplateError) in try attributePath(item, path, at: call.offset) }
                    ?? item)
            if !caseSensitive { key = Self.foldCase(key) }
            if seen.contains(where: { PythonOperators.equals($0, key) }) { continue }
            seen.append(key)
            result.append(item)
        }
        return .list(result)
    }
}
