import RelnaCore

/// What a Python file defines at module level, as the scanner reads it from tokens (never by running
/// it). Encodes to the JSON of `relna-pack scan --json` (keys as in issue 3; `null` kept for absent
/// optional values so the shape is fixed).
///
/// Lines are 1-based; columns are 1-based and counted in Unicode scalars. Definitions nested in a
/// module-level `if`/`try` (at any depth of `if`/`try`) are `conditional`.
///
/// Only the scanner builds these, with the synthesized memberwise initializers.
public struct PythonModule: Sendable, Hashable, Codable {
    public var functions: [PythonFunction] = []
    public var classes: [PythonClass] = []
    public var assignments: [PythonAssignment] = []
    public var imports: [PythonImport] = []
    /// Every other statement directly in the module body, by kind, in source order.
    public var statements: [PythonStatement] = []
}

public struct PythonParameter: Sendable, Hashable, Codable {
    /// Python's `inspect.Parameter` kinds.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case positionalOnly = "positional_only"
        case positionalOrKeyword = "positional_or_keyword"
        case varPositional = "var_positional"
        case keywordOnly = "keyword_only"
        case varKeyword = "var_keyword"
    }

    public var name: String
    public var kind: Kind
    public var hasDefault = false
    /// The annotation's source text, if any.
    @NullWhenAbsent public var annotation: String? = nil

    enum CodingKeys: String, CodingKey {
        case name, kind, annotation
        case hasDefault = "default"
    }
}

public struct PythonFunction: Sendable, Hashable, Codable {
    public var name: String
    /// The position of `def` (or of `async`).
    public var line: Int
    public var column: Int
    public var isAsync = false
    /// Each decorator's expression as source text, without the `@`.
    public var decorators: [String] = []
    public var params: [PythonParameter] = []
    /// The return annotation's source text, if any.
    @NullWhenAbsent public var returns: String? = nil
    public var conditional = false
    /// Whether its own body (not a nested `def`'s) has a `return` with a value other than `None`, a
    /// `yield`, or a `raise`: false means every call gives back `None`. Not part of `scan --json`.
    public var givesValue = true

    enum CodingKeys: String, CodingKey {
        case name, line, column, decorators, params, returns, conditional
        case isAsync = "async"
    }

    /// Equal when the `scan --json` structure is: `givesValue` is a finding about the body, which the
    /// structure (and CPython's `ast` oracle it is compared with) does not hold.
    public static func == (lhs: PythonFunction, rhs: PythonFunction) -> Bool {
        (lhs.name, lhs.line, lhs.column, lhs.isAsync) == (rhs.name, rhs.line, rhs.column, rhs.isAsync)
            && (lhs.decorators, lhs.params, lhs.returns, lhs.conditional)
                == (rhs.decorators, rhs.params, rhs.returns, rhs.conditional)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(line)
        hasher.combine(column)
        hasher.combine(isAsync)
        hasher.combine(decorators)
        hasher.combine(params)
        hasher.combine(returns)
        hasher.combine(conditional)
    }
}

public struct PythonClass: Sendable, Hashable, Codable {
    public var name: String
    /// The position of `class`.
    public var line: Int
    public var column: Int
    /// Base classes and class keywords (`metaclass=…`) as source text, in source order.
    public var bases: [String] = []
    public var decorators: [String] = []
    /// The functions defined directly in the class body.
    public var methods: [PythonFunction] = []
    /// The assignments made directly in the class body.
    public var assignments: [PythonAssignment] = []
    public var conditional = false
}

/// `a = b = 1`, `a, *b = x`, `x: int = 1`, `x: int`: the names assigned (flattened from tuples and
/// lists; attribute and subscript targets as source text).
public struct PythonAssignment: Sendable, Hashable, Codable {
    public var names: [String]
    public var line: Int
    public var column: Int
    /// An annotated assignment (`x: T` or `x: T = v`).
    public var annotated = false
    /// False for `x: T` without a value.
    public var hasValue = true
    public var conditional = false

    enum CodingKeys: String, CodingKey {
        case names, line, column, annotated, conditional
        case hasValue = "value"
    }
}

public struct PythonImportName: Sendable, Hashable, Codable {
    /// The imported name: a dotted module path for `import`, a name (or `*`) for `from … import`.
    public var name: String
    @NullWhenAbsent public var asname: String? = nil
}

/// `import a.b as c` is `module: nil, names: [a.b as c], level: 0`; `from ..x import y` is
/// `module: "x", names: [y], level: 2` — the split of `ast.Import` and `ast.ImportFrom`.
public struct PythonImport: Sendable, Hashable, Codable {
    @NullWhenAbsent public var module: String? = nil
    public var names: [PythonImportName]
    /// The number of leading dots of a relative import.
    public var level = 0
    public var line: Int
    public var column: Int
    public var conditional = false

    /// The top-level modules this statement imports (`numpy` for `import numpy.linalg` or
    /// `from numpy import x`); empty for relative imports.
    public var topLevelModules: [String] {
        guard level == 0 else { return [] }
        if let module { return [String(module.prefix { $0 != "." })] }
        return names.map { String($0.name.prefix { $0 != "." }) }
    }
}

/// A module-level statement other than a definition, assignment or import.
public struct PythonStatement: Sendable, Hashable, Codable {
    /// `if`, `try`, `for`, `while`, `with`, `match`, `expression`, `augassign`, `del`, `pass`,
    /// `assert`, `raise`, `global`, `nonlocal`, `return`, `break`, `continue`.
    public var kind: String
    public var line: Int
    public var column: Int
    /// `if __name__ == "__main__":`
    public var mainGuard = false

    enum CodingKeys: String, CodingKey {
        case kind, line, column
        case mainGuard = "main_guard"
    }
}
