import Foundation

/// A domain folder on disk, and how to name its files for the user.
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

    /// A file of the domain (or, with `../`, of its templates root). Shared files missing beside the
    /// domain come from the built-in templates, as `build` takes them.
    func read(_ relative: String) -> [UInt8]? {
        if let bytes = readOnDisk(relative) { return bytes }
        if let shared = Self.builtInSharedName(relative) { return BuiltInTemplates.file(shared) }
        return nil
    }

    /// True when `relative` is a shared file that only the built-in templates provide.
    func isBuiltInShared(_ relative: String) -> Bool {
        readOnDisk(relative) == nil && Self.builtInSharedName(relative).flatMap(BuiltInTemplates.file) != nil
    }

    private static func builtInSharedName(_ relative: String) -> String? {
        relative.hasPrefix("../_shared/") ? String(relative.dropFirst(3)) : nil
    }

    private func readOnDisk(_ relative: String) -> [UInt8]? {
        let fileURL = url.appendingPathComponent(relative)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: fileURL.path, isDirectory: &isDirectory),
            !isDirectory.boolValue, let data = FileManager.default.contents(atPath: fileURL.path)
        else { return nil }
        return [UInt8](data)
    }
}
