import RelnaCore
import Testing

@Suite struct TextEscaperTests {
    private let escaper = TextEscaper(replacements: ["\"": "\\\"", "\n": "\\n", "\u{85}": "\\N"]) { scalar in
        if scalar.value < 0x20 || (0x80..<0xA0).contains(scalar.value) {
            return .hex(prefix: "\\x", width: 2, uppercase: true)
        }
        return scalar.value == 0x2028 ? .text("<LS>") : nil
    }

    /// Replacements win over the rule, in and outside ASCII; everything else is copied as is.
    @Test func replacementsThenTheRuleThenTheCharacter() {
        #expect(
            escaper.quoted("a\"b\nc\u{1}d\u{85}e\u{9F}f\u{2028}é😀") == "\"a\\\"b\\nc\\x01d\\Ne\\x9Ff<LS>é😀\"")
        #expect(escaper.quoted("x", quote: "'") == "'x'")
    }

    @Test func jsonLiteralsEscapeLineSeparatorsOnlyWhenAsked() {
        #expect(
            JSONStringLiteral.quoted("\u{2028}\u{7F}\t", escapingLineSeparators: true)
                == "\"\\u2028\\u007f\\t\"")
        #expect(
            JSONStringLiteral.quoted("\u{2028}\u{7F}\t", escapingLineSeparators: false)
                == "\"\u{2028}\\u007f\\t\"")
    }

    /// Plain ASCII out, whatever goes in: Python reads each escape back as the character.
    @Test func pythonLiteralsAreASCII() {
        #expect(
            PythonStringLiteral.quoted("a\"b\\c\n\u{0}\u{7F}é\u{2028}😀'")
                == "\"a\\\"b\\\\c\\n\\x00\\x7f\\xe9\\u2028\\U0001f600'\"")
    }
}
