import ArgumentParser
import Foundation
import RelnaCore
import TrainerGen

/// `relna-pack scan FILE [--json]`: what the inspector reads in a Python file, without running it.
struct ScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Show what relna-pack sees in a Python file (functions, classes, assignments, imports).",
        discussion: """
            The file is read, never run or imported. Exit codes: 0 scanned; 1 the file has a syntax error \
            (diagnostics printed, the structure may be partial); 74 I/O error.

            Examples:
              relna-pack scan agent.py
              relna-pack scan agent.py --json
            """)

    @Argument(help: "The Python file, or - to read it from standard input.")
    var file: String

    @Flag(help: "Print one JSON document on standard output.")
    var json = false

    func run() throws {
        let input: (bytes: [UInt8], path: String)
        do {
            input = try BuildRequest.readAgent(file)
        } catch {
            throw CommandOutput.report(error, command: "scan", json: json)
        }
        let result = PythonInspector.scan(input.bytes, path: input.path)
        if json {
            CommandOutput.printJSON(Self.report(result))
        } else {
            CommandOutput.writeStdout(Array(ScanSummary.text(result.module, path: input.path).utf8))
            CommandOutput.printDiagnostics(
                result.diagnostics, sources: result.source.map { [input.path: $0] } ?? [:])
        }
        if result.hasErrors { throw ExitCode(.rejected) }
    }
}

extension ScanCommand {
    /// The `--json` document: the same top-level shape as every command's report (`status`,
    /// `exit_code`, `command`, `diagnostics`), with the module's structure beside them.
    static func report(_ result: PythonScanResult) -> JSONValue {
        let status: ExitStatus = result.hasErrors ? .rejected : .success
        var members: [(String, JSONValue)] = [
            ("status", .string(status.word)),
            ("exit_code", .int(Int(status.rawValue))),
            ("command", .string("scan")),
        ]
        if case .object(let structure) = (try? JSONValueEncoder.encode(result.module)) ?? .object([]) {
            members += structure
        }
        members.append(("diagnostics", .array(result.diagnostics.map(CommandOutput.json))))
        return .object(members)
    }
}

/// The human form of a scan: one line per definition, with its position.
enum ScanSummary {
    static func text(_ module: PythonModule, path: String) -> String {
        var out =
            "\(path): \(count(module.functions.count, "function")), \(count(module.classes.count, "class")), "
        out += "\(count(module.assignments.count, "assignment")), \(count(module.imports.count, "import"))\n"
        if !module.imports.isEmpty { out += "imports:\n" }
        for statement in module.imports {
            let names = statement.names.map { $0.name + ($0.asname.map { " as \($0)" } ?? "") }
                .joined(separator: ", ")
            let text =
                statement.module == nil && statement.level == 0
                ? "import \(names)"
                : "from \(String(repeating: ".", count: statement.level))\(statement.module ?? "") import \(names)"
            out += line(statement.line, statement.column, text, conditional: statement.conditional)
        }
        if !module.functions.isEmpty { out += "functions:\n" }
        for function in module.functions {
            out += line(
                function.line, function.column, signature(function), conditional: function.conditional)
        }
        if !module.classes.isEmpty { out += "classes:\n" }
        for type in module.classes {
            let bases = type.bases.isEmpty ? "" : "(\(type.bases.joined(separator: ", ")))"
            out += line(type.line, type.column, "class \(type.name)\(bases)", conditional: type.conditional)
            for method in type.methods {
                out += "  " + line(method.line, method.column, signature(method), conditional: false)
            }
            for assignment in type.assignments {
                out +=
                    "  " + line(assignment.line, assignment.column, assignment.names.joined(separator: ", "))
            }
        }
        if !module.assignments.isEmpty { out += "assignments:\n" }
        for assignment in module.assignments {
            out += line(
                assignment.line, assignment.column, assignment.names.joined(separator: ", "),
                conditional: assignment.conditional)
        }
        for statement in module.statements where statement.mainGuard {
            out +=
                "note: line \(statement.line): the `if __name__ == \"__main__\":` block does not run in the trainer\n"
        }
        return out
    }

    static func count(_ n: Int, _ noun: String) -> String {
        "\(n) \(noun)\(n == 1 ? "" : noun.hasSuffix("s") ? "es" : "s")"
    }

    static func line(_ line: Int, _ column: Int, _ text: String, conditional: Bool = false) -> String {
        let position = "\(line):\(column)"
        let padded = position + String(repeating: " ", count: max(1, 9 - position.count))
        return "  \(padded)\(text)\(conditional ? "  (conditional)" : "")\n"
    }

    /// `async def name(a, /, b=…, *args, c, **kw)` with decorators first.
    static func signature(_ function: PythonFunction) -> String {
        var parts: [String] = []
        var seenKeywordOnly = false
        for (index, param) in function.params.enumerated() {
            switch param.kind {
            case .varPositional:
                parts.append("*" + param.name)
                seenKeywordOnly = true
            case .varKeyword: parts.append("**" + param.name)
            case .keywordOnly:
                if !seenKeywordOnly {
                    parts.append("*")
                    seenKeywordOnly = true
                }
                parts.append(param.name + (param.hasDefault ? "=…" : ""))
            default:
                parts.append(param.name + (param.hasDefault ? "=…" : ""))
            }
            let next = index + 1 < function.params.count ? function.params[index + 1].kind : nil
            if param.kind == .positionalOnly && next != .positionalOnly { parts.append("/") }
        }
        let decorators = function.decorators.map { "@\($0) " }.joined()
        return
            "\(decorators)\(function.isAsync ? "async " : "")def \(function.name)(\(parts.joined(separator: ", ")))"
    }
}
