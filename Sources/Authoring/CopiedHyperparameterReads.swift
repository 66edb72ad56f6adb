import Build
import Manifest
import PythonInspector
import RelnaCore

/// Errors for Python that goes into the package as it is (copied skeleton files, the starters) and
/// reads a hyperparameter the manifest does not declare: `hp["learning_rate"]`,
/// `context.hyperparameters["gamma"]`, a starter's `HYPERPARAMS["hidden"]`. At run time that read is
/// a KeyError; a renamed hyperparameter used to show only as "unused". `.get(…)` reads have a
/// default and are not errors. A starter's own `HYPERPARAMS` keys are its to read.
enum CopiedHyperparameterReads {
    /// The names a hyperparameter dict goes by in trainer code and in agents.
    static let holders: Set<String> = ["hp", "hps", "hyperparameters", "HYPERPARAMETERS", "HYPERPARAMS"]

    /// `files`: (display path, bytes, whether it is a starter agent).
    static func diagnostics(
        files: [(path: String, bytes: [UInt8], isAgent: Bool)], manifest: Manifest
    ) -> [Diagnostic] {
        let declared = manifest.hyperparameters.map(\.name)
        let known = Set(declared)
        var result: [Diagnostic] = []
        for file in files {
            let own = file.isAgent ? Set(AgentHyperparams.of(file.bytes).keys.map(\.name)) : []
            for read in subscriptReads(file.bytes)
            where !known.contains(read.name) && !own.contains(read.name) {
                result.append(
                    Diagnostic(
                        severity: .error, code: TemplateCheckCode.pythonUndeclaredHyperparameter.rawValue,
                        file: file.path, line: read.line, column: read.column,
                        message: "reads hyperparameter '\(read.name)', which the manifest does not declare: "
                            + "the package would stop with KeyError"
                            + DidYouMean.phrase(read.name, among: declared),
                        hint: "declare it under hyperparameters: in manifest.yaml, or read one of: "
                            + (declared.isEmpty ? "(none declared)" : declared.joined(separator: ", "))))
            }
        }
        return result
    }

    /// `HOLDER["name"]` reads, at the string literal.
    static func subscriptReads(_ bytes: [UInt8]) -> [(name: String, line: Int, column: Int)] {
        let stream = PythonTokenizer.tokenize(bytes)
        let tokens = stream.tokens.filter { $0.kind != .comment && $0.kind != .nl }
        var reads: [(name: String, line: Int, column: Int)] = []
        var index = 0
        while index + 3 < tokens.count {
            defer { index += 1 }
            guard tokens[index].kind == .name, holders.contains(stream.text(tokens[index])),
                stream.token(tokens[index + 1], is: "["), tokens[index + 2].kind == .string,
                stream.token(tokens[index + 3], is: "]")
            else { continue }
            let text = stream.text(tokens[index + 2])
            guard let quote = text.first, quote == "\"" || quote == "'", text.count >= 2, text.last == quote
            else { continue }
            let name = String(text.dropFirst().dropLast())
            guard PythonCodeNames.identifierWords(in: name) == [name] else { continue }
            // A store (`hp["x"] = …`) defines the key; only loads can fail.
            if index + 4 < tokens.count, stream.token(tokens[index + 4], is: "=") { continue }
            reads.append((name, tokens[index + 2].startLine, tokens[index + 2].startColumn + 1))
        }
        return reads
    }
}
