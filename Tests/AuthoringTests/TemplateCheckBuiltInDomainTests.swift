import Foundation
import TestSupport
import Testing

@testable import Authoring

/// The domains relna-pack ships pass their own check: every template parses and reads only what the
/// context provides, and every starter, for every framework, passes `check` and builds into Python
/// that CPython compiles.
@Suite struct TemplateCheckBuiltInDomainTests {
    static let templates = TestEnvironment.repositoryRoot.appendingPathComponent("Templates")

    static var domains: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: templates.path)) ?? []
        return names.filter {
            FileManager.default.fileExists(
                atPath: templates.appendingPathComponent("\($0)/manifest.yaml").path)
        }.sorted()
    }

    @Test(arguments: domains)
    func builtInDomainHasNoErrors(_ domain: String) {
        let report = TemplateChecker(options: .init(python: TestEnvironment.python))
            .check(directory: Self.templates.appendingPathComponent(domain).path)
        let errors = report.diagnostics.filter { $0.severity == .error }
        let printed = errors.map { $0.formatted(source: nil) }.joined(separator: "\n")
        #expect(errors.isEmpty, "\(domain):\n\(printed)")
        #expect(report.frameworks.count >= 1)
    }
}
