import ArgumentParser
import TrainerGen

@main
struct RelnaPack: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "relna-pack",
        abstract:
            "Turn a small reinforcement-learning agent file into a trainer package for AI Platform / Vertex AI.",
        version: RelnaVersion.string,
        subcommands: [
            InitCommand.self, CheckCommand.self, ScanCommand.self, BuildCommand.self, RunCommand.self,
            SubmitCommand.self, RankCommand.self, ExplainCommand.self, DomainsCommand.self,
            TemplateCommand.self,
        ]
    )
}

struct TemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "Tools for template authors.",
        subcommands: [TemplateRenderCommand.self, TemplateCheckCommand.self]
    )
}
