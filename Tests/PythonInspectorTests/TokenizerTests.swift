import Foundation
import Testing

@testable import PythonInspector

/// Hand-picked lexical corners, each compared with CPython's `tokenize` (through the oracle helper).
@Suite struct TokenizerTests {
    static let cases: [(String, [UInt8])] = [
        (
            "numbers.py",
            Array("x = 0x_1f + 0o17 + 0B1_0 + 1_000.5e-3j + .5 + 5. + 1E+10 + 0.0J + 00 + 1if 1else 2\n".utf8)
        ),
        (
            "prefixes.py",
            Array("a = rb'a' + Rb'a' + bR\"a\" + u'x' + F'x' + fR'{x}' + BR'''a\nb''' + '\\\n'\n".utf8)
        ),
        ("crlf.py", Array("def f(a,\r\n      b):\r\n    return (a +\r\n        b)\r\n".utf8)),
        ("formfeed.py", Array("if x:\n\u{0C}    y = 1\n    z = 2\n".utf8)),
        ("tabs.py", Array("if x:\n\tif y:\n\t\tz = 2\n\tw = 3\n".utf8)),
        ("bom.py", [0xEF, 0xBB, 0xBF] + Array("x = 1\n".utf8)),
        ("unicode_names.py", Array("φ = 1; café = 2  # é\ns = 'naïve' + \"日本\"\n".utf8)),
        ("no_final_newline.py", Array("x = 1\ny = 2".utf8)),
        ("comment_at_eof.py", Array("x = 1\n# done".utf8)),
        ("blank_tail.py", Array("if x:\n    y\n   ".utf8)),
        ("continuation.py", Array("x = 1 + \\\n    2\nif (a and\n\n    b):  # c\n    pass\n".utf8)),
        (
            "operators.py",
            Array("a **= b; c //= d; e >>= f; g <<= h; i -> j; k := l; m != n; o @= p; ...\n".utf8)
        ),
        (
            "decorators.py",
            Array(
                "@dataclass(frozen=True)\nclass A:\n    x: int = 0\n\n    @property\n    def y(self): ...\n"
                    .utf8)
        ),
        ("triple.py", Array("s = '''a\n'b' \"\"\" \\''' c\n'''\nt = \"\"\"\n\"\"\"\n".utf8)),
        ("fstrings.py", Array("f'{a!r:>{w}}' f\"{x['k']}\" rf'{y}\\d' f'''{\nz\n}'''\n".utf8)),
        (
            "dedents.py",
            Array("class A:\n    def f(self):\n        if x:\n            pass\n# c\nx = 1\n".utf8)
        ),
        ("empty.py", []),
        ("only_comment.py", Array("# just a comment\n".utf8)),
    ]

    @Test func handPickedSourcesEqualCPythonTokenize() throws {
        let (folder, paths) = try PythonOracle.temporaryFiles(Self.cases)
        defer { try? FileManager.default.removeItem(at: folder) }
        let oracle = try PythonOracle.results(mode: "tokens", paths: paths, batches: 1)
        for ((name, bytes), path) in zip(Self.cases, paths) {
            let expected = try #require(oracle[path])
            #expect(expected["ok"] as? Bool == true, "\(name): CPython rejects the case itself")
            let tokens = try #require(expected["tokens"] as? [[Any]])
            guard case .success(let stream) = PythonInspector.tokenize(bytes) else {
                Issue.record("\(name): not UTF-8")
                continue
            }
            #expect(stream.error == nil, "\(name): \(String(describing: stream.error))")
            let ours = stream.tokens.map {
                [
                    $0.kind.tokName, stream.text($0), "\($0.startLine)", "\($0.startColumn)", "\($0.endLine)",
                    "\($0.endColumn)",
                ]
            }
            let theirs = tokens.map { $0.map { "\($0)" } }
            #expect(ours == theirs, "\(name)")
        }
    }

    /// PEP 701 f-strings (Python 3.12) reuse the outer quotes inside replacement fields; the installed
    /// CPython 3.11 cannot tokenize them, but a student's file may use them: each is one STRING.
    @Test(arguments: [
        "f\"{x[\"a\"]}\"\n", "f\"{\"\\n\".join(xs)}\"\n", "f'{f'{x}'}'\n",
        "f\"{x:{w}.{p}}\" + f\"{'a' if b else \"c\"}\"\n",
        "f'''{\n    x  # a comment\n}'''\n",
    ])
    func pep701FormatStringsScanAsOneString(source: String) {
        guard case .success(let stream) = PythonInspector.tokenize(Array(source.utf8)) else {
            Issue.record("not UTF-8")
            return
        }
        #expect(stream.error == nil)
        let strings = stream.tokens.filter { $0.kind == .string }
        #expect(strings.count == (source.contains(" + ") ? 2 : 1), "\(stream.tokens.map { stream.text($0) })")
        let scan = PythonInspector.scan(Array(("x = " + source).utf8), path: "a.py")
        #expect(scan.diagnostics.isEmpty)
        #expect(scan.module.assignments.map(\.names) == [["x"]])
    }

    @Test func tokensCoverTheSourceInOrder() {
        let source =
            "import os\nclass A(B):\n    def f(self, *a, **k) -> None:\n        return {1: [2, (3,)]}\n"
        guard case .success(let stream) = PythonInspector.tokenize(Array(source.utf8)) else {
            Issue.record("not UTF-8")
            return
        }
        var previousEnd = 0
        for token in stream.tokens {
            #expect(token.start >= previousEnd && token.end >= token.start)
            previousEnd = token.end
        }
        #expect(stream.tokens.last?.kind == .endmarker)
    }

    /// Positions are kept in 32 bits each: a token is its kind (padded to four bytes)
    /// and six of them.
    @Test func tokensStayCompact() {
        #expect(MemoryLayout<PythonToken>.size == 7 * MemoryLayout<Int32>.size)
        let token = PythonToken(
            kind: .name, start: 1 << 30, end: (1 << 30) + 5, startLine: 7, startColumn: 3, endLine: 7,
            endColumn: 8)
        #expect(token.start == 1 << 30 && token.end == (1 << 30) + 5 && token.endColumn == 8)
    }
}
