import ArgumentParser

// Placeholder until its issue lands; replaced by the real command.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check", abstract: "(not yet available)")

    func run() throws {
        throw ExitStatus.internalError
    }
}
