import Build
import Foundation
import Manifest
import RelnaCore

/// `relna-pack template check`: validates a domain folder the way a compiler validates a module, and
/// reports every problem in one run (docs/templates.md, "Reading template check").
///
/// Stages, each reporting all of its findings: the manifest; the skeleton files exist; every template
/// parses, its includes resolve inside the root, and it reads only what the render context provides;
/// each framework's starter passes the entry-point check, and rendering with it succeeds, twice, to
/// identical bytes; every generated `.py` scans cleanly and compiles with CPython. A stage runs only
/// when the ones it depends on found no error, so one mistake is not reported ten times.
public struct TemplateChecker: Sendable {
    public struct Options: Sendable {
        /// The interpreter for the compile check; nil skips it (with a note).
        public var python: String?
        /// The compile check was turned off (`--no-python`), rather than no interpreter found.
        public var compileDisabled: Bool

        public init(python: String? = PythonCompileCheck.pythonOnPath(), compileDisabled: Bool = false) {
            self.python = compileDisabled ? nil : python
            self.compileDisabled = compileDisabled
        }
    }

    public var options: Options

    public init(options: Options = Options()) { self.options = options }

    /// Checks the domain in `directory` (as the user named it). `_shared/` is looked up beside it.
    public func check(directory: String) -> TemplateCheckReport {
        let folder = DomainFolder(directory: directory)
        var report = TemplateCheckReport(directory: folder.directory)
        let manifestFile = folder.displayPath("manifest.yaml")
        let manifest: Manifest
        do {
            manifest = try DomainLoader.find(
                folder.name, in: folder.root, sharedRoots: folder.sharedRoots, manifestPath: manifestFile
            ).manifest
        } catch {
            report.diagnostics += error.diagnostics
            return report
        }
        report.domain = manifest.domain
        let locator = ManifestLocator(
            text: String(decoding: folder.read("manifest.yaml") ?? [], as: UTF8.self))

        // Skeleton files must exist before anything can be parsed or rendered.
        var sources: [SkeletonFile: String] = [:]
        for file in manifest.skeleton {
            let relative = folder.relativePath(of: file.source)
            if let bytes = folder.read(relative) {
                if file.render,
                    let problem = TemplateEncoding.diagnostic(for: bytes, file: folder.displayPath(relative))
                {
                    report.diagnostics.append(problem)
                }
                sources[file] = String(decoding: bytes, as: UTF8.self)
            } else {
                report.diagnostics.append(
                    Diagnostic(
                        severity: .error, code: TemplateCheckCode.skeletonMissing.rawValue,
                        file: manifestFile,
                        line: file.line, column: file.column,
                        message:
                            "skeleton file '\(file.source.path)' does not exist (\(folder.displayPath(relative)))",
                        hint: Self.missingHint(for: file.source)))
            }
        }
        guard report.ok else { return report }

        var stage = TemplateStage(folder: folder, manifest: manifest, sources: sources)
        let templatesSound = stage.run(into: &report, options: options)

        if templatesSound {
            let usage = SkeletonUsageCheck(
                hyperparameterReads: SkeletonReads.names(of: stage, sources: sources),
                generatedTexts: report.generatedSources.isEmpty
                    ? Array(sources.values) : Array(report.generatedSources.values))
            report.diagnostics += usage.diagnostics(
                manifest: manifest, manifestFile: manifestFile, locator: locator)
        }
        report.diagnostics = Self.deduplicated(report.diagnostics)
        return report
    }

    private static func missingHint(for source: SkeletonFile.Source) -> String {
        switch source {
        case .domain: return "source: paths are relative to the domain folder"
        case .shared: return "shared: paths are relative to the _shared folder beside the domain folder"
        }
    }

    /// The same finding from several frameworks' renders is reported once, in first-seen order.
    static func deduplicated(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var seen: Set<Diagnostic> = []
        return diagnostics.filter { seen.insert($0).inserted }
    }
}
