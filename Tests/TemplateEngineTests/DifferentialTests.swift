import Foundation
import Testing

@testable import TemplateEngine

/// Every template of Fixtures/templates/cases rendered by TemplateEngine and by Jinja2 (one Python
/// process for the whole corpus): the bytes and the free variables must be identical.
@Suite struct DifferentialTests {
    struct Case {
        let name: String
        let contextPath: String
    }

    static let root = Fixtures.url("templates")

    static func corpus() throws -> [Case] {
        let folder = root.appendingPathComponent("cases")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".j2") }.sorted()
        return names.map { name in
            Case(
                name: "cases/" + name,
                contextPath: folder.appendingPathComponent(String(name.dropLast(3)) + ".json").path)
        }
    }

    @Test func corpusIsLargeEnough() throws {
        #expect(try Self.corpus().count >= 200)
    }

    @Test func rendersLikeJinja2AndFindsTheSameFreeVariables() throws {
        let cases = try Self.corpus()
        let answer = try JinjaOracle.run([
            "root": Self.root.path,
            "render": cases.map { ["name": $0.name, "context": $0.contextPath] },
        ])
        let results = try #require(answer["render"] as? [[String: Any]])
        try #require(results.count == cases.count)
        let environment = TemplateEnvironment(loader: FileSystemLoader(root: Self.root))
        var compared = 0
        for (testCase, expected) in zip(cases, results) {
            let data = try Data(contentsOf: URL(fileURLWithPath: testCase.contextPath))
            let context = try #require(try TemplateValue(jsonData: data).dictionary)
            guard let reference = expected["output"] as? String else {
                Issue.record("Jinja2 rejected \(testCase.name): \(expected["message"] ?? "")")
                continue
            }
            do {
                let template = try environment.template(named: testCase.name)
                let output = try environment.render(template, context: context)
                #expect(output == reference, "\(testCase.name) renders differently from Jinja2")
                let free = (expected["free"] as? [String]).map(Set.init)
                #expect(template.freeVariables == free, "\(testCase.name): free variables differ")
                compared += 1
            } catch {
                Issue.record("\(testCase.name) failed: \(error)")
            }
        }
        #expect(compared == cases.count)
    }
}
