import Foundation
import Testing

@testable import TemplateEngine

@Suite struct ConcurrencyAndLimitsTests {
    @Test func concurrentRendersProduceIdenticalBytes() async throws {
        let root = Fixtures.url("bench")
        let source = try String(
            contentsOf: root.appendingPathComponent("trainer_task.py.j2"), encoding: .utf8)
        let context = try #require(
            try TemplateValue(jsonData: Data(contentsOf: root.appendingPathComponent("context.json")))
                .dictionary)
        let environment = TemplateEnvironment(
            loader: DictionaryLoader([
                "task.py.j2": source, "wrap.j2": "{% include 'task.py.j2' %}{{ title }}",
            ]))
        let expected = try environment.render(named: "wrap.j2", context: context)
        let outputs = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<64 {
                group.addTask { try environment.render(named: "wrap.j2", context: context) }
            }
            var all: [String] = []
            for try await output in group { all.append(output) }
            return all
        }
        #expect(outputs.count == 64)
        #expect(outputs.allSatisfy { $0 == expected })
    }

    func expectLimitError(
        _ templates: [String: String], _ limits: TemplateLimits, line: Int, column: Int,
        contains text: String,
        in name: String? = nil, anyLineOf lines: ClosedRange<Int>? = nil
    ) {
        let environment = TemplateEnvironment(loader: DictionaryLoader(templates), limits: limits)
        do {
            let output = try environment.render(named: "main.j2", context: [:])
            Issue.record("rendered \(output.utf8.count) bytes instead of failing")
        } catch {
            #expect(error.templateName == (name ?? "main.j2"))
            if let lines {
                #expect(lines.contains(error.line) && error.column == column)
            } else {
                #expect((error.line, error.column) == (line, column))
            }
            #expect(error.message.contains(text), "\(error.message)")
        }
    }

    @Test func selfIncludeStopsAtTheIncludeDepth() {
        expectLimitError(
            ["main.j2": "x\n {% include 'main.j2' %}"], .default, line: 2, column: 2,
            contains: "includes are nested deeper than the limit of 32")
    }

    @Test func mutualIncludeStopsAtTheIncludeDepth() {
        var limits = TemplateLimits.default
        limits.includeDepth = 5
        expectLimitError(
            ["main.j2": "{% include 'b.j2' %}", "b.j2": "{% include 'main.j2' %}"], limits, line: 1,
            column: 1,
            contains: "limit of 5", in: "b.j2")
    }

    @Test func hugeLoopsStopAtTheIterationLimit() {
        expectLimitError(
            [
                "main.j2":
                    "{% for a in range(1000) %}\n{% for b in range(1000) %}\n{% for c in range(1000) %}{% endfor %}{% endfor %}{% endfor %}"
            ],
            .default, line: 3, column: 1, contains: "loops ran more than the limit of 1000000 iterations",
            anyLineOf: 1...3)
    }

    @Test func hugeRangeIsRefused() {
        expectLimitError(
            ["main.j2": "{{ range(10000000000) | length }}"], .default, line: 1, column: 4,
            contains: "exceeds the loop limit")
    }

    @Test func outputIsBounded() {
        var limits = TemplateLimits.default
        limits.outputBytes = 10_000
        expectLimitError(
            ["main.j2": "{% for i in range(100000) %}{{ 'xxxxxxxxxx' }}{% endfor %}"], limits, line: 1,
            column: 32,
            contains: "the output exceeds the limit of 10000 bytes")
    }

    @Test func stringRepetitionIsBounded() {
        expectLimitError(
            ["main.j2": "{% set s = 'x' * 1000000000 %}"], .default, line: 1, column: 16,
            contains: "larger than the output limit")
    }

    @Test func macroRecursionIsBounded() {
        expectLimitError(
            ["main.j2": "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}\n{{ f(0) }}"], .default, line: 1,
            column: 20, contains: "macro calls are nested deeper than the limit of 64")
    }

    @Test func exponentialMacroFanOutHitsTheOutputOrLoopLimit() {
        var limits = TemplateLimits.default
        limits.outputBytes = 1 << 16
        let environment = TemplateEnvironment(
            loader: DictionaryLoader([
                "main.j2":
                    "{% macro f(n) %}{% if n > 0 %}{{ f(n - 1) }}{{ f(n - 1) }}{% else %}xxxxxxxx{% endif %}{% endmacro %}{{ f(40) }}"
            ]), limits: limits)
        #expect(throws: TemplateError.self) { try environment.render(named: "main.j2", context: [:]) }
    }

    @Test func deepNestingIsASyntaxErrorNotACrash() {
        let source = "{{ " + String(repeating: "[", count: 10_000) + " }}"
        #expect(throws: TemplateError.self) { try Template(source: source, name: "deep") }
        let blocks = String(repeating: "{% if true %}", count: 10_000)
        #expect(throws: TemplateError.self) { try Template(source: blocks, name: "deep") }
    }
}

@Suite struct LoaderTests {
    @Test func fileSystemLoaderStaysInsideItsRoot() throws {
        let loader = FileSystemLoader(root: Fixtures.url("templates"))
        #expect(try loader.source(named: "_shared/header.j2").hasPrefix("# header"))
        for name in [
            "../bench/context.json", "/etc/passwd", "_shared/../../bench/context.json", "", "a//b", "./x",
        ] {
            do {
                _ = try loader.source(named: name)
                Issue.record("loaded \(name)")
            } catch {
                #expect(error.isTemplateNotFound)
            }
        }
    }

    @Test func environmentCachesParsedTemplates() throws {
        let environment = TemplateEnvironment(
            loader: DictionaryLoader(["a": "{{ x }}{% include 'b' %}", "b": "!"]))
        let first = try environment.template(named: "a")
        let second = try environment.template(named: "a")
        #expect(first.body === second.body)
        #expect(first.includedTemplates == ["b"])
        #expect(try environment.render(named: "a", context: ["x": 1]) == "1!")
    }

    @Test func missingTemplateIsNotFound() {
        let environment = TemplateEnvironment(loader: DictionaryLoader([:]))
        do {
            _ = try environment.template(named: "nope")
            Issue.record("found")
        } catch {
            #expect(error.isTemplateNotFound)
            #expect(error.description == "nope: error: template 'nope' not found")
        }
    }

    @Test func templateValueLiteralsAndJSON() throws {
        let value: TemplateValue = ["b": [1, 2.5, "x", true, nil], "a": ["k": "v"]]
        #expect(value.dictionary?.keys == ["b", "a"])
        #expect(try TemplateValue(json: #"{"b":[1,2.5,"x",true,null],"a":{"k":"v"}}"#) == value)
        #expect(try TemplateValue(json: #""\ud83d\ude00 \u00e9""#) == "\u{1F600} \u{E9}")
        #expect(throws: TemplateError.self) { try TemplateValue(json: "{\"a\": 1,}") }
        // As Python's json.loads: a repeated key's last value wins, in the first key's place.
        #expect(try TemplateValue(json: #"{"a": 1, "b": 2, "a": 3}"#) == ["a": 3, "b": 2])
        do {
            _ = try TemplateValue(json: "{\n  \"x\": NaN}")
            Issue.record("accepted NaN")
        } catch {
            #expect(
                error.line == 2 && error.column == 8 && error.message == "invalid JSON: invalid number 'NaN'")
        }
        #expect(throws: TemplateError.self) {
            try TemplateValue(json: String(repeating: "[", count: 100_000))
        }
        var dictionary = TemplateDictionary()
        dictionary["z"] = 1
        dictionary["a"] = 2
        dictionary["z"] = 3
        #expect(dictionary.keys == ["z", "a"] && dictionary["z"] == 3 && dictionary.count == 2)
        #expect(TemplateDictionary([("a", 1), ("b", 2)]) == TemplateDictionary([("b", 2), ("a", 1)]))
    }
}
