/// Collects, in source order, what a template's tree uses: variables read, attributes and literal
/// keys read, filters and tests applied, literal includes, and the names it binds. Offsets are
/// UTF-8 byte offsets into the template's source.
struct SyntaxUses {
    struct Use {
        var name: String
        var offset: Int
    }

    /// A `base.key` or `base["key"]` read where `base` is a plain name.
    struct KeyRead {
        var base: String
        var key: Use
    }

    let source: SourceText
    var variables: [Use] = []
    var attributes: [Use] = []
    var strings: [Use] = []
    var keyReads: [KeyRead] = []
    var filters: [Use] = []
    var tests: [Use] = []
    var includes: [Use] = []
    var boundNames: Set<String> = []

    init(source: SourceText, nodes: [Node]) {
        self.source = source
        visit(nodes)
    }

    private mutating func visit(_ nodes: [Node]) {
        for node in nodes { visit(node) }
    }

    private mutating func visit(_ node: Node) {
        switch node {
        case .text: break
        case .output(let expr): visit(expr)
        case .conditional(let branches, let otherwise):
            for branch in branches {
                visit(branch.test)
                visit(branch.body)
            }
            visit(otherwise)
        case .forLoop(let loop):
            boundNames.formUnion(loop.target.names)
            visit(loop.iterable)
            if let condition = loop.condition { visit(condition) }
            visit(loop.body)
            visit(loop.otherwise)
        case .set(let target, let expr, _):
            boundNames.formUnion(target.names)
            visit(expr)
        case .setBlock(let name, let body, _):
            boundNames.insert(name)
            visit(body)
        case .include(let expr, _, _, _):
            if case .literal(.string(let name)) = expr.kind {
                includes.append(Use(name: name, offset: expr.offset))
            }
            visit(expr)
        case .macro(let definition):
            boundNames.insert(definition.name)
            boundNames.formUnion(definition.parameters)
            for value in definition.defaults { visit(value) }
            visit(definition.body)
        }
    }

    private mutating func visit(_ expr: Expr) {
        switch expr.kind {
        case .literal(let value):
            if case .string(let text) = value { strings.append(Use(name: text, offset: expr.offset)) }
        case .name(let name): variables.append(Use(name: name, offset: expr.offset))
        case .list(let items), .tuple(let items), .concat(let items):
            for item in items { visit(item) }
        case .dict(let pairs):
            for pair in pairs {
                visit(pair.key)
                visit(pair.value)
            }
        case .attribute(let base, let name):
            visit(base)
            let key = Use(name: name, offset: nameOffset(afterDotAt: expr.offset))
            attributes.append(key)
            if case .name(let baseName) = base.kind { keyReads.append(KeyRead(base: baseName, key: key)) }
        case .item(let base, let key):
            visit(base)
            if case .literal(.string(let text)) = key.kind {
                let use = Use(name: text, offset: key.offset)
                attributes.append(use)
                if case .name(let baseName) = base.kind { keyReads.append(KeyRead(base: baseName, key: use)) }
            }
            visit(key)
        case .negate(let base), .plus(let base), .not(let base):
            visit(base)
        case .slice(let base, let start, let stop, let step):
            visit(base)
            for part in [start, stop, step] { if let part { visit(part) } }
        case .and(let left, let right), .or(let left, let right), .binary(_, let left, let right):
            visit(left)
            visit(right)
        case .compare(let first, let operations):
            visit(first)
            for operation in operations { visit(operation.operand) }
        case .conditional(let test, let then, let otherwise):
            visit(then)
            visit(test)
            if let otherwise { visit(otherwise) }
        case .filter(let base, let filter, let arguments):
            visit(base)
            filters.append(Use(name: filter.rawValue, offset: expr.offset))
            visit(arguments)
        case .test(let base, let test, let arguments, _):
            visit(base)
            tests.append(Use(name: test.rawValue, offset: expr.offset))
            visit(arguments)
        case .call(let base, let arguments):
            visit(base)
            visit(arguments)
        }
    }

    private mutating func visit(_ arguments: Arguments) {
        for argument in arguments.positional { visit(argument) }
        for keyword in arguments.keywords { visit(keyword.value) }
    }

    /// An attribute's node sits at its `.`; the name follows, perhaps after white space.
    private func nameOffset(afterDotAt offset: Int) -> Int {
        var index = offset + 1
        while index < source.bytes.count, Lexer.isSpace(source.bytes[index]) { index += 1 }
        return index
    }
}
