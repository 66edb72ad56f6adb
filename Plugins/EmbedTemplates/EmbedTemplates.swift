import Foundation
import PackagePlugin

/// Compiles the repository's Templates/ folder into TrainerGen, so the built-in domains travel inside
/// the binary: `relna-pack` finds them from any working directory and after being copied elsewhere.
///
/// This is the one walk of Templates/: the files found here are both the command's inputs and its
/// arguments, so relna-embed embeds exactly what the build system watches. The plugin runs on every
/// build, so adding or removing a file changes the command and regenerates the embedded copy, and
/// editing one changes an input.
@main
struct EmbedTemplates: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL.appending(path: "Templates")
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedTemplates.swift")
        let inputs = Self.templateFiles(under: root)
        return [
            .buildCommand(
                displayName: "Embedding the built-in templates",
                executable: try context.tool(named: "relna-embed").url,
                arguments: [root.path, output.path] + inputs.map(\.path),
                inputFiles: inputs,
                outputFiles: [output])
        ]
    }

    /// Regular files under `root`, leaving out hidden names, `__pycache__` folders and compiled `.pyc`.
    static func templateFiles(under root: URL) -> [URL] {
        var files: [URL] = []
        guard
            let walker = FileManager.default.enumerator(
                at: root, includingPropertiesForKeys: [.isRegularFileKey])
        else { return files }
        for case let url as URL in walker {
            let name = url.lastPathComponent
            if name.hasPrefix(".") || name == "__pycache__" || name.hasSuffix(".pyc") {
                walker.skipDescendants()
                continue
            }
            if (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                files.append(url)
            }
        }
        return files
    }
}
