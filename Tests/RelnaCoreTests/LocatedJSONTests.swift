import RelnaCore
import Testing

/// The one located JSON reader (metrics files, render contexts, helpers' answers).
@Suite struct LocatedJSONTests {
    private func parse(_ text: String) throws(DocumentError) -> LocatedJSON {
        try LocatedJSON.parse(Array(text.utf8))
    }

    @Test func valuesRememberWhereTheyStart() throws {
        let root = try parse("{\n  \"a\": [1, \"é\", true],\n  \"b\": {\"c\": null}\n}")
        #expect(root.line == 1 && root.column == 1)
        let array = try #require(root["a"])
        #expect(array.line == 2 && array.column == 8)
        guard case .array(let items) = array.value else {
            Issue.record("expected an array")
            return
        }
        #expect(items[2].line == 2 && items[2].column == 17)  // after the two-byte é, counted once
        #expect(root["b"]?["c"]?.value == .null)
    }

    @Test func numbersKeepTheirTextAndConvert() throws {
        let root = try parse("[500, 500.0, -1.5e3, 0, NaN, Infinity, -Infinity]")
        guard case .array(let items) = root.value else { return }
        #expect(items.map(\.integer) == [500, 500, -1500, 0, nil, nil, nil])
        #expect(items[4].double?.isNaN == true)
        #expect(items[6].double == -.infinity)
        #expect(items[1].canonical == "500.0")
    }

    @Test func stringsDecodeEscapesAndSurrogatePairs() throws {
        let root = try parse(#"["a\"b\\c\/d\n\u00e9\ud83d\ude00"]"#)
        guard case .array(let items) = root.value else { return }
        #expect(items[0].string == "a\"b\\c/d\né😀")
    }

    @Test(arguments: [
        ("{\"a\": 1 \"b\": 2}", 1, 9, "expected ',' or '}'"),
        ("{\"a\": 1,}", 1, 9, "expected a key string"),
        ("{\"a\": [1, 2", 1, 12, "unexpected end of file inside an array"),
        ("{\"a\": \"x", 1, 9, "unexpected end of file inside a string"),
        ("{\"a\": 01}", 1, 8, "expected ',' or '}'"),
        ("{\"a\": tru}", 1, 10, "unexpected character; expected 'true'"),
        ("{\"a\": 1, \"a\": 2}", 1, 10, "duplicate key 'a'"),
        ("{} x", 1, 4, "unexpected text after the JSON document"),
        ("", 1, 1, "unexpected end of file; expected a JSON value"),
        ("[\"\\q\"]", 1, 4, "invalid escape"),
        ("[\"\\ud800\"]", 1, 9, "unpaired surrogate"),
    ])
    func syntaxErrorsAreLocated(text: String, line: Int, column: Int, message: String) {
        do {
            _ = try parse(text)
            Issue.record("expected a syntax error for \(text)")
        } catch {
            #expect(error.line == line && error.column == column, "\(error)")
            #expect(error.message.hasPrefix(message), "\(error.message)")
        }
    }

    @Test func invalidUTF8IsAnErrorNotAReplacement() {
        #expect(throws: DocumentError.self) { try LocatedJSON.parse([0x22, 0xC3, 0x28, 0x22]) }
    }

    @Test func hostileNestingEndsInAnErrorNotACrash() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        do {
            _ = try parse(deep)
            Issue.record("expected the depth limit")
        } catch {
            #expect(error.message.contains("nested more than"))
        }
    }

    @Test func duplicateKeysAreRejectedOrTheLastWins() throws {
        #expect(throws: DocumentError.self) { try parse(#"{"a": 1, "a": 2}"#) }
        let merged = try LocatedJSON.parse(Array(#"{"a": 1, "b": 2, "a": 3}"#.utf8), duplicateKeys: .lastWins)
        guard case .object(let members) = merged.value else {
            Issue.record("not an object")
            return
        }
        #expect(members.map(\.key) == ["a", "b"])
        #expect(merged["a"]?.integer == 3 && merged["a"]?.column == 23)
    }
}
