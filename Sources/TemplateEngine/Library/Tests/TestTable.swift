/// A test's implementation: one function per test, as in Jinja2's `TESTS` table.
typealias TestFunction = (Renderer, TestCall) throws(TemplateError) -> Bool

/// One application of `x is name(…)`, as each test function receives it.
struct TestCall {
    let test: TestKind
    /// Checked to be defined, unless the test accepts an undefined input.
    let input: Value
    /// Positional then keyword arguments, each checked to be defined; as many as the test takes.
    let arguments: [Value]
    let offset: Int

    var name: String { test.rawValue }
}

extension TestKind {
    /// The table of tests (`tests.py`'s `TESTS`); the switch makes a test without one a compile error.
    var function: TestFunction {
        switch self {
        case .defined: return { _, call in !call.input.isUndefined }
        case .undefined: return { _, call in call.input.isUndefined }
        case .none: return { _, call in call.input.isNone }
        case .number: return { _, call in PythonOperators.number(call.input) != nil }
        case .integer, .float, .string, .mapping, .boolean, .true, .false, .callable, .iterable, .sequence:
            return { _, call in Self.hasType(call) }
        case .even, .odd: return { try $0.parityTest($1) }
        case .divisibleby: return { try $0.divisiblebyTest($1) }
        case .in, .eq, .ne, .lt, .le, .gt, .ge: return { try $0.comparisonTest($1) }
        case .lower, .upper: return { try $0.caseTest($1) }
        case .sameas: return { _, call in Self.sameas(call) }
        }
    }

    /// How many arguments the test takes.
    var argumentCount: Int {
        switch self {
        case .divisibleby, .in, .eq, .ne, .lt, .le, .gt, .ge, .sameas: return 1
        default: return 0
        }
    }
}

extension Renderer {
    func applyTest(
        _ test: TestKind, _ input: Value, _ positional: [Value], _ keywords: [(name: String, value: Value)],
        at offset: Int
    ) throws(TemplateError) -> Bool {
        var arguments = positional
        for keyword in keywords { arguments.append(keyword.value) }
        for argument in arguments { _ = try defined(argument) }
        guard arguments.count == test.argumentCount else {
            throw fail(
                "test '\(test.rawValue)' takes \(test.argumentCount) argument(s), got \(arguments.count)",
                at: offset)
        }
        let checked = test.acceptsUndefined ? input : try defined(input)
        return try test.function(
            self, TestCall(test: test, input: checked, arguments: arguments, offset: offset))
    }
}
