import RelnaCore
import Testing

@Suite struct JSONValueTests {
    private struct Sample: Encodable {
        var name = "a\u{2028}b"
        var count: Int = 3
        var small: UInt8 = 7
        var ratio = 0.5
        var whole = 2.0
        var flag = true
        var missing: String? = nil
        var items = ["x", "y"]
        var nested = ["z": 1, "b": 2]
    }

    @Test func encodableValuesAreWrittenByTheOneWriter() throws {
        let value = try JSONValueEncoder.encode(Sample())
        #expect(
            value.text()
                == #"{"count":3,"flag":true,"items":["x","y"],"name":"a\u2028b","nested":{"b":2,"z":1},"ratio":0.5,"small":7,"whole":2.0}"#
        )
    }

    @Test func prettyTextIndentsAndKeepsOrder() {
        let value = JSONValue.object([("b", .array([.int(1), .null])), ("a", .object([]))])
        #expect(value.text(indent: 2) == "{\n  \"b\": [\n    1,\n    null\n  ],\n  \"a\": {}\n}")
    }

    /// The rank canonical form digests U+2028/U+2029 as they are; documents for people escape them.
    @Test func lineSeparatorsAreEscapedExceptInCanonicalForms() {
        #expect(JSONStringLiteral.quoted("\u{2028}", escapingLineSeparators: true) == #""\u2028""#)
        #expect(JSONStringLiteral.quoted("\u{2029}\n", escapingLineSeparators: false) == "\"\u{2029}\\n\"")
        #expect(LocatedJSON.quoted("\u{2028}") == "\"\u{2028}\"")
    }
}
