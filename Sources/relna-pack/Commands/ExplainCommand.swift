import ArgumentParser

// Placeholder until its issue lands; replaced by the real command.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "explain", abstract: "(not yet available)")

    func run() throws {
        throw ExitStatus.internalError
    }
}
