import Foundation
import Testing
import TrainerGen

/// `relna-pack init`: the starter it writes is the domain's, passes `check`, and never overwrites.
@Suite struct InitTests {
    static let builtIn: [(domain: String, framework: String)] = {
        let templates = AuthoringCLI.repositoryRoot.appendingPathComponent("Templates")
        var pairs: [(String, String)] = []
        for domain in ["dqn", "policy_gradient", "imitation"] {
            let starters = templates.appendingPathComponent("\(domain)/starters").path
            let files = (try? FileManager.default.contentsOfDirectory(atPath: starters)) ?? []
            for file in files.sorted() where file.hasSuffix(".py") {
                pairs.append((domain, String(file.dropLast(3))))
            }
        }
        return pairs
    }()

    @Test func everyDomainHasAStarterForNumpyTorchAndTensorflow() {
        for domain in ["dqn", "policy_gradient", "imitation"] {
            let frameworks = Set(Self.builtIn.filter { $0.domain == domain }.map(\.framework))
            #expect(frameworks == ["numpy", "torch", "tensorflow"], "\(domain): \(frameworks.sorted())")
        }
    }

    @Test(arguments: builtIn.map { "\($0.domain)/\($0.framework)" })
    func starterPassesCheck(_ pair: String) throws {
        let parts = pair.split(separator: "/").map(String.init)
        let (domain, framework) = (parts[0], parts[1])
        let folder = try AuthoringCLI.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let agent = folder.appendingPathComponent("agent.py").path
        let made = try AuthoringCLI.run(
            ["init", "--domain", domain, "--framework", framework, "-o", agent], removing: ["RELNA_TEMPLATES"]
        )
        #expect(made.status == 0, "\(made.stderr)")
        let starter = AuthoringCLI.repositoryRoot.appendingPathComponent(
            "Templates/\(domain)/starters/\(framework).py")
        #expect(
            FileManager.default.contents(atPath: agent) == FileManager.default.contents(atPath: starter.path))
        let checked = try AuthoringCLI.run(
            ["check", agent, "--domain", domain, "--framework", framework], removing: ["RELNA_TEMPLATES"])
        #expect(checked.status == 0, "\(domain)/\(framework): \(checked.stderr)")
    }

    @Test func writesToStandardOutputByDefaultWithNumpy() throws {
        let result = try AuthoringCLI.run(
            ["init", "--domain", "control_clean", "--templates", CLI.brokenDomains])
        #expect(result.status == 0)
        let starter = try String(
            contentsOfFile: CLI.brokenDomains + "/control_clean/starters/numpy.py", encoding: .utf8)
        #expect(result.stdout == starter)
        #expect(result.stderr.isEmpty)
    }

    @Test func neverOverwritesWithoutForce() throws {
        let folder = try AuthoringCLI.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let agent = folder.appendingPathComponent("agent.py")
        try "mine\n".write(to: agent, atomically: true, encoding: .utf8)
        let arguments = ["init", "--domain", "control_clean", "--templates", CLI.brokenDomains]
        let refused = try AuthoringCLI.run(arguments + ["-o", agent.path])
        #expect(refused.status == 73)
        #expect(refused.stderr.contains("--force"))
        #expect(try String(contentsOf: agent, encoding: .utf8) == "mine\n")
        let forced = try AuthoringCLI.run(arguments + ["-o", agent.path, "--force", "--framework", "torch"])
        #expect(forced.status == 0)
        #expect(try String(contentsOf: agent, encoding: .utf8).contains("import torch"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["agent.py"])
    }

    @Test func anUnknownFrameworkIsAUsageErrorWithASuggestion() throws {
        let result = try AuthoringCLI.run(
            [
                "init", "--domain", "control_clean", "--framework", "pytorch", "--templates",
                CLI.brokenDomains,
            ])
        #expect(result.status == 64)
        #expect(result.stderr.contains("has no framework 'pytorch'"))
        #expect(result.stderr.contains("numpy, torch"))
        #expect(result.stdout.isEmpty)
    }

    @Test func aMissingStarterIsBadData() throws {
        let result = try AuthoringCLI.run(
            [
                "init", "--domain", "starter_missing", "--framework", "torch", "--templates",
                CLI.brokenDomains,
            ])
        #expect(result.status == 65)
        #expect(result.stderr.contains("starters/torch.py"))
    }
}

/// What a starter must say: every entry point it defines, and every method the trainer calls, has a
/// docstring (read with CPython's `ast`, never by running the file).
@Suite struct InitStarterDocstringTests {
    static let script = """
        import ast, json, sys
        tree = ast.parse(open(sys.argv[1], encoding="utf-8").read())
        wanted = json.loads(sys.argv[2])
        top = {node.name: node for node in tree.body
               if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))}
        missing = []
        for name, methods in wanted.items():
            node = top.get(name)
            if node is None:
                continue
            if not ast.get_docstring(node):
                missing.append(name)
            if isinstance(node, ast.ClassDef):
                defined = {n.name: n for n in node.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}
                for method in methods:
                    if method in defined and not ast.get_docstring(defined[method]):
                        missing.append(name + "." + method)
        print(json.dumps(missing))
        """

    // Runs with whichever Python TestEnvironment finds (only `ast` and `json` are needed): never skipped.
    @Test(arguments: InitTests.builtIn.map { "\($0.domain)/\($0.framework)" })
    func everyEntryPointAndMethodHasADocstring(_ pair: String) throws {
        let parts = pair.split(separator: "/").map(String.init)
        let templates = AuthoringCLI.repositoryRoot.appendingPathComponent("Templates")
        let manifestPath = templates.appendingPathComponent("\(parts[0])/manifest.yaml").path
        let manifest = try ManifestDecoder.decode(
            Array(try #require(FileManager.default.contents(atPath: manifestPath))), file: manifestPath)
        var wanted: [String: [String]] = [:]
        for entry in manifest.agent.entryPoints where entry.kind != .constant {
            wanted[entry.name] = entry.methods.map(\.name)
        }
        let json = String(decoding: try JSONSerialization.data(withJSONObject: wanted), as: UTF8.self)
        let starter = templates.appendingPathComponent("\(parts[0])/starters/\(parts[1]).py").path
        let result = try AuthoringCLI.run(
            ["-I", "-c", Self.script, starter, json], executable: AuthoringCLI.python)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "[]\n", "\(pair): entry points without a docstring: \(result.stdout)")
    }
}
