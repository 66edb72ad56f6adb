import Foundation
import RelnaYAML
import Testing

@testable import Jobs

@Suite struct JobYAMLTests {
    static let awkwardStrings = [
        "plain", "", " leading space", "trailing space ", "true", "no", "null", "~", "1.0", "0x1F", "1e3",
        "- dash", "key: value", "# not a comment", "quote \" and 'single'", "back\\slash", "new\nline",
        "tab\there", "\u{7}bell", "caf\u{E9} \u{1F680}", "line\u{2028}separator", "nbsp\u{A0}", "@at",
        "*star",
        "&amp", "!tag", "%percent", "{brace}", "[bracket]", "|pipe", ">fold", "`tick`", "---", "...",
        "--env=CartPole-v1", "--learning-rate=-0.5",
    ]

    @Test func stringsSurvivePyYAMLExactly() throws {
        let document = YAMLNode.mapping([
            YAMLEntry("args", .sequence(Self.awkwardStrings.map(YAMLNode.string))),
            YAMLEntry("odd key: #1", "v"),
            YAMLEntry("true", "key that reads as a boolean"),
        ])
        let parsed = try JobTestSupport.pyyamlDocuments(YAMLWriter.document(document))
        let root = try #require(parsed.first as? [String: Any])
        #expect(root["args"] as? [String] == Self.awkwardStrings)
        #expect(root["odd key: #1"] as? String == "v")
        #expect(root["true"] as? String == "key that reads as a boolean")
    }

    @Test func numbersKeepTheirTypesInYAML11() throws {
        let values: [Double] = [0.001, 1e-05, 1e20, 100, -2.5, 0, 3.14159, 1e-300]
        let document = YAMLNode.mapping([
            YAMLEntry("doubles", .sequence(values.map(YAMLNode.double))),
            YAMLEntry("ints", .sequence([.int(0), .int(-7), .int(4096)])),
            YAMLEntry("flags", .sequence([true, false])),
            YAMLEntry("empty", .sequence([])),
            YAMLEntry("nothing", .mapping([])),
        ])
        let text = YAMLWriter.document(document)
        #expect(text.contains("- 1.0e-05\n"))
        let root = try #require(try JobTestSupport.pyyamlDocuments(text).first as? [String: Any])
        let doubles = try #require(root["doubles"] as? [NSNumber])
        #expect(doubles.map(\.doubleValue) == values)
        // JSONSerialization gives NSNumber for both; the JSON text PyYAML produced tells them apart.
        #expect(root["ints"] as? [Int] == [0, -7, 4096])
        #expect(root["flags"] as? [Bool] == [true, false])
        #expect((root["empty"] as? [Any])?.isEmpty == true)
        #expect((root["nothing"] as? [String: Any])?.isEmpty == true)
    }

    @Test func blockLayoutOfNestedSequencesAndMappings() {
        let document = YAMLNode.mapping([
            YAMLEntry(
                "workerPoolSpecs",
                .sequence([
                    .mapping([
                        YAMLEntry("machineSpec", .mapping([YAMLEntry("machineType", "n1-standard-4")])),
                        YAMLEntry("replicaCount", 1),
                    ])
                ])),
            YAMLEntry("matrix", .sequence([.sequence([1, 2]), .sequence([])])),
        ])
        #expect(
            YAMLWriter.document(document, comment: ["made by a test"]) == """
                # made by a test
                workerPoolSpecs:
                  - machineSpec:
                      machineType: "n1-standard-4"
                    replicaCount: 1
                matrix:
                  - - 1
                    - 2
                  - []

                """)
    }

    @Test func readerRoundTripsWhatTheWriterWrites() throws {
        let document = YAMLNode.mapping([
            YAMLEntry("args", .sequence(Self.awkwardStrings.map(YAMLNode.string))),
            YAMLEntry("numbers", .sequence([.int(3), .double(0.25), .double(1e-05), .bool(false), .null])),
            YAMLEntry(
                "nested", .mapping([YAMLEntry("deeper", .sequence([.mapping([YAMLEntry("k", "v")])]))])),
        ])
        let text = YAMLWriter.stream([(document, ["first"]), (.mapping([YAMLEntry("second", 2)]), [])])
        let documents = try YAMLReader().documents(text)
        #expect(documents == [document, .mapping([YAMLEntry("second", 2)])])
    }

    @Test func readerReportsWhereTheYAMLIsBroken() {
        #expect(throws: YAMLError.self) { try YAMLReader().documents("a: [1, 2\nb: 3\n") }
        do {
            _ = try YAMLReader().documents("a: 1\na: 2\n")
            Issue.record("a duplicate key was accepted")
        } catch {
            #expect(error.line == 2)
            #expect(error.message.contains("duplicate key 'a'"))
        }
        do {
            try YAMLReader().documents("? [a]\n: 1\n").first?.requireScalarKeys()
            Issue.record("a sequence key was accepted")
        } catch {
            #expect(error == YAMLError(line: 1, column: 3, message: "a mapping key must be a string"))
        }
    }

    /// Job files are read by the manifest's reader: aliases resolve, bounded, instead of being refused.
    @Test func readerResolvesBoundedAliasesAndReadsEveryDocument() throws {
        let documents = try YAMLReader().documents("a: &x 1\nb: *x\n---\n- 2\n")
        #expect(documents == [.mapping([YAMLEntry("a", 1), YAMLEntry("b", 1)]), .sequence([2])])
        #expect(try YAMLReader().documents("").isEmpty)
        #expect(throws: YAMLError.self) { try YAMLReader().parse("a: 1\n---\nb: 2\n") }
    }
}
