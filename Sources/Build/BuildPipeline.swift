import Jobs
import Manifest
import Packaging
import RelnaCore
import RelnaDigest
import TemplateEngine

/// `check`, `build` and `run` as a library: one `BuildRequest` in, one `BuildProduct` out (the data
/// flow in docs/architecture.md). The commands parse flags and print; everything else is here.
///
/// Stateless and `Sendable`: the same `LoadedDomain` can serve many builds, concurrently.
public enum BuildPipeline {
    /// What `check` reports: the agent's findings and the choices a build would make.
    public struct CheckResult: Sendable {
        public var domain: String
        public var diagnostics: [Diagnostic]
        public var env: String
        public var framework: String
        public var hyperparameters: [String: HyperValue]
        public var identity: PackageIdentity
        var inspection: AgentInspection
        var requirements: [String]
        var mtime: Int64
    }

    /// Loads `request.domain` from `request.searchPath`, then checks.
    public static func check(_ request: BuildRequest) throws(BuildFailure) -> CheckResult {
        try check(request, domain: DomainLoader.load(request.domain, searchPath: request.searchPath))
    }

    /// Loads `request.domain` from `request.searchPath`, then builds.
    public static func build(_ request: BuildRequest) throws(BuildFailure) -> BuildProduct {
        try build(request, domain: DomainLoader.load(request.domain, searchPath: request.searchPath))
    }

    /// Validates the flags, scans and checks the agent. Throws `.usage` for bad flag values (all of
    /// them at once) and `.rejected` when the agent has errors.
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
            // The codes predate --package-version and stay as they were.
            let (code, flag) =
                if case .invalidName = error { ("invalid-name", "--name") } else {
                    ("invalid-version", "--package-version")
                }
            flagProblems.append(BuildFailure.flag(code, "\(flag): \(error)", hint: error.hint))
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

        var mtime = SourceDateEpoch.fallback
        do {
            mtime = try SourceDateEpoch.resolve(text: request.sourceDateEpoch)
        } catch {
            flagProblems.append(
                Diagnostic(
                    severity: .error, code: "invalid-source-date-epoch", file: "<environment>", line: 0,
                    column: 0, message: "SOURCE_DATE_EPOCH must be a whole number of seconds since 1970"))
        }

        var hyperparameters: [String: HyperValue] = [:]
        switch HyperparameterSettings.resolve(request.settings, manifest: manifest, env: env) {
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
        let precedence = AgentHyperparams.of(request.agent).diagnostics(
            manifest: manifest, setByBuild: HyperparameterSettings.names(request.settings),
            path: request.agentPath)
        let diagnostics = sorted(inspection.diagnostics + framework.diagnostics + precedence)
        if diagnostics.contains(where: { $0.severity == .error }) { throw .rejected(diagnostics) }
        return CheckResult(
            domain: manifest.domain, diagnostics: diagnostics, env: env, framework: framework.framework.name,
            hyperparameters: hyperparameters,
            identity: identity, inspection: inspection,
            requirements: FrameworkSelection.requirements(manifest, framework.framework, env: env),
            mtime: mtime)
    }

    /// Checks, renders the skeleton, plans and archives the sdist, and, when the output is a folder,
    /// makes the job request. Nothing is written: `BuildProduct.write()` does that.
    public static func build(_ request: BuildRequest, domain: LoadedDomain) throws(BuildFailure)
        -> BuildProduct
    {
        let checked = try check(request, domain: domain)
        let plan = try sdistPlan(request, domain: domain, checked: checked)
        let archive: [UInt8]
        do {
            archive = try plan.archive(mtime: checked.mtime)
        } catch {
            throw .internal(error.description)
        }
        var product = BuildProduct(
            identity: checked.identity, manifest: domain.manifest, env: checked.env,
            framework: checked.framework, hyperparameters: checked.hyperparameters, plan: plan,
            archive: archive, sha256: Digest.sha256Hex(archive), diagnostics: checked.diagnostics,
            output: request.output)
        if case .folder = request.output {
            // The job request is a sidecar of the sdist in the output folder (docs/jobs.md).
            do throws(JobRequestError) {
                try JobFile.attach(to: &product, options: request.job)
            } catch {
                throw .usage([BuildFailure.flag("job-request", error.description)])
            }
        }
        return product
    }

    /// The context the skeleton templates of `request`'s build are rendered with, as `build
    /// --render-context` prints it (docs/render-context.md): checks, renders nothing.
    public static func renderContext(_ request: BuildRequest) throws(BuildFailure) -> TemplateDictionary {
        let domain = try DomainLoader.load(request.domain, searchPath: request.searchPath)
        let checked = try check(request, domain: domain)
        return renderContext(request, manifest: domain.manifest, checked: checked).dictionary
    }

    private static func renderContext(_ request: BuildRequest, manifest: Manifest, checked: CheckResult)
        -> RenderContext
    {
        RenderContext(
            manifest: manifest, identity: checked.identity, envID: checked.env, framework: checked.framework,
            requirements: checked.requirements, hyperparameters: checked.hyperparameters,
            definitions: checked.inspection.definitions(for: manifest), label: request.label,
            agentSHA256: Digest.sha256Hex(request.agent),
            setByBuild: HyperparameterSettings.names(request.settings))
    }

    /// Every file of the sdist: the rendered and copied skeleton, the agent, provenance and the
    /// packaging metadata.
    private static func sdistPlan(_ request: BuildRequest, domain: LoadedDomain, checked: CheckResult)
        throws(BuildFailure) -> SdistPlan
    {
        let manifest = domain.manifest
        let renderContext = renderContext(request, manifest: manifest, checked: checked)
        let context = renderContext.dictionary

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
            try plan.add("trainer/provenance.json", text: renderContext.provenanceJSON)
            let metadata = PackageMetadata(
                name: checked.identity.name, version: checked.identity.version,
                summary: "\(manifest.title) trainer (relna \(manifest.domain) domain) for \(checked.env)",
                requiresPython: ">=" + minimumPython(manifest.framework(named: checked.framework)),
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
        return plan
    }

    /// The oldest Python the package installs on: the framework's AI Platform Python version, else 3.8.
    static func minimumPython(_ framework: Framework?) -> String {
        framework?.pythonVersion ?? "3.8"
    }

    /// Errors first, then warnings, then notes; within each by line and column (every finding is in the
    /// one agent file), ties in the order found, so the report reads top-down.
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
