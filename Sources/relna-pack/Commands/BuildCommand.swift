import ArgumentParser
import TrainerGen

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build a reproducible trainer sdist from an agent file.",
        discussion: """
            Writes dist/<name>-<version>.tar.gz (or --output-dir, or -o FILE, or -o - for standard output).
            Exit codes: 0 built; 1 the agent was rejected; 64 a flag is wrong; 65 a manifest or template is \
            broken; 70 internal error; 74 I/O error.

            Examples:
              relna-pack build agent.py --domain dqn
              relna-pack build agent.py --domain dqn --set learning_rate=0.0005 --json
              relna-pack build agent.py --domain policy_gradient -o - > trainer.tar.gz
            """)

    @OptionGroup var options: DomainOptions

    @OptionGroup(title: "Job request ({stem}.job.yaml beside the sdist)") var job: JobOptions

    @Option(help: "The distribution name (default relna-trainer-<domain>).")
    var name: String?

    @Option(help: "The package version, PEP 440 (default 0.1.0).")
    var packageVersion: String?

    /// The spelling before --package-version, kept for scripts; hidden so that help shows `--version` only
    /// as "Show the version" (a bare `build --version` does that: see `RelnaPack.main`).
    @Option(name: .customLong("version"), help: .hidden)
    var legacyVersion: String?

    @Option(
        help: ArgumentHelp(
            "The name rank shows for this package (recorded in provenance.json).",
            discussion:
                "Without it the package does not depend on the agent's file name; rank then shows the job."))
    var label: String?

    @Flag(help: "Print the render context the templates get, as JSON for template render --context.")
    var renderContext = false

    @Option(help: "The folder the sdist is written to.")
    var outputDir = "dist"

    @Option(
        name: [.customShort("o"), .customLong("output")],
        help: "Write the sdist to FILE, or - for standard output.")
    var output: String?

    /// The flags as plain values, which `run` acts on.
    var invocation: BuildInvocation {
        BuildInvocation(
            options: options.values, name: name, packageVersion: packageVersion, legacyVersion: legacyVersion,
            label: label, outputDir: outputDir, output: output, job: job.options(),
            renderContext: renderContext)
    }

    mutating func validate() throws {
        if let problem = invocation.problem { throw ValidationError(problem) }
    }

    func run() throws { try invocation.run() }
}

extension BuildCommand {
    /// `build … --version` with no value after it asks for relna-pack's version, as every command's
    /// `--version` does; with a value it is the old spelling of `--package-version`.
    static func asksForToolVersion(_ arguments: [String]) -> Bool {
        guard arguments.first == "build", let index = arguments.lastIndex(of: "--version") else {
            return false
        }
        let next = arguments.index(after: index)
        if arguments[..<index].contains("--") { return false }
        return next == arguments.endIndex || arguments[next].hasPrefix("--")
    }
}
