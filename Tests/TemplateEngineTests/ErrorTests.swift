import Foundation
import Testing

@testable import TemplateEngine

/// Fixtures/templates/errors.json: templates that must fail with this line, column and message, and
/// (where Jinja2 has the same rule) that Jinja2 rejects as well.
@Suite struct ErrorTests {
    struct Case {
        let name: String
        let source: String
        let line: Int
        let column: Int
        let message: String
        let jinjaRejects: Bool
    }

    static func load() throws -> (context: [String: Any], cases: [Case]) {
        let data = try Data(contentsOf: Fixtures.url("templates").appendingPathComponent("errors.json"))
        let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let context = try #require(document["context"] as? [String: Any])
        let cases = try #require(document["cases"] as? [[String: Any]]).map { entry in
            Case(
                name: entry["name"] as? String ?? "", source: entry["source"] as? String ?? "",
                line: entry["line"] as? Int ?? -1, column: entry["column"] as? Int ?? -1,
                message: entry["message"] as? String ?? "",
                jinjaRejects: entry["jinja_rejects"] as? Bool ?? false)
        }
        return (context, cases)
    }

    @Test func everyErrorIsLocatedAndExplained() throws {
        let (contextObject, cases) = try Self.load()
        #expect(cases.count >= 50)
        let context = try #require(
            try TemplateValue(jsonData: JSONSerialization.data(withJSONObject: contextObject)).dictionary)
        let environment = TemplateEnvironment(loader: FileSystemLoader(root: Fixtures.url("templates")))
        for testCase in cases {
            do {
                let template = try Template(source: testCase.source, name: "t.j2")
                let output = try environment.render(template, context: context)
                Issue.record("\(testCase.name) rendered instead of failing: \(output)")
            } catch {
                #expect(error.templateName == "t.j2")
                #expect(
                    (error.line, error.column, error.message) == (
                        testCase.line, testCase.column, testCase.message
                    ),
                    "\(testCase.name)")
                // The printed form: location, the offending line, a caret under the column.
                let lines = error.description.split(separator: "\n", omittingEmptySubsequences: false)
                #expect(lines.first == "t.j2:\(testCase.line):\(testCase.column): error: \(testCase.message)")
                #expect(lines.count >= 3 && lines[2].hasSuffix("^") && lines[2].count == testCase.column)
            }
        }
    }

    @Test func jinja2RejectsTheSameTemplates() throws {
        let (context, cases) = try Self.load()
        let shared = cases.filter(\.jinjaRejects)
        let answer = try JinjaOracle.run([
            "root": Fixtures.url("templates").path,
            "sources": shared.map { ["source": $0.source, "context": context] },
        ])
        let results = try #require(answer["sources"] as? [[String: Any]])
        try #require(results.count == shared.count)
        for (testCase, result) in zip(shared, results) {
            #expect(result["error"] != nil, "Jinja2 accepts \(testCase.name): \(result["output"] ?? "")")
            // Jinja2 reports lines (not columns); where it does, they agree.
            if let line = result["lineno"] as? Int, result["error"] as? String == "TemplateSyntaxError" {
                #expect(
                    line == testCase.line || testCase.message.hasPrefix("expected '"), "\(testCase.name) line"
                )
            }
        }
    }

    @Test func errorsInsideIncludesShowTheChain() throws {
        let environment = TemplateEnvironment(
            loader: DictionaryLoader([
                "outer.j2": "line one\n  {% include 'middle.j2' %}\n",
                "middle.j2": "{% for i in [1] %}\n{% include 'inner.j2' %}{% endfor %}",
                "inner.j2": "ok\n{{ i + missing }}\n",
            ]))
        do {
            _ = try environment.render(named: "outer.j2", context: [:])
            Issue.record("rendered")
        } catch {
            #expect(error.templateName == "inner.j2")
            #expect((error.line, error.column) == (2, 8))
            #expect(error.message == "undefined variable 'missing'")
            #expect(
                error.includeChain == [
                    .init(templateName: "middle.j2", line: 2, column: 1),
                    .init(templateName: "outer.j2", line: 2, column: 3),
                ])
            #expect(
                error.description == """
                    inner.j2:2:8: error: undefined variable 'missing'
                    {{ i + missing }}
                           ^
                      in template included from middle.j2:2:1
                      in template included from outer.j2:2:3
                    """)
            #expect(error.formatted(color: true).contains("\u{1B}[1;31merror:\u{1B}[0m"))
        }
    }

    @Test func syntaxErrorsInIncludedTemplatesAreLocatedThere() throws {
        let environment = TemplateEnvironment(
            loader: DictionaryLoader(["a.j2": "{% include 'b.j2' %}", "b.j2": "\n{{ x | nosuch }}"]))
        #expect(throws: TemplateError.self) { try environment.render(named: "a.j2", context: [:]) }
        do {
            _ = try environment.render(named: "a.j2", context: [:])
        } catch {
            #expect(error.templateName == "b.j2")
            #expect((error.line, error.column) == (2, 8))
            #expect(error.includeChain.map(\.templateName) == ["a.j2"])
        }
    }
}
