import Build
import Foundation
import Manifest

/// A domain folder on disk as `template check` names it: how to name its files for the user, and the
/// templates roots `DomainLoader` reads it from.
struct DomainFolder: Sendable {
    /// As the user named it, without a trailing slash.
    let directory: String
    let url: URL

    init(directory: String) {
        var trimmed = directory
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed.removeLast() }
        self.directory = trimmed
        url = URL(fileURLWithPath: trimmed, isDirectory: true).standardizedFileURL
    }

    /// The folder's own name, which the manifest's `domain` must equal.
    var name: String { url.lastPathComponent }

    /// `<templates root>`: the folder holding this domain and `_shared/`.
    var rootURL: URL { url.deletingLastPathComponent() }

    /// A path relative to the domain folder; shared files are `../_shared/…`.
    func relativePath(of source: SkeletonFile.Source) -> String {
        switch source {
        case .domain(let path): return path
        case .shared(let path): return "../_shared/" + path
        }
    }

    /// `Templates/dqn/task.py.j2`, `Templates/_shared/runtime.py`: as the user can open it.
    func displayPath(_ relative: String) -> String {
        if relative.hasPrefix("../\(name)/") {
            return displayPath(String(relative.dropFirst(name.count + 4)))
        }
        if relative.hasPrefix("../") {
            let parent = (directory as NSString).deletingLastPathComponent
            let rest = String(relative.dropFirst(3))
            return parent.isEmpty ? rest : parent + "/" + rest
        }
        return directory + "/" + relative
    }

    /// The folder holding this domain and `_shared/`.
    var root: TemplateRoot { .directory(rootURL) }

    /// Where shared files come from: beside the domain, else the built-in templates, as `build` takes
    /// them.
    var sharedRoots: [TemplateRoot] { [root, .builtIn] }

    /// A file of the domain (or, with `../`, of its templates root); shared files missing beside the
    /// domain come from the built-in templates.
    func read(_ relative: String) -> [UInt8]? {
        let name = rootName(relative)
        if let bytes = root.read(name) { return bytes }
        return name.hasPrefix("_shared/") ? TemplateRoot.builtIn.read(name) : nil
    }

    /// True when `relative` is a shared file that only the built-in templates provide.
    func isBuiltInShared(_ relative: String) -> Bool {
        let name = rootName(relative)
        return root.read(name) == nil && name.hasPrefix("_shared/") && TemplateRoot.builtIn.read(name) != nil
    }

    /// `relative` (to the domain folder) as a name relative to the templates root.
    private func rootName(_ relative: String) -> String {
        relative.hasPrefix("../") ? String(relative.dropFirst(3)) : "\(name)/\(relative)"
    }
}
