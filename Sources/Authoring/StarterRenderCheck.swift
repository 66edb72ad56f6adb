import Build
import Foundation
import Manifest
import PythonInspector
import RelnaCore

/// The render half of `template check`: for every framework the manifest declares, build the package
/// exactly as `relna-pack build` would with that framework's starter as the agent — the real
/// `DomainLoader` and `BuildPipeline`, nothing written — twice, and then hold what came out to the
/// inspector and to CPython.
///
/// The same mistake usually shows in every framework's build; such findings are reported once, with
/// the frameworks listed.
struct StarterRenderCheck {
    let stage: TemplateStage
    let options: TemplateChecker.Options

    /// A generated or copied `.py` file, named for diagnostics.
    private struct Output {
        /// `Diagnostic.file`: the copied source's path, or the package path (with `[framework]` when
        /// an earlier framework rendered different text to the same path).
        var key: String
        /// The bytes as they go into the package (a copied file may not even be UTF-8).
        var bytes: [UInt8]
        var text: String
        /// What produced it: `trainer/task.py rendered from …/task.py.j2`.
        var origin: String
        /// The frameworks whose build produced exactly this text.
        var frameworks: [String]
    }

    /// A finding from one framework's build, merged with the same finding from the others.
    private struct Finding {
        var diagnostic: Diagnostic
        var frameworks: [String]
    }

    private var folder: DomainFolder { stage.folder }
    private var manifest: Manifest { stage.manifest }
    private var findings: [Finding] = []

    init(stage: TemplateStage, options: TemplateChecker.Options) {
        self.stage = stage
        self.options = options
    }

    mutating func run(into report: inout TemplateCheckReport) {
        // The built-in root second: shared files a domain does not have beside it come from there.
        let searchPath = TemplateSearchPath(roots: folder.sharedRoots)
        let loaded: LoadedDomain
        do {
            loaded = try DomainLoader.load(manifest.domain, searchPath: searchPath)
        } catch {
            report.diagnostics += error.diagnostics.map(relocated)
            return
        }
        var outputs: [Output] = []
        var starters: [PythonCompileCheck.Source] = []
        for framework in manifest.frameworks {
            guard let found = self.starter(of: framework, into: &report) else { continue }
            let (displayStarter, starter) = (found.path, found.bytes)
            starters.append(
                PythonCompileCheck.Source(
                    name: displayStarter, text: String(decoding: starter, as: UTF8.self),
                    pythonVersion: framework.pythonVersion))
            let request = BuildRequest(agent: starter, agentPath: displayStarter, framework: framework.name)
            let first: BuildProduct
            let second: BuildProduct
            do {
                first = try BuildPipeline.build(request, domain: loaded)
                second = try BuildPipeline.build(request, domain: loaded)
            } catch {
                record(failure: error, framework: framework.name, into: &report)
                continue
            }
            report.frameworks.append(framework.name)
            report.diagnostics += first.diagnostics.map(relocated)
            if first.archive != second.archive {
                let differing = first.plan.files.keys.sorted().filter {
                    first.plan.files[$0] != second.plan.files[$0]
                }
                add(
                    Diagnostic(
                        severity: .error, code: TemplateCheckCode.notDeterministic.rawValue,
                        file: folder.displayPath("manifest.yaml"), line: 0, column: 0,
                        message: "two builds from the same inputs gave different bytes"
                            + (differing.isEmpty ? "" : " in " + differing.joined(separator: ", ")),
                        hint: "a template must not depend on time, randomness or the order of a set"),
                    framework: framework.name)
            }
            for (path, bytes) in first.plan.files.sorted(by: { $0.key < $1.key })
            where path.hasSuffix(".py") && path != manifest.agent.path {
                addOutput(path, bytes: bytes, framework: framework.name, to: &outputs)
            }
        }
        report.generatedFiles = outputs.count
        for output in outputs { report.generatedSources[output.key] = output.text }

        var compilable = starters
        for output in outputs {
            let scan = PythonInspector.scan(output.bytes, path: output.key)
            let errors = scan.diagnostics.filter { $0.severity == .error }
            if errors.isEmpty {
                compilable.append(
                    PythonCompileCheck.Source(
                        name: output.key, text: output.text,
                        pythonVersion: oldestPython(of: output.frameworks)))
            }
            for error in errors {
                var diagnostic = error
                diagnostic.code = TemplateCheckCode.generatedPythonInvalid.rawValue
                diagnostic.message = "\(error.message) (in \(output.origin))"
                add(diagnostic, frameworks: output.frameworks)
            }
        }
        compile(compilable, outputs: outputs, into: &report)
        report.diagnostics += findings.map { finding in
            var diagnostic = finding.diagnostic
            let noun = finding.frameworks.count == 1 ? "framework" : "frameworks"
            diagnostic.message += " [\(noun) \(finding.frameworks.joined(separator: ", "))]"
            return diagnostic
        }
    }

    /// When the templates cannot be rendered: each starter still gets the entry-point check a
    /// student's `check` would give it, so that its problems show in the same run.
    mutating func checkStartersOnly(into report: inout TemplateCheckReport) {
        for framework in manifest.frameworks {
            guard let found = self.starter(of: framework, into: &report) else { continue }
            report.diagnostics +=
                AgentInspection.inspect(found.bytes, path: found.path, manifest: manifest)
                .diagnostics
        }
    }

    /// The framework's starter (its display path and bytes), or nil with a `starter-missing` error.
    private func starter(of framework: Framework, into report: inout TemplateCheckReport)
        -> (path: String, bytes: [UInt8])?
    {
        let starterPath = "starters/\(framework.name).py"
        if let starter = folder.read(starterPath) { return (folder.displayPath(starterPath), starter) }
        let locator = ManifestLocator(
            text: String(decoding: folder.read("manifest.yaml") ?? [], as: UTF8.self))
        let location = locator.key(framework.name, under: "frameworks")
        report.diagnostics.append(
            Diagnostic(
                severity: .error, code: TemplateCheckCode.starterMissing.rawValue,
                file: folder.displayPath("manifest.yaml"), line: location?.line ?? 0,
                column: location?.column ?? 0,
                message: "framework '\(framework.name)' has no starter agent at \(starterPath)",
                hint: "write \(folder.displayPath(starterPath)): the file `relna-pack init` prints"))
        return nil
    }

    /// Records a finding, or adds the framework to the same finding from an earlier framework. Files
    /// named `path[framework]` are the same file as `path` for this purpose.
    private mutating func add(_ diagnostic: Diagnostic, framework: String) {
        add(diagnostic, frameworks: [framework])
    }

    private mutating func add(_ diagnostic: Diagnostic, frameworks: [String]) {
        func base(_ file: String) -> Substring {
            file.split(separator: "[", maxSplits: 1).first ?? Substring(file)
        }
        if let index = findings.firstIndex(where: {
            let other = $0.diagnostic
            return other.code == diagnostic.code && base(other.file) == base(diagnostic.file)
                && other.line == diagnostic.line && other.column == diagnostic.column
                && other.message == diagnostic.message
        }) {
            for framework in frameworks where !findings[index].frameworks.contains(framework) {
                findings[index].frameworks.append(framework)
            }
        } else {
            findings.append(Finding(diagnostic: diagnostic, frameworks: frameworks))
        }
    }

    /// The oldest `python_version` among `frameworks`: the package must parse on each one's job.
    private func oldestPython(of frameworks: [String]) -> String? {
        manifest.frameworks.filter { frameworks.contains($0.name) }.compactMap(\.pythonVersion)
            .min {
                (PythonCompileCheck.versionParts($0) ?? []).lexicographicallyPrecedes(
                    PythonCompileCheck.versionParts($1) ?? [])
            }
    }

    private mutating func compile(
        _ files: [PythonCompileCheck.Source], outputs: [Output], into report: inout TemplateCheckReport
    ) {
        guard let python = options.python else {
            report.diagnostics.append(
                Diagnostic(
                    severity: .note, code: TemplateCheckCode.pythonUnavailable.rawValue,
                    file: folder.directory,
                    line: 0, column: 0,
                    message: options.compileDisabled
                        ? "generated files were scanned but not compiled: compilation was turned off (--no-python)"
                        : "generated files were scanned but not compiled: no Python interpreter",
                    hint: options.compileDisabled
                        ? "drop --no-python to compile them with python3"
                        : "install python3 or pass --python PATH"))
            return
        }
        let failures: [PythonCompileCheck.Failure]
        do {
            failures = try PythonCompileCheck(python: python).failures(in: files)
        } catch {
            report.diagnostics.append(
                Diagnostic(
                    severity: .note, code: TemplateCheckCode.pythonUnavailable.rawValue,
                    file: folder.directory,
                    line: 0, column: 0, message: "generated files were not compiled: \(error)"))
            return
        }
        for failure in failures {
            let version = files.first { $0.name == failure.name }?.pythonVersion ?? "?"
            let diagnostic = Diagnostic(
                severity: .error,
                code: (failure.tooNew ? TemplateCheckCode.pythonTooNew : .generatedPythonInvalid).rawValue,
                file: failure.name, line: failure.line, column: failure.column,
                message: failure.tooNew
                    ? "needs a newer Python than \(version), the job's (the framework's python_version): "
                        + failure.message
                    : "CPython: \(failure.message)")
            if let output = outputs.first(where: { $0.key == failure.name }) {
                var located = diagnostic
                located.message += " (in \(output.origin))"
                add(located, frameworks: output.frameworks)
            } else {
                report.diagnostics.append(diagnostic)  // a starter: not framework-specific
            }
        }
    }

    /// Names a generated file: copied files by their source (the same bytes), rendered ones by their
    /// package path, with the framework appended when another framework rendered different text.
    private func addOutput(_ path: String, bytes: [UInt8], framework: String, to outputs: inout [Output]) {
        let text = String(decoding: bytes, as: UTF8.self)
        if let index = outputs.firstIndex(where: { $0.bytes == bytes && $0.key.hasPrefix(keyBase(path)) }) {
            outputs[index].frameworks.append(framework)
            return
        }
        let key: String
        let origin: String
        if let entry = manifest.skeleton.first(where: { $0.output == path }) {
            let source = folder.displayPath(folder.relativePath(of: entry.source))
            if entry.render {
                key = outputs.contains { $0.key == path } ? "\(path)[\(framework)]" : path
                origin = "\(path) rendered from \(source)"
            } else {
                key = source
                origin = "copied verbatim to \(path)"
            }
        } else {
            key = outputs.contains { $0.key == path } ? "\(path)[\(framework)]" : path
            origin = "\(path), written by relna-pack"
        }
        outputs.append(Output(key: key, bytes: bytes, text: text, origin: origin, frameworks: [framework]))
    }

    private func keyBase(_ path: String) -> String {
        guard let entry = manifest.skeleton.first(where: { $0.output == path }), !entry.render else {
            return path
        }
        return folder.displayPath(folder.relativePath(of: entry.source))
    }

    /// A failed build as template-check findings: the starter's own diagnostics, or template errors.
    private mutating func record(
        failure: BuildFailure, framework: String, into report: inout TemplateCheckReport
    ) {
        switch failure {
        case .badData(let list):
            for diagnostic in list {
                var result = relocated(diagnostic)
                if diagnostic.code == "template-error" {
                    result.code = TemplateCheckCode.renderError.rawValue
                    result.message = "rendering with the starter failed: " + diagnostic.message
                }
                add(result, framework: framework)
            }
        case .rejected(let list), .usage(let list):
            report.diagnostics += list.map(relocated)
        case .io, .internal:
            report.diagnostics += failure.diagnostics
        }
    }

    /// The build names files by absolute path (`TemplateRoot.displayPath`); name them as the user did.
    private func relocated(_ diagnostic: Diagnostic) -> Diagnostic {
        let prefix = folder.rootURL.path + "/"
        guard diagnostic.file.hasPrefix(prefix) else { return diagnostic }
        var result = diagnostic
        result.file = folder.displayPath("../" + diagnostic.file.dropFirst(prefix.count))
        return result
    }
}
