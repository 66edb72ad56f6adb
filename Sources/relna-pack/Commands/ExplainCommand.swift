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
              relna-pack explain --domain dqn
              relna-pack explain policy_gradient --json
            """)

    @Argument(
        help: ArgumentHelp(
            "The domain (see relna-pack domains); or --domain, as elsewhere.", valueName: "domain"),
        completion: CompletionValues.domains)
    var positionalDomain: String?

    @Option(
        name: .customLong("domain"), help: "The domain, as every other command takes it.",
        completion: CompletionValues.domains)
    var domainOption: String?

    /// One of the two spellings; validate() makes sure there is exactly one.
    var domain: String { domainOption ?? positionalDomain ?? "" }

    @Flag(help: "Print the contract as one JSON document on standard output.")
    var json = false

    @Option(help: ArgumentHelp("A folder of extra domains, searched first.", valueName: "dir"))
    var templates: String?

    func validate() throws {
        switch (positionalDomain, domainOption) {
        case (nil, nil):
            throw ValidationError("Missing the domain: relna-pack explain DOMAIN (or --domain DOMAIN)")
        case (let positional?, let option?) where positional != option:
            throw ValidationError("Two domains given: '\(positional)' and --domain '\(option)'; give one")
        default: break
        }
    }

    func run() throws {
        let found = try DomainFlags.find(domain, templates: templates, command: "explain")
        let explanation = DomainExplanation(
            manifest: found.manifest, origin: found.origin, templatesOption: templates)
        print(json ? explanation.jsonText : explanation.text, terminator: json ? "\n" : "")
    }
}
