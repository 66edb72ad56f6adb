import Testing

@testable import RelnaYAML

@Suite struct YAMLReaderTests {
    @Test func keepsLinesColumnsAndOrder() throws {
        let root = try YAMLReader().parse("b: 1\na:\n  - x\n  - 'y'\n")
        guard case .mapping(let pairs) = root.content else {
            Issue.record("expected a mapping")
            return
        }
        #expect(pairs.map { $0.key.scalarText } == ["b", "a"])
        guard case .sequence(let items) = pairs[1].value.content else {
            Issue.record("expected a list")
            return
        }
        #expect(items.map { [$0.line, $0.column] } == [[3, 5], [4, 5]])
        #expect(items[1].content == .scalar("y", .string))
    }

    @Test func typesPlainScalarsOnly() {
        #expect(YAMLScalar.resolve("12", style: .plain) == .int(12))
        #expect(YAMLScalar.resolve("1e3", style: .plain) == .double(1000))
        #expect(YAMLScalar.resolve("true", style: .plain) == .bool(true))
        #expect(YAMLScalar.resolve("~", style: .plain) == .null)
        #expect(YAMLScalar.resolve("2.11", style: .string) == .string("2.11"))
        #expect(YAMLScalar.resolve("1.0.0", style: .plain) == .string("1.0.0"))
    }

    @Test func resolvesAliases() throws {
        let root = try YAMLReader().parse("a: &x [1, 2]\nb: *x\n")
        guard case .mapping(let pairs) = root.content else {
            Issue.record("expected a mapping")
            return
        }
        #expect(pairs[0].value.content == pairs[1].value.content)
    }

    @Test func boundsAliasExpansion() {
        var text = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        let names = Array("abcdefghij")
        for index in 1..<names.count {
            let previous = names[index - 1]
            text +=
                "\(names[index]): &\(names[index]) ["
                + Array(repeating: "*\(previous)", count: 10).joined(separator: ", ")
                + "]\n"
        }
        #expect(throws: YAMLError.self) { try YAMLReader().parse(text) }
        do {
            _ = try YAMLReader().parse(text)
        } catch {
            #expect(error.message.contains("aliases are bounded"))
        }
    }

    @Test func rejectsDuplicateKeysAndBadSyntax() {
        do {
            _ = try YAMLReader().parse("a: 1\nb: 2\na: 3\n")
            Issue.record("duplicate key accepted")
        } catch {
            #expect(error.line == 3 && error.column == 1)
            #expect(error.message == "duplicate key 'a'")
        }
        do {
            _ = try YAMLReader().parse("a: [1, 2\nb: 3\n")
            Issue.record("bad syntax accepted")
        } catch {
            #expect(error.line >= 2)
        }
    }

    @Test func boundsDepth() {
        let text = String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        #expect(throws: YAMLError.self) { try YAMLReader().parse(text) }
    }
}
