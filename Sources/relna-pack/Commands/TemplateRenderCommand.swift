import ArgumentParser

// Placeholder until its issue lands; replaced by the real command.
struct TemplateRenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "render", abstract: "(not yet available)")

    func run() throws {
        throw ExitStatus.internalError
    }
}
