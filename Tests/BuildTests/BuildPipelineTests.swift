import Foundation
import Packaging
import RelnaDigest
import TemplateEngine
import TestSupport
import Testing

@testable import Build

@Suite struct BuildPipelineTests {
    static let agent = "def act(observation):\n    return 0\n"

    func mini() throws -> LoadedDomain {
        try DomainLoader.load("mini", searchPath: BuildFixtures.searchPath)
    }

    func text(_ product: BuildProduct, _ path: String) -> String {
        String(decoding: product.plan.files[path] ?? [], as: UTF8.self)
    }

    @Test func buildsTheTestDomain() throws {
        let request = BuildRequest(
            agent: Array(Self.agent.utf8), agentPath: "dir/my_agent.py", env: "Acrobot-v1",
            settings: ["episodes=9", "rate=0.25", "greedy=true", "label=x"])
        let product = try BuildPipeline.build(request, domain: try mini())
        #expect(product.fileName == "relna_trainer_mini-0.1.0.tar.gz")
        #expect(product.framework == "plain")
        #expect(product.env == "Acrobot-v1")
        #expect(product.plan.files["trainer/agent.py"] == Array(Self.agent.utf8))
        #expect(
            text(product, "trainer/notes.txt")
                == "Package data: copied verbatim and installed with the package.\n")
        let task = text(product, "trainer/task.py")
        #expect(task.contains("ENV_ID = 'Acrobot-v1'"))
        #expect(task.contains("'episodes': ('--episodes', 'int', 9, 'Episodes to run.'),"))
        #expect(task.contains("'greedy': ('--greedy', 'bool', True, 'Act greedily.'),"))
        #expect(task.contains("DEFINES_POLICY = False"))
        let provenance = text(product, "trainer/provenance.json")
        #expect(!provenance.contains("my_agent") && !provenance.contains("\n  \"label\""))
        #expect(provenance.contains("\"agent_sha256\": \"\(Digest.sha256Hex(Array(Self.agent.utf8)))\""))
        #expect(provenance.contains("\"rate\": 0.25"))
        let metadata = text(product, "PKG-INFO")
        #expect(metadata.hasPrefix("Metadata-Version: 2.2\nName: relna-trainer-mini\nVersion: 0.1.0\n"))
        #expect(!metadata.contains("Requires-Dist"))
        #expect(product.sha256 == Digest.sha256Hex(product.archive))
    }

    @Test func frameworkComesFromImportsOrTheFlag() throws {
        let numpyAgent =
            "import numpy as np\n\n\ndef act(observation):\n    return int(np.argmax(observation))\n"
        let chosen = try BuildPipeline.build(
            BuildRequest(agent: Array(numpyAgent.utf8), agentPath: "a.py"), domain: try mini())
        #expect(chosen.framework == "numpy")
        #expect(text(chosen, "PKG-INFO").contains("Requires-Dist: numpy>=1.24\n"))
        let forced = try BuildPipeline.build(
            BuildRequest(agent: Array(Self.agent.utf8), agentPath: "a.py", framework: "numpy"),
            domain: try mini())
        #expect(forced.framework == "numpy")
    }

    /// `--framework` that the imports contradict is a warning either way (issue 14 §4).
    @Test func frameworkTheImportsContradictIsAWarning() throws {
        let numpyAgent = try BuildFixtures.bytes("Templates/dqn/starters/numpy.py")
        let unused = try BuildPipeline.check(
            BuildRequest(domain: "dqn", agent: numpyAgent, agentPath: "agent.py", framework: "torch"))
        let warning = try #require(unused.diagnostics.first { $0.code == "framework-not-imported" })
        #expect(warning.severity == .warning)
        #expect(
            warning.message
                == "--framework torch, but the agent imports none of `torch`; the package would install torch>=2.0 for nothing"
        )
        let torchAgent = try BuildFixtures.bytes("Templates/dqn/starters/torch.py")
        let missing = try BuildPipeline.check(
            BuildRequest(domain: "dqn", agent: torchAgent, agentPath: "agent.py", framework: "numpy"))
        let mismatch = try #require(missing.diagnostics.first { $0.code == "framework-mismatch" })
        #expect(mismatch.severity == .warning && mismatch.line > 0)
        #expect(mismatch.hint == "pass --framework torch, or drop --framework")
        let agreed = try BuildPipeline.check(
            BuildRequest(domain: "dqn", agent: torchAgent, agentPath: "agent.py", framework: "torch"))
        #expect(!agreed.diagnostics.contains { $0.code.hasPrefix("framework-") })
    }

    @Test func flagProblemsAreReportedTogether() throws {
        let request = BuildRequest(
            agent: Array(Self.agent.utf8), agentPath: "a.py", env: "Nope-v0", framework: "jax",
            name: "bad name",
            version: "one", settings: ["episodes=0", "nope=1"])
        let domain = try mini()
        do throws(BuildFailure) {
            _ = try BuildPipeline.build(request, domain: domain)
            Issue.record("accepted")
        } catch {
            #expect(error.status == .usage)
            #expect(
                error.diagnostics.map(\.code) == [
                    "invalid-name", "unsupported-env", "invalid-set", "invalid-set", "unknown-framework",
                ])
        }
    }

    /// Manifest strings with quotes, backslashes and Python syntax stay string literals in setup.py
    /// and task.py: CPython's ast finds exactly the statements the templates write, and the values
    /// come back unchanged.
    @Test func hostileManifestStringsStayLiterals() throws {
        let root = try BuildFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let domain = root.appendingPathComponent("mini")
        try FileManager.default.copyItem(at: BuildFixtures.url("Fixtures/domains/mini"), to: domain)
        let hostileTitle = #"x"); import os; os.system("id"); print(("'''\"\"\"\\"#
        let hostileDescription = "\"\"\"\nimport os\n'''\n\\\n"
        var manifest = try String(contentsOf: domain.appendingPathComponent("manifest.yaml"), encoding: .utf8)
        manifest = manifest.replacingOccurrences(
            of: "title: Minimal test domain",
            with: "title: '\(hostileTitle.replacingOccurrences(of: "'", with: "''"))'")
        manifest = manifest.replacingOccurrences(
            of: "description: A tiny domain for relna-pack's own tests.",
            with: "description: \"\\\"\\\"\\\"\\nimport os\\n'''\\n\\\\\\n\"")
        try manifest.write(
            to: domain.appendingPathComponent("manifest.yaml"), atomically: true, encoding: .utf8)
        let loaded = try DomainLoader.load("mini", searchPath: TemplateSearchPath(roots: [.directory(root)]))
        #expect(loaded.manifest.title == hostileTitle)
        #expect(loaded.manifest.description == hostileDescription)
        let product = try BuildPipeline.build(
            BuildRequest(agent: Array(Self.agent.utf8), agentPath: "a.py"), domain: loaded)

        let folder = try BuildFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(product.plan.files["setup.py"] ?? []).write(to: folder.appendingPathComponent("setup.py"))
        try Data(product.plan.files["trainer/task.py"] ?? []).write(
            to: folder.appendingPathComponent("task.py"))
        let script = """
            import ast, sys
            setup = ast.parse(open(sys.argv[1]).read())
            assert [type(n).__name__ for n in setup.body] == ['ImportFrom', 'Expr'], ast.dump(setup)
            kwargs = {k.arg: ast.literal_eval(k.value) for k in setup.body[1].value.keywords}
            print(kwargs['description'])
            task = ast.parse(open(sys.argv[2]).read())
            doc = ast.get_docstring(task)
            names = [type(n).__name__ for n in task.body]
            assert names == ['Expr', 'Import', 'Import', 'Import'] + ['Assign'] * 7 + ['FunctionDef', 'If'], names
            """
        let result = try TestEnvironment.run([
            BuildFixtures.python, "-c", script, folder.appendingPathComponent("setup.py").path,
            folder.appendingPathComponent("task.py").path,
        ])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix(#"x"); import os; os.system("id"); print(("'''"#))
    }

    /// A loaded domain is a value many builds share, concurrently, with identical results.
    @Test func concurrentBuildsAgree() async throws {
        let domain = try mini()
        let request = BuildRequest(agent: Array(Self.agent.utf8), agentPath: "a.py")
        let digests = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<8 {
                group.addTask { try BuildPipeline.build(request, domain: domain).sha256 }
            }
            var all: [String] = []
            for try await digest in group { all.append(digest) }
            return all
        }
        #expect(Set(digests).count == 1)
    }

    @Test func unknownDomainSuggestsOne() {
        do throws(BuildFailure) {
            _ = try DomainLoader.load("mnii", searchPath: BuildFixtures.searchPath)
            Issue.record("accepted")
        } catch {
            #expect(error.status == .usage)
            #expect(error.diagnostics.first?.message == "unknown domain 'mnii'; did you mean 'mini'?")
        }
    }

    @Test func builtInTemplatesAreEmbedded() {
        #expect(BuiltInTemplates.domains.contains("dqn"))
        #expect(
            BuiltInTemplates.file("dqn/manifest.yaml")
                == (try? BuildFixtures.bytes("Templates/dqn/manifest.yaml")))
    }
}
