import ArgumentParser
import Foundation
import RelnaCore
import TemplateEngine
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

    mutating func validate() throws {
        if output == "-" && options.json {
            throw ValidationError("-o - and --json both write to standard output; choose one")
        }
        if let packageVersion, let legacyVersion, packageVersion != legacyVersion {
            throw ValidationError(
                "--package-version \(packageVersion) and --version \(legacyVersion) differ; give one")
        }
        if let label,
            label.isEmpty
                || label.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        {
            throw ValidationError("--label must be non-empty text without control characters")
        }
    }

    func run() throws {
        var sources: [String: String] = [:]
        if renderContext {
            do throws(BuildFailure) {
                let context = try BuildPipeline.renderContext(try options.request(sources: &sources))
                print(TemplateValue.dict(context).json.text(indent: 2))
                return
            } catch {
                throw CommandOutput.report(error, command: "build", json: options.json, sources: sources)
            }
        }
        let outcome = Result { () throws(BuildFailure) -> (BuildProduct, BuildProduct.Written) in
            var request = try options.request(sources: &sources)
            request.name = name
            request.version = packageVersion ?? legacyVersion
            request.label = label
            request.output =
                switch output {
                case "-"?: .standardOutput
                case let file?: .file(URL(fileURLWithPath: file))
                case nil: .folder(URL(fileURLWithPath: outputDir))
                }
            request.job = job.options()
            let product = try BuildPipeline.build(request)
            return (product, try product.write())
        }
        switch outcome {
        case .success(let (product, written)):
            if options.json {
                CommandOutput.printJSON(Self.report(product: product, written: written))
            } else {
                CommandOutput.printDiagnostics(product.diagnostics, sources: sources)
                if let url = written.package {
                    CommandOutput.writeStderr(
                        "built \(url.path) (\(product.archive.count) bytes, sha256 \(product.sha256))")
                }
                if let url = written.jobFile { CommandOutput.writeStderr("wrote \(url.path)") }
            }
        case .failure(let failure):
            throw CommandOutput.report(failure, command: "build", json: options.json, sources: sources)
        }
    }

    static func report(product: BuildProduct, written: BuildProduct.Written) -> JSONValue {
        .object([
            ("status", .string(ExitStatus.success.word)),
            ("exit_code", .int(Int(ExitStatus.success.rawValue))),
            ("command", .string("build")),
            (
                "package",
                .object([
                    ("path", written.package.map { .string($0.path) } ?? .null),
                    ("file_name", .string(product.fileName)),
                    ("sha256", .string(product.sha256)),
                    ("size", .int(product.archive.count)),
                    ("name", .string(product.identity.name)),
                    ("version", .string(product.identity.version)),
                ])
            ),
            ("job_file", written.jobFile.map { .string($0.path) } ?? .null),
            ("domain", .string(product.domain)),
            ("env", .string(product.env)),
            ("framework", .string(product.framework)),
            (
                "files",
                .array(
                    product.plan.fileList.map {
                        .object([
                            ("path", .string($0.path)), ("size", .int($0.size)),
                            ("sha256", .string($0.sha256)),
                        ])
                    })
            ),
            ("diagnostics", .array(product.diagnostics.map(CommandOutput.json))),
        ])
    }

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
