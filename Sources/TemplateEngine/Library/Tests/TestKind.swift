/// The tests of `x is name`; unknown names are rejected when parsing.
enum TestKind: String, Sendable, CaseIterable {
    case defined, undefined, none, number, string, mapping, iterable, sequence, boolean, even, odd,
        divisibleby, `in`, eq, ne, lt, le, gt, ge, integer, float, lower, upper, `true`, `false`,
        callable, sameas

    static let aliases: [String: TestKind] = [
        "equalto": .eq, "lessthan": .lt, "greaterthan": .gt, "==": .eq, "!=": .ne, "<": .lt, "<=": .le,
        ">": .gt, ">=": .ge,
    ]

    static func named(_ name: String) -> TestKind? {
        TestKind(rawValue: name) ?? aliases[name]
    }

    static var allNames: [String] { allCases.map(\.rawValue) + ["equalto", "lessthan", "greaterthan"] }

    /// Tests that look at an undefined value without failing (Jinja2's StrictUndefined allows them).
    var acceptsUndefined: Bool {
        switch self {
        case .defined, .undefined, .none, .number, .string, .mapping, .boolean, .integer, .float, .callable,
            .sameas, .true, .false:
            return true
        default:
            return false
        }
    }
}
