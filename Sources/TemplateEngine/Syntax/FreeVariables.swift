/// The names a template reads from its context: the same set as
/// `jinja2.meta.find_undeclared_variables`, found by Jinja2's own scoping rules (idtracking.py).
///
/// Each frame (the template, a loop body, a macro body, a `set` block) is analysed in source order;
/// frames nested in it are analysed afterwards, against everything the enclosing frame declares.
enum FreeVariables {
    /// Names Jinja2's default environment defines as globals.
    static let globals: Set<String> = ["range", "dict", "lipsum", "cycler", "joiner", "namespace"]

    final class Symbols {
        var refs: Set<String> = []
        var stores: Set<String> = []
        let parent: Symbols?

        init(parent: Symbols?) { self.parent = parent }

        func copy() -> Symbols {
            let other = Symbols(parent: parent)
            other.refs = refs
            other.stores = stores
            return other
        }

        func findRef(_ name: String) -> Bool {
            var current: Symbols? = self
            while let symbols = current {
                if symbols.refs.contains(name) { return true }
                current = symbols.parent
            }
            return false
        }
    }

    private enum ChildFrame {
        case loop(ForLoop)
        case macro(MacroDefinition)
        case block([Node])
    }

    private final class Analysis {
        var free: Set<String> = []
        /// Whether to record offsets: only `located` needs them, and parsing runs this per loop.
        let locating: Bool
        /// Where each name is first read, for locating the free ones.
        var firstLoads: [String: Int] = [:]
        /// Where each free name is read while unbound, when it is.
        var freeLoads: [String: Int] = [:]

        init(locating: Bool) { self.locating = locating }

        func load(_ name: String, _ symbols: Symbols, at offset: Int) {
            if locating, firstLoads[name].map({ offset < $0 }) ?? true { firstLoads[name] = offset }
            if !symbols.findRef(name) {
                symbols.refs.insert(name)
                if !globals.contains(name) {
                    free.insert(name)
                    if locating, freeLoads[name].map({ offset < $0 }) ?? true { freeLoads[name] = offset }
                }
            }
        }

        func store(_ name: String, _ symbols: Symbols) {
            symbols.stores.insert(name)
            symbols.refs.insert(name)
        }

        func declare(_ name: String, _ symbols: Symbols) {
            symbols.stores.insert(name)
            symbols.refs.insert(name)
        }

        /// Visits one frame's own nodes; returns the frames nested in it.
        func visitFrame(_ nodes: [Node], _ symbols: Symbols) {
            var children: [ChildFrame] = []
            visit(nodes, symbols, &children)
            for child in children { analyze(child, parent: symbols) }
        }

        private func analyze(_ child: ChildFrame, parent: Symbols) {
            switch child {
            case .loop(let loop):
                if let condition = loop.condition {
                    let test = Symbols(parent: parent)
                    for name in loop.target.names { declare(name, test) }
                    var nested: [ChildFrame] = []
                    visit(condition, test, &nested)
                }
                let body = Symbols(parent: parent)
                declare("loop", body)
                for name in loop.target.names { declare(name, body) }
                visitFrame(loop.body, body)
                visitFrame(loop.otherwise, Symbols(parent: parent))
            case .macro(let definition):
                let frame = Symbols(parent: parent)
                for name in ["caller", "kwargs", "varargs"] { declare(name, frame) }
                for name in definition.parameters { declare(name, frame) }
                var nested: [ChildFrame] = []
                for value in definition.defaults { visit(value, frame, &nested) }
                var bodyChildren: [ChildFrame] = []
                visit(definition.body, frame, &bodyChildren)
                for inner in nested + bodyChildren { analyze(inner, parent: frame) }
            case .block(let nodes):
                visitFrame(nodes, Symbols(parent: parent))
            }
        }

        private func visit(_ nodes: [Node], _ symbols: Symbols, _ children: inout [ChildFrame]) {
            for node in nodes { visit(node, symbols, &children) }
        }

        private func visit(_ node: Node, _ symbols: Symbols, _ children: inout [ChildFrame]) {
            switch node {
            case .text: break
            case .output(let expr): visit(expr, symbols, &children)
            case .conditional(let branches, let otherwise):
                visitConditional(branches[...], otherwise, symbols, &children)
            case .forLoop(let loop):
                visit(loop.iterable, symbols, &children)
                children.append(.loop(loop))
            case .set(let target, let expr, _):
                visit(expr, symbols, &children)
                for name in target.names { store(name, symbols) }
            case .setBlock(let name, let body, _):
                store(name, symbols)
                children.append(.block(body))
            case .include(let expr, _, _, _):
                visit(expr, symbols, &children)
            case .macro(let definition):
                store(definition.name, symbols)
                children.append(.macro(definition))
            }
        }

        /// Jinja2 keeps `elif` branches as nested ifs: each if has three branches (body, elifs, else).
        private func visitConditional(
            _ branches: ArraySlice<(test: Expr, body: [Node])>, _ otherwise: [Node], _ symbols: Symbols,
            _ children: inout [ChildFrame]
        ) {
            guard let first = branches.first else { return }
            visit(first.test, symbols, &children)
            let body = symbols.copy()
            visit(first.body, body, &children)
            let elifs = symbols.copy()
            // Each elif is an if of its own, with an empty elif list and no else.
            for branch in branches.dropFirst() {
                visitConditional([branch][...], [], elifs, &children)
            }
            let elseSymbols = symbols.copy()
            visit(otherwise, elseSymbols, &children)
            merge([body, elifs, elseSymbols], into: symbols)
        }

        private func merge(_ branches: [Symbols], into symbols: Symbols) {
            var counts: [String: Int] = [:]
            for branch in branches {
                for name in branch.stores where !symbols.stores.contains(name) {
                    counts[name, default: 0] += 1
                }
            }
            for branch in branches {
                symbols.refs.formUnion(branch.refs)
                symbols.stores.formUnion(branch.stores)
            }
            for (name, count) in counts where count < branches.count {
                if let parent = symbols.parent, parent.findRef(name) { continue }
                if !globals.contains(name) { free.insert(name) }
            }
        }

        private func visit(_ expr: Expr, _ symbols: Symbols, _ children: inout [ChildFrame]) {
            switch expr.kind {
            case .literal: break
            case .name(let name): load(name, symbols, at: expr.offset)
            case .list(let items), .tuple(let items), .concat(let items):
                for item in items { visit(item, symbols, &children) }
            case .dict(let pairs):
                for pair in pairs {
                    visit(pair.key, symbols, &children)
                    visit(pair.value, symbols, &children)
                }
            case .attribute(let base, _), .negate(let base), .plus(let base), .not(let base):
                visit(base, symbols, &children)
            case .item(let base, let key):
                visit(base, symbols, &children)
                visit(key, symbols, &children)
            case .slice(let base, let start, let stop, let step):
                visit(base, symbols, &children)
                for part in [start, stop, step] { if let part { visit(part, symbols, &children) } }
            case .and(let left, let right), .or(let left, let right), .binary(_, let left, let right):
                visit(left, symbols, &children)
                visit(right, symbols, &children)
            case .compare(let first, let operations):
                visit(first, symbols, &children)
                for operation in operations { visit(operation.operand, symbols, &children) }
            case .conditional(let test, let then, let otherwise):
                visit(then, symbols, &children)
                visit(test, symbols, &children)
                if let otherwise { visit(otherwise, symbols, &children) }
            case .filter(let base, _, let arguments), .test(let base, _, let arguments, _),
                .call(let base, let arguments):
                visit(base, symbols, &children)
                for argument in arguments.positional { visit(argument, symbols, &children) }
                for keyword in arguments.keywords { visit(keyword.value, symbols, &children) }
            }
        }
    }

    static func of(_ nodes: [Node]) -> Set<String> {
        let analysis = Analysis(locating: false)
        analysis.visitFrame(nodes, Symbols(parent: nil))
        return analysis.free
    }

    /// Each free name with the offset of the first place it is read unbound; a name that is free
    /// because only some branches of an `if` bind it points at its first read, if any.
    static func located(_ nodes: [Node]) -> [String: Int?] {
        let analysis = Analysis(locating: true)
        analysis.visitFrame(nodes, Symbols(parent: nil))
        var result: [String: Int?] = [:]
        for name in analysis.free {
            result.updateValue(analysis.freeLoads[name] ?? analysis.firstLoads[name], forKey: name)
        }
        return result
    }
}
