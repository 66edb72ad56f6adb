import ArgumentParser
import Foundation
import TrainerGen

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract:
            "Show a domain's contract: what your agent file defines, the hyperparameters, environments and frameworks.",
        discussion: """
            Prints the entry points as the Python definitions the trainer calls, with what it passes \
            and expects back; each hyperparameter's type, default, bounds and help; the supported \
            environments; and what each framework installs.

            Examples:
              relna-pack explain dqn
              relna-pack explain policy_gradient --json
            """)

    @Argument(help: "The domain (see relna-pack domains).")
    var domain: String

    @Flag(help: "Print the contract as one JSON document on standard output.")
    var json = false

    @Option(help: ArgumentHelp("A folder of extra domains, searched first.", valueName: "dir"))
    var templates: String?

    func run() throws {
        let found = try DomainFlags.find(domain, templates: templates, command: "explain")
        let explanation = DomainExplanation(manifest: found.manifest, origin: found.origin)
        print(json ? explanation.jsonText : explanation.text, terminator: json ? "\n" : "")
    }
}
