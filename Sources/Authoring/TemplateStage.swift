import Build
import Foundation
import Manifest
import RelnaCore
import TemplateEngine

/// The template half of `template check`: parse every skeleton template and what it includes, hold
/// their reads against the render-context schema and the manifest, then render with each
/// framework's starter (see `StarterRenderCheck`).
struct TemplateStage {
    let folder: DomainFolder
    let manifest: Manifest
    /// The text of each skeleton file that exists.
    let sources: [SkeletonFile: String]

    /// A template parsed for the check: its name under the loader root and where it lives.
    struct Parsed {
        var name: String
        var displayPath: String
        var template: Template
        /// What the template reads, applies and includes, and where (from the engine's tree).
        var analysis: TemplateAnalysis
        /// The templates that include this one (empty for skeleton templates).
        var includers: [String]
    }

    /// Parsed templates by name, in the order they were found.
    private(set) var parsed: [Parsed] = []
    /// The text of templates that do not parse: what they read is unknown, so every word counts.
    private(set) var unparsedSources: [String] = []

    init(folder: DomainFolder, manifest: Manifest, sources: [SkeletonFile: String]) {
        self.folder = folder
        self.manifest = manifest
        self.sources = sources
    }

    /// The template name the loader knows a skeleton file by (relative to the templates root).
    func templateName(of file: SkeletonFile) -> String {
        switch file.source {
        case .domain(let path): return "\(folder.name)/\(path)"
        case .shared(let path): return "_shared/\(path)"
        }
    }

    /// Where a template name is on disk, as the user can open it.
    func displayPath(ofTemplate name: String) -> String {
        folder.isBuiltInShared("../" + name)
            ? TemplateRoot.builtIn.displayPath(name) : folder.displayPath("../" + name)
    }

    /// Returns whether the templates themselves are sound (they parse and read only what exists).
    /// One template's error does not hide another's: every template that parses is checked, the
    /// includes of one that does not are still followed, and without a sound set of templates (or
    /// with a skeleton file missing) the starters still get the entry-point check, unrendered.
    @discardableResult
    mutating func run(
        into report: inout TemplateCheckReport, options: TemplateChecker.Options,
        skeletonComplete: Bool = true
    ) -> Bool {
        let errorsBefore = Self.errors(in: report)
        parseAll(into: &report)
        checkReads(into: &report)
        let sound = Self.errors(in: report) == errorsBefore
        var render = StarterRenderCheck(stage: self, options: options)
        if sound && skeletonComplete {
            render.run(into: &report)
        } else {
            render.checkStartersOnly(into: &report)
        }
        return sound
    }

    private static func errors(in report: TemplateCheckReport) -> Int {
        report.diagnostics.filter { $0.severity == .error }.count
    }

    // MARK: - Parsing and includes

    private mutating func parseAll(into report: inout TemplateCheckReport) {
        var queue: [(name: String, source: String, includer: String?)] = []
        for file in manifest.skeleton where file.render {
            if let source = sources[file] { queue.append((templateName(of: file), source, nil)) }
        }
        var index = 0
        while index < queue.count {
            let (name, source, includer) = queue[index]
            index += 1
            if let existing = parsed.firstIndex(where: { $0.name == name }) {
                if let includer, !parsed[existing].includers.contains(includer) {
                    parsed[existing].includers.append(includer)
                }
                continue
            }
            let includes: [(name: String, line: Int, column: Int)]
            do {
                let template = try Template(source: source, name: name)
                let analysis = template.analysis()
                parsed.append(
                    Parsed(
                        name: name, displayPath: displayPath(ofTemplate: name),
                        template: template, analysis: analysis, includers: includer.map { [$0] } ?? []))
                includes = template.includedTemplates.map { name in
                    let use = analysis.includes.first { $0.name == name }
                    return (name, use?.line ?? 0, use?.column ?? 0)
                }
            } catch {
                report.diagnostics.append(diagnostic(for: error, code: .templateSyntax))
                unparsedSources.append(source)
                // Its includes are still checked: their problems are independent of this one.
                includes = Self.literalIncludes(in: source)
            }
            for (included, line, column) in includes {
                // An include that cannot be followed is reported at its name in the including template.
                func includeError(_ code: TemplateCheckCode, _ message: String, hint: String) {
                    report.diagnostics.append(
                        Diagnostic(
                            severity: .error, code: code.rawValue, file: displayPath(ofTemplate: name),
                            line: line, column: column, message: message, hint: hint))
                }
                switch resolveInclude(included) {
                case .inside(let resolved):
                    if let bytes = folder.read("../" + resolved) {
                        if let problem = TemplateEncoding.diagnostic(
                            for: bytes, file: displayPath(ofTemplate: resolved))
                        {
                            report.diagnostics.append(problem)
                        }
                        queue.append((resolved, String(decoding: bytes, as: UTF8.self), name))
                    } else {
                        includeError(
                            .includeMissing, "included template '\(included)' does not exist",
                            hint: "includes are relative to the templates folder: write "
                                + "'\(folder.name)/FILE' for a file of this domain")
                    }
                case .outside:
                    includeError(
                        .includeOutsideRoot,
                        "included template '\(included)' is outside the templates folder",
                        hint: "keep included templates inside the templates folder (no '..', no leading '/')")
                }
            }
        }
        report.templates = parsed.count
    }

    /// `{% include "name" %}` tags found in the text of a template that does not parse, with the
    /// name's position (1-based line and column, as the engine reports them).
    static func literalIncludes(in source: String) -> [(name: String, line: Int, column: Int)] {
        var found: [(String, Int, Int)] = []
        for (lineIndex, line) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        {
            var rest = line[...]
            while let open = rest.range(of: "{%") {
                var cursor = rest[open.upperBound...].drop { $0 == "-" || $0 == "+" || $0 == " " }
                guard cursor.hasPrefix("include") else {
                    rest = rest[open.upperBound...]
                    continue
                }
                cursor = cursor.dropFirst("include".count).drop { $0 == " " }
                if let quote = cursor.first, quote == "\"" || quote == "'",
                    let close = cursor.dropFirst().firstIndex(of: quote)
                {
                    let name = String(cursor[cursor.index(after: cursor.startIndex)..<close])
                    let column = line.distance(from: line.startIndex, to: cursor.startIndex) + 1
                    found.append((name, lineIndex + 1, column))
                }
                rest = rest[open.upperBound...]
            }
        }
        return found
    }

    private enum IncludeResolution {
        case inside(String)
        case outside
    }

    /// Normalizes an include name the way a loader confined to the root must: `..` may not climb
    /// above the root, and absolute paths are refused.
    private func resolveInclude(_ name: String) -> IncludeResolution {
        guard !name.hasPrefix("/"), !name.contains("\\") else { return .outside }
        var parts: [Substring] = []
        for part in name.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                guard !parts.isEmpty else { return .outside }
                parts.removeLast()
            } else {
                parts.append(part)
            }
        }
        return parts.isEmpty ? .outside : .inside(parts.joined(separator: "/"))
    }

    // MARK: - Reads against the schema and the manifest

    private func checkReads(into report: inout TemplateCheckReport) {
        let schema = RenderContextSchema.standard
        let known = Set(schema.names)
        let hyperparameters = Set(manifest.hyperparameters.map(\.name))
        let entryPoints = Set(manifest.agent.entryPoints.map(\.name))
        for template in parsed {
            // An included template sees its includers' loop and `set` variables.
            let boundByIncluders = template.includers.reduce(into: Set<String>()) { names, includer in
                if let parent = parsed.first(where: { $0.name == includer }) {
                    names.formUnion(parent.analysis.boundNames)
                }
            }
            for read in template.analysis.freeVariables
            where !known.contains(read.name) && !boundByIncluders.contains(read.name) {
                let name = read.name
                report.diagnostics.append(
                    Diagnostic(
                        severity: .error, code: TemplateCheckCode.unknownVariable.rawValue,
                        file: template.displayPath, line: read.line, column: read.column,
                        message: "template reads '\(name)', which the render context does not have"
                            + DidYouMean.phrase(name, among: schema.names),
                        hint: "the render context's names: " + schema.names.joined(separator: ", ")))
            }
            for key in template.analysis.keysRead(from: "hyperparameters")
            where !hyperparameters.contains(key.name) {
                report.diagnostics.append(
                    undeclared(
                        key, in: template, code: .undeclaredHyperparameter, what: "hyperparameter",
                        declared: manifest.hyperparameters.map(\.name), section: "hyperparameters"))
            }
            for key in template.analysis.keysRead(from: "entry_points") where !entryPoints.contains(key.name)
            {
                report.diagnostics.append(
                    undeclared(
                        key, in: template, code: .undeclaredEntryPoint, what: "entry point",
                        declared: manifest.agent.entryPoints.map(\.name), section: "agent.entry_points"))
            }
        }
    }

    private func undeclared(
        _ key: TemplateAnalysis.Use, in template: Parsed, code: TemplateCheckCode, what: String,
        declared: [String], section: String
    ) -> Diagnostic {
        Diagnostic(
            severity: .error, code: code.rawValue, file: template.displayPath, line: key.line,
            column: key.column,
            message: "template reads \(what) '\(key.name)', which the manifest does not declare"
                + DidYouMean.phrase(key.name, among: declared),
            hint: "declare it under \(section): in manifest.yaml, or use one of: "
                + (declared.isEmpty ? "(none declared)" : declared.joined(separator: ", ")))
    }

    /// A template engine error as a diagnostic in the template's file.
    func diagnostic(for error: TemplateError, code: TemplateCheckCode, prefix: String = "") -> Diagnostic {
        var message = prefix + error.message
        for site in error.includeChain {
            message +=
                " (included from \(displayPath(ofTemplate: site.templateName)):\(site.line):\(site.column))"
        }
        return Diagnostic(
            severity: .error, code: code.rawValue, file: displayPath(ofTemplate: error.templateName),
            line: error.line, column: error.column, message: message)
    }
}
