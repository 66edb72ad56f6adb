import Testing

@testable import TrainerGen

/// Where `template check` points: the lexical scanner finds reads inside tags only.
@Suite struct TemplateCheckScannerTests {
    @Test func findsTheFirstReadOutsideStringsCommentsAndText() {
        let source = """
            title in text {# {{ title }} #}
            {{ "title" ~ x.title }} {{ title | upper }}
            """
        let scanner = TemplateSourceScanner(source: source)
        let use = scanner.firstUse(of: "title")
        #expect(use?.line == 2)
        #expect(use?.column == 28)
    }

    @Test func readsHyperparameterKeysByAttributeAndSubscript() {
        let scanner = TemplateSourceScanner(
            source: "{{ hyperparameters.gamma.default }}\n{% if hyperparameters['lr'] %}{% endif %}"
                + "{% for k, v in hyperparameters.items() %}{% endfor %}")
        let keys = scanner.keysRead(from: "hyperparameters")
        #expect(keys.map(\.text) == ["gamma", "lr"])
        #expect(keys.map(\.line) == [1, 2])
        #expect(keys.first?.column == 20)
    }

    @Test func collectsIncludesAndBoundNames() {
        let scanner = TemplateSourceScanner(
            source: """
                {% include "a/b.j2" %}{% for name, hp in xs %}{% set total = 1 %}
                {% macro row(cell, width=3) %}{% endmacro %}{% raw %}{{ ignored }}{% endraw %}
                """)
        #expect(scanner.includes.map(\.text) == ["a/b.j2"])
        #expect(scanner.boundNames == ["name", "hp", "total", "row", "cell", "width"])
        #expect(scanner.firstUse(of: "ignored") == nil)
    }

    @Test func unusedHyperparameterIsAWordNotASubstring() {
        let words = SkeletonUsageCheck.words(in: ["hp['learning_rate_decay'] + args.gamma"])
        #expect(words.contains("learning_rate_decay"))
        #expect(!words.contains("learning_rate"))
        #expect(words.contains("gamma"))
    }
}
