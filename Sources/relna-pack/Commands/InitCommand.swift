import ArgumentParser

// Placeholder until its issue lands; replaced by the real command.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "init", abstract: "(not yet available)")

    func run() throws {
        throw ExitStatus.internalError
    }
}
