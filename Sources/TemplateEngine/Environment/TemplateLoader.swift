import Foundation

/// Where an environment finds template sources by name.
public protocol TemplateLoader: Sendable {
    /// The source of the template `named`; a missing template is an error with `isTemplateNotFound`.
    func source(named: String) throws(TemplateError) -> String
}

extension TemplateError {
    static func notFound(_ name: String, _ detail: String? = nil) -> TemplateError {
        var error = TemplateError(
            templateName: name, line: 0, column: 0,
            message: "template '\(name)' not found" + (detail.map { ": \($0)" } ?? ""))
        error.isTemplateNotFound = true
        return error
    }
}

/// Templates from a folder; names are `/`-separated relative paths that cannot leave the folder.
public struct FileSystemLoader: TemplateLoader {
    public let root: URL

    public init(root: URL) { self.root = root.standardizedFileURL }

    public func source(named name: String) throws(TemplateError) -> String {
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        guard !name.isEmpty, !name.hasPrefix("/"), !name.contains("\\"), !name.contains("\0"),
            parts.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." })
        else {
            throw TemplateError.notFound(
                name, "template names are relative '/'-separated paths inside the template folder")
        }
        var url = root
        for part in parts { url.appendPathComponent(String(part)) }
        guard FileManager.default.fileExists(atPath: url.path) else { throw TemplateError.notFound(name) }
        // Symbolic links must not lead outside the root either.
        let resolvedRoot = root.resolvingSymlinksInPath().path
        let resolved = url.resolvingSymlinksInPath().path
        guard
            resolved == resolvedRoot
                || resolved.hasPrefix(resolvedRoot.hasSuffix("/") ? resolvedRoot : resolvedRoot + "/")
        else {
            throw TemplateError.notFound(name, "it resolves outside the template folder")
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: resolved, isDirectory: &isDirectory),
            !isDirectory.boolValue,
            let data = FileManager.default.contents(atPath: resolved)
        else { throw TemplateError.notFound(name) }
        guard let text = String(data: data, encoding: .utf8) else {
            throw TemplateError(
                templateName: name, line: 0, column: 0, message: "template '\(name)' is not valid UTF-8")
        }
        return text
    }
}

/// Templates held in memory, by name.
public struct DictionaryLoader: TemplateLoader {
    public let sources: [String: String]

    public init(_ sources: [String: String]) { self.sources = sources }

    public func source(named name: String) throws(TemplateError) -> String {
        guard let source = sources[name] else { throw TemplateError.notFound(name) }
        return source
    }
}
