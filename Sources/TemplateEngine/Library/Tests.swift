/// The tests of `x is name`, with Jinja2 3.1's semantics (its `tests.py` is the reference).
extension Renderer {
    func applyTest(
        _ test: TestKind, _ rawInput: Value, _ positional: [Value],
        _ keywords: [(name: String, value: Value)],
        at offset: Int
    ) throws(TemplateError) -> Bool {
        let name = test.rawValue
        var arguments = positional
        for keyword in keywords { arguments.append(keyword.value) }
        for argument in arguments { _ = try defined(argument) }
        let needed: Int
        switch test {
        case .divisibleby, .in, .eq, .ne, .lt, .le, .gt, .ge, .sameas: needed = 1
        default: needed = 0
        }
        guard arguments.count == needed else {
            throw fail("test '\(name)' takes \(needed) argument(s), got \(arguments.count)", at: offset)
        }
        let input = test.acceptsUndefined ? rawInput : try defined(rawInput)
        switch test {
        case .defined: return !input.isUndefined
        case .undefined: return input.isUndefined
        case .none: return input.isNone
        case .number: return PythonOperators.number(input) != nil
        case .integer:
            if case .data(.int) = input { return true }
            return false
        case .float:
            if case .data(.double) = input { return true }
            return false
        case .string:
            if case .data(.string) = input { return true }
            return false
        case .mapping:
            if case .data(.dict) = input { return true }
            return false
        case .boolean:
            if case .data(.bool) = input { return true }
            return false
        case .true:
            if case .data(.bool(true)) = input { return true }
            return false
        case .false:
            if case .data(.bool(false)) = input { return true }
            return false
        case .callable:
            switch input {
            case .macro, .method, .function: return true
            default: return false
            }
        case .iterable, .sequence:
            switch input {
            case .data(.string), .data(.list), .data(.dict), .tuple, .valueList: return true
            default: return false
            }
        case .even, .odd:
            guard let number = PythonOperators.number(input) else {
                throw fail("test '\(name)' expects a number, got \(input.typeName)", at: offset)
            }
            let remainder: Double
            switch number {
            case .int(let value): remainder = Double(((value % 2) + 2) % 2)
            case .double(let value): remainder = PythonOperators.floatDivmod(value, 2).remainder
            }
            return test == .even ? remainder == 0 : remainder != 0
        case .divisibleby:
            guard let number = PythonOperators.number(input),
                let divisor = PythonOperators.number(arguments[0])
            else {
                throw fail("test 'divisibleby' expects numbers", at: offset)
            }
            do {
                let remainder = try PythonOperators.arithmetic(.modulo, number, divisor)
                return PythonOperators.equals(.data(remainder), .int(0))
            } catch {
                throw fail(error.message, at: offset)
            }
        case .in:
            return try compare(.contains, input, arguments[0], at: offset)
        case .eq: return try compare(.equal, input, arguments[0], at: offset)
        case .ne: return try compare(.notEqual, input, arguments[0], at: offset)
        case .lt: return try compare(.less, input, arguments[0], at: offset)
        case .le: return try compare(.lessEqual, input, arguments[0], at: offset)
        case .gt: return try compare(.greater, input, arguments[0], at: offset)
        case .ge: return try compare(.greaterEqual, input, arguments[0], at: offset)
        case .lower, .upper:
            let text = try str(input, at: offset)
            var cased = false
            for scalar in text.unicodeScalars where TextFunctions.isCased(scalar) {
                cased = true
                let ok = test == .lower ? scalar.properties.isLowercase : scalar.properties.isUppercase
                if !ok { return false }
            }
            return cased
        case .sameas:
            // Python identity: None, booleans and small ints are singletons.
            switch (input, arguments[0]) {
            case (.data(.none), .data(.none)): return true
            case (.data(.bool(let a)), .data(.bool(let b))): return a == b
            case (.data(.int(let a)), .data(.int(let b))): return a == b && (-5...256).contains(a)
            default: return false
            }
        }
    }
}
