import Foundation
import RelnaCore
import TemplateEngine
import TrainerGen

/// What one `build` was asked to do, as plain values: made by ArgumentParser (`BuildCommand`) or,
/// for the common spellings, by `BuildFastPath` without it. Everything `build` does after parsing.
struct BuildInvocation: Equatable {
    var options: DomainFlagValues
    var name: String?
    var packageVersion: String?
    /// `--version VALUE`, the spelling before --package-version.
    var legacyVersion: String?
    var label: String?
    var outputDir: String
    var output: String?
    var job: JobFile.Options
    /// `--render-context`: print what the templates would get instead of building.
    var renderContext = false

    /// Why the flags do not go together (`BuildCommand.validate` reports it as a usage error).
    var problem: String? {
        if output == "-" && options.json {
            return "-o - and --json both write to standard output; choose one"
        }
        if let packageVersion, let legacyVersion, packageVersion != legacyVersion {
            return "--package-version \(packageVersion) and --version \(legacyVersion) differ; give one"
        }
        if let label,
            label.isEmpty
                || label.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        {
            return "--label must be non-empty text without control characters"
        }
        return nil
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
            request.job = job
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
