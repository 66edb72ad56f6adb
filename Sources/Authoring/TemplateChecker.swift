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
/// identical bytes; every generated `.py` scans cleanly and compiles with CPython, and parses with
/// the job's Python (the framework's `python_version`); copied Python reads only declared
/// hyperparameters. One file's error does not hide independent problems in others: templates that
/// parse are checked when another does not, and the starters get the entry-point check even when
/// nothing can be rendered; only what depends on a broken file (rendering it) is skipped.
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
        let skeletonComplete = report.ok
        // Python that goes into the package as it is, held to the manifest whatever the templates do.
        report.diagnostics += CopiedHyperparameterReads.diagnostics(
            files: copiedPython(folder: folder, manifest: manifest, sources: sources), manifest: manifest)

        // Every later check runs even when an earlier one failed, on what it can still judge.
        var stage = TemplateStage(folder: folder, manifest: manifest, sources: sources)
        stage.run(into: &report, options: options, skeletonComplete: skeletonComplete)

        let usage = SkeletonUsageCheck(
            hyperparameterReads: SkeletonReads.names(of: stage, sources: sources),
            generatedTexts: report.generatedSources.isEmpty
                ? Array(sources.values) : Array(report.generatedSources.values))
        report.diagnostics += usage.diagnostics(
            manifest: manifest, manifestFile: manifestFile, locator: locator)
        report.diagnostics = Self.deduplicated(report.diagnostics)
        return report
    }

    /// Copied `.py` skeleton files and the starters: (display path, bytes, whether it is an agent).
    private func copiedPython(folder: DomainFolder, manifest: Manifest, sources: [SkeletonFile: String])
        -> [(path: String, bytes: [UInt8], isAgent: Bool)]
    {
        var files: [(path: String, bytes: [UInt8], isAgent: Bool)] = []
        for file in manifest.skeleton where !file.render && file.output.hasSuffix(".py") {
            if let text = sources[file] {
                files.append(
                    (folder.displayPath(folder.relativePath(of: file.source)), Array(text.utf8), false))
            }
        }
        for framework in manifest.frameworks {
            let path = "starters/\(framework.name).py"
            if let bytes = folder.read(path) { files.append((folder.displayPath(path), bytes, true)) }
        }
        return files
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
