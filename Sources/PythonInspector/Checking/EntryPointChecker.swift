import RelnaCore

/// Holds a scanned agent file against its domain's entry points and limits.
///
/// `check` returns the checker's own findings sorted by position — not the scan's diagnostics (syntax
/// errors, bytes that are not UTF-8), which callers report from `scan.diagnostics` next to these. When
/// the scan found an error the structure may be incomplete, so only file-level limits are checked.
public enum EntryPointChecker {
    public static func check(
        _ scan: PythonScanResult, entryPoints: [EntryPointSpec], limits: AgentLimits
    ) -> [Diagnostic] {
        var context = CheckContext(scan: scan, limits: limits)
        context.declaredNames = Set(entryPoints.map(\.name))
        context.checkFile()
        if !scan.isBinary && !scan.hasErrors {
            context.checkImports()
            context.checkMainGuard()
            for spec in entryPoints { context.check(spec) }
        }
        return context.diagnostics.sorted { ($0.line, $0.column) < ($1.line, $1.column) }
    }
}

/// A name the module binds at top level, and how.
struct Definition {
    enum Kind {
        case function(PythonFunction)
        case `class`(PythonClass)
        case assignment(PythonAssignment)
        case imported(PythonImport)
    }

    var name: String
    var kind: Kind
    var line: Int
    var column: Int
    var conditional: Bool

    var kindWord: String {
        switch kind {
        case .function: "a function"
        case .class: "a class"
        case .assignment: "a variable"
        case .imported: "an imported name"
        }
    }
}

struct CheckContext {
    let scan: PythonScanResult
    let limits: AgentLimits
    var diagnostics: [Diagnostic] = []
    /// Every top-level binding in source order.
    let definitions: [Definition]
    /// The entry points the domain declares: never suggested as another one's misspelling.
    var declaredNames: Set<String> = []

    init(scan: PythonScanResult, limits: AgentLimits) {
        self.scan = scan
        self.limits = limits
        let module = scan.module
        var definitions: [Definition] = []
        for function in module.functions {
            definitions.append(
                Definition(
                    name: function.name, kind: .function(function), line: function.line,
                    column: function.column, conditional: function.conditional))
        }
        for type in module.classes {
            definitions.append(
                Definition(
                    name: type.name, kind: .class(type), line: type.line, column: type.column,
                    conditional: type.conditional))
        }
        for assignment in module.assignments {
            for name in assignment.names {
                definitions.append(
                    Definition(
                        name: name, kind: .assignment(assignment), line: assignment.line,
                        column: assignment.column, conditional: assignment.conditional))
            }
        }
        for statement in module.imports {
            for alias in statement.names where alias.name != "*" {
                let bound =
                    alias.asname
                    ?? (statement.module == nil && statement.level == 0
                        ? String(alias.name.prefix { $0 != "." }) : alias.name)
                definitions.append(
                    Definition(
                        name: bound, kind: .imported(statement), line: statement.line,
                        column: statement.column, conditional: statement.conditional))
            }
        }
        self.definitions = definitions.sorted { ($0.line, $0.column) < ($1.line, $1.column) }
    }

    mutating func add(
        _ severity: Diagnostic.Severity, _ code: String, line: Int, column: Int, _ message: String,
        hint: String? = nil
    ) {
        diagnostics.append(
            Diagnostic(
                severity: severity, code: code, file: scan.path, line: line, column: column, message: message,
                hint: hint))
    }

    // MARK: - File-level limits

    mutating func checkFile() {
        if scan.byteCount > limits.maxBytes {
            add(
                .error, "file-too-large", line: 0, column: 0,
                "the file is \(scan.byteCount) bytes; an agent file may be at most \(limits.maxBytes) bytes",
                hint: "an agent is a short Python file; move data out of it")
        }
        if scan.isBinary {
            add(
                .error, "binary-file", line: 0, column: 0, "the file is binary data, not Python source",
                hint: "pass the agent's .py file")
            return
        }
        if scan.countedLines > limits.maxLines {
            let over = max(0, limits.maxLines)
            let line = over < scan.countedLineNumbers.count ? scan.countedLineNumbers[over] : 0
            add(
                .error, "too-many-lines", line: line, column: 0,
                "the agent has \(scan.countedLines) lines of code; this domain allows \(limits.maxLines) "
                    + "(blank and comment-only lines do not count); line \(line) is the first over the limit",
                hint: "shorten the agent: the trainer already provides the training loop, replay and logging")
        }
    }

    // MARK: - Imports

    mutating func checkImports() {
        let allowed = limits.allowedThirdPartyModules
        let choices = allowed.sorted().map { "`\($0)`" }.joined(separator: ", ")
        for statement in scan.module.imports {
            for module in statement.topLevelModules where !module.isEmpty {
                if PythonStdlibModules.contains(module) || allowed.contains(module) { continue }
                let hint =
                    allowed.isEmpty
                    ? "this domain allows only the Python standard library"
                    : "this domain provides \(choices) besides the standard library"
                add(
                    statement.conditional ? .warning : .error, "undeclared-import", line: statement.line,
                    column: statement.column,
                    "`\(module)` is not in the Python standard library and this domain's frameworks do not "
                        + "install it"
                        + (statement.conditional ? " (the import is guarded, so it may fail)" : ""),
                    hint: hint)
            }
        }
    }

    mutating func checkMainGuard() {
        for statement in scan.module.statements where statement.mainGuard {
            add(
                .warning, "main-guard", line: statement.line, column: statement.column,
                "the `if __name__ == \"__main__\":` block does not run inside the trainer",
                hint: "use `relna-pack run` to try the agent; the trainer imports this file as a module")
        }
    }

    // MARK: - Entry points

    mutating func check(_ spec: EntryPointSpec) {
        let found = definitions.filter { $0.name == spec.name }
        guard let last = found.last else {
            missing(spec)
            return
        }
        if found.count > 1 {
            let earlier = found.dropLast().map { String($0.line) }.joined(separator: ", ")
            add(
                .warning, "duplicate-definition", line: last.line, column: last.column,
                "`\(spec.name)` is defined more than once (also on line \(earlier)); the last definition wins",
                hint: "remove the earlier definitions")
        }
        if last.conditional {
            add(
                .warning, "conditional-definition", line: last.line, column: last.column,
                "`\(spec.name)` is only defined inside a module-level `if` or `try`; the trainer fails if that "
                    + "branch does not run",
                hint: "define `\(spec.name)` at the top level of the file")
        }
        switch (spec.kind, last.kind) {
        case (.function, .function(let function)):
            checkFunction(function, call: spec.call, callee: spec.name, implicit: nil)
        case (.class, .class(let type)):
            checkClass(type, spec)
        case (.constant, .assignment), (_, .imported), (.function, .assignment), (.class, .assignment):
            // A variable or an import may hold anything; its value is only known when it runs.
            break
        default:
            add(
                .error, "wrong-kind", line: last.line, column: last.column,
                "`\(spec.name)` is \(last.kindWord), but the trainer expects a "
                    + "\(spec.kind.rawValue)",
                hint: skeleton(spec))
        }
    }

    mutating func missing(_ spec: EntryPointSpec) {
        let candidates = definitions.map(\.name).filter { !declaredNames.contains($0) }
        let what = "\(spec.kind.rawValue) `\(spec.name)`"
        if let near = DidYouMean.suggest(spec.name, among: candidates),
            let definition = definitions.last(where: { $0.name == near })
        {
            add(
                spec.required ? .error : .warning,
                spec.required ? "missing-entry-point" : "misspelled-entry-point",
                line: definition.line, column: definition.column,
                "\(spec.required ? "missing required" : "the trainer looks for the optional") \(what); "
                    + "did you mean `\(near)`?",
                hint: "rename `\(near)` to `\(spec.name)`")
            return
        }
        guard spec.required else { return }
        add(
            .error, "missing-entry-point", line: 0, column: 0,
            "missing required \(what)" + (spec.doc.isEmpty ? "" : ": \(spec.doc)"), hint: skeleton(spec))
    }

    /// What to write: `define \`def name(args):\``.
    func skeleton(_ spec: EntryPointSpec) -> String {
        switch spec.kind {
        case .function:
            return
                "define `\(CallBinding.suggestedSignature(name: spec.name, call: spec.call, implicit: nil))`"
        case .class:
            let initializer = CallBinding.suggestedSignature(
                name: "__init__", call: spec.call, implicit: "self")
            let methods = spec.methods.filter(\.required).map {
                "`\(CallBinding.suggestedSignature(name: $0.name, call: $0.call, implicit: "self"))`"
            }
            return "define `class \(spec.name):` with `\(initializer)`"
                + (methods.isEmpty ? "" : " and " + methods.joined(separator: ", "))
        case .constant:
            return "assign it at the top level: `\(spec.name) = ...`"
        }
    }
}
