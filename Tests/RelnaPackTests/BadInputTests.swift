import Foundation
import Testing

/// Every case under Fixtures/bad/: the exit code, the first diagnostic's location, code and message,
/// and that the output folder is left exactly as it was (no sdist, no temporary file).
@Suite struct BadInputTests {
    static let casesFolder = CLI.root.appendingPathComponent("Fixtures/bad")

    static var cases: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: casesFolder.path)) ?? []).filter {
            FileManager.default.fileExists(atPath: casesFolder.appendingPathComponent("\($0)/case.json").path)
        }.sorted()
    }

    struct Case: Decodable {
        struct Expected: Decodable {
            var file: String
            var line: Int
            var column: Int
            var code: String
            var message: String
        }

        var purpose: String
        var args: [String]
        var exit: Int32
        var diagnostic: Expected
        var stdin: String?
    }

    @Test func thereAreAtLeast25Cases() {
        #expect(Self.cases.count >= 25)
    }

    @Test(arguments: cases)
    func rejects(_ name: String) throws {
        let folder = Self.casesFolder.appendingPathComponent(name)
        let spec = try JSONDecoder().decode(
            Case.self, from: Data(contentsOf: folder.appendingPathComponent("case.json")))
        func expand(_ text: String) -> String {
            text.replacingOccurrences(of: "{case}", with: folder.path)
                .replacingOccurrences(
                    of: "{fixtures}", with: CLI.root.appendingPathComponent("Fixtures").path)
        }
        let output = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        try Data("keep".utf8).write(to: output.appendingPathComponent("existing.txt"))
        let arguments = spec.args.map(expand) + ["--output-dir", output.path]

        // JSON form: exit code and the first diagnostic's fields.
        let result = try CLI.run(arguments + ["--json"], stdin: Array((spec.stdin ?? "").utf8))
        #expect(result.status == spec.exit, "\(spec.purpose)\n\(result.stderr)")
        let report = try result.json()
        #expect(report["exit_code"] as? Int == Int(spec.exit))
        let diagnostics = report["diagnostics"] as? [[String: Any]] ?? []
        let first = try #require(diagnostics.first, "no diagnostic: \(result.stdoutText)")
        let expected = spec.diagnostic
        let file = first["file"] as? String ?? ""
        #expect(file == expand(expected.file) || file.hasSuffix("/" + expected.file), "\(file)")
        if expected.line > 0 { #expect(first["line"] as? Int == expected.line, "\(first)") }
        if expected.column > 0 { #expect(first["column"] as? Int == expected.column, "\(first)") }
        #expect(first["code"] as? String == expected.code, "\(first)")
        #expect((first["message"] as? String ?? "").contains(expected.message), "\(first)")
        #expect(first["severity"] as? String == "error")

        // Human form: the same exit code, `file:line:column: error: message` on stderr, nothing on stdout.
        let human = try CLI.run(arguments, stdin: Array((spec.stdin ?? "").utf8))
        #expect(human.status == spec.exit)
        #expect(human.stdout.isEmpty)
        #expect(human.stderr.contains("error: "), "\(human.stderr)")
        #expect(human.stderr.contains(expected.message))

        #expect(try FileManager.default.contentsOfDirectory(atPath: output.path) == ["existing.txt"])
    }
}
