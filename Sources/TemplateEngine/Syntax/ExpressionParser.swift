import RelnaCore

/// Expressions, with Jinja2's precedence: conditional < or < and < not < comparison < + - < ~ <
/// * / // % < ** < unary - + < filters and tests < postfix (. [] ()).
extension Parser {
    /// A comma-separated list becomes a tuple (`{{ a, b }}`, `{% set x = 1, 2 %}`).
    mutating func parseTuple(withCondition: Bool, explicitParentheses: Bool = false) throws(TemplateError)
        -> Expr
    {
        let offset = current.offset
        var items: [Expr] = []
        var isTuple = false
        while true {
            if !items.isEmpty { try expectOp(",") }
            if isTupleEnd() { break }
            items.append(withCondition ? try parseExpression() : try parseOr())
            if isOp(",") {
                isTuple = true
            } else {
                break
            }
        }
        if !isTuple {
            if let first = items.first { return first }
            if !explicitParentheses { throw unexpected("an expression") }
        }
        return Expr(offset: offset, kind: .tuple(items))
    }

    /// Counts one more level of a left-nested chain (`a + b + c`, `x | f | g`) against the depth limit.
    mutating func chain(_ chained: inout Int) throws(TemplateError) {
        chained += 1
        try enter(at: current.offset)
    }

    private func isTupleEnd() -> Bool {
        switch token {
        case .variableEnd, .blockEnd, .end: return true
        case .op(let op): return op == ")"
        default: return false
        }
    }

    mutating func parseExpression() throws(TemplateError) -> Expr {
        // Each chained operator nests the tree one level deeper.
        var chained = 0
        defer { depth -= chained }
        let offset = current.offset
        var expr = try parseOr()
        while skipName("if") {
            try chain(&chained)
            let test = try parseOr()
            var otherwise: Expr? = nil
            if skipName("else") { otherwise = try parseExpression() }
            expr = Expr(offset: offset, kind: .conditional(test: test, then: expr, otherwise: otherwise))
        }
        return expr
    }

    /// One level of left-associative operators, `operand (operator operand)*`: `node` gives what the
    /// current token makes of the operands around it, nil when it is not this level's operator.
    private mutating func leftAssociative(
        of operand: (inout Parser) throws(TemplateError) -> Expr, node: (Token) -> MakeNode?
    ) throws(TemplateError) -> Expr {
        // Each chained operator nests the tree one level deeper.
        var chained = 0
        defer { depth -= chained }
        var left = try operand(&self)
        while let kind = node(token) {
            try chain(&chained)
            let offset = current.offset
            advance()
            left = Expr(offset: offset, kind: kind(left, try operand(&self)))
        }
        return left
    }

    /// What an operator makes of its two operands.
    private typealias MakeNode = (Expr, Expr) -> Expr.Kind

    /// The arithmetic operator of `level` (see `BinaryOperator.level`) that `token` is, if it is one.
    private static func arithmetic(_ token: Token, level: Int) -> MakeNode? {
        guard case .op(let text) = token, let op = BinaryOperator(rawValue: text), op.level == level else {
            return nil
        }
        return { .binary(op, $0, $1) }
    }

    private mutating func parseOr() throws(TemplateError) -> Expr {
        try leftAssociative(
            of: { parser throws(TemplateError) in try parser.parseAnd() },
            node: { $0 == .name("or") ? { .or($0, $1) } : nil })
    }

    private mutating func parseAnd() throws(TemplateError) -> Expr {
        try leftAssociative(
            of: { parser throws(TemplateError) in try parser.parseNot() },
            node: { $0 == .name("and") ? { .and($0, $1) } : nil })
    }

    private mutating func parseNot() throws(TemplateError) -> Expr {
        if isName("not") {
            let offset = current.offset
            advance()
            try enter(at: offset)
            defer { depth -= 1 }
            return Expr(offset: offset, kind: .not(try parseNot()))
        }
        return try parseCompare()
    }

    private mutating func parseCompare() throws(TemplateError) -> Expr {
        let offset = current.offset
        let first = try parseMath1()
        var operations: [(op: CompareOperator, operand: Expr)] = []
        while true {
            let op: CompareOperator
            switch token {
            case .op("=="): op = .equal
            case .op("!="): op = .notEqual
            case .op("<"): op = .less
            case .op("<="): op = .lessEqual
            case .op(">"): op = .greater
            case .op(">="): op = .greaterEqual
            case .name("in"): op = .contains
            case .name("not") where peek() == .name("in"):
                advance()
                op = .notContains
            default:
                return operations.isEmpty ? first : Expr(offset: offset, kind: .compare(first, operations))
            }
            advance()
            operations.append((op, try parseMath1()))
        }
    }

    private mutating func parseMath1() throws(TemplateError) -> Expr {
        try leftAssociative(
            of: { parser throws(TemplateError) in try parser.parseConcat() },
            node: { Self.arithmetic($0, level: 0) })
    }

    private mutating func parseConcat() throws(TemplateError) -> Expr {
        let first = try parseMath2()
        guard isOp("~") else { return first }
        var items = [first]
        let offset = current.offset
        while skipOp("~") { items.append(try parseMath2()) }
        return Expr(offset: offset, kind: .concat(items))
    }

    private mutating func parseMath2() throws(TemplateError) -> Expr {
        try leftAssociative(
            of: { parser throws(TemplateError) in try parser.parsePower() },
            node: { Self.arithmetic($0, level: 1) })
    }

    private mutating func parsePower() throws(TemplateError) -> Expr {
        try leftAssociative(
            of: { parser throws(TemplateError) in try parser.parseUnary(withFilter: true) },
            node: { Self.arithmetic($0, level: 2) })
    }

    private mutating func parseUnary(withFilter: Bool) throws(TemplateError) -> Expr {
        let offset = current.offset
        try enter(at: offset)
        defer { depth -= 1 }
        var expr: Expr
        if skipOp("-") {
            expr = Expr(offset: offset, kind: .negate(try parseUnary(withFilter: false)))
        } else if skipOp("+") {
            expr = Expr(offset: offset, kind: .plus(try parseUnary(withFilter: false)))
        } else {
            expr = try parsePrimary()
        }
        expr = try parsePostfix(expr)
        if withFilter { expr = try parseFilterExpression(expr) }
        return expr
    }

    private mutating func parsePrimary() throws(TemplateError) -> Expr {
        let offset = current.offset
        switch token {
        case .name(let name):
            advance()
            switch name {
            case "true", "True": return Expr(offset: offset, kind: .literal(.bool(true)))
            case "false", "False": return Expr(offset: offset, kind: .literal(.bool(false)))
            case "none", "None": return Expr(offset: offset, kind: .literal(.none))
            default: return Expr(offset: offset, kind: .name(name))
            }
        case .string(var text):
            advance()
            // Adjacent string literals concatenate, as in Python.
            while case .string(let more) = token {
                text += more
                advance()
            }
            return Expr(offset: offset, kind: .literal(.string(text)))
        case .integer(let value):
            advance()
            return Expr(offset: offset, kind: .literal(.int(value)))
        case .float(let value):
            advance()
            return Expr(offset: offset, kind: .literal(.double(value)))
        case .op("("):
            advance()
            let inner = try parseTuple(withCondition: true, explicitParentheses: true)
            try expectOp(")", "')'")
            return inner
        case .op("["):
            advance()
            var items: [Expr] = []
            while !isOp("]") {
                if !items.isEmpty { try expectOp(",", "',' or ']'") }
                if isOp("]") { break }
                items.append(try parseExpression())
            }
            advance()
            return Expr(offset: offset, kind: .list(items))
        case .op("{"):
            advance()
            var pairs: [(key: Expr, value: Expr)] = []
            while !isOp("}") {
                if !pairs.isEmpty { try expectOp(",", "',' or '}'") }
                if isOp("}") { break }
                let key = try parseExpression()
                try expectOp(":", "':' after the dictionary key")
                pairs.append((key, try parseExpression()))
            }
            advance()
            return Expr(offset: offset, kind: .dict(pairs))
        default:
            throw unexpected("an expression")
        }
    }

    private mutating func parsePostfix(_ base: Expr) throws(TemplateError) -> Expr {
        // Each chained operator nests the tree one level deeper.
        var chained = 0
        defer { depth -= chained }
        var expr = base
        while true {
            try chain(&chained)
            let offset = current.offset
            if skipOp(".") {
                switch token {
                case .name(let attribute):
                    advance()
                    expr = Expr(offset: offset, kind: .attribute(expr, attribute))
                case .integer(let position):
                    advance()
                    let key = Expr(offset: offset, kind: .literal(.int(position)))
                    expr = Expr(offset: offset, kind: .item(expr, key))
                default:
                    throw unexpected("an attribute name after '.'")
                }
            } else if skipOp("[") {
                expr = try parseSubscript(expr, at: offset)
            } else if isOp("(") {
                // A call is located at its callee: `{{ helper(1) }}` points at `helper`.
                expr = Expr(offset: expr.offset, kind: .call(expr, try parseCallArguments()))
            } else {
                return expr
            }
        }
    }

    private mutating func parseSubscript(_ base: Expr, at offset: Int) throws(TemplateError) -> Expr {
        var parts: [Expr?] = []
        var isSlice = false
        if !isOp(":") { parts.append(try parseExpression()) } else { parts.append(nil) }
        while skipOp(":") {
            isSlice = true
            if isOp(":") || isOp("]") {
                parts.append(nil)
            } else {
                parts.append(try parseExpression())
            }
        }
        if isOp(",") { throw error("tuple subscripts are not supported", at: current.offset) }
        try expectOp("]", "']'")
        guard isSlice else {
            guard let key = parts[0] else { throw unexpected("an expression") }
            return Expr(offset: offset, kind: .item(base, key))
        }
        if parts.count > 3 { throw error("a slice has at most three parts", at: offset) }
        let step: Expr? = parts.count > 2 ? parts[2] : nil
        return Expr(offset: offset, kind: .slice(base, start: parts[0], stop: parts[1], step: step))
    }

    private mutating func parseCallArguments() throws(TemplateError) -> Arguments {
        advance()
        var arguments = Arguments()
        while !isOp(")") {
            if !arguments.positional.isEmpty || !arguments.keywords.isEmpty {
                try expectOp(",", "',' or ')'")
            }
            if isOp(")") { break }
            if case .name(let keyword) = token, peek() == .op("=") {
                let keywordOffset = current.offset
                advance()
                advance()
                if arguments.keywords.contains(where: { $0.name == keyword }) {
                    throw error("keyword argument '\(keyword)' repeated", at: keywordOffset)
                }
                arguments.keywords.append((keyword, try parseExpression()))
            } else {
                if !arguments.keywords.isEmpty {
                    throw error("positional argument follows keyword argument", at: current.offset)
                }
                if isOp("*") || isOp("**") {
                    throw error("'*' and '**' arguments are not supported", at: current.offset)
                }
                arguments.positional.append(try parseExpression())
            }
        }
        advance()
        return arguments
    }

    /// The filter or test (`kind`) named at the current token, and where its name starts.
    private mutating func expectNamed<Named>(
        _ kind: String, _ named: (String) -> Named?, among names: @autoclosure () -> [String]
    ) throws(TemplateError) -> (Named, offset: Int) {
        let offset = current.offset
        let name = try expectName()
        guard let found = named(name) else {
            var message = "\(kind) '\(name)' does not exist"
            if let suggestion = DidYouMean.suggest(name, among: names()) {
                message += "; did you mean '\(suggestion)'?"
            }
            throw error(message, at: offset)
        }
        return (found, offset)
    }

    private mutating func parseFilterExpression(_ base: Expr) throws(TemplateError) -> Expr {
        // Each chained operator nests the tree one level deeper.
        var chained = 0
        defer { depth -= chained }
        var expr = base
        while true {
            try chain(&chained)
            if isOp("|") {
                advance()
                let (filter, nameOffset) = try expectNamed("filter", Filter.named, among: Filter.allNames)
                let arguments = isOp("(") ? try parseCallArguments() : Arguments()
                expr = Expr(offset: nameOffset, kind: .filter(expr, filter, arguments))
            } else if isName("is") {
                advance()
                let negated = skipName("not")
                let (test, nameOffset) = try expectNamed("test", TestKind.named, among: TestKind.allNames)
                var arguments = Arguments()
                if isOp("(") {
                    arguments = try parseCallArguments()
                } else if startsTestArgument() {
                    if isName("is") { throw error("tests cannot be chained with 'is'", at: current.offset) }
                    arguments.positional = [try parsePostfix(try parsePrimary())]
                }
                expr = Expr(offset: nameOffset, kind: .test(expr, test, arguments, negated: negated))
            } else if isOp("(") {
                expr = Expr(offset: current.offset, kind: .call(expr, try parseCallArguments()))
            } else {
                return expr
            }
        }
    }

    /// Jinja2 accepts one argument without parentheses: `x is divisibleby 3`.
    private func startsTestArgument() -> Bool {
        switch token {
        case .name(let name): return !["else", "or", "and"].contains(name)
        case .string, .integer, .float: return true
        case .op(let op): return op == "(" || op == "[" || op == "{"
        default: return false
        }
    }
}
