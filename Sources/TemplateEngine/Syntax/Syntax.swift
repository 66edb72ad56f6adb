/// The parsed form of a template: statements (`Node`) and expressions (`Expr`).
///
/// Every node keeps the UTF-8 offset of its first token so that render errors point at it.
struct Expr: Sendable {
    let offset: Int
    let kind: Kind

    indirect enum Kind: Sendable {
        case literal(TemplateValue)
        case name(String)
        case list([Expr])
        case tuple([Expr])
        case dict([(key: Expr, value: Expr)])
        case attribute(Expr, String)
        case item(Expr, Expr)
        case slice(Expr, start: Expr?, stop: Expr?, step: Expr?)
        case negate(Expr)
        case plus(Expr)
        case not(Expr)
        case and(Expr, Expr)
        case or(Expr, Expr)
        case binary(BinaryOperator, Expr, Expr)
        case compare(Expr, [(op: CompareOperator, operand: Expr)])
        case concat([Expr])
        case conditional(test: Expr, then: Expr, otherwise: Expr?)
        case filter(Expr, Filter, Arguments)
        case test(Expr, TestKind, Arguments, negated: Bool)
        case call(Expr, Arguments)
    }
}

struct Arguments: Sendable {
    var positional: [Expr] = []
    var keywords: [(name: String, value: Expr)] = []
}

enum BinaryOperator: String, Sendable {
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"
    case floorDivide = "//"
    case modulo = "%"
    case power = "**"

    /// Jinja2's levels of arithmetic, loosest first: `+ -`, then `* / // %`, then `**`.
    var level: Int {
        switch self {
        case .add, .subtract: 0
        case .multiply, .divide, .floorDivide, .modulo: 1
        case .power: 2
        }
    }
}

enum CompareOperator: String, Sendable {
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case lessEqual = "<="
    case greater = ">"
    case greaterEqual = ">="
    case contains = "in"
    case notContains = "not in"
}

/// The target of `for` and `set`: a name or a tuple of targets.
indirect enum AssignTarget: Sendable {
    case name(String)
    case tuple([AssignTarget])

    var names: [String] {
        switch self {
        case .name(let name): return [name]
        case .tuple(let items): return items.flatMap(\.names)
        }
    }
}

final class ForLoop: Sendable {
    let offset: Int
    let target: AssignTarget
    let iterable: Expr
    let condition: Expr?
    let body: [Node]
    let otherwise: [Node]
    /// Whether the body reads `loop` (as Jinja2, the loop object is only built when it is used).
    let usesLoop: Bool

    init(offset: Int, target: AssignTarget, iterable: Expr, condition: Expr?, body: [Node], otherwise: [Node])
    {
        self.offset = offset
        self.target = target
        self.iterable = iterable
        self.condition = condition
        self.body = body
        self.otherwise = otherwise
        usesLoop = FreeVariables.of(body).contains("loop")
    }
}

struct MacroDefinition: Sendable {
    let offset: Int
    let name: String
    let parameters: [String]
    /// Defaults of the last `defaults.count` parameters.
    let defaults: [Expr]
    let body: [Node]
}

indirect enum Node: Sendable {
    case text(String, offset: Int)
    case output(Expr)
    case conditional(branches: [(test: Expr, body: [Node])], otherwise: [Node])
    case forLoop(ForLoop)
    case set(AssignTarget, Expr, offset: Int)
    case setBlock(String, body: [Node], offset: Int)
    case include(Expr, ignoreMissing: Bool, withContext: Bool, offset: Int)
    case macro(MacroDefinition)
}
