import Foundation

/// The one walk of Templates/. This file is compiled twice: into relna-embed, which embeds what it
/// finds, and (through a symbolic link) into the EmbedTemplates plugin, which declares the same files
/// as the build command's inputs. A plugin cannot import a library, so the file itself is shared.
enum TemplateFiles {
    /// Regular files under `root`, leaving out hidden names, `__pycache__` folders and compiled `.pyc`.
    static func list(under root: URL) -> [URL] {
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
