import Foundation
import Testing

/// Argument-parser errors of `build` and `check` with `--json`: one JSON failure report on stdout
/// (docs/json-output.md), the parser's message still on stderr, exit 64.
@Suite struct UsageErrorJSONTests {
    static let good = CLI.goodAgent

    @Test(arguments: [
        (["build", good, "--domain", "mini", "--json", "--no-such-flag"], "Unknown option '--no-such-flag'"),
        (["check", "--json"], "Missing expected argument '<agent>'"),
        (["check", good, "--domain", "mini", "--json", "--set"], "Missing value for '--set <set>'"),
    ])
    func parserErrorsBecomeOneJSONReport(arguments: [String], message: String) throws {
        let result = try CLI.run(arguments)
        #expect(result.status == 64)
        let report = try result.json()
        #expect(report["status"] as? String == "usage")
        #expect(report["exit_code"] as? Int == 64)
        #expect(report["command"] as? String == arguments[0])
        let diagnostics = try #require(report["diagnostics"] as? [[String: Any]])
        try #require(diagnostics.count == 1)
        #expect(diagnostics[0]["severity"] as? String == "error")
        #expect(diagnostics[0]["code"] as? String == "invalid-arguments")
        #expect(diagnostics[0]["file"] as? String == "<command-line>")
        #expect(diagnostics[0]["line"] as? Int == 0)
        #expect(diagnostics[0]["message"] as? String == message)
        #expect(result.stderr.contains(message))
    }

    /// Without --json the output is the parser's alone; help stays help.
    @Test func noJSONUnlessAskedForOrOnHelp() throws {
        let plain = try CLI.run(["build", Self.good, "--domain", "mini", "--no-such-flag"])
        #expect(plain.status == 64)
        #expect(plain.stdout.isEmpty)
        #expect(plain.stderr.contains("Unknown option '--no-such-flag'"))
        let help = try CLI.run(["check", "--json", "--help"])
        #expect(help.status == 0)
        #expect(help.stdoutText.contains("Examples:"))
        #expect((try? JSONSerialization.jsonObject(with: Data(help.stdout))) == nil)
    }
}
