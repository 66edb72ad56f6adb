import ArgumentParser

// Placeholder until its issue lands; replaced by the real command.
struct SubmitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "submit", abstract: "(not yet available)")

    func run() throws {
        throw ExitStatus.internalError
    }
}
