import ArgumentParser
import TrainerGen

@main
struct RelnaPack: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "relna-pack",
        abstract:
            "Turn a small reinforcement-learning agent file into a trainer package for AI Platform / Vertex AI.",
        discussion: """
            Examples — a student, from nothing to a package:
              relna-pack domains                        # what can I train?
              relna-pack init --domain dqn > agent.py   # a starter that passes check
              relna-pack check agent.py --domain dqn    # errors point at your line
              relna-pack run agent.py --domain dqn      # train locally
              relna-pack build agent.py --domain dqn    # writes dist/*.tar.gz

            A template author:
              relna-pack explain dqn
              relna-pack template check Templates/dqn

            Shell completion (bash; zsh and fish likewise), see README.md:
              mkdir -p ~/.local/share/bash-completion/completions
              relna-pack --generate-completion-script bash \\
                  > ~/.local/share/bash-completion/completions/relna-pack
            """,
        version: RelnaVersion.string,
        subcommands: [
            InitCommand.self, CheckCommand.self, ScanCommand.self, BuildCommand.self, RunCommand.self,
            SubmitCommand.self, JobsCommand.self, RankCommand.self, ArenaCommand.self, ExplainCommand.self,
            DomainsCommand.self,
            TemplateCommand.self,
        ]
    )

    /// ArgumentParser's own main, except that a usage error of `build`/`check --json` also prints the
    /// JSON failure report on stdout (docs/json-output.md) before the usual message on stderr.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if BuildCommand.asksForToolVersion(arguments) {
            print(RelnaVersion.string)
            return
        }
        if let invocation = BuildFastPath.invocation(arguments) {
            do {
                try invocation.run()
            } catch {
                exit(withError: error)
            }
            return
        }
        var command: any ParsableCommand
        do {
            command = try parseAsRoot(arguments)
        } catch {
            // Only the parser's errors: a command that ran has printed its own report.
            if let report = UsageErrorReport.report(for: error, arguments: arguments) {
                CommandOutput.printJSON(report)
            }
            exit(withError: error)
        }
        do {
            try command.run()
        } catch {
            exit(withError: error)
        }
    }
}

struct TemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "Tools for template authors.",
        subcommands: [TemplateRenderCommand.self, TemplateCheckCommand.self]
    )
}
