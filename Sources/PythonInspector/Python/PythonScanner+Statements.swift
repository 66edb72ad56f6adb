/// Statements: compound headers and their suites, decorated definitions, simple statements.
extension PythonScanner {
    static let simpleKeywords: Set<String> = [
        "del", "pass", "assert", "raise", "global", "nonlocal", "return", "break", "continue",
    ]

    /// One statement at `i` (compound, decorated, or a line of simple statements).
    mutating func statement(_ target: Target, _ collected: inout Collected, _ lastCompound: inout String?) {
        let token = current
        if token.kind == .indent {
            let next = tokens[i + 1]
            fail(
                .unexpectedIndent, line: next.startLine, column: max(1, next.startColumn), "unexpected indent"
            )
            block(.none, &collected)
            return
        }
        if token.kind == .op && stream.token(token, is: "@") {
            lastCompound = nil
            decorated(target, &collected)
            return
        }
        // Keywords are at most 8 bytes long: longer names start simple statements.
        if token.kind == .name && token.end - token.start <= 8 {
            let keyword = text(i)
            switch keyword {
            case "def":
                lastCompound = nil
                function(target, &collected, decorators: [])
                return
            case "class":
                lastCompound = nil
                classDefinition(target, &collected, decorators: [])
                return
            case "async" where isName(i + 1, "def"):
                lastCompound = nil
                function(target, &collected, decorators: [])
                return
            case "async" where isName(i + 1, "for") || isName(i + 1, "with"):
                lastCompound = text(i + 1)
                compound(kind: text(i + 1), target, &collected, bodyTarget: .none)
                return
            case "if", "try":
                lastCompound = keyword
                compound(kind: keyword, target, &collected, bodyTarget: conditionalTarget(target))
                return
            case "for", "while", "with":
                lastCompound = keyword
                compound(kind: keyword, target, &collected, bodyTarget: .none)
                return
            case "elif", "else", "except", "finally":
                let body = lastCompound == "if" || lastCompound == "try" ? conditionalTarget(target) : .none
                compound(kind: nil, target, &collected, bodyTarget: body, clause: keyword)
                return
            case "case" where isMatchStatement():
                // A `case` block inside a `match` (bodies of `match` are never recorded).
                compound(kind: nil, target, &collected, bodyTarget: .none, clause: "case")
                return
            case "match" where isMatchStatement():
                lastCompound = nil
                compound(kind: "match", target, &collected, bodyTarget: .none)
                return
            default:
                break
            }
        }
        lastCompound = nil
        simpleLine(target, &collected)
    }

    /// Bodies of `if`/`try` keep recording module-level definitions, marked conditional.
    func conditionalTarget(_ target: Target) -> Target {
        if case .module = target { return .module(conditional: true) }
        return .none
    }

    /// `match` and `case` are soft keywords: a statement when the line ends in a header `:` followed
    /// by a block.
    func isMatchStatement() -> Bool {
        guard i + 1 < tokens.count else { return false }
        let next = tokens[i + 1]
        if next.kind == .op {
            let op = stream.text(next)
            if op == "=" || op == "." || op == ":" || op == ";" || op == ","
                || isAugmentedAssignment(i + 1)
            {
                return false
            }
        } else if next.kind == .newline || next.kind == .endmarker {
            return false
        }
        guard let colon = headerColon(from: i + 1) else { return false }
        return colon + 2 < tokens.count && tokens[colon + 1].kind == .newline
            && tokens[colon + 2].kind == .indent
    }

    /// An indented block at an INDENT token, through its DEDENT.
    mutating func block(_ target: Target, _ collected: inout Collected) {
        i += 1
        var lastCompound: String?
        while !at(.endmarker) && !at(.dedent) {
            let before = i
            if at(.newline) {
                i += 1
            } else {
                statement(target, &collected, &lastCompound)
            }
            if i == before { i += 1 }
        }
        if at(.dedent) { i += 1 }
    }

    /// The suite after a header's `:` at `colon`: a block, or simple statements on the same line.
    mutating func suite(
        after colon: Int, _ target: Target, _ collected: inout Collected, what: String, line: Int
    ) {
        i = colon + 1
        if at(.newline) {
            i += 1
            if at(.indent) {
                block(target, &collected)
            } else {
                let next = endOfInputPosition() ?? (current.startLine, current.startColumn + 1)
                fail(
                    .expectedIndentedBlock, line: next.line, column: next.column,
                    "expected an indented block after \(what) on line \(line)")
            }
        } else if !isLineEnd(i) {
            simpleLine(target, &collected)
        }
    }

    /// Where CPython reports a block missing at the end of the input: the last line break (of a
    /// statement or of a comment line). Nil when input remains after `i`.
    func endOfInputPosition() -> (line: Int, column: Int)? {
        var k = i
        while k < tokens.count && (tokens[k].kind == .dedent) { k += 1 }
        guard k < tokens.count, tokens[k].kind == .endmarker else { return nil }
        let all = stream.tokens
        var last = all.count - 1
        while last > 0 && (all[last].kind == .endmarker || all[last].kind == .dedent) { last -= 1 }
        guard last >= 0, last < all.count else { return nil }
        return (all[last].startLine, all[last].startColumn + 1)
    }

    /// A compound statement (`kind`) or one of its clauses (`clause`): header, then suite.
    mutating func compound(
        kind: String?, _ target: Target, _ collected: inout Collected, bodyTarget: Target,
        clause: String? = nil
    ) {
        let first = current
        let keywordIndex = kind != nil && isName(i, "async") ? i + 1 : i
        if let kind, case .module(conditional: false) = target {
            var mainGuard = false
            if kind == "if", let colon = headerColon(from: i + 1) {
                mainGuard = isMainGuard(i + 1, colon)
            }
            collected.module.statements.append(
                PythonStatement(
                    kind: kind, line: first.startLine, column: first.startColumn + 1, mainGuard: mainGuard))
        }
        let what = "'\(clause ?? text(keywordIndex))' statement"
        i = keywordIndex + 1
        guard let colon = blockColon() else { return }
        suite(after: colon, bodyTarget, &collected, what: what, line: first.startLine)
    }

    /// `__name__ == "__main__"` (either way round) in `lo..<hi`.
    func isMainGuard(_ lo: Int, _ hi: Int) -> Bool {
        guard hi - lo == 3, isOp(lo + 1, "==") else { return false }
        let isName = { (k: Int) in self.tokens[k].kind == .name && self.text(k) == "__name__" }
        let isMain = { (k: Int) in
            self.tokens[k].kind == .string && (self.text(k) == "'__main__'" || self.text(k) == "\"__main__\"")
        }
        return (isName(lo) && isMain(lo + 2)) || (isMain(lo) && isName(lo + 2))
    }

    /// `@decorator` lines, then the definition they decorate.
    mutating func decorated(_ target: Target, _ collected: inout Collected) {
        var decorators: [String] = []
        while isOp(i, "@") {
            let start = i + 1
            var end = start
            while !isLineEnd(end) { end += 1 }
            decorators.append(text(start, through: end - 1))
            i = end
            if at(.newline) { i += 1 } else { break }
        }
        if isName(i, "def") || (isName(i, "async") && isName(i + 1, "def")) {
            function(target, &collected, decorators: decorators)
        } else if isName(i, "class") {
            classDefinition(target, &collected, decorators: decorators)
        }
    }

    /// A line of simple statements separated by `;`.
    mutating func simpleLine(_ target: Target, _ collected: inout Collected) {
        while true {
            let end = simpleStatementEnd(i)
            if end > i { simpleStatement(i, end, target, &collected) }
            i = end
            if isOp(i, ";") {
                i += 1
                if isLineEnd(i) { break }
                continue
            }
            break
        }
        if at(.newline) { i += 1 }
    }
}
