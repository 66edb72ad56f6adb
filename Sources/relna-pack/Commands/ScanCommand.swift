import ArgumentParser

// Placeholder until its issue lands; replaced by the real command.
struct ScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "scan", abstract: "(not yet available)")

    func run() throws {
        throw ExitStatus.internalError
    }
}
