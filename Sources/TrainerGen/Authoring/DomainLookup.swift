import Foundation
import RelnaCore

/// Finds one domain on the search path and decodes its manifest, for `explain` and `init`.
public struct DomainLookup: Sendable {
    public enum Problem: Error, Sendable, Hashable, CustomStringConvertible {
        case unknownDomain(String, known: [String])
        /// The manifest is broken: a template bug, reported with every diagnostic.
        case badManifest([Diagnostic])

        public var description: String {
            switch self {
            case .unknownDomain(let name, let known):
                return "no domain '\(name)'" + DidYouMean.phrase(name, among: known)
                    + " (domains: \(known.joined(separator: ", ")); see relna-pack domains)"
            case .badManifest(let diagnostics):
                return diagnostics.map { $0.formatted(source: nil) }.joined(separator: "\n")
            }
        }
    }

    public var manifest: Manifest
    public var root: TemplateRoot

    public init(domain: String, searchPath: TemplateSearchPath) throws(Problem) {
        let available = searchPath.domains
        guard let found = available.first(where: { $0.name == domain }),
            let bytes = found.root.read("\(domain)/manifest.yaml")
        else {
            throw .unknownDomain(domain, known: available.map(\.name))
        }
        do {
            manifest = try ManifestDecoder.decode(
                bytes, file: found.root.displayPath("\(domain)/manifest.yaml"), folderName: domain)
        } catch {
            throw .badManifest(error.diagnostics)
        }
        root = found.root
    }

    /// Searches `--templates` (when given), then `RELNA_TEMPLATES`, then the built-in templates.
    public init(domain: String, templatesOption: String?) throws(Problem) {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
        try self.init(
            domain: domain,
            searchPath: TemplateSearchPath(
                templatesOption: templatesOption, environment: ProcessInfo.processInfo.environment,
                workingDirectory: cwd))
    }

    /// `built-in`, or the folder the domain came from.
    public var origin: String {
        switch root {
        case .builtIn: return "built in"
        case .directory(let url): return "from \(url.path)"
        }
    }
}
