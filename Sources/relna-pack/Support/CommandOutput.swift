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
        failureReport(failure.status, failure.diagnostics, command: command)
    }

    static func failureReport(_ status: ExitStatus, _ diagnostics: [Diagnostic], command: String) -> JSONValue
    {
        .object([
            ("status", .string(status.word)),
            ("exit_code", .int(Int(status.rawValue))),
            ("command", .string(command)),
            ("diagnostics", .array(diagnostics.map(json))),
        ])
    }

    /// Prints `document` as the one JSON document on stdout (pretty, with a final newline).
    static func printJSON(_ document: JSONValue) {
        writeStdout(Array((document.text(indent: 2) + "\n").utf8))
    }

    static func json(_ diagnostic: Diagnostic) -> JSONValue {
        diagnostic.json
    }
}
