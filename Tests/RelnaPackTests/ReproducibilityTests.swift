import Foundation
import Testing

/// The same inputs give the same bytes, whatever the folder, umask, time zone, locale or file times.
@Suite struct ReproducibilityTests {
    /// Copies the agent and the test domains into a fresh folder, with the agent's mtime set to `mtime`.
    func inputs(mtime: Date) throws -> URL {
        let folder = try CLI.temporaryFolder()
        let fixtures = CLI.root.appendingPathComponent("Fixtures")
        try FileManager.default.copyItem(
            at: fixtures.appendingPathComponent("domains"), to: folder.appendingPathComponent("domains"))
        let agent = folder.appendingPathComponent("agent.py")
        try FileManager.default.copyItem(
            at: fixtures.appendingPathComponent("agents/mini/good.py"), to: agent)
        try FileManager.default.setAttributes([.modificationDate: mtime], ofItemAtPath: agent.path)
        return folder
    }

    func build(in folder: URL, umask: String, environment: [String: String]) throws -> URL {
        let binary = CLI.binary.path
        let result = try CLI.run(
            [
                "-c",
                "umask \(umask) && exec \"$0\" build agent.py --domain mini --templates domains --output-dir out",
                binary,
            ], binary: URL(fileURLWithPath: "/bin/sh"), cwd: folder, environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        return folder.appendingPathComponent("out/relna_trainer_mini-0.1.0.tar.gz")
    }

    @Test func sameInputsSameBytesAnywhere() throws {
        let first = try inputs(mtime: Date(timeIntervalSince1970: 1_000_000_000))
        let second = try inputs(mtime: Date(timeIntervalSince1970: 1_600_000_000))
        defer {
            try? FileManager.default.removeItem(at: first)
            try? FileManager.default.removeItem(at: second)
        }
        let a = try build(in: first, umask: "022", environment: ["TZ": "UTC", "LC_ALL": "C"])
        let b = try build(
            in: second, umask: "077",
            environment: ["TZ": "Asia/Kolkata", "LC_ALL": "de_DE.UTF-8", "LANG": "fr_FR.UTF-8"])
        #expect(try CLI.sha256(a) == CLI.sha256(b))
        #expect(try Data(contentsOf: a) == Data(contentsOf: b))
    }

    /// Another SOURCE_DATE_EPOCH changes the member mtimes and nothing else.
    @Test func sourceDateEpochChangesOnlyMtimes() throws {
        let folder = try inputs(mtime: Date())
        defer { try? FileManager.default.removeItem(at: folder) }
        let plain = try build(in: folder, umask: "022", environment: [:])
        let renamed = folder.appendingPathComponent("default.tar.gz")
        try FileManager.default.moveItem(at: plain, to: renamed)
        let dated = try build(in: folder, umask: "022", environment: ["SOURCE_DATE_EPOCH": "1700000000"])
        #expect(try Data(contentsOf: renamed) != Data(contentsOf: dated))
        let script = """
            import sys, tarfile
            def members(path):
                with tarfile.open(path, 'r:gz') as tar:
                    return [(m.name, m.mode, m.uid, m.gid, m.uname, m.gname, m.size, m.type,
                             tar.extractfile(m).read() if m.isfile() else b'', m.mtime) for m in tar.getmembers()]
            a, b = members(sys.argv[1]), members(sys.argv[2])
            assert [m[:-1] for m in a] == [m[:-1] for m in b], 'members differ beyond mtime'
            assert {m[-1] for m in a} == {315532800}, {m[-1] for m in a}
            assert {m[-1] for m in b} == {1700000000}, {m[-1] for m in b}
            print('ok')
            """
        let result = try CLI.run(["-c", script, renamed.path, dated.path], binary: CLI.python)
        #expect(result.stdoutText == "ok\n", "\(result.stderr)")
    }

    /// One agent gives one package whatever its file is called: as a.py, as b.py and from stdin; only
    /// `--label` changes the bytes, on purpose.
    @Test func fileNameDoesNotChangeThePackage() throws {
        let folder = try inputs(mtime: Date())
        defer { try? FileManager.default.removeItem(at: folder) }
        let agent = try Data(contentsOf: folder.appendingPathComponent("agent.py"))
        try agent.write(to: folder.appendingPathComponent("a.py"))
        try agent.write(to: folder.appendingPathComponent("b.py"))
        func sha256(_ arguments: [String], stdin: [UInt8] = []) throws -> String {
            let result = try CLI.run(
                ["build"] + arguments + [
                    "--domain", "mini", "--templates", "domains", "-o", "x.tar.gz", "--json",
                ],
                cwd: folder, stdin: stdin)
            #expect(result.status == 0, "\(result.stderr)")
            return try (result.json()["package"] as? [String: Any])?["sha256"] as? String ?? "none"
        }
        let fromA = try sha256(["a.py"])
        #expect(try sha256(["b.py"]) == fromA)
        #expect(try sha256(["-"], stdin: [UInt8](agent)) == fromA)
        #expect(try sha256(["a.py", "--label", "team blue"]) != fromA)
        let labelled = try CLI.run(
            [
                "-c",
                "import sys,tarfile; t=tarfile.open(sys.argv[1]); "
                    + "print(t.extractfile(t.getmember(sys.argv[2])).read().decode())",
                folder.appendingPathComponent("x.tar.gz").path,
                "relna_trainer_mini-0.1.0/trainer/provenance.json",
            ], binary: CLI.python)
        #expect(labelled.stdoutText.contains("\"label\": \"team blue\""), "\(labelled.stderr)")
        #expect(!labelled.stdoutText.contains("a.py"))
        let empty = try CLI.run(
            ["build", "a.py", "--domain", "mini", "--templates", "domains", "-o", "y.tar.gz", "--label", ""],
            cwd: folder)
        #expect(empty.status == 64)
    }
}
