/// The tests of `x is name`, with Jinja2 3.1's semantics (its `tests.py` is the reference).
extension TestKind {
    /// `integer`, `float`, `string`, `mapping`, `boolean`, `true`, `false`, `callable`, `iterable`,
    /// `sequence`: what kind of value the input is.
    static func hasType(_ call: TestCall) -> Bool {
        switch (call.test, call.input) {
        case (.integer, .data(.int)), (.float, .data(.double)), (.string, .data(.string)),
            (.mapping, .data(.dict)), (.boolean, .data(.bool)), (.true, .data(.bool(true))),
            (.false, .data(.bool(false))):
            return true
        case (.callable, .macro), (.callable, .method), (.callable, .function): return true
        case (.iterable, let input), (.sequence, let input):
            switch input {
            case .data(.string), .data(.list), .data(.dict), .tuple, .valueList: return true
            default: return false
            }
        default: return false
        }
    }

    /// Python identity: None, booleans and small ints are singletons.
    static func sameas(_ call: TestCall) -> Bool {
        switch (call.input, call.arguments[0]) {
        case (.data(.none), .data(.none)): return true
        case (.data(.bool(let a)), .data(.bool(let b))): return a == b
        case (.data(.int(let a)), .data(.int(let b))): return a == b && (-5...256).contains(a)
        default: return false
        }
    }
}

extension Renderer {
    /// `even` and `odd`.
    func parityTest(_ call: TestCall) throws(TemplateError) -> Bool {
        guard let number = PythonOperators.number(call.input) else {
            throw fail("test '\(call.name)' expects a number, got \(call.input.typeName)", at: call.offset)
        }
        let remainder: Double
        switch number {
        case .int(let value): remainder = Double(((value % 2) + 2) % 2)
        case .double(let value): remainder = PythonOperators.floatDivmod(value, 2).remainder
        }
        return call.test == .even ? remainder == 0 : remainder != 0
    }

    func divisiblebyTest(_ call: TestCall) throws(TemplateError) -> Bool {
        guard let number = PythonOperators.number(call.input),
            let divisor = PythonOperators.number(call.arguments[0])
        else {
            throw fail("test 'divisibleby' expects numbers", at: call.offset)
        }
        do {
            let remainder = try PythonOperators.arithmetic(.modulo, number, divisor)
            return PythonOperators.equals(.data(remainder), .int(0))
        } catch {
            throw fail(error.message, at: call.offset)
        }
    }

    /// `in`, `eq`, `ne`, `lt`, `le`, `gt`, `ge` (and their aliases): the comparison operators.
    func comparisonTest(_ call: TestCall) throws(TemplateError) -> Bool {
        let op: CompareOperator
        switch call.test {
        case .in: op = .contains
        case .ne: op = .notEqual
        case .lt: op = .less
        case .le: op = .lessEqual
        case .gt: op = .greater
        case .ge: op = .greaterEqual
        default: op = .equal
        }
        return try compare(op, call.input, call.arguments[0], at: call.offset)
    }

    /// `lower` and `upper`: every cased character is, and there is at least one.
    func caseTest(_ call: TestCall) throws(TemplateError) -> Bool {
        let text = try str(call.input, at: call.offset)
        var cased = false
        for scalar in text.unicodeScalars where TextFunctions.isCased(scalar) {
            cased = true
            let ok = call.test == .lower ? scalar.properties.isLowercase : scalar.properties.isUppercase
            if !ok { return false }
        }
        return cased
    }
}
