/// The agent as the pipeline sees it: scanned (never executed), and checked against the domain's
/// entry points and limits.
public struct AgentInspection: Sendable {
    public var module: PythonModule
    /// Syntax problems and entry-point findings, errors first.
    public var diagnostics: [Diagnostic]

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    public static func inspect(_ bytes: [UInt8], path: String, manifest: Manifest) -> AgentInspection {
        let scan = PythonInspector.scan(bytes, path: path)
        var diagnostics = scan.diagnostics
        if !diagnostics.contains(where: { $0.severity == .error }) {
            diagnostics += contract(scan, manifest: manifest, path: path)
        }
        return AgentInspection(module: scan.module, diagnostics: diagnostics)
    }

    /// The agent against the manifest's contract: the line limit and the required entry points.
    // The full checker (signatures, imports, kinds) comes with EntryPointChecker; this keeps the
    // pipeline whole until it lands.
    static func contract(_ scan: PythonScanResult, manifest: Manifest, path: String) -> [Diagnostic] {
        var found: [Diagnostic] = []
        if scan.countedLines > manifest.agent.maxLines {
            found.append(
                Diagnostic(
                    severity: .error, code: "too-many-lines", file: path, line: 0, column: 0,
                    message:
                        "the agent has \(scan.countedLines) lines of code; the \(manifest.domain) domain allows "
                        + "\(manifest.agent.maxLines)"))
        }
        let inspection = AgentInspection(module: scan.module, diagnostics: [])
        let defined = inspection.definitions(for: manifest)
        for spec in manifest.agent.entryPoints where spec.required && defined[spec.name] == nil {
            found.append(
                Diagnostic(
                    severity: .error, code: "missing-entry-point", file: path, line: 0, column: 0,
                    message:
                        "the \(manifest.domain) domain needs a \(spec.kind.rawValue) named '\(spec.name)'",
                    hint: spec.doc.isEmpty ? nil : spec.doc))
        }
        return found
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
