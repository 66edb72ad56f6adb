import ArgumentParser
import Foundation
import TrainerGen

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check an agent file against a domain's contract; writes nothing.",
        discussion: """
            Exit codes: 0 fine (warnings may be printed); 1 the agent was rejected; 64 a flag is wrong; \
            65 a manifest or template is broken; 74 I/O error.

            Examples:
              relna-pack check agent.py --domain dqn
              relna-pack check agent.py --domain dqn --set gamma=0.95 --json
              cat agent.py | relna-pack check - --domain policy_gradient
            """)

    @OptionGroup var options: DomainOptions

    func run() throws {
        var sources: [String: String] = [:]
        let outcome = Result { () throws(BuildFailure) -> BuildPipeline.CheckResult in
            try BuildPipeline.check(try options.request(sources: &sources))
        }
        switch outcome {
        case .success(let result):
            if options.json {
                CommandOutput.printJSON(
                    .object([
                        ("status", .string(ExitStatus.success.word)),
                        ("exit_code", .int(Int(ExitStatus.success.rawValue))),
                        ("command", .string("check")),
                        ("domain", .string(result.domain)),
                        ("env", .string(result.env)),
                        ("framework", .string(result.framework)),
                        ("diagnostics", .array(result.diagnostics.map(CommandOutput.json))),
                    ]))
            } else {
                CommandOutput.printDiagnostics(result.diagnostics, sources: sources)
                let warnings = result.diagnostics.filter { $0.severity == .warning }.count
                CommandOutput.writeStderr(
                    "\(options.agent == "-" ? "<stdin>" : options.agent): ok for the \(result.domain) domain "
                        + "(\(result.framework), \(result.env))"
                        + (warnings > 0 ? ", \(warnings) warning(s)" : ""))
            }
        case .failure(let failure):
            throw CommandOutput.report(failure, command: "check", json: options.json, sources: sources)
        }
    }
}
