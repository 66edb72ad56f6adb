import ArgumentParser
import Foundation
import TemplateEngine
import TrainerGen

/// `relna-pack template render FILE --context CONTEXT.json [--root DIR]`: one template to stdout.
struct TemplateRenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render one template with a JSON context to standard output.",
        discussion: """
            Includes resolve inside --root. Without it, a template in a domain folder (one holding \
            manifest.yaml) or in _shared/ resolves them in the templates root above it, as `build` \
            does ({% include "bandit/flags.py.j2" %}); any other template, in its own folder. \
            Errors go to standard error as file:line:column with the offending line; a template \
            error exits with 65.

            The context a build really renders with: `relna-pack build AGENT --domain D \
            --render-context` prints it as JSON, ready for --context.

            Examples:
              relna-pack template render greeting.txt --context context.json
              relna-pack build agent.py --domain bandit --templates my-templates \\
                  --render-context > ctx.json
              relna-pack template render my-templates/bandit/task.py.j2 \\
                  --context ctx.json
            """
    )

    @Argument(help: "The template file.")
    var file: String

    @Option(name: .long, help: "A JSON object with the template's variables (objects keep their key order).")
    var context: String?

    @Option(
        name: .long,
        help: "The folder include names are resolved in [default: the templates root above a domain folder].")
    var root: String?

    /// The templates root above `file`: the parent of the nearest folder holding manifest.yaml, or of
    /// `_shared`; nil when the file is in neither.
    static func templatesRoot(of file: URL) -> URL? {
        var folder = file.deletingLastPathComponent()
        while folder.path != "/" && !folder.path.isEmpty {
            let manifest = folder.appendingPathComponent("manifest.yaml").path
            if FileManager.default.fileExists(atPath: manifest) || folder.lastPathComponent == "_shared" {
                return folder.deletingLastPathComponent()
            }
            folder = folder.deletingLastPathComponent()
        }
        return nil
    }

    func run() throws {
        let style = TerminalStyle.forStream(fileDescriptor: 2).enabled
        let fileURL = URL(fileURLWithPath: file).standardizedFileURL
        let rootURL =
            root.map { URL(fileURLWithPath: $0, isDirectory: true).standardizedFileURL }
            ?? Self.templatesRoot(of: fileURL) ?? fileURL.deletingLastPathComponent()
        var variables = TemplateDictionary()
        if let context {
            guard let data = FileManager.default.contents(atPath: context) else {
                CommandOutput.writeStderr("error: cannot read the context file '\(context)'")
                throw ExitCode(.ioError)
            }
            do {
                let value = try TemplateValue(jsonData: data)
                guard case .dict(let dictionary) = value else {
                    CommandOutput.writeStderr("\(context): error: the context must be a JSON object")
                    throw ExitCode(.usage)
                }
                variables = dictionary
            } catch let error as TemplateError {
                var located = error
                located.templateName = context
                CommandOutput.writeStderr(located.formatted(color: style) + "\n")
                throw ExitCode(.usage)
            }
        }
        guard let data = FileManager.default.contents(atPath: fileURL.path) else {
            CommandOutput.writeStderr("error: cannot read the template '\(file)'")
            throw ExitCode(.ioError)
        }
        guard let source = String(data: data, encoding: .utf8) else {
            CommandOutput.writeStderr("\(file): error: the template is not valid UTF-8")
            throw ExitCode(.badData)
        }
        let environment = TemplateEnvironment(loader: FileSystemLoader(root: rootURL))
        do {
            let template = try Template(source: source, name: file)
            let output = try environment.render(template, context: variables)
            FileHandle.standardOutput.write(Data(output.utf8))
        } catch {
            CommandOutput.writeStderr(error.formatted(color: style) + "\n")
            if error.isTemplateNotFound || error.message.contains("not found") {
                CommandOutput.writeStderr(
                    "note: include names are resolved in \(rootURL.path)"
                        + (root == nil
                            ? "; pass --root DIR, the folder that holds the domain folders and _shared/" : "")
                )
            }
            throw ExitCode(.badData)
        }
    }
}
