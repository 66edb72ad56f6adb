import Foundation
import PackagePlugin

/// Compiles the repository's Templates/ folder into the Build target, so the built-in domains travel inside
/// the binary: `relna-pack` finds them from any working directory and after being copied elsewhere.
///
/// The inputs come from `TemplateFiles.list`, the same walk relna-embed makes when it runs, so the
/// build watches exactly the files that are embedded: editing one regenerates the embedded copy, and
/// whenever the command runs it walks the folder afresh, so added and removed files are picked up too.
@main
struct EmbedTemplates: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL.appending(path: "Templates")
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedTemplates.swift")
        return [
            .buildCommand(
                displayName: "Embedding the built-in templates",
                executable: try context.tool(named: "relna-embed").url,
                arguments: [root.path, output.path],
                inputFiles: TemplateFiles.list(under: root),
                outputFiles: [output])
        ]
    }
}
