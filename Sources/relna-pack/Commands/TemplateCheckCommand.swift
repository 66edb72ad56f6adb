import ArgumentParser

// Placeholder until its issue lands; replaced by the real command.
struct TemplateCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check", abstract: "(not yet available)")

    func run() throws {
        throw ExitStatus.internalError
    }
}
