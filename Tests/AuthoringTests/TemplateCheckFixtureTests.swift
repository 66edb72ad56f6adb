import Foundation
import TestSupport
import Testing

@testable import Authoring

/// Every broken domain under Fixtures/broken-domains, checked by `TemplateChecker`, reports the
/// diagnostic its expected.json names (severity, code, file, line, column, a phrase of the message),
/// and the domains that are only warned about still pass.
@Suite struct TemplateCheckFixtureTests {
    struct Expected: Decodable {
        struct Finding: Decodable {
            var severity: String
            var code: String
            var file: String
            var line: Int?
            var column: Int?
            var message: String
        }

        var purpose: String
        var status: String
        var diagnostics: [Finding]
    }

    static let root = TestEnvironment.repositoryRoot.appendingPathComponent(
        "Fixtures/broken-domains")

    static var fixtureNames: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return names.filter {
            FileManager.default.fileExists(atPath: root.appendingPathComponent("\($0)/expected.json").path)
        }.sorted()
    }

    static var python: String? { TestEnvironment.python }

    @Test func thereAreAtLeastTwentyBrokenDomains() {
        let rejected = Self.fixtureNames.filter { name in
            let url = Self.root.appendingPathComponent("\(name)/expected.json")
            return (try? JSONDecoder().decode(Expected.self, from: Data(contentsOf: url)))?.status
                == "rejected"
        }
        #expect(rejected.count >= 20)
    }

    @Test(arguments: fixtureNames)
    func reportsTheExpectedDiagnostic(_ name: String) throws {
        let folder = Self.root.appendingPathComponent(name)
        let expected = try JSONDecoder().decode(
            Expected.self, from: Data(contentsOf: folder.appendingPathComponent("expected.json")))
        let report = TemplateChecker(options: .init(python: Self.python)).check(directory: folder.path)
        let printed = report.diagnostics.map { $0.formatted(source: nil) }.joined(separator: "\n")

        #expect(report.domain == nil || report.domain == name)
        switch expected.status {
        case "clean": #expect(report.ok, "\(name) should pass; got:\n\(printed)")
        default: #expect(!report.ok, "\(name) should be rejected; got:\n\(printed)")
        }
        if expected.status == "clean", expected.diagnostics.isEmpty {
            #expect(report.diagnostics.isEmpty, "\(name) must be spotless; got:\n\(printed)")
        }
        if name == "control_clean" {
            #expect(report.frameworks == ["numpy", "torch"])
            #expect(report.generatedFiles >= 2)
        }
        for finding in expected.diagnostics {
            let matches = report.diagnostics.filter { diagnostic in
                diagnostic.severity.rawValue == finding.severity && diagnostic.code == finding.code
                    && (diagnostic.file == folder.path + "/" + finding.file
                        || diagnostic.file == finding.file)
                    && (finding.line == nil || diagnostic.line == finding.line)
                    && (finding.column == nil || diagnostic.column == finding.column)
                    && (finding.message.isEmpty || diagnostic.message.contains(finding.message))
            }
            #expect(
                !matches.isEmpty,
                "\(name): expected \(finding.severity) \(finding.code) at \(finding.file):\(finding.line ?? 0):\(finding.column ?? 0) containing '\(finding.message)'; got:\n\(printed)"
            )
        }
    }

    @Test func jsonReportCarriesTheDiagnosticsAsValues() throws {
        let folder = Self.root.appendingPathComponent("template_misspelled_variable")
        let report = TemplateChecker(options: .init(python: nil)).check(directory: folder.path)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(report.jsonText.utf8)) as? [String: Any])
        #expect(object["ok"] as? Bool == false)
        #expect(object["domain"] as? String == "template_misspelled_variable")
        let diagnostics = try #require(object["diagnostics"] as? [[String: Any]])
        let first = try #require(diagnostics.first)
        #expect(first["code"] as? String == "template-unknown-variable")
        #expect(first["line"] as? Int == 1)
        #expect((first["message"] as? String)?.contains("did you mean 'title'") == true)
    }

    @Test func withoutPythonTheCheckSaysSoInANote() {
        let folder = Self.root.appendingPathComponent("control_clean")
        let report = TemplateChecker(options: .init(python: nil)).check(directory: folder.path)
        #expect(report.ok)
        #expect(report.diagnostics.map(\.code) == ["python-unavailable"])
        #expect(report.diagnostics.first?.severity == .note)
        #expect(report.diagnostics.first?.message.hasSuffix("no Python interpreter") == true)
        // --no-python: the note says that compilation was turned off, not that Python is missing.
        let off = TemplateChecker(options: .init(python: "/usr/bin/python3", compileDisabled: true))
            .check(directory: folder.path)
        #expect(
            off.diagnostics.first?.message
                == "generated files were scanned but not compiled: compilation was turned off (--no-python)")
        #expect(off.diagnostics.first?.hint == "drop --no-python to compile them with python3")
    }

    /// A domain in a templates folder of its own may use the built-in `_shared/` files, as `build` does.
    @Test func sharedFilesFallBackToTheBuiltInTemplates() throws {
        let root = try TestEnvironment.scratchFolder("authoring")
        defer { try? FileManager.default.removeItem(at: root) }
        let domain = root.appendingPathComponent("mine")
        try FileManager.default.copyItem(at: Self.root.appendingPathComponent("control_clean"), to: domain)
        let manifestURL = domain.appendingPathComponent("manifest.yaml")
        let manifest = try String(contentsOf: manifestURL, encoding: .utf8)
            .replacingOccurrences(of: "domain: control_clean", with: "domain: mine")
            .replacingOccurrences(of: "  - source: __init__.py\n", with: "  - shared: trainer_init.py\n")
        try manifest.write(to: manifestURL, atomically: true, encoding: .utf8)
        let task = domain.appendingPathComponent("task.py.j2")
        try String(contentsOf: task, encoding: .utf8)
            .replacingOccurrences(of: "control_clean/", with: "mine/")
            .write(to: task, atomically: true, encoding: .utf8)

        let report = TemplateChecker(options: .init(python: nil)).check(directory: domain.path)
        let printed = report.diagnostics.map { $0.formatted(source: nil) }.joined(separator: "\n")
        #expect(report.ok, "\(printed)")
        #expect(report.frameworks == ["numpy", "torch"])
    }
}
