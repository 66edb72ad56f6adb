import Manifest
import PythonInspector
import RelnaCore

/// Warnings for promises the manifest makes that the trainer does not keep: a hyperparameter no
/// skeleton file reads (a flag that changes nothing) and an entry point or method no generated file
/// names (something every student must write for nothing).
///
/// A hyperparameter is read where code names it (`SkeletonReads`: `hp["learning_rate"]`,
/// `args.learning_rate`, `hyperparameters.learning_rate`), never in a docstring or comment. Entry
/// points are judged by whole words of the generated files: `agent.QNetwork(…)` and
/// `getattr(agent, "QNetwork")` both contain the word.
struct SkeletonUsageCheck {
    /// The names the skeleton and the starters read as code (see `SkeletonReads`).
    var hyperparameterReads: Set<String>
    /// Rendered outputs (every framework) and copied files: where entry points are called.
    var generatedTexts: [String]

    func diagnostics(manifest: Manifest, manifestFile: String, locator: ManifestLocator) -> [Diagnostic] {
        let generatedWords = Self.words(in: generatedTexts)
        var result: [Diagnostic] = []
        for hp in manifest.hyperparameters where !hyperparameterReads.contains(hp.name) {
            let location = locator.namedItem(hp.name, under: "hyperparameters")
            result.append(
                Diagnostic(
                    severity: .warning, code: TemplateCheckCode.unusedHyperparameter.rawValue,
                    file: manifestFile,
                    line: location?.line ?? 0, column: location?.column ?? 0,
                    message: "hyperparameter '\(hp.name)' is declared but no skeleton file reads it",
                    hint: "read it in the trainer (e.g. hyperparameters[\"\(hp.name)\"]) or remove it"))
        }
        for entry in manifest.agent.entryPoints {
            let location = locator.namedItem(entry.name, under: "agent.entry_points")
            if !generatedWords.contains(entry.name) {
                result.append(
                    Diagnostic(
                        severity: .warning, code: TemplateCheckCode.uncalledEntryPoint.rawValue,
                        file: manifestFile, line: location?.line ?? 0, column: location?.column ?? 0,
                        message: "entry point '\(entry.name)' is declared but no generated file uses it",
                        hint: "call it from the trainer, or remove it so students need not write it"))
                continue
            }
            for method in entry.methods where !generatedWords.contains(method.name) {
                let methodLocation = Self.methodLocation(method.name, of: entry.name, locator: locator)
                result.append(
                    Diagnostic(
                        severity: .warning, code: TemplateCheckCode.uncalledEntryPoint.rawValue,
                        file: manifestFile, line: methodLocation?.line ?? location?.line ?? 0,
                        column: methodLocation?.column ?? location?.column ?? 0,
                        message:
                            "method '\(entry.name).\(method.name)' is declared but no generated file calls it",
                        hint: "call it from the trainer, or remove it so students need not write it"))
            }
        }
        return result
    }

    private static func methodLocation(_ method: String, of entry: String, locator: ManifestLocator)
        -> ManifestLocator.Location?
    {
        guard case .sequence(let items)? = locator.node(at: "agent.entry_points")?.content else { return nil }
        for (index, item) in items.enumerated() {
            guard case .mapping(let pairs) = item.content,
                pairs.contains(where: { $0.key.scalarText == "name" && $0.value.scalarText == entry })
            else { continue }
            return locator.namedItem(method, under: "agent.entry_points.\(index).methods")
        }
        return nil
    }

    /// Every maximal run of identifier characters (ASCII letters, digits, `_`, and non-ASCII letters).
    static func words(in texts: [String]) -> Set<String> {
        texts.reduce(into: Set<String>()) { words, text in
            words.formUnion(PythonCodeNames.identifierWords(in: text))
        }
    }
}
