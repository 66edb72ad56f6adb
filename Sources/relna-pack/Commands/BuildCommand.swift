import ArgumentParser
import Foundation
import RelnaCore
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
    var version: String?

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
    }

    func run() throws {
        var sources: [String: String] = [:]
        let outcome: Result<(BuildProduct, URL?), BuildFailure> = Result { () throws(BuildFailure) in
            let agent = try AgentInput.read(options.agent)
            sources[agent.path] = String(decoding: agent.bytes, as: UTF8.self)
            let mtime: Int64
            do {
                mtime = try SourceDateEpoch.resolve(ProcessInfo.processInfo.environment)
            } catch {
                throw .usage([
                    Diagnostic(
                        severity: .error, code: "invalid-source-date-epoch", file: "<environment>", line: 0,
                        column: 0,
                        message: "SOURCE_DATE_EPOCH must be a whole number of seconds since 1970")
                ])
            }
            let domain = try DomainLoader.load(options.domain, searchPath: try options.validatedSearchPath())
            let request = BuildRequest(
                agent: agent.bytes, agentPath: agent.path, env: options.env, framework: options.framework,
                name: name,
                version: version, settings: options.settings, mtime: mtime)
            var product = try BuildPipeline.build(request, domain: domain)
            if output == nil {
                // The job request is a sidecar of the sdist in the output folder (docs/jobs.md).
                do throws(JobRequestError) {
                    product.diagnostics += try JobFile.attach(
                        to: &product, manifest: domain.manifest, options: try job.options())
                } catch {
                    throw .usage([
                        Diagnostic(
                            severity: .error, code: "job-request", file: "<command-line>", line: 0, column: 0,
                            message: error.description)
                    ])
                }
            }
            if output == "-" { return (product, nil) }
            if let output {
                let url = URL(fileURLWithPath: output)
                do throws(OutputError) {
                    try AtomicFile.write(product.archive, to: url)
                } catch {
                    throw .io(path: error.path, message: error.message)
                }
                return (product, url)
            }
            return (product, try product.write(to: URL(fileURLWithPath: outputDir)))
        }
        switch outcome {
        case .success(let (product, url)):
            if options.json {
                CommandOutput.printJSON(Self.report(product: product, path: url?.path))
            } else {
                CommandOutput.printDiagnostics(product.diagnostics, sources: sources)
                if let url {
                    CommandOutput.writeStderr(
                        "built \(url.path) (\(product.archive.count) bytes, sha256 \(product.sha256))")
                    for sidecar in product.sidecars {
                        CommandOutput.writeStderr(
                            "wrote \(url.deletingLastPathComponent().path)/\(sidecar.fileName)")
                    }
                }
            }
            if url == nil { CommandOutput.writeStdout(product.archive) }
        case .failure(let failure):
            throw CommandOutput.report(failure, command: "build", json: options.json, sources: sources)
        }
    }

    static func report(product: BuildProduct, path: String?) -> JSONValue {
        .object([
            ("status", .string("ok")),
            ("exit_code", .int(0)),
            ("command", .string("build")),
            (
                "package",
                .object([
                    ("path", path.map(JSONValue.string) ?? .null),
                    ("file_name", .string(product.fileName)),
                    ("sha256", .string(product.sha256)),
                    ("size", .int(product.archive.count)),
                    ("name", .string(product.identity.name)),
                    ("version", .string(product.identity.version)),
                ])
            ),
            (
                "job_file",
                path.flatMap { path in
                    product.sidecars.first.map {
                        .string(
                            URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(
                                $0.fileName
                            ).path)
                    }
                } ?? .null
            ),
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
