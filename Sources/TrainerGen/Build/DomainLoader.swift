import RelnaCore
import TemplateEngine

/// A domain ready to build packages: its validated manifest and its skeleton files, templates
/// parsed once. A value: load it once and build many packages from it (the pipeline service and the
/// benchmark do), from any number of threads.
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

/// Finds a domain in the search path, reads and validates its manifest, and reads every skeleton
/// file it names (failing with every missing file and template error at once).
public enum DomainLoader {
    public static func load(_ name: String, searchPath: TemplateSearchPath) throws(BuildFailure)
        -> LoadedDomain
    {
        guard ManifestDecoder.isDomainName(name),
            let index = searchPath.roots.firstIndex(where: { $0.read("\(name)/manifest.yaml") != nil })
        else {
            let known = searchPath.domains.map(\.name)
            throw .usage([
                BuildFailure.flag(
                    "unknown-domain",
                    "--domain \(name): no such domain" + DidYouMean.phrase(name, among: known),
                    hint: known.isEmpty ? nil : "available: " + known.joined(separator: ", "))
            ])
        }
        let root = searchPath.roots[index]
        let manifestPath = root.displayPath("\(name)/manifest.yaml")
        let manifest: Manifest
        do {
            manifest = try ManifestDecoder.decode(
                root.read("\(name)/manifest.yaml") ?? [], file: manifestPath, folderName: name)
        } catch {
            throw .badData(error.diagnostics)
        }
        // Shared files come from the domain's own root first, then the roots after it.
        let sharedRoots = Array(searchPath.roots[index...])
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
