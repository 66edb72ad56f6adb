import RelnaCore
import Testing

@Suite struct DiagnosticTests {
    @Test func formatsLocationSourceLineCaretAndHint() {
        let diagnostic = Diagnostic(
            severity: .error, code: "missing-entry-point", file: "agent.py", line: 2, column: 5,
            message: "expected a class 'QNetwork'", hint: "define `class QNetwork:`")
        let text = diagnostic.formatted(source: "import numpy\ndef QNetwrk():\n    pass\n")
        #expect(
            text == """
                agent.py:2:5: error: expected a class 'QNetwork'
                def QNetwrk():
                    ^
                hint: define `class QNetwork:`
                """)
    }

    @Test func keepsTabsInCaretPaddingAndHandlesCRLF() {
        let diagnostic = Diagnostic(
            severity: .warning, code: "x", file: "a.py", line: 2, column: 3, message: "m")
        #expect(diagnostic.formatted(source: "a\r\n\tbc\r\n") == "a.py:2:3: warning: m\n\tbc\n\t ^")
    }

    @Test func fileLevelDiagnosticHasNoSourceLine() {
        let diagnostic = Diagnostic(
            severity: .error, code: "too-large", file: "a.py", line: 0, column: 0, message: "too large")
        #expect(diagnostic.formatted(source: "x = 1\n") == "a.py: error: too large")
    }

    @Test func lastLineWithoutTerminatorIsFound() {
        #expect(Diagnostic.line(3, of: "a\rb\nc") == "c")
        #expect(Diagnostic.line(4, of: "a\rb\nc") == nil)
    }
}
