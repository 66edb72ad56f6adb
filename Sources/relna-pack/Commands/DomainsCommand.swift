import ArgumentParser

// Placeholder until its issue lands; replaced by the real command.
struct DomainsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "domains", abstract: "(not yet available)")

    func run() throws {
        throw ExitStatus.internalError
    }
}
