import ArgumentParser

// Placeholder until its issue lands; replaced by the real command.
struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "build", abstract: "(not yet available)")

    func run() throws {
        throw ExitStatus.internalError
    }
}
