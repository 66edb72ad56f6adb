/// Looking names up and converting values as Python does: truth, `str`, `repr`, iteration and
/// comparison, with Jinja2's StrictUndefined rules.
extension Renderer {
    func lookup(_ name: String, _ scope: Scope, at offset: Int) -> Value {
        if let value = scope.lookup(name) { return value }
        if contextVisible, let value = context[name] { return .data(value) }
        if name == "range" || name == "dict" { return .function(name) }
        return .undefined(
            Undefined(
                reason: .variable(
                    name, scope: WeakScope(scope: scope), contextKeys: contextVisible ? context.keys : []),
                offset: offset, template: body))
    }

    /// The value itself, or the error for using an undefined value.
    @inline(__always) func defined(_ value: Value) throws(TemplateError) -> Value {
        if case .undefined(let undefined) = value { throw fail(undefined) }
        return value
    }

    func truth(_ value: Value, at offset: Int) throws(TemplateError) -> Bool {
        if case .undefined(let undefined) = value { throw fail(undefined) }
        return PythonOperators.isTrue(value)
    }

    /// A value that can live in a dictionary or list of the context's kind.
    func data(_ value: Value, at offset: Int) throws(TemplateError) -> TemplateValue {
        switch value {
        case .data(let data): return data
        case .tuple(let items), .valueList(let items):
            var converted: [TemplateValue] = []
            for item in items { converted.append(try data(item, at: offset)) }
            return .list(converted)
        case .undefined(let undefined): throw fail(undefined)
        default: throw fail("a \(value.typeName) cannot be stored in a list or dictionary", at: offset)
        }
    }

    /// Python's `str()`.
    func str(_ value: Value, at offset: Int) throws(TemplateError) -> String {
        switch value {
        case .data(.string(let text)): return text
        case .data(let data): return PythonText.str(data)
        default: return try repr(value, at: offset)
        }
    }

    /// Python's `repr()`.
    func repr(_ value: Value, at offset: Int) throws(TemplateError) -> String {
        switch value {
        case .data(let data): return PythonText.repr(data)
        case .tuple(let items):
            if items.count == 1 { return "(" + (try repr(items[0], at: offset)) + ",)" }
            var parts: [String] = []
            for item in items { parts.append(try repr(item, at: offset)) }
            return "(" + parts.joined(separator: ", ") + ")"
        case .valueList(let items):
            var parts: [String] = []
            for item in items { parts.append(try repr(item, at: offset)) }
            return "[" + parts.joined(separator: ", ") + "]"
        case .undefined(let undefined): throw fail(undefined)
        case .macro(let macro):
            throw fail(
                "macro '\(macro.definition.name)' is printed without being called; write \(macro.definition.name)()",
                at: offset)
        case .loop:
            throw fail("the loop object cannot be printed; use loop.index or another attribute", at: offset)
        case .method(let method):
            throw fail(
                "method '\(method.name)' is printed without being called; write \(method.name)()", at: offset)
        case .function(let name): throw fail("function '\(name)' is printed without being called", at: offset)
        }
    }

    /// The items `for` iterates: list items, dict keys, string characters.
    func iterate(_ value: Value, at offset: Int) throws(TemplateError) -> [Value] {
        switch value {
        case .data(.list(let items)): return items.map(Value.data)
        case .data(.dict(let dictionary)): return dictionary.keys.map { .string($0) }
        case .data(.string(let text)): return text.unicodeScalars.map { .string(String(Character($0))) }
        case .tuple(let items), .valueList(let items): return items
        case .undefined(let undefined): throw fail(undefined)
        default: throw fail("'\(value.typeName)' object is not iterable", at: offset)
        }
    }

    func compare(_ op: CompareOperator, _ left: Value, _ right: Value, at offset: Int) throws(TemplateError)
        -> Bool
    {
        let a = try defined(left)
        let b = try defined(right)
        switch op {
        case .equal: return PythonOperators.equals(a, b)
        case .notEqual: return !PythonOperators.equals(a, b)
        case .contains, .notContains:
            guard let found = PythonOperators.contains(b, a) else {
                if case .data(.string) = b {
                    throw fail("'in <string>' requires string as left operand, not \(a.typeName)", at: offset)
                }
                throw fail("argument of type '\(b.typeName)' is not iterable", at: offset)
            }
            return op == .contains ? found : !found
        case .less, .lessEqual, .greater, .greaterEqual:
            let (x, y) = op == .less || op == .lessEqual ? (a, b) : (b, a)
            if op == .lessEqual || op == .greaterEqual, PythonOperators.equals(x, y),
                PythonOperators.less(x, y) != nil
            {
                return true
            }
            guard let result = PythonOperators.less(x, y) else {
                throw fail(
                    "'\(op.rawValue)' not supported between instances of '\(a.typeName)' and '\(b.typeName)'",
                    at: offset)
            }
            return result
        }
    }
}
