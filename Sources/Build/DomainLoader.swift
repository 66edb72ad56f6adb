import Manifest
import RelnaCore
import TemplateEngine

/// A domain ready to build packages: its validated manifest and its skeleton files, templates
/// parsed once. A value: load it once and build many packages from it (a service embedding
/// TrainerGen and the benchmark do), from any number of threads.
public struct LoadedDomain: Sendable {
    public var manifest: Manifest
    public var root: TemplateRoot
    /// Where manifest.yaml is, as diagnostics print it.
    public var manifestPath: String
    /// One per skeleton entry, in manifest order.
    public var files: [SkeletonSource]
    let templates: DomainTemplates
}

/// A skeleton file's contents: bytes to copy verbatim, or a template to render.
public struct SkeletonSource: Sendable {
    public var entry: SkeletonFile
    /// The template's name for the engine and for diagnostics (`_shared/task.py.j2`).
    public var name: String
    /// The file's bytes (the template source when it is rendered).
    public var bytes: [UInt8]
}

/// A domain found on the search path with its manifest decoded and validated, its templates not yet
/// read: what `explain` and `init` need, and the first half of `DomainLoader.load`.
public struct FoundDomain: Sendable {
    public var manifest: Manifest
    public var root: TemplateRoot
    /// Where manifest.yaml is, as diagnostics print it.
    public var manifestPath: String
    /// Where `shared:` files come from: the domain's own root first, then the roots after it.
    public var sharedRoots: [TemplateRoot]

    /// `built in`, or `from <folder>`: where the domain came from.
    public var origin: String {
        switch root {
        case .builtIn: return "built in"
        case .directory(let url): return "from \(url.path)"
        }
    }
}

/// The one way to get a domain, for every command (`build`, `check`, `run`, `init`, `explain`,
/// `domains`, `template check`): one error type, `BuildFailure`, and one wording. An unknown domain
/// is a usage error (64), a broken manifest or template bad data (65).
public enum DomainLoader {
    /// Finds `name` on the search path (the first root holding `<name>/manifest.yaml`) and decodes
    /// its manifest.
    public static func find(_ name: String, searchPath: TemplateSearchPath) throws(BuildFailure)
        -> FoundDomain
    {
        guard ManifestDecoder.isDomainName(name),
            let index = searchPath.roots.firstIndex(where: { $0.read("\(name)/manifest.yaml") != nil })
        else {
            let known = searchPath.domains.map(\.name)
            throw .usage([
                BuildFailure.flag(
                    "unknown-domain", "unknown domain '\(name)'" + DidYouMean.phrase(name, among: known),
                    hint: known.isEmpty
                        ? nil : "available: \(known.joined(separator: ", ")); see relna-pack domains")
            ])
        }
        let root = searchPath.roots[index]
        return try find(
            name, in: root, sharedRoots: Array(searchPath.roots[index...]),
            manifestPath: root.displayPath("\(name)/manifest.yaml"))
    }

    /// Decodes the manifest of the domain `name` in `root` (`template check` names the folder, and
    /// prints `manifestPath` as the user typed it).
    package static func find(
        _ name: String, in root: TemplateRoot, sharedRoots: [TemplateRoot], manifestPath: String
    ) throws(BuildFailure) -> FoundDomain {
        guard let bytes = root.read("\(name)/manifest.yaml") else {
            throw .badData([
                Diagnostic(
                    severity: .error, code: "manifest-missing", file: manifestPath, line: 0, column: 0,
                    message: "no manifest.yaml in "
                        + (manifestPath.hasSuffix("/manifest.yaml")
                            ? String(manifestPath.dropLast("/manifest.yaml".count)) : manifestPath),
                    hint: "a domain folder holds manifest.yaml; see docs/manifest.md")
            ])
        }
        do {
            let manifest = try ManifestDecoder.decode(bytes, file: manifestPath, folderName: name)
            return FoundDomain(
                manifest: manifest, root: root, manifestPath: manifestPath, sharedRoots: sharedRoots)
        } catch {
            throw .badData(error.diagnostics)
        }
    }

    /// Finds the domain and reads every skeleton file it names, parsing its templates once (failing
    /// with every missing file and template error at once).
    public static func load(_ name: String, searchPath: TemplateSearchPath) throws(BuildFailure)
        -> LoadedDomain
    {
        try load(find(name, searchPath: searchPath))
    }

    /// Reads and parses the skeleton of a domain already found.
    public static func load(_ found: FoundDomain) throws(BuildFailure) -> LoadedDomain {
        let (manifest, root, manifestPath, sharedRoots) = (
            found.manifest, found.root, found.manifestPath, found.sharedRoots
        )
        var files: [SkeletonSource] = []
        var problems: [Diagnostic] = []
        for entry in manifest.skeleton {
            let name: String
            let bytes: [UInt8]?
            switch entry.source {
            case .domain(let path):
                name = "\(manifest.domain)/\(path)"
                bytes = root.read(name)
            case .shared(let path):
                name = "_shared/\(path)"
                bytes = sharedRoots.lazy.compactMap { $0.read(name) }.first
            }
            guard let bytes else {
                problems.append(
                    Diagnostic(
                        severity: .error, code: "skeleton-missing", file: manifestPath, line: entry.line,
                        column: entry.column,
                        message: "skeleton: '\(name)' does not exist in \(root.label)"))
                continue
            }
            files.append(SkeletonSource(entry: entry, name: name, bytes: bytes))
        }
        guard problems.isEmpty else { throw .badData(problems) }
        // Templates may include any template of the domain's folder or of _shared (names relative to
        // the templates root, as Jinja's loader names them); the skeleton's own names win.
        var includable: [String: [UInt8]] = [:]
        for path in root.files(under: manifest.domain) where path.hasSuffix(".j2") {
            includable[path] = root.read(path)
        }
        for sharedRoot in sharedRoots.reversed() {
            for path in sharedRoot.files(under: "_shared") where path.hasSuffix(".j2") {
                includable[path] = sharedRoot.read(path)
            }
        }
        let templates: DomainTemplates
        do {
            templates = try DomainTemplates(
                files.filter(\.entry.render), includable: includable, displayPath: { root.displayPath($0) })
        } catch {
            throw .badData(error.diagnostics)
        }
        return LoadedDomain(
            manifest: manifest, root: root, manifestPath: manifestPath, files: files, templates: templates)
    }
}
