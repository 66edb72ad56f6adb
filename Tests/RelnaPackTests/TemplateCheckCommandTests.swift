import Foundation
import Testing

/// `relna-pack template check`: exit codes, the human report on stderr, JSON on stdout, colour rules.
@Suite struct TemplateCheckCommandTests {
    static func domain(_ name: String) -> String { CLI.brokenDomains + "/" + name }

    static func python() -> [String] { ["--python", AuthoringCLI.python] }

    @Test func aCleanDomainExitsZero() throws {
        let result = try AuthoringCLI.run(
            ["template", "check", Self.domain("control_clean")] + Self.python())
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("template check: \(Self.domain("control_clean")): ok"))
    }

    @Test func warningsAloneStillExitZero() throws {
        let result = try AuthoringCLI.run(
            ["template", "check", Self.domain("warning_unused_hyperparameter")] + Self.python())
        #expect(result.status == 0)
        #expect(
            result.stderr.contains(
                "warning: hyperparameter 'momentum' is declared but no skeleton file reads it"))
    }

    @Test func errorsExit65WithLocationSourceLineAndCaret() throws {
        let result = try AuthoringCLI.run(
            ["template", "check", Self.domain("template_misspelled_variable")], environment: ["NO_COLOR": "1"]
        )
        #expect(result.status == 65)
        let file = Self.domain("template_misspelled_variable") + "/task.py.j2"
        #expect(result.stderr.contains("\(file):1:7: error: template reads 'titel'"))
        #expect(result.stderr.contains("\"\"\"{{ titel }}: trains"))
        #expect(result.stderr.contains("\n      ^\n"))
        #expect(!result.stderr.contains("\u{1B}["))
    }

    @Test func jsonGoesToStandardOutputAlone() throws {
        let result = try AuthoringCLI.run([
            "template", "check", Self.domain("template_unknown_filter"), "--json",
        ])
        #expect(result.status == 65)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["ok"] as? Bool == false)
        let codes = (object["diagnostics"] as? [[String: Any]])?.compactMap { $0["code"] as? String }
        #expect(codes == ["template-syntax"])
        #expect(result.stderr.isEmpty)
    }

    @Test func aMissingFolderIsAUsageError() throws {
        let result = try AuthoringCLI.run(["template", "check", Self.domain("no_such_domain")])
        #expect(result.status == 64)
        #expect(result.stderr.contains("no such folder"))
    }

    /// On a terminal (a pty from util-linux `script`) diagnostics are coloured, unless NO_COLOR is set.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func colourOnlyOnATerminalAndNeverWithNoColor() throws {
        let command =
            "'\(AuthoringCLI.executable)' template check '\(Self.domain("template_misspelled_variable"))'"
        let onTerminal = try AuthoringCLI.run(
            ["-qec", command, "/dev/null"], removing: ["NO_COLOR"], executable: "/usr/bin/script")
        #expect(onTerminal.stdout.contains("\u{1B}[1;31merror:\u{1B}[0m"))
        let noColor = try AuthoringCLI.run(
            ["-qec", command, "/dev/null"], environment: ["NO_COLOR": "1"], executable: "/usr/bin/script")
        #expect(noColor.stdout.contains("error: template reads 'titel'"))
        #expect(!noColor.stdout.contains("\u{1B}["))
    }
}
