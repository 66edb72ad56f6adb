import Foundation
import TemplateEngine
import TestSupport
import Testing

@testable import Authoring

/// docs/templates.md stays true: every example in the language reference renders, with the engine, to
/// the output printed beside it, and every diagnostic code `template check` reports is documented.
@Suite struct TemplateCheckDocsTests {
    static let text: String = {
        let url = TestEnvironment.repositoryRoot.appendingPathComponent("docs/templates.md")
        return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }()

    /// The JSON block after `<!-- examples-context -->`.
    static func context() throws -> TemplateDictionary {
        let marker = try #require(text.range(of: "<!-- examples-context -->\n```json\n"))
        let end = try #require(text.range(of: "\n```", range: marker.upperBound..<text.endIndex))
        return try #require(
            try TemplateValue(json: String(text[marker.upperBound..<end.lowerBound])).dictionary)
    }

    /// `` - `TEMPLATE` → `OUTPUT` `` items (inline examples).
    static var inlineExamples: [(template: String, output: String)] {
        var examples: [(String, String)] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var rest = Substring(line)
            while let arrow = rest.range(of: "` → `") {
                guard let open = rest[..<arrow.lowerBound].lastIndex(of: "`"),
                    let close = rest[arrow.upperBound...].firstIndex(of: "`")
                else { break }
                let template = String(rest[rest.index(after: open)..<arrow.lowerBound])
                examples.append((template, String(rest[arrow.upperBound..<close])))
                rest = rest[rest.index(after: close)...]
            }
        }
        return examples
    }

    /// A ```jinja block followed by "renders" and a ```text block.
    static var blockExamples: [(template: String, output: String)] {
        let parts = text.components(separatedBy: "```jinja\n").dropFirst()
        return parts.compactMap { part in
            guard let templateEnd = part.range(of: "```\n\nrenders\n\n```text\n") else { return nil }
            let afterOutput = part[templateEnd.upperBound...]
            guard let outputEnd = afterOutput.range(of: "```\n") else { return nil }
            return (String(part[..<templateEnd.lowerBound]), String(afterOutput[..<outputEnd.lowerBound]))
        }
    }

    @Test func everyInlineExampleRendersAsDocumented() throws {
        let examples = Self.inlineExamples
        #expect(examples.count >= 50)
        try Self.expectRenders(examples)
    }

    @Test func everyBlockExampleRendersAsDocumented() throws {
        let examples = Self.blockExamples
        #expect(examples.count >= 6)
        try Self.expectRenders(examples)
    }

    /// Each example renders, with the documented context, to exactly its documented output.
    static func expectRenders(_ examples: [(template: String, output: String)]) throws {
        let variables = try context()
        for (source, expected) in examples {
            do {
                let output = try Template(source: source, name: "example").render(context: variables)
                #expect(output == expected, "\(source)")
            } catch {
                Issue.record("\(source): \(error)")
            }
        }
    }

    @Test func everyCheckCodeIsDocumented() {
        for code in TemplateCheckCode.allCases {
            #expect(Self.text.contains("| `\(code.rawValue)` |"), "docs/templates.md lacks \(code.rawValue)")
        }
    }
}
