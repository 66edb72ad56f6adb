import Foundation
import Testing

/// Shell completions come from the argument parser; each shell's script is produced, names the
/// subcommands, and every command's help shows an example.
@Suite struct CompletionTests {
    @Test(arguments: ["bash", "zsh", "fish"])
    func completionScriptIsGenerated(_ shell: String) throws {
        let result = try AuthoringCLI.run(["--generate-completion-script", shell])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.count > 500)
        for command in ["init", "check", "build", "explain", "domains", "template"] {
            #expect(result.stdout.contains(command), "\(shell) completion lacks \(command)")
        }
        switch shell {
        case "bash": #expect(result.stdout.contains("-F _relna-pack relna-pack"))
        case "zsh": #expect(result.stdout.hasPrefix("#compdef relna-pack"))
        default: #expect(result.stdout.contains("complete -c 'relna-pack'"))
        }
    }

    @Test func bashCompletionIsValidBash() throws {
        let result = try AuthoringCLI.run(["--generate-completion-script", "bash"])
        let folder = try AuthoringCLI.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = folder.appendingPathComponent("relna-pack.bash")
        try result.stdout.write(to: script, atomically: true, encoding: .utf8)
        let bash = Process()
        bash.executableURL = URL(fileURLWithPath: "/bin/bash")
        bash.arguments = ["-n", script.path]
        try bash.run()
        bash.waitUntilExit()
        #expect(bash.terminationStatus == 0)
    }

    /// Every command's help at 80 columns: no example command is broken across lines by the
    /// wrapping (which would continue it at column 0; a command may go on, indented, after a line
    /// that ends in `\`), and no line but the parser's USAGE line is wider.
    @Test(arguments: [
        [], ["init"], ["check"], ["scan"], ["build"], ["run"], ["submit"], ["jobs"], ["jobs", "status"],
        ["jobs", "logs"], ["jobs", "wait"], ["jobs", "fetch"], ["jobs", "cancel"], ["rank"], ["explain"],
        ["domains"], ["template"], ["template", "check"], ["template", "render"],
    ])
    func helpExamplesStayWholeAt80Columns(_ command: [String]) throws {
        let result = try AuthoringCLI.run(command + ["--help"], environment: ["COLUMNS": "80"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for line in lines where !line.hasPrefix("USAGE:") {
            #expect(line.count <= 80, "\(command): \(line.count) columns: \(line)")
        }
        var inExamples = false
        var continued = false
        for line in lines {
            let text = line.trimmingCharacters(in: .whitespaces)
            if text.isEmpty {
                inExamples = false
            } else if text.hasPrefix("Examples") || text == "A template author:"
                || text.hasPrefix("Shell completion")
            {
                inExamples = true
            } else if inExamples {
                let indented = line.hasPrefix("  ") && (!continued || line.hasPrefix("    "))
                #expect(indented, "\(command): an example broken mid-command: \(line)")
            }
            continued = inExamples && text.hasSuffix("\\")
        }
    }

    /// The commands of issue 7 each have an `Examples:` section in their help.
    @Test(arguments: [["init"], ["explain"], ["domains"], ["template", "check"]])
    func helpShowsAnExample(_ command: [String]) throws {
        let result = try AuthoringCLI.run(command + ["--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Examples:"), "\(command) --help has no example")
        #expect(result.stdout.contains("relna-pack " + command.joined(separator: " ")))
    }
}
