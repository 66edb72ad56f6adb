import Manifest
import PythonInspector
import RelnaCore

/// The agent as the pipeline sees it: scanned (never executed), and checked against the domain's
/// entry points and limits.
public struct AgentInspection: Sendable {
    public var module: PythonModule
    /// Syntax problems and entry-point findings, errors first.
    public var diagnostics: [Diagnostic]

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    public static func inspect(_ bytes: [UInt8], path: String, manifest: Manifest) -> AgentInspection {
        let scan = PythonInspector.scan(bytes, path: path)
        let findings = EntryPointChecker.check(
            scan, entryPoints: manifest.agent.entryPoints, limits: limits(for: manifest))
        return AgentInspection(module: scan.module, diagnostics: scan.diagnostics + findings)
    }

    /// The manifest's limits; the third-party modules an agent may import are those its frameworks
    /// declare and the top-level modules of its requirements (installed with the package anyway).
    static func limits(for manifest: Manifest) -> AgentLimits {
        var modules = Set(manifest.frameworks.flatMap(\.imports))
        for requirement in manifest.requirements + manifest.frameworks.flatMap(\.requirements) {
            let name = requirement.unicodeScalars.prefix { Requirement.isNameCharacter($0) }
            modules.insert(
                String(String.UnicodeScalarView(name)).lowercased().substituting("-", with: "_"))
        }
        return AgentLimits(maxLines: manifest.agent.maxLines, allowedThirdPartyModules: modules)
    }

    /// Which entry points (and methods of class entry points) the agent defines at module level.
    public func definitions(for manifest: Manifest) -> AgentDefinitions {
        var result: AgentDefinitions = [:]
        for spec in manifest.agent.entryPoints {
            switch spec.kind {
            case .function:
                if module.functions.contains(where: { $0.name == spec.name }) { result[spec.name] = [] }
            case .class:
                if let found = module.classes.last(where: { $0.name == spec.name }) {
                    result[spec.name] = Set(found.methods.map(\.name))
                }
            case .constant:
                if module.assignments.contains(where: { $0.names.contains(spec.name) }) {
                    result[spec.name] = []
                }
            }
        }
        return result
    }
}
