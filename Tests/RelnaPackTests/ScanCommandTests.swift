import Foundation
import Testing

/// `relna-pack scan` as students run it: the structure as text or JSON, syntax errors located, exit codes.
@Suite struct ScanCommandTests {
    private static let agent = "Fixtures/agents/dqn/numpy_cartpole.py"

    @Test func jsonIsTheScannerStructure() throws {
        let result = try CLI.run(["scan", Self.agent, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try result.json()
        let classes = try #require(json["classes"] as? [[String: Any]])
        let qnetwork = try #require(classes.first { $0["name"] as? String == "QNetwork" })
        let methods = try #require(qnetwork["methods"] as? [[String: Any]]).compactMap {
            $0["name"] as? String
        }
        #expect(methods.contains("predict") && methods.contains("update"))
        let imports = try #require(json["imports"] as? [[String: Any]])
        #expect(imports.contains { ($0["names"] as? [[String: Any]])?.first?["name"] as? String == "numpy" })
        #expect((json["diagnostics"] as? [Any])?.isEmpty == true)
        #expect(json["status"] as? String == "ok" && json["exit_code"] as? Int == 0)
        #expect(json["command"] as? String == "scan")
    }

    /// One top-level shape whatever happens: a syntax error and an unreadable file report like success.
    @Test func jsonHasOneShapeOnSuccessAndFailure() throws {
        let broken = try CLI.run(["scan", "Fixtures/python/broken/dedent_mismatch.py", "--json"])
        #expect(broken.status == 1)
        let rejected = try broken.json()
        #expect(rejected["status"] as? String == "rejected" && rejected["exit_code"] as? Int == 1)
        #expect(rejected["command"] as? String == "scan" && rejected["functions"] is [Any])
        let diagnostic = try #require((rejected["diagnostics"] as? [[String: Any]])?.first)
        #expect(diagnostic["severity"] as? String == "error" && diagnostic.keys.contains("hint"))
        let missing = try CLI.run(["scan", "Fixtures/does-not-exist.py", "--json"])
        #expect(missing.status == 74)
        let failed = try missing.json()
        #expect(failed["status"] as? String == "io-error" && failed["exit_code"] as? Int == 74)
        #expect(failed["command"] as? String == "scan" && failed["diagnostics"] is [[String: Any]])
    }

    @Test func textListsDefinitionsWithPositions() throws {
        let result = try CLI.run(["scan", Self.agent])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdoutText.contains("class QNetwork"))
        #expect(result.stdoutText.contains("imports:"))
    }

    @Test func readsStandardInput() throws {
        let source = "def f(a, /, b=1, *args, c, **kw):\n    pass\n"
        let result = try CLI.run(["scan", "-", "--json"], stdin: Array(source.utf8))
        #expect(result.status == 0, "\(result.stderr)")
        let function = try #require((try result.json()["functions"] as? [[String: Any]])?.first)
        let kinds = (function["params"] as? [[String: Any]])?.compactMap { $0["kind"] as? String }
        #expect(
            kinds == [
                "positional_only", "positional_or_keyword", "var_positional", "keyword_only", "var_keyword",
            ])
    }

    @Test func syntaxErrorIsLocatedAndRejected() throws {
        let result = try CLI.run(["scan", "Fixtures/python/broken/dedent_mismatch.py"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("Fixtures/python/broken/dedent_mismatch.py:3:8: error:"))
        #expect(result.stderr.contains("^"))
    }

    @Test func missingFileIsAnIOError() throws {
        let result = try CLI.run(["scan", "Fixtures/does-not-exist.py"])
        #expect(result.status == 74)
        #expect(result.stderr.contains("does-not-exist.py"))
        #expect(result.stdout.isEmpty)
    }
}
