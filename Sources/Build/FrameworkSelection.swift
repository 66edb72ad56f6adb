import Manifest
import PythonInspector
import RelnaCore

/// Picks the framework the package is built for: `--framework`, or the agent's imports.
///
/// Without the flag, the frameworks whose `imports` the agent imports are candidates; the one declared
/// last in the manifest wins, so a manifest lists general frameworks (numpy) before the ones that
/// build on them (torch, tensorflow): an agent importing numpy and torch is a torch agent. With no
/// candidate, the fallback framework (no `imports`) is used, else the first one declared.
public enum FrameworkSelection {
    public struct Choice: Sendable, Hashable {
        public var framework: Framework
        /// A note or warning about the choice (e.g. two specific frameworks imported).
        public var diagnostics: [Diagnostic]
    }

    public static func choose(
        requested: String?, imports: [PythonImport], manifest: Manifest, agentPath: String
    ) throws(BuildFailure) -> Choice {
        if let requested {
            guard let framework = manifest.framework(named: requested) else {
                let names = manifest.frameworks.map(\.name)
                throw .usage([
                    BuildFailure.flag(
                        "unknown-framework",
                        "--framework \(requested): the \(manifest.domain) domain has no such framework"
                            + DidYouMean.phrase(requested, among: names),
                        hint: "choose one of " + names.joined(separator: ", "))
                ])
            }
            return Choice(
                framework: framework,
                diagnostics: mismatches(
                    requested: framework, imports: imports, manifest: manifest, agentPath: agentPath))
        }
        let modules = Set(imports.flatMap(\.topLevelModules))
        let matched = manifest.frameworks.filter { !Set($0.imports).isDisjoint(with: modules) }
        var diagnostics: [Diagnostic] = []
        if let chosen = matched.last {
            let others = matched.dropLast().filter { $0.name != manifest.frameworks.first?.name }
            if !others.isEmpty {
                let line = imports.first { !Set($0.topLevelModules).isDisjoint(with: chosen.imports) }
                diagnostics.append(
                    Diagnostic(
                        severity: .warning, code: "ambiguous-framework", file: agentPath,
                        line: line?.line ?? 0,
                        column: line?.column ?? 0,
                        message: "the imports match the frameworks "
                            + (others.map(\.name) + [chosen.name]).joined(separator: ", ")
                            + "; building for \(chosen.name)",
                        hint: "pass --framework to choose another"))
            }
            return Choice(framework: chosen, diagnostics: diagnostics)
        }
        if let fallback = manifest.frameworks.first(where: { $0.imports.isEmpty })
            ?? manifest.frameworks.first
        {
            return Choice(framework: fallback, diagnostics: [])
        }
        throw .badData([
            Diagnostic(
                severity: .error, code: "manifest-value", file: "manifest.yaml", line: 0, column: 0,
                message: "frameworks: the \(manifest.domain) domain declares no framework")
        ])
    }

    /// Warnings for a `--framework` the imports contradict: the agent imports none of its modules (the
    /// package would install it for nothing), or it imports a more specific framework's modules,
    /// which the package would not install.
    static func mismatches(
        requested: Framework, imports: [PythonImport], manifest: Manifest, agentPath: String
    ) -> [Diagnostic] {
        let modules = Set(imports.flatMap(\.topLevelModules))
        var diagnostics: [Diagnostic] = []
        func warn(_ code: String, _ line: PythonImport?, _ message: String, hint: String) {
            diagnostics.append(
                Diagnostic(
                    severity: .warning, code: code, file: agentPath, line: line?.line ?? 0,
                    column: line?.column ?? 0, message: message, hint: hint))
        }
        if !requested.imports.isEmpty && Set(requested.imports).isDisjoint(with: modules) {
            let what =
                requested.requirements.isEmpty
                ? requested.name : requested.requirements.joined(separator: ", ")
            warn(
                "framework-not-imported", nil,
                "--framework \(requested.name), but the agent imports none of "
                    + requested.imports.map { "`\($0)`" }.joined(separator: ", ")
                    + "; the package would install \(what) for nothing",
                hint: "import what the agent uses, or drop --framework to build for its imports")
        }
        let order = manifest.frameworks.map(\.name)
        let position = order.firstIndex(of: requested.name) ?? 0
        let specific = manifest.frameworks.filter {
            $0.name != requested.name && (order.firstIndex(of: $0.name) ?? 0) > position
                && !Set($0.imports).isDisjoint(with: modules)
        }
        for other in specific {
            let line = imports.first { !Set($0.topLevelModules).isDisjoint(with: other.imports) }
            warn(
                "framework-mismatch", line,
                "the agent imports \(other.name), but --framework \(requested.name) does not install it; "
                    + "the trainer would fail importing the agent",
                hint: "pass --framework \(other.name), or drop --framework")
        }
        return diagnostics
    }

    /// The package's runtime requirements: the common ones, then the framework's, without repeats.
    /// The package's requirements: the domain's, the framework's, then those of the environment it
    /// is built for (only a LunarLander package needs Box2D).
    public static func requirements(_ manifest: Manifest, _ framework: Framework, env: String? = nil)
        -> [String]
    {
        var seen: Set<String> = []
        let own = env.map(manifest.environments.requirements(for:)) ?? []
        return (manifest.requirements + framework.requirements + own).filter { seen.insert($0).inserted }
    }
}
