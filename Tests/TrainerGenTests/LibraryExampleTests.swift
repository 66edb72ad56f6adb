import Foundation
import TestSupport
import Testing
import TrainerGen

// README example begin
/// `relna-pack build agent.py --domain dqn --set learning_rate=0.0005 --output-dir dist`, as a call.
func buildTrainer(agentPath: String, outputFolder: URL) -> Int32 {
    do throws(BuildFailure) {
        let agent = try BuildRequest.readAgent(agentPath)
        let request = BuildRequest(
            domain: "dqn", searchPath: TemplateSearchPath(roots: [.builtIn]), agent: agent.bytes,
            agentPath: agent.path, settings: ["learning_rate=0.0005"], output: .folder(outputFolder))
        // Checks, renders and archives in memory: the sdist's bytes, the job request, the diagnostics.
        let product = try BuildPipeline.build(request)
        for diagnostic in product.diagnostics { print(diagnostic.formatted(source: nil)) }
        // Writes the job request and then the sdist, each atomically.
        let written = try product.write()
        print("built \(written.package?.path ?? "-") (sha256 \(product.sha256))")
        return ExitStatus.success.rawValue
    } catch {
        for diagnostic in error.diagnostics { print(diagnostic.formatted(source: nil)) }
        return error.status.rawValue  // the exit code relna-pack gives the same failure
    }
}
// README example end

/// The library example in README.md is this file's code, and it works.
@Suite struct LibraryExampleTests {
    static let file = URL(fileURLWithPath: #filePath)

    /// The lines between the two markers of `text`.
    static func example(in text: String) -> [Substring] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let begin = lines.firstIndex(of: "// README example begin"),
            let end = lines.firstIndex(of: "// README example end")
        else { return [] }
        return Array(lines[(begin + 1)..<end])
    }

    @Test func theReadmeShowsThisFilesExample() throws {
        let readme = try String(
            contentsOf: TestEnvironment.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let code = Self.example(in: try String(contentsOf: Self.file, encoding: .utf8))
        #expect(code.count > 10)
        #expect(readme.contains("```swift\n" + code.joined(separator: "\n") + "\n```\n"))
    }

    @Test func theExampleBuildsAPackageAndItsJobRequest() throws {
        let folder = try TestEnvironment.scratchFolder("library-example")
        defer { try? FileManager.default.removeItem(at: folder) }
        let agent = folder.appendingPathComponent("agent.py")
        try Data(try #require(BuiltInTemplates.file("dqn/starters/numpy.py"))).write(to: agent)
        let dist = folder.appendingPathComponent("dist")
        #expect(buildTrainer(agentPath: agent.path, outputFolder: dist) == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: dist.path).sorted()
        #expect(files == ["relna_trainer_dqn-0.1.0.job.yaml", "relna_trainer_dqn-0.1.0.tar.gz"])
        #expect(
            buildTrainer(agentPath: folder.appendingPathComponent("missing.py").path, outputFolder: dist)
                == 74)
    }
}
