import RelnaCore
import TemplateEngine

/// `build` and `check` as a library: DESIGN.md's data flow, steps 2 to 6, for a loaded domain.
///
/// Stateless and `Sendable`: the same `LoadedDomain` can serve many builds, concurrently.
public enum BuildPipeline {
    /// What `check` reports: the agent's findings and the choices a build would make.
    public struct CheckResult: Sendable {
        public var diagnostics: [Diagnostic]
        public var env: String
        public var framework: String
        public var hyperparameters: [String: HyperValue]
        public var identity: PackageIdentity
        var inspection: AgentInspection
        var requirements: [String]
    }

    /// Steps 2–4: validates the flags, scans and checks the agent. Throws `.usage` for bad flag
    /// values (all of them at once) and `.rejected` when the agent has errors.
    public static func check(_ request: BuildRequest, domain: LoadedDomain) throws(BuildFailure)
        -> CheckResult
    {
        let manifest = domain.manifest
        var flagProblems: [Diagnostic] = []

        var identity: PackageIdentity?
        do {
            identity = try PackageIdentity(
                name: request.name ?? "relna-trainer-\(manifest.domain)", version: request.version ?? "0.1.0")
        } catch {
            let flag: String
            if case .invalidName = error { flag = "--name" } else { flag = "--version" }
            flagProblems.append(
                BuildFailure.flag("invalid-\(flag.dropFirst(2))", "\(flag): \(error)", hint: error.hint))
        }

        let env = request.env ?? manifest.environments.defaultID
        if !manifest.environments.supported.contains(env) {
            flagProblems.append(
                BuildFailure.flag(
                    "unsupported-env",
                    "--env \(env): the \(manifest.domain) domain does not support this environment"
                        + DidYouMean.phrase(env, among: manifest.environments.supported),
                    hint: "supported: " + manifest.environments.supported.joined(separator: ", ")))
        }

        var hyperparameters: [String: HyperValue] = [:]
        switch HyperparameterSettings.resolve(request.settings, manifest: manifest) {
        case .success(let values): hyperparameters = values
        case .failure(let problems):
            flagProblems += problems.problems.map {
                BuildFailure.flag("invalid-set", "--set \($0.setting): \($0.message)", hint: $0.hint)
            }
        }

        var framework: FrameworkSelection.Choice?
        var inspection: AgentInspection?
        do {
            let scanned = AgentInspection.inspect(request.agent, path: request.agentPath, manifest: manifest)
            inspection = scanned
            framework = try FrameworkSelection.choose(
                requested: request.framework, imports: scanned.module.imports, manifest: manifest,
                agentPath: request.agentPath)
        } catch {
            flagProblems += error.diagnostics
        }

        guard flagProblems.isEmpty, let identity, let framework, let inspection else {
            throw .usage(flagProblems)
        }
        let diagnostics = sorted(inspection.diagnostics + framework.diagnostics)
        if diagnostics.contains(where: { $0.severity == .error }) { throw .rejected(diagnostics) }
        return CheckResult(
            diagnostics: diagnostics, env: env, framework: framework.framework.name,
            hyperparameters: hyperparameters,
            identity: identity, inspection: inspection,
            requirements: FrameworkSelection.requirements(manifest, framework.framework))
    }

    /// Steps 2–6: checks, renders the skeleton, plans and archives the sdist. Nothing is written.
    public static func build(_ request: BuildRequest, domain: LoadedDomain) throws(BuildFailure)
        -> BuildProduct
    {
        let checked = try check(request, domain: domain)
        let manifest = domain.manifest
        let agentSHA256 = Digest.sha256Hex(request.agent)
        let context = RenderContext(
            manifest: manifest, identity: checked.identity, envID: checked.env, framework: checked.framework,
            requirements: checked.requirements, hyperparameters: checked.hyperparameters,
            definitions: checked.inspection.definitions(for: manifest), agentFilename: request.agentFilename,
            agentSHA256: agentSHA256
        ).dictionary

        var plan = SdistPlan(identity: checked.identity)
        do {
            for file in domain.files {
                if file.entry.render {
                    let text = try domain.templates.render(file.name, context: context)
                    try plan.add(file.entry.output, text: text)
                } else {
                    try plan.add(file.entry.output, file.bytes)
                }
            }
            try plan.add(manifest.agent.path, request.agent)
            let provenance = Provenance(
                domain: manifest.domain, templateVersion: manifest.version, identity: checked.identity,
                agentFilename: request.agentFilename, agentSHA256: agentSHA256, env: checked.env,
                framework: checked.framework,
                hyperparameters: manifest.hyperparameters.compactMap { spec in
                    checked.hyperparameters[spec.name].map { (spec.name, $0) }
                })
            try plan.add("trainer/provenance.json", text: provenance.json)
            let metadata = PackageMetadata(
                name: checked.identity.name, version: checked.identity.version,
                summary: "\(manifest.title) trainer (relna \(manifest.domain) domain) for \(checked.env)",
                requiresPython: requiresPython(manifest.framework(named: checked.framework)),
                requirements: checked.requirements,
                description: "# \(manifest.title) trainer\n\n\(manifest.description)\n\n"
                    + "Run it: `python -m trainer.task --env \(checked.env) --job-dir DIR`.\n")
            let setup = try SetupFiles.render(
                metadata: metadata, files: Array(plan.files.keys) + ["setup.py"])
            try plan.add("PKG-INFO", text: metadata.text)
            try plan.add("setup.py", text: setup.setupPy)
            try plan.add("pyproject.toml", text: setup.pyprojectToml)
        } catch let failure as TemplateFailure {
            throw .badData(failure.diagnostics)
        } catch let conflict as SdistPlan.Conflict {
            throw .internal("two files claim \(conflict)")
        } catch {
            throw .internal("\(error)")
        }
        let archive: [UInt8]
        do {
            archive = try plan.archive(mtime: request.mtime)
        } catch {
            throw .internal(error.description)
        }
        return BuildProduct(
            identity: checked.identity, domain: manifest.domain, env: checked.env,
            framework: checked.framework,
            hyperparameters: checked.hyperparameters, plan: plan, archive: archive,
            sha256: Digest.sha256Hex(archive), diagnostics: checked.diagnostics)
    }

    /// `>=3.8`, or the framework's AI Platform Python version when it is newer-or-older pinned.
    static func requiresPython(_ framework: Framework?) -> String {
        ">=" + (framework?.pythonVersion ?? "3.8")
    }

    /// Errors first, then by file, line and column, so the report reads top-down.
    static func sorted(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.enumerated().sorted { a, b in
            let (x, y) = (a.element, b.element)
            if x.severity != y.severity { return x.severity < y.severity }
            if x.line != y.line { return x.line < y.line }
            if x.column != y.column { return x.column < y.column }
            return a.offset < b.offset
        }.map(\.element)
    }
}
