import ArgumentParser
import Foundation
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
        return ExitCode(failure.status)
    }

    /// The `--json` document of a failed command (docs/json-output.md).
    static func failureReport(_ failure: BuildFailure, command: String) -> JSONValue {
        .object([
            ("status", .string(failure.status.word)),
            ("exit_code", .int(Int(failure.status.rawValue))),
            ("command", .string(command)),
            ("diagnostics", .array(failure.diagnostics.map(json))),
        ])
    }

    /// Prints `document` as the one JSON document on stdout (pretty, with a final newline).
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

    /// The request the flags make; `build` adds its own flags. Fills `sources` with the agent's text
    /// for printing diagnostics, so that it is there even when the pipeline fails.
    func request(sources: inout [String: String]) throws(BuildFailure) -> BuildRequest {
        let agent = try BuildRequest.readAgent(self.agent)
        sources[agent.path] = String(decoding: agent.bytes, as: UTF8.self)
        let environment = ProcessInfo.processInfo.environment
        return BuildRequest(
            domain: domain, searchPath: try DomainFlags.searchPath(templates: templates),
            agent: agent.bytes, agentPath: agent.path, env: env, framework: framework, settings: settings,
            sourceDateEpoch: environment["SOURCE_DATE_EPOCH"])
    }
}

/// The domain flags of every command that names a domain, read the one way (`DomainLoader`).
enum DomainFlags {
    /// `--templates`, then RELNA_TEMPLATES, then the built-in domains.
    static func searchPath(templates: String?) throws(BuildFailure) -> TemplateSearchPath {
        try TemplateSearchPath(
            templatesOption: templates, environment: ProcessInfo.processInfo.environment,
            workingDirectory: URL(
                fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true))
    }

    /// The domain a command names, or the exit status with the problem already printed.
    static func find(_ domain: String, templates: String?, command: String) throws(ExitCode) -> FoundDomain {
        do {
            return try DomainLoader.find(domain, searchPath: searchPath(templates: templates))
        } catch {
            throw CommandOutput.report(error, command: command, json: false)
        }
    }
}
