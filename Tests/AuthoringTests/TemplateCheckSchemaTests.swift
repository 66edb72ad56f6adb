import Foundation
import Manifest
import Packaging
import RelnaCore
import TemplateEngine
import TestSupport
import Testing

@testable import Authoring
@testable import Build

/// The schema `template check` enforces must be the one docs/render-context.md promises.
@Suite struct TemplateCheckSchemaTests {
    static var repositoryRoot: URL { TestEnvironment.repositoryRoot }

    /// `(name, type)` for each row of the context table in docs/render-context.md.
    static func documentedRows() throws -> [(name: String, type: String)] {
        let url = repositoryRoot.appendingPathComponent("docs/render-context.md")
        let text = try String(contentsOf: url, encoding: .utf8)
        var rows: [(String, String)] = []
        for line in text.split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 2 else { continue }
            rows.append((cells[0].trimmingCharacters(in: CharacterSet(charactersIn: "`")), cells[1]))
        }
        return rows
    }

    @Test func schemaNamesAndTypesMatchTheDocumentedTable() throws {
        let rows = try Self.documentedRows()
        #expect(rows.count > 10)
        #expect(rows.map(\.name) == RenderContextSchema.standard.names)
        #expect(rows.map(\.type) == RenderContextSchema.standard.entries.map(\.type))
    }

    @Test func documentedNestedKeysAreInTheSchema() throws {
        let text = try String(
            contentsOf: Self.repositoryRoot.appendingPathComponent("docs/render-context.md"), encoding: .utf8)
        // Every fixed key the docs list in backticks for these rows is one the schema knows.
        for key in RenderContextSchema.hyperparameterKeys + RenderContextSchema.entryPointKeys {
            #expect(text.contains("`\(key)`"), "docs/render-context.md does not mention `\(key)`")
        }
        for entry in RenderContextSchema.standard.entries {
            for key in entry.keys {
                #expect(text.contains("`\(key)`"), "docs/render-context.md does not mention `\(key)`")
            }
        }
    }

    @Test func suggestsTheNearestNameForATypo() {
        let names = RenderContextSchema.standard.names
        #expect(DidYouMean.suggest("hyperparameter", among: names) == "hyperparameters")
        #expect(DidYouMean.suggest("env", among: names) == nil)
        #expect(DidYouMean.suggest("titel", among: names) == "title")
    }

    /// The schema the check enforces is the context `build` makes: same names in the same order, and
    /// the same keys in the dictionaries whose keys are fixed.
    @Test func schemaMatchesTheContextTheBuildMakes() throws {
        let path = Self.repositoryRoot.appendingPathComponent(
            "Fixtures/broken-domains/control_clean/manifest.yaml")
        let manifest = try ManifestDecoder.decode(
            [UInt8](try Data(contentsOf: path)), file: path.path, folderName: "control_clean")
        let context = RenderContext(
            manifest: manifest, identity: try PackageIdentity(name: "relna-trainer-x", version: "0.1.0"),
            envID: "CartPole-v1", framework: "numpy", requirements: [], hyperparameters: [:],
            definitions: ["Policy": ["act"]], label: nil, agentSHA256: "0"
        ).dictionary
        #expect(Array(context.keys) == RenderContextSchema.standard.names)
        for entry in RenderContextSchema.standard.entries where !entry.keys.isEmpty {
            let keys = context[entry.name]?.dictionary.map { Array($0.keys) }
            #expect(keys == entry.keys, "\(entry.name)")
        }
        let hyperparameter = context["hyperparameters"]?.dictionary?["learning_rate"]?.dictionary
        #expect(hyperparameter.map { Array($0.keys) } == RenderContextSchema.hyperparameterKeys)
        let entryPoint = context["entry_points"]?.dictionary?["Policy"]?.dictionary
        #expect(entryPoint.map { Array($0.keys) } == RenderContextSchema.entryPointKeys)
    }
}
