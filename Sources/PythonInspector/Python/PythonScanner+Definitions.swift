/// Functions, classes, assignments and imports: what the scanner records.
extension PythonScanner {
    // MARK: - Functions

    /// `[async] def name(params) [-> returns]:` then its body (skipped).
    mutating func function(_ target: Target, _ collected: inout Collected, decorators: [String]) {
        let first = current
        let isAsync = isName(i, "async")
        let defIndex = isAsync ? i + 1 : i
        i = defIndex + 1
        guard let name = definedName() else { return }
        let params = parenthesized().map { parameters($0.lowerBound, $0.upperBound) } ?? []
        var returns: String?
        if isOp(i, "->"), let colon = headerColon(from: i + 1) {
            returns = text(i + 1, through: colon - 1)
        }
        guard let colon = blockColon() else { return }
        // The body first (recorded nowhere: its target is .none), to learn whether it gives a value.
        bodiesGivingValues.append(false)
        suite(after: colon, .none, &collected, what: "function definition", line: first.startLine)
        let givesValue = bodiesGivingValues.popLast() ?? true
        let function = PythonFunction(
            name: name, line: first.startLine, column: first.startColumn + 1, isAsync: isAsync,
            decorators: decorators, params: params, returns: returns, conditional: isConditional(target),
            givesValue: givesValue)
        switch target {
        case .module: collected.module.functions.append(function)
        case .classBody: collected.module.functions.append(function)
        case .none: break
        }
    }

    /// Marks the innermost function body as giving a value when the simple statement in `lo..<hi`
    /// is `return <value>` (not a bare `return` or `return None`), a `raise`, or holds a `yield`.
    mutating func noteValue(_ lo: Int, _ hi: Int) {
        guard !bodiesGivingValues.isEmpty, !bodiesGivingValues[bodiesGivingValues.count - 1] else { return }
        var gives = false
        if isName(lo, "return") {
            gives = hi > lo + 1 && !(hi == lo + 2 && isName(lo + 1, "None"))
        } else if isName(lo, "raise") {
            gives = true
        } else {
            gives = (lo..<hi).contains { tokens[$0].kind == .name && isName($0, "yield") }
        }
        if gives { bodiesGivingValues[bodiesGivingValues.count - 1] = true }
    }

    func isConditional(_ target: Target) -> Bool {
        if case .module(conditional: true) = target { return true }
        return false
    }

    /// The name after `def` or `class`, at `i`, with `i` moved past it; nil (the line skipped) if none.
    mutating func definedName() -> String? {
        guard tokens[i].kind == .name else {
            skipLine()
            return nil
        }
        i += 1
        return text(i - 1)
    }

    /// The tokens inside the parentheses that open at `i`, if they do, with `i` moved past them.
    mutating func parenthesized() -> Range<Int>? {
        guard isOp(i, "(") else { return nil }
        let close = matching(i)
        defer { i = isOp(close, ")") ? close + 1 : close }
        return i + 1..<close
    }

    /// The `:` that ends the block header from `i`; nil when it is missing, which is reported, and
    /// the line (with a block that may follow it) skipped.
    mutating func blockColon() -> Int? {
        guard let colon = headerColon(from: i) else {
            missingColon()
            skipLine()
            return nil
        }
        return colon
    }

    /// A block header without its `:`, reported at the end of the line as CPython does.
    mutating func missingColon() {
        var k = i
        while !isLineEnd(k) { k += 1 }
        var line = tokens[k].startLine
        var column = tokens[k].startColumn + 1
        if k > 0 {
            // Just past the last token and the blanks after it (where a trailing comment starts).
            let last = tokens[k - 1]
            var p = last.end
            while p < stream.bytes.count && (stream.bytes[p] == 0x20 || stream.bytes[p] == 0x09) { p += 1 }
            line = last.endLine
            column = last.endColumn + (p - last.end) + 1
        }
        fail(
            .missingColon, line: line, column: column, "expected ':'",
            hint: "end the line with ':' to start the block")
    }

    /// Skips the rest of a malformed line and a block that may follow it.
    mutating func skipLine() {
        while !isLineEnd(i) { i += 1 }
        if at(.newline) { i += 1 }
        if at(.indent) {
            var ignored = Collected()
            block(.none, &ignored)
        }
    }

    /// The parameters between a def's parentheses (`lo..<hi`), with Python's binding kinds.
    func parameters(_ lo: Int, _ hi: Int) -> [PythonParameter] {
        var params: [PythonParameter] = []
        var keywordOnly = false
        for part in split(lo, hi) {
            let k = part.lowerBound
            if part.count == 1 && isOp(k, "/") {
                for index in params.indices where params[index].kind == .positionalOrKeyword {
                    params[index].kind = .positionalOnly
                }
                continue
            }
            if part.count == 1 && isOp(k, "*") {
                keywordOnly = true
                continue
            }
            var kind: PythonParameter.Kind = keywordOnly ? .keywordOnly : .positionalOrKeyword
            var nameIndex = k
            if isOp(k, "*") {
                kind = .varPositional
                keywordOnly = true
                nameIndex = k + 1
            } else if isOp(k, "**") {
                kind = .varKeyword
                nameIndex = k + 1
            }
            guard nameIndex < part.upperBound, tokens[nameIndex].kind == .name else { continue }
            var annotation: String?
            var hasDefault = false
            var afterName = nameIndex + 1
            if afterName < part.upperBound && isOp(afterName, ":") {
                let pieces = split(afterName + 1, part.upperBound, at: "=")
                if let annotationRange = pieces.first, annotationRange.lowerBound == afterName + 1 {
                    annotation = text(annotationRange.lowerBound, through: annotationRange.upperBound - 1)
                    afterName = annotationRange.upperBound
                }
            }
            if afterName < part.upperBound && isOp(afterName, "=") { hasDefault = true }
            params.append(
                PythonParameter(
                    name: text(nameIndex), kind: kind, hasDefault: hasDefault, annotation: annotation))
        }
        return params
    }

    // MARK: - Classes

    /// `class Name[(bases)]:` then its body: recorded methods and assignments for a module-level class.
    mutating func classDefinition(_ target: Target, _ collected: inout Collected, decorators: [String]) {
        let first = current
        i += 1
        guard let name = definedName() else { return }
        var bases: [String] = []
        if let inside = parenthesized() {
            bases = split(inside.lowerBound, inside.upperBound).map {
                text($0.lowerBound, through: $0.upperBound - 1)
            }
        }
        guard let colon = blockColon() else { return }
        var body = Collected()
        let bodyTarget: Target
        if case .module = target { bodyTarget = .classBody } else { bodyTarget = .none }
        suite(after: colon, bodyTarget, &body, what: "class definition", line: first.startLine)
        guard case .module = target else { return }
        collected.module.classes.append(
            PythonClass(
                name: name, line: first.startLine, column: first.startColumn + 1, bases: bases,
                decorators: decorators, methods: body.module.functions, assignments: body.module.assignments,
                conditional: isConditional(target)))
    }

    // MARK: - Simple statements

    /// One simple statement in `lo..<hi`: an import, an assignment, or another kind by name.
    mutating func simpleStatement(_ lo: Int, _ hi: Int, _ target: Target, _ collected: inout Collected) {
        noteValue(lo, hi)
        let first = tokens[lo]
        let line = first.startLine
        let column = first.startColumn + 1
        let conditional = isConditional(target)
        var recordsStatements = false
        if case .module(conditional: false) = target { recordsStatements = true }
        var records = true
        if case .none = target { records = false }

        if first.kind == .name {
            let word = text(lo)
            if word == "import" || word == "from" {
                if case .module = target, let statement = importStatement(lo, hi) {
                    var statement = statement
                    statement.line = line
                    statement.column = column
                    statement.conditional = conditional
                    collected.module.imports.append(statement)
                }
                return
            }
            if PythonScanner.simpleKeywords.contains(word) {
                if recordsStatements {
                    collected.module.statements.append(
                        PythonStatement(kind: word, line: line, column: column))
                }
                return
            }
        }
        // Find `=` and a leading annotation `:` at depth 0, and augmented assignment operators.
        var depth = 0
        var lambdas = 0
        var equals: [Int] = []
        var annotationColon: Int?
        var augmented = false
        let startsWithKeyword = first.kind == .name && PythonScanner.expressionKeywords.contains(text(lo))
        var k = lo
        while k < hi {
            let token = tokens[k]
            if isOpener(k) {
                depth += 1
            } else if isCloser(k) {
                depth = max(0, depth - 1)
            } else if depth == 0 && token.kind == .name && isName(k, "lambda") {
                lambdas += 1
            } else if depth == 0 && token.kind == .op {
                if isOp(k, ":") {
                    if lambdas > 0 {
                        lambdas -= 1
                    } else if equals.isEmpty && annotationColon == nil {
                        annotationColon = k
                    }
                } else if lambdas == 0 && isOp(k, "=") {
                    equals.append(k)
                } else if equals.isEmpty && annotationColon == nil && isAugmentedAssignment(k) {
                    augmented = true
                    break
                }
            }
            k += 1
        }
        if !startsWithKeyword && !augmented, let colon = annotationColon {
            if records {
                collected.module.assignments.append(
                    PythonAssignment(
                        names: targetNames(lo, colon), line: line, column: column, annotated: true,
                        hasValue: !equals.isEmpty, conditional: conditional))
            }
            return
        }
        if !startsWithKeyword && !augmented && !equals.isEmpty {
            if records {
                var names: [String] = []
                var start = lo
                for equal in equals {
                    names += targetNames(start, equal)
                    start = equal + 1
                }
                collected.module.assignments.append(
                    PythonAssignment(names: names, line: line, column: column, conditional: conditional))
            }
            return
        }
        if recordsStatements {
            collected.module.statements.append(
                PythonStatement(kind: augmented ? "augassign" : "expression", line: line, column: column))
        }
    }

    /// Words that begin an expression statement, never an assignment target.
    static let expressionKeywords: Set<String> = ["lambda", "yield", "await", "not"]

    /// The names a target list binds: tuples and lists flattened, `*` dropped, parentheses removed;
    /// attribute and subscript targets as source text. Recursion is bounded by bracket depth.
    func targetNames(_ lo: Int, _ hi: Int) -> [String] {
        var names: [String] = []
        for var part in split(lo, hi) {
            if !part.isEmpty && isOp(part.lowerBound, "*") { part = (part.lowerBound + 1)..<part.upperBound }
            guard !part.isEmpty else { continue }
            let open = part.lowerBound
            if (isOp(open, "(") || isOp(open, "[")) && matching(open) == part.upperBound - 1 {
                names += targetNames(open + 1, part.upperBound - 1)
            } else if part.count == 1 && tokens[open].kind == .name {
                names.append(text(open))
            } else {
                names.append(text(open, through: part.upperBound - 1))
            }
        }
        return names
    }

    // MARK: - Imports

    /// `import a.b as c, d` or `from ..x import (y as z, w)` in `lo..<hi`.
    func importStatement(_ lo: Int, _ hi: Int) -> PythonImport? {
        if isName(lo, "import") {
            var names: [PythonImportName] = []
            for part in split(lo + 1, hi) {
                if let alias = importAlias(part, dotted: true) { names.append(alias) }
            }
            return PythonImport(module: nil, names: names, level: 0, line: 0, column: 0)
        }
        var k = lo + 1
        var level = 0
        while k < hi && tokens[k].kind == .op {
            if isOp(k, ".") {
                level += 1
            } else if isOp(k, "...") {
                level += 3
            } else {
                break
            }
            k += 1
        }
        var module: String?
        var moduleEnd = k
        while moduleEnd < hi && !isName(moduleEnd, "import") { moduleEnd += 1 }
        if moduleEnd > k { module = dottedName(k, moduleEnd) }
        guard moduleEnd < hi else { return nil }
        var lo2 = moduleEnd + 1
        var hi2 = hi
        if isOp(lo2, "(") {
            lo2 += 1
            if hi2 > lo2 && isOp(hi2 - 1, ")") { hi2 -= 1 }
        }
        var names: [PythonImportName] = []
        if hi2 - lo2 == 1 && isOp(lo2, "*") {
            names.append(PythonImportName(name: "*"))
        } else {
            for part in split(lo2, hi2) {
                if let alias = importAlias(part, dotted: false) { names.append(alias) }
            }
        }
        return PythonImport(module: module, names: names, level: level, line: 0, column: 0)
    }

    /// `name[.name…] [as alias]`
    func importAlias(_ part: Range<Int>, dotted: Bool) -> PythonImportName? {
        var end = part.upperBound
        var asname: String?
        if part.count >= 3 && isName(part.upperBound - 2, "as") && tokens[part.upperBound - 1].kind == .name {
            asname = text(part.upperBound - 1)
            end = part.upperBound - 2
        }
        guard end > part.lowerBound else { return nil }
        return PythonImportName(name: dottedName(part.lowerBound, end), asname: asname)
    }

    /// The names in `lo..<hi` joined by dots, without the whitespace or comments between them.
    func dottedName(_ lo: Int, _ hi: Int) -> String {
        var name = ""
        for k in lo..<hi {
            if tokens[k].kind == .name {
                name += text(k)
            } else if isOp(k, ".") {
                name += "."
            } else if isOp(k, "...") {
                name += "..."
            }
        }
        return name
    }
}
