import ArgumentParser
import Foundation
import RelnaCore
import TrainerGen

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a starter agent for a domain: it passes check, builds and trains.",
        discussion: """
            The starter defines every entry point the domain's trainer calls, with the right \
            signature, a docstring saying what the trainer passes and expects, and a simple working \
            body to improve. It is written to standard output unless -o names a file (which must not \
            exist yet, unless --force).

            Examples:
              relna-pack init --domain dqn > agent.py
              relna-pack init --domain policy_gradient --framework torch -o agent.py
            """)

    @Option(help: "The domain (see relna-pack domains).", completion: CompletionValues.domains)
    var domain: String

    @Option(
        help: "numpy, torch or tensorflow: any framework the domain declares (default numpy).",
        completion: CompletionValues.frameworks)
    var framework: String?

    @Option(name: [.customShort("o"), .long], help: ArgumentHelp("Write to this file.", valueName: "file"))
    var output: String?

    @Flag(help: "Replace the output file if it exists.")
    var force = false

    @Option(help: ArgumentHelp("A folder of extra domains, searched first.", valueName: "dir"))
    var templates: String?

    func run() throws {
        let found = try DomainFlags.find(domain, templates: templates, command: "init")
        let starter: StarterAgent
        do {
            starter = try StarterAgent.load(
                manifest: found.manifest, framework: framework, root: found.root)
        } catch {
            switch error {
            case .unknownFramework:
                // A usage error (64), printed without the root command's usage line, which would
                // not help here.
                CommandOutput.writeStderr("error: \(error.description)")
                throw ExitCode(.usage)
            case .missingStarter:
                CommandOutput.writeStderr("error: \(error.description)")
                throw ExitCode(.badData)
            }
        }
        guard let output, output != "-" else {
            FileHandle.standardOutput.write(Data(starter.text.utf8))
            return
        }
        if !force, FileManager.default.fileExists(atPath: output) {
            CommandOutput.writeStderr(
                "error: \(output) exists; choose another name or pass --force to replace it")
            throw ExitCode(.cannotCreate)
        }
        do throws(OutputError) {
            try AtomicFile.write(Array(starter.text.utf8), to: URL(fileURLWithPath: output))
        } catch {
            CommandOutput.writeStderr("error: cannot write \(output): \(error.message)")
            throw ExitCode(.ioError)
        }
        CommandOutput.writeStderr(
            "wrote \(output) (\(starter.domain), \(starter.framework)); next: relna-pack check \(output) --domain \(starter.domain)"
        )
    }
}
