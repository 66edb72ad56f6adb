/// Expressions, with Python's semantics and Jinja2's StrictUndefined rules.
extension Renderer {
    func eval(_ expr: Expr, _ scope: Scope) throws(TemplateError) -> Value {
        switch expr.kind {
        case .literal(let value):
            return .data(value)
        case .name(let name):
            return lookup(name, scope, at: expr.offset)
        case .list(let items):
            return .list(try evalItems(items, scope))
        case .tuple(let items):
            return .tuple(try evalItems(items, scope))
        case .dict(let pairs):
            return try evalDict(pairs, scope)
        case .attribute(let base, let name):
            return try attribute(try defined(try eval(base, scope)), name, at: expr.offset)
        case .item(let base, let key):
            let container = try defined(try eval(base, scope))
            return try item(container, try defined(try eval(key, scope)), at: expr.offset)
        case .slice(let base, let start, let stop, let step):
            return try evalSlice(base, start, stop, step, scope, at: expr.offset)
        case .negate(let operand), .plus(let operand):
            return try evalSign(expr, operand, scope)
        case .not(let operand):
            return .bool(!(try truth(try eval(operand, scope), at: operand.offset)))
        case .and(let left, let right):
            let first = try eval(left, scope)
            return try truth(first, at: left.offset) ? try eval(right, scope) : first
        case .or(let left, let right):
            let first = try eval(left, scope)
            return try truth(first, at: left.offset) ? first : try eval(right, scope)
        case .binary(let op, let left, let right):
            return try evalBinary(op, left, right, scope, at: expr.offset)
        case .compare(let first, let operations):
            return try evalCompare(first, operations, scope)
        case .concat(let items):
            return try evalConcat(items, scope)
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
            return try evalCall(callee, arguments, scope, at: expr.offset)
        }
    }

    private func evalItems(_ items: [Expr], _ scope: Scope) throws(TemplateError) -> [Value] {
        var values: [Value] = []
        values.reserveCapacity(items.count)
        for item in items { values.append(try defined(try eval(item, scope))) }
        return values
    }

    private func evalDict(_ pairs: [(key: Expr, value: Expr)], _ scope: Scope) throws(TemplateError) -> Value
    {
        var dictionary = TemplateDictionary()
        for pair in pairs {
            let key = try defined(try eval(pair.key, scope))
            guard case .data(.string(let name)) = key else {
                throw fail("dictionary keys must be strings, got \(key.typeName)", at: pair.key.offset)
            }
            dictionary[name] = try data(try eval(pair.value, scope), at: pair.value.offset)
        }
        return .data(.dict(dictionary))
    }

    private func evalSlice(
        _ base: Expr, _ start: Expr?, _ stop: Expr?, _ step: Expr?, _ scope: Scope, at offset: Int
    ) throws(TemplateError) -> Value {
        let container = try defined(try eval(base, scope))
        func bound(_ part: Expr?) throws(TemplateError) -> Int? {
            guard let part else { return nil }
            let value = try defined(try eval(part, scope))
            if case .data(.none) = value { return nil }
            guard case .int(let number)? = PythonOperators.number(value) else {
                throw fail("slice indices must be integers or none, got \(value.typeName)", at: part.offset)
            }
            return number
        }
        return try slice(container, try bound(start), try bound(stop), try bound(step), at: offset)
    }

    /// Unary `-` and `+`.
    private func evalSign(_ expr: Expr, _ operand: Expr, _ scope: Scope) throws(TemplateError) -> Value {
        let value = try defined(try eval(operand, scope))
        let negate: Bool
        if case .negate = expr.kind { negate = true } else { negate = false }
        switch PythonOperators.number(value) {
        case .int(let number)?:
            guard !negate else {
                guard number != Int.min else { throw fail("integer result is too large", at: expr.offset) }
                return .int(-number)
            }
            return .int(number)
        case .double(let number)?: return .double(negate ? -number : number)
        case nil:
            throw fail(
                "bad operand type for unary \(negate ? "-" : "+"): '\(value.typeName)'", at: expr.offset)
        }
    }

    private func evalBinary(_ op: BinaryOperator, _ left: Expr, _ right: Expr, _ scope: Scope, at offset: Int)
        throws(TemplateError) -> Value
    {
        let a = try defined(try eval(left, scope))
        let b = try defined(try eval(right, scope))
        if op == .modulo, case .data(.string(let format)) = a {
            return .string(try percentFormat(format, arguments: b, at: offset))
        }
        do {
            return try PythonOperators.binary(op, a, b, sizeLimit: limits.outputBytes)
        } catch {
            throw fail(error.message, at: offset)
        }
    }

    /// A chain `a < b < c`: each comparison must hold, and stops the chain when it does not.
    private func evalCompare(
        _ first: Expr, _ operations: [(op: CompareOperator, operand: Expr)], _ scope: Scope
    )
        throws(TemplateError) -> Value
    {
        var left = try eval(first, scope)
        for operation in operations {
            let right = try eval(operation.operand, scope)
            guard try compare(operation.op, left, right, at: operation.operand.offset) else {
                return .bool(false)
            }
            left = right
        }
        return .bool(true)
    }

    /// `a ~ b ~ c`.
    private func evalConcat(_ items: [Expr], _ scope: Scope) throws(TemplateError) -> Value {
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
    }

    /// A call; `x.name(…)` calls the method of that name directly, without making a bound method.
    private func evalCall(_ callee: Expr, _ arguments: Arguments, _ scope: Scope, at offset: Int)
        throws(TemplateError) -> Value
    {
        if case .attribute(let base, let name) = callee.kind {
            let receiver = try defined(try eval(base, scope))
            if Methods.has(receiver, name) {
                let (positional, keywords) = try evalArguments(arguments, scope)
                return try callMethod(receiver, name, positional, keywords, at: callee.offset)
            }
        }
        let function = try defined(try eval(callee, scope))
        let (positional, keywords) = try evalArguments(arguments, scope)
        return try call(function, positional, keywords, at: offset)
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
}
