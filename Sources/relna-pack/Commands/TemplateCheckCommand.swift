import ArgumentParser
import Foundation
import TrainerGen

struct TemplateCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate a domain folder: manifest, templates, starters and the Python they generate.",
        discussion: """
            Reports every problem in one run, each at file:line:column: the manifest; skeleton files \
            that are missing; templates that do not parse, include outside the root, or read names \
            the render context lacks; starters that fail `relna-pack check`; renders that fail, differ \
            between two runs, or produce Python that the inspector or CPython rejects. Declared \
            hyperparameters no skeleton reads and entry points no skeleton calls are warnings. \
            docs/templates.md explains each diagnostic.

            Exit status: 0 no errors (warnings allowed), 65 errors, 64 usage.

            Examples:
              relna-pack template check Templates/dqn
              relna-pack template check my-templates/bandit --json | jq '.diagnostics[]'
            """)

    @Argument(help: "The domain folder (holding manifest.yaml).")
    var directory: String

    @Flag(help: "Print one JSON document (the diagnostics as values) on standard output.")
    var json = false

    @Option(help: ArgumentHelp("The Python interpreter that compiles generated files.", valueName: "path"))
    var python: String?

    @Flag(help: "Do not compile generated files with Python (the inspector still scans them).")
    var noPython = false

    func validate() throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory),
            isDirectory.boolValue
        else {
            throw ValidationError("no such folder: \(directory)")
        }
        if let python, !FileManager.default.isExecutableFile(atPath: python) {
            throw ValidationError("--python \(python): not an executable file")
        }
    }

    func run() throws {
        let interpreter = noPython ? nil : (python ?? PythonCompileCheck.pythonOnPath())
        let options = TemplateChecker.Options(python: interpreter, compileDisabled: noPython)
        let report = TemplateChecker(options: options).check(directory: directory)
        if json {
            print(report.jsonText)
        } else {
            let color = TerminalStyle.forStream(fileDescriptor: STDERR_FILENO).enabled
            var text = report.formattedDiagnostics(color: color)
            text += (text.isEmpty ? "" : "\n") + report.summary + "\n"
            FileHandle.standardError.write(Data(text.utf8))
        }
        if !report.ok { throw ExitCode(.badData) }
    }
}
