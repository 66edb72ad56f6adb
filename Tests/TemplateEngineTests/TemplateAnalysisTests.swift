import Foundation
import TemplateEngine
import Testing

/// `Template.analysis()`: what a template reads, applies and includes, and where, from its tree.
@Suite struct TemplateAnalysisTests {
    @Test func locatesTheFirstUnboundReadOutsideStringsCommentsAndText() throws {
        let source = """
            title in text {# {{ title }} #}
            {{ "title" ~ x.title }} {{ title | upper }}
            """
        let analysis = try Template(source: source, name: "t").analysis()
        #expect(analysis.freeVariables.map(\.name) == ["title", "x"])
        let title = try #require(analysis.freeVariables.first)
        #expect((title.line, title.column) == (2, 28))
    }

    @Test func aNameBoundBeforeItIsReadIsNotFree() throws {
        let analysis = try Template(
            source: "{% set lr = 1 %}{{ lr }}{% for x in xs %}{{ x }}{% endfor %}{{ x }}", name: "t"
        ).analysis()
        #expect(analysis.freeVariables.map(\.name) == ["x", "xs"])
        #expect(analysis.freeVariables.map(\.column) == [64, 37])
    }

    @Test func readsKeysByAttributeAndSubscriptButNotDictionaryMethods() throws {
        let analysis = try Template(
            source: "{{ hyperparameters.gamma.default }}\n{% if hyperparameters['lr'] %}{% endif %}"
                + "{% for k, v in hyperparameters.items() %}{% endfor %}{{ hyperparameters . beta }}",
            name: "t"
        ).analysis()
        let keys = analysis.keysRead(from: "hyperparameters")
        #expect(keys.map(\.name) == ["gamma", "lr", "beta"])
        #expect(keys.map(\.line) == [1, 2, 2])
        #expect(keys.first?.column == 20)
        #expect(keys[1].column == 23)
        #expect(analysis.attributes.map(\.name) == ["gamma", "default", "lr", "items", "beta"])
        #expect(analysis.strings.map(\.name) == ["lr"])
    }

    @Test func collectsIncludesFiltersTestsAndBoundNames() throws {
        let analysis = try Template(
            source: """
                {% include "a/b.j2" %}{% for name, hp in xs %}{% set total = 1 %}{% endfor %}
                {% macro row(cell, width=3) %}{{ cell | d('-') | upper }}{% endmacro %}{% raw %}{{ ignored }}{% endraw %}
                {% if total is defined and 3 is divisibleby(3) %}{% endif %}
                """, name: "t"
        ).analysis()
        #expect(analysis.includes.map(\.name) == ["a/b.j2"])
        #expect((analysis.includes[0].line, analysis.includes[0].column) == (1, 12))
        #expect(analysis.boundNames == ["name", "hp", "total", "row", "cell", "width"])
        #expect(analysis.filters.map(\.name) == ["default", "upper"])
        #expect(analysis.filters.map(\.column) == [41, 50])
        #expect(analysis.tests.map(\.name) == ["defined", "divisibleby"])
        #expect(!analysis.variables.map(\.name).contains("ignored"))
    }

    @Test func literalTextKeepsLinesAndMarksExpressions() throws {
        let source = "x = {{ a }}  # {# note #}\n{% if b %}\ny = \"{{ c }}\"\n{% endif %}\n"
        let analysis = try Template(source: source, name: "t").analysis()
        let lines = analysis.literalText.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 5)
        #expect(lines[0].trimmingCharacters(in: .whitespaces) == "x = _        #")
        #expect(lines[2] == "y = \"_      \"")
        #expect(lines[1].allSatisfy { $0 == " " })
    }
}
