/// Expressions, with Python's semantics and Jinja2's StrictUndefined rules.
extension Renderer {
    func eval(_ expr: Expr, _ scope: Scope) throws(TemplateError) -> Value {
        switch expr.kind {
        case .literal(let value):
            return .data(value)
        case .name(let name):
            return lookup(name, scope, at: expr.offset)
        case .list(let items):
            var values: [Value] = []
            values.reserveCapacity(items.count)
            for item in items { values.append(try defined(try eval(item, scope))) }
            return .list(values)
        case .tuple(let items):
            var values: [Value] = []
            values.reserveCapacity(items.count)
            for item in items { values.append(try defined(try eval(item, scope))) }
            return .tuple(values)
        case .dict(let pairs):
            var dictionary = TemplateDictionary()
            for pair in pairs {
                let key = try defined(try eval(pair.key, scope))
                guard case .data(.string(let name)) = key else {
                    throw fail("dictionary keys must be strings, got \(key.typeName)", at: pair.key.offset)
                }
                dictionary[name] = try data(try eval(pair.value, scope), at: pair.value.offset)
            }
            return .data(.dict(dictionary))
        case .attribute(let base, let name):
            return try attribute(try defined(try eval(base, scope)), name, at: expr.offset)
        case .item(let base, let key):
            let container = try defined(try eval(base, scope))
            return try item(container, try defined(try eval(key, scope)), at: expr.offset)
        case .slice(let base, let start, let stop, let step):
            let container = try defined(try eval(base, scope))
            func bound(_ part: Expr?) throws(TemplateError) -> Int? {
                guard let part else { return nil }
                let value = try defined(try eval(part, scope))
                if case .data(.none) = value { return nil }
                guard case .int(let number)? = PythonOperators.number(value) else {
                    throw fail(
                        "slice indices must be integers or none, got \(value.typeName)", at: part.offset)
                }
                return number
            }
            return try slice(container, try bound(start), try bound(stop), try bound(step), at: expr.offset)
        case .negate(let operand):
            let value = try defined(try eval(operand, scope))
            switch PythonOperators.number(value) {
            case .int(let number)?:
                guard number != Int.min else { throw fail("integer result is too large", at: expr.offset) }
                return .int(-number)
            case .double(let number)?: return .double(-number)
            case nil: throw fail("bad operand type for unary -: '\(value.typeName)'", at: expr.offset)
            }
        case .plus(let operand):
            let value = try defined(try eval(operand, scope))
            switch PythonOperators.number(value) {
            case .int(let number)?: return .int(number)
            case .double(let number)?: return .double(number)
            case nil: throw fail("bad operand type for unary +: '\(value.typeName)'", at: expr.offset)
            }
        case .not(let operand):
            return .bool(!(try truth(try eval(operand, scope), at: operand.offset)))
        case .and(let left, let right):
            let first = try eval(left, scope)
            return try truth(first, at: left.offset) ? try eval(right, scope) : first
        case .or(let left, let right):
            let first = try eval(left, scope)
            return try truth(first, at: left.offset) ? first : try eval(right, scope)
        case .binary(let op, let left, let right):
            let a = try defined(try eval(left, scope))
            let b = try defined(try eval(right, scope))
            if op == .modulo, case .data(.string(let format)) = a {
                return .string(try percentFormat(format, arguments: b, at: expr.offset))
            }
            do {
                return try PythonOperators.binary(op, a, b, sizeLimit: limits.outputBytes)
            } catch {
                throw fail(error.message, at: expr.offset)
            }
        case .compare(let first, let operations):
            var left = try eval(first, scope)
            for operation in operations {
                let right = try eval(operation.operand, scope)
                guard try compare(operation.op, left, right, at: operation.operand.offset) else {
                    return .bool(false)
                }
                left = right
            }
            return .bool(true)
        case .concat(let items):
            var text = ""
            for item in items {
                let value = try eval(item, scope)
                if case .data(.string(let part)) = value {
                    text += part
                } else {
                    text += try str(value, at: item.offset)
                }
            }
            return .string(text)
        case .conditional(let test, let then, let otherwise):
            if try truth(try eval(test, scope), at: test.offset) { return try eval(then, scope) }
            if let otherwise { return try eval(otherwise, scope) }
            // Jinja2 yields its lenient Undefined here (not the strict one), which prints as ''.
            return .string("")
        case .filter(let base, let filter, let arguments):
            let input = try eval(base, scope)
            let (positional, keywords) = try evalArguments(arguments, scope)
            return try applyFilter(filter, input, positional, keywords, at: expr.offset)
        case .test(let base, let test, let arguments, let negated):
            let input = try eval(base, scope)
            let (positional, keywords) = try evalArguments(arguments, scope)
            let result = try applyTest(test, input, positional, keywords, at: expr.offset)
            return .bool(negated ? !result : result)
        case .call(let callee, let arguments):
            if case .attribute(let base, let name) = callee.kind {
                let receiver = try defined(try eval(base, scope))
                if Methods.has(receiver, name) {
                    let (positional, keywords) = try evalArguments(arguments, scope)
                    return try callMethod(receiver, name, positional, keywords, at: callee.offset)
                }
            }
            let function = try defined(try eval(callee, scope))
            let (positional, keywords) = try evalArguments(arguments, scope)
            return try call(function, positional, keywords, at: expr.offset)
        }
    }

    func evalArguments(_ arguments: Arguments, _ scope: Scope) throws(TemplateError) -> (
        [Value], [(name: String, value: Value)]
    ) {
        var positional: [Value] = []
        positional.reserveCapacity(arguments.positional.count)
        for argument in arguments.positional { positional.append(try eval(argument, scope)) }
        var keywords: [(name: String, value: Value)] = []
        for keyword in arguments.keywords { keywords.append((keyword.name, try eval(keyword.value, scope))) }
        return (positional, keywords)
    }

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
