import ArgumentParser
import RelnaCore
import TrainerGen

/// Argument-parser usage errors for the commands whose `--json` promises one JSON document on stdout
/// whatever happens (build and check): the same failure report as a bad flag value, exit 64.
enum UsageErrorReport {
    static let commands: Set<String> = ["build", "check"]

    /// The failure report for `error`, or nil when it is no usage error (help, version, a command's own
    /// exit) or the command line asks for no JSON. The parser rejected the line, so `--json` is looked for
    /// among the words before `--`; `-o -` claims stdout for the package, so it gets no JSON either.
    static func report(for error: any Error, arguments: [String]) -> JSONValue? {
        guard let command = arguments.first, commands.contains(command),
            RelnaPack.exitCode(for: error) == ExitCode(.usage)
        else { return nil }
        let words = Array(arguments.dropFirst().prefix { $0 != "--" })
        let packageOnStdout =
            zip(words, words.dropFirst()).contains { ["-o", "--output"].contains($0) && $1 == "-" }
            || words.contains("--output=-")
        guard words.contains("--json"), !packageOnStdout else { return nil }
        let message =
            RelnaPack.message(for: error).split(separator: "\n").first.map(String.init) ?? "invalid arguments"
        let diagnostic = Diagnostic(
            severity: .error, code: "invalid-arguments", file: "<command-line>", line: 0, column: 0,
            message: message.hasPrefix("Error: ") ? String(message.dropFirst(7)) : message,
            hint: "see relna-pack \(command) --help")
        return CommandOutput.failureReport(.usage([diagnostic]), command: command)
    }
}
