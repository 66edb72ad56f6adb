import RelnaCore

/// Builds the syntax tree from tokens, following Jinja2's grammar (statements here, expressions in
/// ExpressionParser.swift).
struct Parser {
    let source: SourceText
    let name: String
    let lexemes: [Lexeme]
    var index = 0
    /// Nesting of expressions and blocks; bounded so that hostile input cannot exhaust the stack.
    var depth = 0
    static let maxDepth = 128
    /// Blocks currently open, innermost last, for "expected 'endfor' to close 'for'" messages.
    var openBlocks: [(tag: String, end: String, offset: Int)] = []
    /// Literal template names of include statements, in source order.
    var includes: [String] = []

    init(source: SourceText, name: String, lexemes: [Lexeme]) {
        self.source = source
        self.name = name
        self.lexemes = lexemes
    }

    var current: Lexeme { lexemes[index] }
    var token: Token { lexemes[index].token }

    func peek(_ distance: Int = 1) -> Token {
        let target = index + distance
        return target < lexemes.count ? lexemes[target].token : .end
    }

    mutating func advance() {
        if index < lexemes.count - 1 { index += 1 }
    }

    func error(_ message: String, at offset: Int) -> TemplateError {
        TemplateError(templateName: name, offset: offset, message: message, source: source)
    }

    func unexpected(_ expected: String) -> TemplateError {
        error("expected \(expected), got \(token.described)", at: current.offset)
    }

    mutating func enter(at offset: Int) throws(TemplateError) {
        depth += 1
        if depth > Self.maxDepth {
            throw error("nesting is deeper than \(Self.maxDepth) levels", at: offset)
        }
    }

    func isName(_ word: String) -> Bool {
        if case .name(let name) = token { return name == word }
        return false
    }

    func isOp(_ op: String) -> Bool {
        if case .op(let value) = token { return value == op }
        return false
    }

    mutating func skipName(_ word: String) -> Bool {
        guard isName(word) else { return false }
        advance()
        return true
    }

    mutating func skipOp(_ op: String) -> Bool {
        guard isOp(op) else { return false }
        advance()
        return true
    }

    mutating func expectOp(_ op: String, _ what: String? = nil) throws(TemplateError) {
        guard skipOp(op) else { throw unexpected(what ?? "'\(op)'") }
    }

    mutating func expectName() throws(TemplateError) -> String {
        guard case .name(let name) = token else { throw unexpected("a name") }
        advance()
        return name
    }

    mutating func expectBlockEnd(_ statement: String) throws(TemplateError) {
        guard case .blockEnd = token else {
            throw error(
                "expected '%}' to end the '\(statement)' statement, got \(token.described)",
                at: current.offset)
        }
        advance()
    }

    // MARK: Statements

    mutating func parseTemplate() throws(TemplateError) -> [Node] {
        let (nodes, _) = try parseBody(stops: [])
        return nodes
    }

    /// Nodes up to a `{% stop %}` tag (whose name is consumed) or the end of the template.
    mutating func parseBody(stops: [String]) throws(TemplateError) -> (
        nodes: [Node], stop: String?
    ) {
        var nodes: [Node] = []
        while true {
            switch token {
            case .text(let text):
                nodes.append(.text(text, offset: current.offset))
                advance()
            case .variableBegin:
                advance()
                let expr = try parseTuple(withCondition: true)
                guard case .variableEnd = token else {
                    throw error(
                        "expected '}}' to end the expression, got \(token.described)", at: current.offset)
                }
                advance()
                nodes.append(.output(expr))
            case .blockBegin:
                let tagOffset = current.offset
                advance()
                guard case .name(let tag) = token else {
                    throw error(
                        "expected a statement name after '{%', got \(token.described)", at: current.offset)
                }
                if stops.contains(tag) {
                    advance()
                    return (nodes, tag)
                }
                nodes.append(try parseStatement(tag, at: tagOffset))
            case .end:
                if let open = openBlocks.last {
                    throw error(
                        "expected '\(open.end)' to close '\(open.tag)' opened at \(source.position(of: open.offset))",
                        at: current.offset)
                }
                return (nodes, nil)
            default:
                throw error("unexpected \(token.described)", at: current.offset)
            }
        }
    }

    static let supportedStatements = ["if", "for", "set", "include", "macro", "raw"]
    static let unsupportedStatements = [
        "block", "extends", "import", "from", "call", "filter", "with", "autoescape", "do", "break",
        "continue", "trans", "pluralize",
    ]

    mutating func parseStatement(_ tag: String, at offset: Int) throws(TemplateError) -> Node {
        let tagOffset = current.offset
        try enter(at: tagOffset)
        defer { depth -= 1 }
        switch tag {
        case "if": return try parseIf(at: offset)
        case "for": return try parseFor(at: offset)
        case "set": return try parseSet(at: offset)
        case "include": return try parseInclude(at: offset)
        case "macro": return try parseMacro(at: offset)
        default:
            if let open = openBlocks.last, tag.hasPrefix("end") || tag == "else" || tag == "elif" {
                throw error(
                    "unexpected '\(tag)'; expected '\(open.end)' to close '\(open.tag)' opened at "
                        + source.position(of: open.offset), at: tagOffset)
            }
            if tag.hasPrefix("end") || tag == "else" || tag == "elif" {
                throw error("unexpected '\(tag)': no block is open", at: tagOffset)
            }
            if Self.unsupportedStatements.contains(tag) {
                throw error("statement '\(tag)' is not supported", at: tagOffset)
            }
            var message = "unknown statement '\(tag)'"
            if let suggestion = DidYouMean.suggest(tag, among: Self.supportedStatements) {
                message += "; did you mean '\(suggestion)'?"
            }
            throw error(message, at: tagOffset)
        }
    }

    private mutating func parseIf(at offset: Int) throws(TemplateError) -> Node {
        advance()
        openBlocks.append(("if", "endif", offset))
        defer { openBlocks.removeLast() }
        var branches: [(test: Expr, body: [Node])] = []
        var otherwise: [Node] = []
        var test = try parseTuple(withCondition: false)
        while true {
            try expectBlockEnd("if")
            let (body, stop) = try parseBody(stops: ["elif", "else", "endif"])
            branches.append((test, body))
            if stop == "elif" {
                test = try parseTuple(withCondition: false)
                continue
            }
            if stop == "else" {
                try expectBlockEnd("else")
                (otherwise, _) = try parseBody(stops: ["endif"])
            }
            try expectBlockEnd("endif")
            return .conditional(branches: branches, otherwise: otherwise)
        }
    }

    private mutating func parseFor(at offset: Int) throws(TemplateError) -> Node {
        advance()
        let target = try parseAssignTarget(stop: "in")
        guard skipName("in") else { throw unexpected("'in'") }
        let iterable = try parseTuple(withCondition: false)
        var condition: Expr? = nil
        if skipName("if") { condition = try parseExpression() }
        if isName("recursive") { throw error("recursive loops are not supported", at: current.offset) }
        try expectBlockEnd("for")
        openBlocks.append(("for", "endfor", offset))
        defer { openBlocks.removeLast() }
        let (body, stop) = try parseBody(stops: ["endfor", "else"])
        var otherwise: [Node] = []
        if stop == "else" {
            try expectBlockEnd("else")
            (otherwise, _) = try parseBody(stops: ["endfor"])
        }
        try expectBlockEnd("endfor")
        return .forLoop(
            ForLoop(
                offset: offset, target: target, iterable: iterable, condition: condition, body: body,
                otherwise: otherwise))
    }

    /// `a`, `a, b`, `(a, b), c` up to `stop` or `=`.
    private mutating func parseAssignTarget(stop: String?) throws(TemplateError) -> AssignTarget {
        var items: [AssignTarget] = []
        var sawComma = false
        while true {
            if isOp("(") {
                try enter(at: current.offset)
                advance()
                let inner = try parseAssignTarget(stop: nil)
                depth -= 1
                try expectOp(")")
                items.append(inner)
            } else {
                guard case .name(let name) = token else { throw unexpected("a variable name") }
                if ["true", "false", "none", "True", "False", "None"].contains(name) {
                    throw error("cannot assign to '\(name)'", at: current.offset)
                }
                advance()
                items.append(.name(name))
            }
            guard skipOp(",") else { break }
            sawComma = true
            if let stop, isName(stop) { break }
            if isOp("=") || isOp(")") { break }
        }
        return items.count == 1 && !sawComma ? items[0] : .tuple(items)
    }

    private mutating func parseSet(at offset: Int) throws(TemplateError) -> Node {
        advance()
        let targetOffset = current.offset
        let target = try parseAssignTarget(stop: nil)
        if skipOp("=") {
            let value = try parseTuple(withCondition: true)
            try expectBlockEnd("set")
            return .set(target, value, offset: offset)
        }
        guard case .name(let name) = target else {
            throw error("a 'set' block assigns to one name", at: targetOffset)
        }
        guard case .blockEnd = token else { throw unexpected("'=' or '%}'") }
        advance()
        openBlocks.append(("set", "endset", offset))
        defer { openBlocks.removeLast() }
        let (body, _) = try parseBody(stops: ["endset"])
        try expectBlockEnd("endset")
        return .setBlock(name, body: body, offset: offset)
    }

    private mutating func parseInclude(at offset: Int) throws(TemplateError) -> Node {
        advance()
        let expr = try parseExpression()
        if case .literal(.string(let included)) = expr.kind { includes.append(included) }
        var ignoreMissing = false
        var withContext = true
        if isName("ignore") {
            advance()
            guard skipName("missing") else { throw unexpected("'missing'") }
            ignoreMissing = true
        }
        if isName("with") || isName("without") {
            withContext = isName("with")
            advance()
            guard skipName("context") else { throw unexpected("'context'") }
        }
        try expectBlockEnd("include")
        return .include(expr, ignoreMissing: ignoreMissing, withContext: withContext, offset: offset)
    }

    private mutating func parseMacro(at offset: Int) throws(TemplateError) -> Node {
        advance()
        let macroName = try expectName()
        try expectOp("(", "'(' to start the parameter list")
        var parameters: [String] = []
        var defaults: [Expr] = []
        while !isOp(")") {
            if !parameters.isEmpty { try expectOp(",", "',' or ')'") }
            if isOp(")") { break }
            let parameterOffset = current.offset
            let parameter = try expectName()
            if parameters.contains(parameter) {
                throw error("duplicate parameter '\(parameter)'", at: parameterOffset)
            }
            parameters.append(parameter)
            if skipOp("=") {
                defaults.append(try parseExpression())
            } else if !defaults.isEmpty {
                throw error(
                    "parameter '\(parameter)' without a default follows one with a default",
                    at: parameterOffset)
            }
        }
        advance()
        try expectBlockEnd("macro")
        openBlocks.append(("macro", "endmacro", offset))
        defer { openBlocks.removeLast() }
        let (body, _) = try parseBody(stops: ["endmacro"])
        try expectBlockEnd("endmacro")
        return .macro(
            MacroDefinition(
                offset: offset, name: macroName, parameters: parameters, defaults: defaults, body: body))
    }
}
