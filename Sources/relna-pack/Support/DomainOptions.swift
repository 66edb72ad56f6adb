import ArgumentParser
import Foundation
import TrainerGen

/// The options `check`, `build` and `run` share.
struct DomainOptions: ParsableArguments {
    @Argument(
        help: "The agent file, or - to read it from standard input.", completion: CompletionValues.agentFile)
    var agent: String

    @Option(
        help: "The domain (dqn, policy_gradient, imitation, or one from --templates).",
        completion: CompletionValues.domains)
    var domain: String

    @Option(
        help: "The Gymnasium environment id (default: the domain's).",
        completion: CompletionValues.environments)
    var env: String?

    @Option(
        help: "The framework (default: from the agent's imports).", completion: CompletionValues.frameworks)
    var framework: String?

    @Option(
        name: .customLong("set"), help: "Override a hyperparameter: KEY=VALUE (repeatable).",
        completion: CompletionValues.settings)
    var settings: [String] = []

    @Option(
        help: "A folder of domains that adds to or overrides the built-in ones (also RELNA_TEMPLATES).",
        completion: .directory)
    var templates: String?

    @Flag(help: "Print one JSON document on standard output.")
    var json = false

    /// The request the flags make; `build` adds its own flags. Fills `sources` with the agent's text
    /// for printing diagnostics, so that it is there even when the pipeline fails.
    func request(sources: inout [String: String]) throws(BuildFailure) -> BuildRequest {
        let agent = try BuildRequest.readAgent(self.agent)
        sources[agent.path] = String(decoding: agent.bytes, as: UTF8.self)
        let environment = ProcessInfo.processInfo.environment
        return BuildRequest(
            domain: domain, searchPath: try DomainFlags.searchPath(templates: templates),
            agent: agent.bytes, agentPath: agent.path, env: env, framework: framework, settings: settings,
            sourceDateEpoch: environment["SOURCE_DATE_EPOCH"])
    }
}

/// The domain flags of every command that names a domain, read the one way (`DomainLoader`).
enum DomainFlags {
    /// `--templates`, then RELNA_TEMPLATES, then the built-in domains.
    static func searchPath(templates: String?) throws(BuildFailure) -> TemplateSearchPath {
        try TemplateSearchPath(
            templatesOption: templates, environment: ProcessInfo.processInfo.environment,
            workingDirectory: URL(
                fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true))
    }

    /// The domain a command names, or the exit status with the problem already printed.
    static func find(_ domain: String, templates: String?, command: String) throws(ExitCode) -> FoundDomain {
        do {
            return try DomainLoader.find(domain, searchPath: searchPath(templates: templates))
        } catch {
            throw CommandOutput.report(error, command: command, json: false)
        }
    }
}
