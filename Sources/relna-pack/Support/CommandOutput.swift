import ArgumentParser
import Foundation
import RelnaCore
import TrainerGen

/// Printing shared by the commands: diagnostics on stderr (with the source line and a caret, colour
/// only on a terminal and never with NO_COLOR), one JSON document on stdout for `--json`.
enum CommandOutput {
    static func writeStderr(_ text: String) {
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    static func writeStdout(_ bytes: [UInt8]) {
        FileHandle.standardOutput.write(Data(bytes))
    }

    /// Prints each diagnostic; `sources` maps a diagnostic's file to its text when already in memory
    /// (the agent read from stdin); other files are read from disk or the built-in templates.
    static func printDiagnostics(_ diagnostics: [Diagnostic], sources: [String: String] = [:]) {
        guard !diagnostics.isEmpty else { return }
        let color = TerminalStyle.forStream(fileDescriptor: 2).enabled
        var cache = sources
        var text = ""
        for diagnostic in diagnostics {
            if cache[diagnostic.file] == nil, diagnostic.line > 0, let source = readSource(diagnostic.file) {
                cache[diagnostic.file] = source
            }
            text += diagnostic.formatted(source: cache[diagnostic.file], color: color) + "\n"
        }
        writeStderr(text)
    }

    private static func readSource(_ file: String) -> String? {
        let builtIn = "<built-in>/"
        if file.hasPrefix(builtIn) {
            return BuiltInTemplates.file(String(file.dropFirst(builtIn.count))).map {
                String(decoding: $0, as: UTF8.self)
            }
        }
        return FileManager.default.contents(atPath: file).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Prints `document` as the one JSON document on stdout (pretty, with a final newline).
    /// Reports a failed command the one way for every command: the JSON failure report on stdout
    /// with `--json`, else the diagnostics on stderr. Returns the exit code to throw.
    static func report(
        _ failure: BuildFailure, command: String, json: Bool, sources: [String: String] = [:]
    ) -> ExitCode {
        if json {
            printJSON(failureReport(failure, command: command))
        } else {
            printDiagnostics(failure.diagnostics, sources: sources)
        }
        return ExitCode(failure.exitCode)
    }

    /// The `--json` document of a failed command (docs/json-output.md).
    static func failureReport(_ failure: BuildFailure, command: String) -> JSONValue {
        .object([
            ("status", .string(status(failure.exitCode))),
            ("exit_code", .int(Int(failure.exitCode))),
            ("command", .string(command)),
            ("diagnostics", .array(failure.diagnostics.map(json))),
        ])
    }

    static func printJSON(_ document: JSONValue) {
        writeStdout(Array((document.text(indent: 2) + "\n").utf8))
    }

    static func json(_ diagnostic: Diagnostic) -> JSONValue {
        .object([
            ("severity", .string(diagnostic.severity.rawValue)),
            ("code", .string(diagnostic.code)),
            ("file", .string(diagnostic.file)),
            ("line", .int(diagnostic.line)),
            ("column", .int(diagnostic.column)),
            ("message", .string(diagnostic.message)),
            ("hint", diagnostic.hint.map(JSONValue.string) ?? .null),
        ])
    }

    /// The `status` word of a JSON report for an exit code.
    static func status(_ exitCode: Int32) -> String {
        switch exitCode {
        case 0: return "ok"
        case 1: return "rejected"
        case 64: return "usage"
        case 65: return "bad-data"
        case 74: return "io-error"
        default: return "internal-error"
        }
    }
}

/// Reading the agent named on the command line (`-` is standard input).
enum AgentInput {
    static func read(_ argument: String) throws(BuildFailure) -> (bytes: [UInt8], path: String) {
        if argument == "-" {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            return ([UInt8](data), "<stdin>")
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory) else {
            throw .io(path: argument, message: "no such file")
        }
        guard !isDirectory.boolValue else {
            throw .io(path: argument, message: "is a folder, not an agent file")
        }
        guard let data = FileManager.default.contents(atPath: argument) else {
            throw .io(path: argument, message: "cannot read the file")
        }
        return ([UInt8](data), argument)
    }
}

/// The options `build` and `check` share.
struct DomainOptions: ParsableArguments {
    @Argument(help: "The agent file, or - to read it from standard input.")
    var agent: String

    @Option(help: "The domain (dqn, policy_gradient, imitation, or one from --templates).")
    var domain: String

    @Option(help: "The Gymnasium environment id (default: the domain's).")
    var env: String?

    @Option(help: "The framework (default: from the agent's imports).")
    var framework: String?

    @Option(name: .customLong("set"), help: "Override a hyperparameter: KEY=VALUE (repeatable).")
    var settings: [String] = []

    @Option(help: "A folder of domains that adds to or overrides the built-in ones (also RELNA_TEMPLATES).")
    var templates: String?

    @Flag(help: "Print one JSON document on standard output.")
    var json = false

    /// The domain search path; a `--templates` folder that does not exist is a usage error (a stale
    /// RELNA_TEMPLATES entry is skipped silently, as PATH entries are).
    func validatedSearchPath() throws(BuildFailure) -> TemplateSearchPath {
        if let templates {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: templates, isDirectory: &isDirectory),
                isDirectory.boolValue
            else {
                throw .usage([
                    Diagnostic(
                        severity: .error, code: "templates-not-found", file: "<command-line>", line: 0,
                        column: 0,
                        message: "--templates \(templates): no such folder")
                ])
            }
        }
        return searchPath()
    }

    func searchPath() -> TemplateSearchPath {
        TemplateSearchPath(
            templatesOption: templates, environment: ProcessInfo.processInfo.environment,
            workingDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
    }
}
