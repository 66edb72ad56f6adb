import Foundation
import PackagePlugin

/// Compiles the repository's Templates/ folder into TrainerGen, so the built-in domains travel inside
/// the binary: `relna-pack` finds them from any working directory and after being copied elsewhere.
///
/// The file list is read each time the plugin runs, so adding, editing or removing a template file
/// regenerates the embedded copy on the next build.
@main
struct EmbedTemplates: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL.appending(path: "Templates")
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedTemplates.swift")
        var inputs: [URL] = []
        if let walker = FileManager.default.enumerator(
            at: root, includingPropertiesForKeys: [.isRegularFileKey])
        {
            for case let url as URL in walker {
                let name = url.lastPathComponent
                if name.hasPrefix(".") || name == "__pycache__" {
                    walker.skipDescendants()
                    continue
                }
                if (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                    inputs.append(url)
                }
            }
        }
        return [
            .buildCommand(
                displayName: "Embedding the built-in templates",
                executable: try context.tool(named: "relna-embed").url,
                arguments: [root.path, output.path],
                inputFiles: inputs,
                outputFiles: [output])
        ]
    }
}
