import Foundation
import Testing

@testable import TemplateEngine

/// `pyrepr`, `pyident` and `snake_case` against Python itself.
@Suite struct CodeGenerationTests {
    static let strings: [String] = [
        "", "plain", "it's", "say \"hi\"", "both ' and \"", "back\\slash", "new\nline", "tab\there", "cr\rlf",
        "nul\u{0}", "bell\u{7}", "esc\u{1B}[0m", "del\u{7F}", "c1\u{80}\u{9F}", "nbsp\u{A0}",
        "soft\u{AD}hyphen",
        "zero\u{200B}width", "ls\u{2028}ps\u{2029}", "bom\u{FEFF}", "private\u{E000}", "caf\u{E9}",
        "e\u{301}", "\u{65E5}\u{672C}", "\u{1F600}", "\u{1D11E}", "tag\u{E0001}",
        "mixed '\"\\\n\t\u{0}\u{1F600}",
        "\"\"\"", "'''", "\\'", "\\\"", "ends with backslash\\",
    ]

    @Test func pyreprOfStringsMatchesPythonRepr() throws {
        let answer = try JinjaOracle.run(["strings": Self.strings])
        let expected = try #require(answer["strings"] as? [String])
        try #require(expected.count == Self.strings.count)
        for (text, reference) in zip(Self.strings, expected) {
            #expect(try CodeGeneration.pyrepr(.string(text)) == reference, "\(reference)")
        }
    }

    static let floats: [Double] = [
        0.1, 1e-05, 1e16, 123456789.123456789, -0.0, 0.0, 1.0, 100.0, 1e15, 9999999999999998.0, 1e-4, 0.00012,
        1.5e300, .leastNonzeroMagnitude, 2.2250738585072014e-308, 1.7976931348623157e308, 1.0 / 3.0,
        2.0 / 3.0, 123e-20,
        0.30000000000000004, 1e22, 1e100, -2.5, 4.35, 1234567.0, 12345678901234567.0, 0.5, 3.141592653589793,
    ]

    @Test func pyreprOfFloatsMatchesPythonRepr() throws {
        let answer = try JinjaOracle.run(["floats": Self.floats.map(\.description)])
        let expected = try #require(answer["floats"] as? [String])
        try #require(expected.count == Self.floats.count)
        for (number, reference) in zip(Self.floats, expected) {
            #expect(try CodeGeneration.pyrepr(.double(number)) == reference)
            #expect(PythonText.floatRepr(number) == reference)
        }
        #expect(PythonText.floatRepr(1e-05) == "1e-05")
        #expect(PythonText.floatRepr(1e16) == "1e+16")
        #expect(PythonText.floatRepr(-0.0) == "-0.0")
    }

    @Test func pyreprOfNestedValuesMatchesPythonRepr() throws {
        let values: [TemplateValue] = [
            ["a": 1, "b": [true, false, nil], "c": ["d": 0.5, "it's": "x\ny"]],
            [1, "two", 3.0, [4, [5]], [:], []], .none, .bool(true), .int(-42), .int(Int.max),
        ]
        let answer = try JinjaOracle.run(["json": values.map(jsonText)])
        let expected = try #require(answer["json"] as? [String])
        try #require(expected.count == values.count)
        for (value, reference) in zip(values, expected) {
            #expect(try CodeGeneration.pyrepr(value) == reference)
        }
    }

    @Test func pyreprRejectsNonFiniteFloats() {
        for value: TemplateValue in [
            .double(.infinity), .double(-.infinity), .double(.nan), [["x": .double(.nan)]],
        ] {
            #expect(throws: CodeGeneration.Failure.self) { try CodeGeneration.pyrepr(value) }
        }
    }

    /// Whatever a string holds, the literal pyrepr makes of it evaluates back to the same string.
    @Test func pyreprNeverBreaksOutOfTheLiteral() throws {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [Unicode.Scalar] = [
            "'", "\"", "\\", "\n", "\r", "\t", "\u{0}", "a", "{", "}", "\u{2028}", "\u{1F600}", "#",
        ]
        var samples: [String] = []
        for _ in 0..<200 {
            var text = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0..<12, using: &generator) {
                text.append(alphabet.randomElement(using: &generator) ?? "a")
            }
            samples.append(String(text))
        }
        let template = try Template(source: "{% for s in samples %}{{ s | pyrepr }}\n{% endfor %}", name: "t")
        let output = try template.render(context: ["samples": .list(samples.map(TemplateValue.string))])
        // Each repr is one line of Python source; Python's own repr of the same strings must agree.
        let answer = try JinjaOracle.run(["strings": samples])
        let expected = try #require(answer["strings"] as? [String])
        #expect(output == expected.map { $0 + "\n" }.joined())
    }

    @Test func pyidentAcceptsIdentifiersAndRejectsTheRest() {
        for good in ["x", "_", "learning_rate", "Class2", "match", "case", "type", "_private"] {
            #expect((try? CodeGeneration.pyident(good)) == good)
        }
        for bad in [
            "", "2fast", "class", "None", "lambda", "with space", "dash-ed", "caf\u{E9}", "a.b", "x\n",
        ] {
            #expect(throws: CodeGeneration.Failure.self) { try CodeGeneration.pyident(bad) }
        }
    }

    @Test func snakeCase() {
        let cases: [(String, String)] = [
            ("HTTPServerError2Go", "http_server_error2_go"), ("learningRate", "learning_rate"),
            ("already_snake", "already_snake"), ("Kebab-case name", "kebab_case_name"), ("ABC", "abc"),
            ("getHTTPResponseCode", "get_http_response_code"), ("CartPole-v1", "cart_pole_v1"), ("", ""),
            ("  --Weird__input!!  ", "weird_input"), ("caf\u{E9}Bar", "caf_bar"),
        ]
        for (input, expected) in cases { #expect(CodeGeneration.snakeCase(input) == expected, "\(input)") }
    }
}

/// A JSON text for a value (test helper; the engine itself only reads JSON).
func jsonText(_ value: TemplateValue) -> String {
    switch value {
    case .none: return "null"
    case .bool(let flag): return flag ? "true" : "false"
    case .int(let number): return String(number)
    case .double(let number): return PythonText.floatRepr(number)
    case .string(let text):
        var out = ""
        PythonText.appendJSONString(text, to: &out)
        return out
    case .list(let items): return "[" + items.map(jsonText).joined(separator: ",") + "]"
    case .dict(let dictionary):
        var out = ""
        for (key, item) in dictionary {
            if !out.isEmpty { out += "," }
            PythonText.appendJSONString(key, to: &out)
            out += ":" + jsonText(item)
        }
        return "{" + out + "}"
    }
}
