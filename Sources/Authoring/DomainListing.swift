import Build
import Foundation
import RelnaCore

/// `relna-pack domains`: every domain the search path offers, with its title, template version and
/// where it was found — built in, `--templates DIR`, or a folder of `RELNA_TEMPLATES`.
public struct DomainListing: Sendable, Encodable {
    public struct Entry: Sendable, Encodable {
        public var name: String
        /// Nil when the manifest cannot be read; `problem` says why.
        public var title: String?
        public var version: String?
        /// `built-in`, `--templates` or `RELNA_TEMPLATES`.
        public var origin: String
        /// The folder the domain lives in (`<built-in>` for the embedded templates).
        public var path: String
        /// Other roots further down the search path that have a domain of this name, now hidden.
        public var overrides: [String]
        public var problem: String?
    }

    public var domains: [Entry]

    /// - Parameters:
    ///   - templatesOption: the `--templates` value as given, to tell its root from RELNA_TEMPLATES'.
    public init(
        searchPath: TemplateSearchPath, templatesOption: String?, workingDirectory: URL
    ) {
        let optionURL = templatesOption.map {
            URL(fileURLWithPath: $0, relativeTo: workingDirectory).standardizedFileURL
        }
        func origin(of root: TemplateRoot) -> String {
            switch root {
            case .builtIn: return "built-in"
            case .directory(let url): return url == optionURL ? "--templates" : "RELNA_TEMPLATES"
            }
        }
        var entries: [Entry] = []
        for (name, root) in searchPath.domains {
            let manifestPath = "\(name)/manifest.yaml"
            var entry = Entry(
                name: name, title: nil, version: nil, origin: origin(of: root),
                path: root.displayPath(name), overrides: [], problem: nil)
            entry.overrides = searchPath.roots.filter { $0 != root && $0.domains.contains(name) }
                .map { $0.displayPath(name) }
            do {
                let manifest = try DomainLoader.find(
                    name, in: root, sharedRoots: [root], manifestPath: root.displayPath(manifestPath)
                ).manifest
                entry.title = manifest.title
                entry.version = manifest.version
            } catch {
                let count = error.diagnostics.count
                entry.problem =
                    "manifest has \(count) error\(count == 1 ? "" : "s"); run relna-pack template check"
            }
            entries.append(entry)
        }
        domains = entries
    }

    public var jsonText: String { JSONValueEncoder.text(self) }

    /// One domain a line: name, version, title, origin; problems and overrides indented below.
    public var text: String {
        guard !domains.isEmpty else { return "no domains found\n" }
        let nameWidth = domains.map(\.name.count).max() ?? 0
        let versionWidth = domains.map { ($0.version ?? "?").count }.max() ?? 0
        var lines: [String] = []
        for entry in domains {
            let name = entry.name.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
            let version = (entry.version ?? "?").padding(toLength: versionWidth, withPad: " ", startingAt: 0)
            var location = entry.origin
            if entry.origin != "built-in" { location += " " + entry.path }
            lines.append("\(name)  \(version)  \(entry.title ?? "(unreadable manifest)")  [\(location)]")
            if let problem = entry.problem { lines.append("    \(problem)") }
            for hidden in entry.overrides { lines.append("    overrides \(hidden)") }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
