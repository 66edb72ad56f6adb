import ArgumentParser

// Placeholder until its issue lands; replaced by the real command.
struct RankCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rank", abstract: "(not yet available)")

    func run() throws {
        throw ExitStatus.internalError
    }
}
