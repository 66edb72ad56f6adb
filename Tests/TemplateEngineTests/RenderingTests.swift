import Foundation
import TestSupport
import Testing

@testable import TemplateEngine

@Suite struct RenderingTests {
    @Test func rendersTheBenchmarkTemplateLikeJinja2() throws {
        let root = Fixtures.url("bench")
        let source = try String(
            contentsOf: root.appendingPathComponent("trainer_task.py.j2"), encoding: .utf8)
        let context = try TemplateValue(
            jsonData: Data(contentsOf: root.appendingPathComponent("context.json")))
        let template = try Template(source: source, name: "trainer_task.py.j2")
        let output = try template.render(context: try #require(context.dictionary))
        #expect(
            output.hasPrefix(
                "\"\"\"Trainer entry point for dqn on CartPole-v1.\"\"\"\nimport argparse\nimport os\n"))
        #expect(output.contains("# help text 2    \"param_3\": 1.5,  # help text 3    \"param_4\""))
        #expect(
            template.freeVariables == [
                "domain", "env_id", "imports", "hyperparameters", "title", "has_preprocess",
            ])
    }

    @Test func keepsKeyOrderOfJSONObjects() throws {
        let value = try TemplateValue(json: #"{"b": 1, "a": [1.0, 2, "x"], "c": null}"#)
        let template = try Template(
            source: "{% for k, v in d.items() %}{{ k }}={{ v }};{% endfor %}", name: "t")
        #expect(try template.render(context: ["d": value]) == "b=1;a=[1.0, 2, 'x'];c=None;")
    }
}

enum Fixtures {
    /// `Fixtures/<name>` in the repository.
    static func url(_ name: String) -> URL {
        TestEnvironment.repositoryRoot.appendingPathComponent("Fixtures").appendingPathComponent(name)
    }
}
