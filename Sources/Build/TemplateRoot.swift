import Foundation

/// A folder of domains (`<root>/<domain>/manifest.yaml`, `<root>/_shared/…`): the built-in one
/// compiled into the binary, or one on disk (`--templates DIR`, `RELNA_TEMPLATES`).
public enum TemplateRoot: Sendable, Hashable {
    case builtIn
    case directory(URL)

    /// Where a file in this root is, for diagnostics: a real path, or `<built-in>/dqn/manifest.yaml`.
    public func displayPath(_ relative: String) -> String {
        switch self {
        case .builtIn: return "<built-in>/\(relative)"
        case .directory(let url): return url.appendingPathComponent(relative).path
        }
    }

    public var label: String {
        switch self {
        case .builtIn: return "<built-in>"
        case .directory(let url): return url.path
        }
    }

    /// The bytes of `relative` (a safe relative path), or nil when this root has no such file.
    public func read(_ relative: String) -> [UInt8]? {
        switch self {
        case .builtIn:
            return BuiltInTemplates.file(relative)
        case .directory(let url):
            let path = url.appendingPathComponent(relative).path
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
                !isDirectory.boolValue,
                let data = FileManager.default.contents(atPath: path)
            else { return nil }
            return [UInt8](data)
        }
    }

    /// Every file under `folder` (relative paths from the root, sorted), for template includes.
    public func files(under folder: String) -> [String] {
        switch self {
        case .builtIn:
            return BuiltInTemplates.paths.filter { $0.hasPrefix(folder + "/") }
        case .directory(let url):
            let base = url.appendingPathComponent(folder)
            guard let walker = FileManager.default.enumerator(atPath: base.path) else { return [] }
            var result: [String] = []
            while let next = walker.nextObject() as? String {
                let name = (next as NSString).lastPathComponent
                if name.hasPrefix(".") || name == "__pycache__" {
                    walker.skipDescendants()
                    continue
                }
                if walker.fileAttributes?[.type] as? FileAttributeType == .typeRegular {
                    result.append(folder + "/" + next)
                }
            }
            return result.sorted()
        }
    }

    /// The domains this root holds (folders with a manifest.yaml), sorted.
    public var domains: [String] {
        switch self {
        case .builtIn:
            return BuiltInTemplates.domains
        case .directory(let url):
            let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
            return names.filter {
                !$0.hasPrefix(".") && !$0.hasPrefix("_") && read("\($0)/manifest.yaml") != nil
            }
            .sorted()
        }
    }
}

/// The Templates/ folder as it was when relna-pack was built (see Plugins/EmbedTemplates).
public enum BuiltInTemplates {
    private static let index: [String: String] = Dictionary(
        EmbeddedTemplates.files.map { ($0.path, $0.base64) }, uniquingKeysWith: { first, _ in first })

    public static func file(_ relative: String) -> [UInt8]? {
        guard let encoded = index[relative], let data = Data(base64Encoded: encoded) else { return nil }
        return [UInt8](data)
    }

    /// Every embedded path, sorted.
    public static var paths: [String] { EmbeddedTemplates.files.map(\.path) }

    public static var domains: [String] {
        paths.compactMap { path -> String? in
            let parts = path.split(separator: "/")
            guard parts.count == 2, parts[1] == "manifest.yaml", !parts[0].hasPrefix("_") else { return nil }
            return String(parts[0])
        }.sorted()
    }
}

/// The roots searched for a domain, first match wins: `--templates DIR`, then each folder of
/// `RELNA_TEMPLATES` (colon-separated), then the built-in templates.
public struct TemplateSearchPath: Sendable, Hashable {
    public var roots: [TemplateRoot]

    public init(roots: [TemplateRoot]) { self.roots = roots }

    /// A `--templates` folder that does not exist is a usage error; a stale RELNA_TEMPLATES entry is
    /// skipped silently, as PATH entries are.
    public init(templatesOption: String?, environment: [String: String], workingDirectory: URL)
        throws(BuildFailure)
    {
        if let templatesOption {
            var isDirectory: ObjCBool = false
            let url = URL(fileURLWithPath: templatesOption, relativeTo: workingDirectory)
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory),
                isDirectory.boolValue
            else {
                throw .usage([
                    BuildFailure.flag("templates-not-found", "--templates \(templatesOption): no such folder")
                ])
            }
        }
        var roots: [TemplateRoot] = []
        func add(_ path: String) {
            guard !path.isEmpty else { return }
            roots.append(
                .directory(URL(fileURLWithPath: path, relativeTo: workingDirectory).standardizedFileURL))
        }
        if let templatesOption { add(templatesOption) }
        for path in (environment["RELNA_TEMPLATES"] ?? "").split(separator: ":") { add(String(path)) }
        roots.append(.builtIn)
        self.roots = roots
    }

    /// Every domain any root offers, sorted, each with the root that provides it.
    public var domains: [(name: String, root: TemplateRoot)] {
        var seen: [String: TemplateRoot] = [:]
        for root in roots {
            for name in root.domains where seen[name] == nil { seen[name] = root }
        }
        return seen.keys.sorted().compactMap { name in seen[name].map { (name, $0) } }
    }
}
