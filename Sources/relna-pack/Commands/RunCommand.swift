import ArgumentParser

// Placeholder until its issue lands; replaced by the real command.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "(not yet available)")

    func run() throws {
        throw ExitStatus.internalError
    }
}
