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
              relna-pack domains                          # what can I train?
              relna-pack init --domain dqn > agent.py     # a starter that passes check
              relna-pack check agent.py --domain dqn      # errors point at your line
              relna-pack run agent.py --domain dqn        # train locally
              relna-pack build agent.py --domain dqn      # dist/relna_trainer_dqn-0.1.0.tar.gz

            A template author:
              relna-pack explain dqn
              relna-pack template check Templates/dqn

            Shell completion (bash, zsh or fish):
              relna-pack --generate-completion-script bash > ~/.local/share/bash-completion/completions/relna-pack
            """,
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
