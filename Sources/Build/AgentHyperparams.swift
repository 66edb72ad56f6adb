import Manifest
import PythonInspector
import RelnaCore

/// The keys an agent sets in its module-level `HYPERPARAMS`, read from its tokens (never run): the
/// string keys of a `HYPERPARAMS = {…}` literal and `HYPERPARAMS["name"] = …` assignments. Enough to
/// warn about a budget the agent may not set and about values `--set` overrides; a dict built any
/// other way is not seen, and the trainer still ignores a budget it sets (docs/integrity.md).
public struct AgentHyperparams: Sendable, Hashable {
    public struct Key: Sendable, Hashable {
        public var name: String
        public var line: Int
        /// 1-based, where the key's string literal starts.
        public var column: Int
    }

    public var keys: [Key]

    public static func of(_ bytes: [UInt8]) -> AgentHyperparams {
        let stream = PythonTokenizer.tokenize(bytes)
        let tokens = stream.tokens.filter { $0.kind != .comment && $0.kind != .nl }
        var keys: [Key] = []
        var index = 0
        while index < tokens.count {
            defer { index += 1 }
            let atStatementStart = index == 0 || [.newline, .dedent].contains(tokens[index - 1].kind)
            guard atStatementStart, tokens[index].kind == .name, stream.text(tokens[index]) == "HYPERPARAMS",
                tokens[index].startColumn == 0, index + 1 < tokens.count
            else { continue }
            let next = tokens[index + 1]
            if stream.token(next, is: "["), index + 3 < tokens.count,
                let key = key(tokens[index + 2], stream),
                stream.token(tokens[index + 3], is: "]")
            {
                keys.append(key)
            } else if stream.token(next, is: "="), index + 2 < tokens.count,
                stream.token(tokens[index + 2], is: "{")
            {
                keys += literalKeys(tokens, from: index + 2, stream)
            }
        }
        return AgentHyperparams(keys: keys)
    }

    /// The string keys at the top level of the dict literal opening at `open`.
    private static func literalKeys(_ tokens: [PythonToken], from open: Int, _ stream: PythonTokenStream)
        -> [Key]
    {
        var keys: [Key] = []
        var depth = 0
        var expectingKey = true
        var index = open
        while index < tokens.count {
            let token = tokens[index]
            if token.kind == .op {
                if stream.token(token, is: "{") || stream.token(token, is: "[")
                    || stream.token(token, is: "(")
                {
                    depth += 1
                } else if stream.token(token, is: "}") || stream.token(token, is: "]")
                    || stream.token(token, is: ")")
                {
                    depth -= 1
                    if depth == 0 { break }
                } else if depth == 1, stream.token(token, is: ",") {
                    expectingKey = true
                    index += 1
                    continue
                }
            } else if depth == 1, expectingKey, index + 1 < tokens.count,
                stream.token(tokens[index + 1], is: ":"), let key = key(token, stream)
            {
                keys.append(key)
            }
            if depth == 1, index != open { expectingKey = false }
            index += 1
        }
        return keys
    }

    /// A plain string literal's value when it spells an identifier (`"total_steps"`).
    private static func key(_ token: PythonToken, _ stream: PythonTokenStream) -> Key? {
        guard token.kind == .string else { return nil }
        let text = stream.text(token)
        guard let quote = text.first, quote == "\"" || quote == "'", text.count >= 2, text.last == quote
        else { return nil }
        let name = String(text.dropFirst().dropLast())
        guard PythonCodeNames.identifierWords(in: name) == [name] else { return nil }
        return Key(name: name, line: token.startLine, column: token.startColumn + 1)
    }
}

extension AgentHyperparams {
    /// A warning per budget the agent sets (ignored at run time), and a note per other value saying
    /// which one wins: one precedence, manifest default < HYPERPARAMS < `--set` < trainer flag.
    public func diagnostics(manifest: Manifest, setByBuild: Set<String>, path: String) -> [Diagnostic] {
        keys.compactMap { key in
            guard let spec = manifest.hyperparameter(named: key.name) else { return nil }
            if spec.budget {
                return Diagnostic(
                    severity: .warning, code: "budget-hyperparameter", file: path, line: key.line,
                    column: key.column,
                    message: "HYPERPARAMS sets \(key.name), a budget the agent may not set: the trainer "
                        + "ignores this value",
                    hint: "remove it; the run's \(key.name) is the manifest default, --set \(key.name)=N "
                        + "or the trainer's \(spec.flag)")
            }
            guard setByBuild.contains(key.name) else {
                return Diagnostic(
                    severity: .note, code: "hyperparameter-from-agent", file: path, line: key.line,
                    column: key.column,
                    message:
                        "HYPERPARAMS sets \(key.name): the trainer uses this value, not the manifest default "
                        + "\(spec.defaultValue.description); build --set \(key.name)=… or the trainer flag "
                        + "\(spec.flag) would win over it")
            }
            return Diagnostic(
                severity: .note, code: "hyperparameter-overridden", file: path, line: key.line,
                column: key.column,
                message: "HYPERPARAMS sets \(key.name), but --set \(key.name) wins: the trainer uses the "
                    + "--set value (a trainer flag \(spec.flag) would win over both)")
        }
    }
}
