import Foundation
import PythonInspector
import Testing

/// Broken files (Fixtures/python/broken, expected locations in its EXPECTED file): each gets one
/// located error, at the place CPython's compile() reports where it reports one.
@Suite struct PythonSyntaxErrorTests {
    /// Fixtures where CPython's location differs from ours, and why ours is the one we keep.
    static let knownDifferences: [String: String] = [
        "unclosed_bom.py": "CPython 3.11 misplaces the column by the BOM's length; we point at the bracket",
        "not_utf8.py": "CPython points past the token holding the bad byte; we point at the byte itself",
        "truncated_utf8.py": "CPython points past the token holding the bad bytes; we point at the first one",
        "unknown_cookie.py": "CPython reports line 0 for an unknown encoding; we point at the cookie",
    ]

    struct Expectation {
        var file: String
        var code: String
        var line: Int
        var column: Int
    }

    static func expectations() throws -> [Expectation] {
        let text = try String(contentsOf: PythonOracle.fixture("broken/EXPECTED"), encoding: .utf8)
        return text.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: " ")
            guard !line.hasPrefix("#"), fields.count == 4, let row = Int(fields[2]),
                let column = Int(fields[3])
            else { return nil }
            return Expectation(file: String(fields[0]), code: String(fields[1]), line: row, column: column)
        }
    }

    @Test func everyBrokenFileHasOneLocatedError() throws {
        let expectations = try Self.expectations()
        #expect(expectations.count >= 30)
        let listed = Set(expectations.map(\.file))
        let present = try FileManager.default.contentsOfDirectory(atPath: PythonOracle.fixture("broken").path)
            .filter { $0.hasSuffix(".py") }
        #expect(Set(present) == listed, "every broken fixture has an expectation")
        for expectation in expectations {
            let url = PythonOracle.fixture("broken/\(expectation.file)")
            let scan = PythonInspector.scan([UInt8](try Data(contentsOf: url)), path: expectation.file)
            let errors = scan.diagnostics.filter { $0.severity == .error }
            #expect(errors.count == 1, "\(expectation.file): \(scan.diagnostics)")
            guard let error = errors.first else { continue }
            #expect(
                [error.code, "\(error.line)", "\(error.column)"]
                    == [expectation.code, "\(expectation.line)", "\(expectation.column)"],
                "\(expectation.file): \(error.formatted(source: scan.source))")
            #expect(!error.message.isEmpty && error.file == expectation.file)
        }
    }

    @Test func locationsEqualCPythonCompile() throws {
        let expectations = try Self.expectations()
        let paths = expectations.map { PythonOracle.fixture("broken/\($0.file)").path }
        let oracle = try PythonOracle.results(mode: "compile", paths: paths)
        var agreed = 0
        for (expectation, path) in zip(expectations, paths) {
            let reference = try #require(oracle[path])
            guard let line = reference["line"] as? Int, let column = reference["column"] as? Int, line > 0,
                column > 0
            else { continue }
            if let reason = Self.knownDifferences[expectation.file] {
                #expect(!reason.isEmpty)
                continue
            }
            #expect(
                "\(expectation.line):\(expectation.column)" == "\(line):\(column)",
                "\(expectation.file): CPython says \(reference["msg"] ?? "")")
            agreed += 1
        }
        print(
            "syntax errors: \(agreed) of \(expectations.count) broken files located exactly as CPython's compile()"
        )
        #expect(agreed >= 30)
    }
}
