import Foundation
import TestSupport
import Testing

@testable import Packaging

@Suite struct PackagingTests {
    func plan() throws -> SdistPlan {
        var plan = SdistPlan(identity: try PackageIdentity(name: "Relna.Trainer--x", version: "1.0rc1"))
        try plan.add("trainer/task.py", text: "print('hi')\n")
        try plan.add("trainer/sub/data.txt", text: "d\n")
        try plan.add("PKG-INFO", text: "Metadata-Version: 2.2\n")
        return plan
    }

    @Test func membersAreSortedWithEveryFolder() throws {
        #expect(
            try plan().members.map(\.path) == [
                "relna_trainer_x-1.0rc1", "relna_trainer_x-1.0rc1/PKG-INFO", "relna_trainer_x-1.0rc1/trainer",
                "relna_trainer_x-1.0rc1/trainer/sub", "relna_trainer_x-1.0rc1/trainer/sub/data.txt",
                "relna_trainer_x-1.0rc1/trainer/task.py",
            ])
    }

    @Test func gzipHeaderIsFixed() throws {
        let bytes = try plan().archive(mtime: 315_532_800)
        #expect(Array(bytes.prefix(10)) == [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 255])
        #expect(try plan().archive(mtime: 315_532_800) == bytes)
    }

    /// Python's tarfile and gzip as the reference readers: every header field we promise.
    @Test func pythonReadsBackTheFieldsWePromise() throws {
        let folder = try TestEnvironment.scratchFolder("packaging-tests")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("p.tar.gz")
        try Data(try plan().archive(mtime: 1_700_000_000)).write(to: file)
        let script = """
            import gzip, sys, tarfile
            raw = open(sys.argv[1], 'rb').read()
            assert gzip.decompress(raw)  # valid gzip, CRC and size checked
            with tarfile.open(sys.argv[1], 'r:gz') as tar:
                for m in tar.getmembers():
                    assert m.pax_headers == {}, m.pax_headers
                    print(m.name, oct(m.mode), m.uid, m.gid, repr(m.uname), repr(m.gname), m.mtime,
                          'd' if m.isdir() else 'f', m.size)
            """
        let result = try TestEnvironment.run([TestEnvironment.python, "-c", script, file.path])
        #expect(result.status == 0)
        #expect(
            result.stdout == """
                relna_trainer_x-1.0rc1 0o755 0 0 '' '' 1700000000 d 0
                relna_trainer_x-1.0rc1/PKG-INFO 0o644 0 0 '' '' 1700000000 f 22
                relna_trainer_x-1.0rc1/trainer 0o755 0 0 '' '' 1700000000 d 0
                relna_trainer_x-1.0rc1/trainer/sub 0o755 0 0 '' '' 1700000000 d 0
                relna_trainer_x-1.0rc1/trainer/sub/data.txt 0o644 0 0 '' '' 1700000000 f 2
                relna_trainer_x-1.0rc1/trainer/task.py 0o644 0 0 '' '' 1700000000 f 12

                """)
    }

    @Test func tarListsTheArchive() throws {
        let folder = try TestEnvironment.scratchFolder("packaging-tests")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("p.tar.gz")
        try Data(try plan().archive(mtime: 315_532_800)).write(to: file)
        let result = try TestEnvironment.run(["/usr/bin/env", "tar", "-tzf", file.path])
        #expect(result.status == 0)
        #expect(result.stdout.split(separator: "\n").first == "relna_trainer_x-1.0rc1/")
        #expect(result.stdout.contains("relna_trainer_x-1.0rc1/trainer/task.py\n"))
    }

    @Test func namesAreNormalizedForFileNames() throws {
        #expect(PackageIdentity.normalize("Relna.Trainer--x") == "relna_trainer_x")
        #expect(
            try PackageIdentity(name: "relna-trainer-dqn", version: "0.1.0").fileName
                == "relna_trainer_dqn-0.1.0.tar.gz")
        for bad in ["", "-x", "x-", "a b", "x\"y", "é"] {
            #expect(!PackageIdentity.isValidName(bad), "\(bad)")
        }
    }

    /// The `packaging` library (what pip uses) as the oracle for PEP 440 canonical versions.
    @Test func versionsAgreeWithPackaging() throws {
        let versions = [
            "0.1.0", "1", "1.0rc1", "1.0a0", "2!1.0", "1.0.post2", "1.0.dev3", "1.0a1.post1.dev2",
            "1.0+local.7",
            "v1.0", "1.0-beta", "01.0", "1.0RC1", "1..0", "1.0.", "", "1.0a", "1.0+", "1.0+UP", "1.0_1",
            "abc",
            "1.0 ", "1.0.post", "1.0rc1.dev1",
        ]
        let script = """
            import sys
            from packaging.version import Version, InvalidVersion
            for v in sys.argv[1:]:
                try:
                    print(1 if str(Version(v)) == v else 0)
                except InvalidVersion:
                    print(0)
            """
        let result = try TestEnvironment.run([TestEnvironment.python, "-c", script] + versions)
        #expect(result.status == 0)
        let expected = result.stdout.split(separator: "\n").map { $0 == "1" }
        #expect(expected.count == versions.count)
        for (version, canonical) in zip(versions, expected) {
            #expect(PackageIdentity.isCanonicalVersion(version) == canonical, "\(version)")
        }
    }

    @Test func sourceDateEpoch() throws {
        #expect(try SourceDateEpoch.resolve([:]) == 315_532_800)
        #expect(try SourceDateEpoch.resolve(["SOURCE_DATE_EPOCH": "1700000000"]) == 1_700_000_000)
        #expect(throws: SourceDateEpoch.Problem.self) {
            try SourceDateEpoch.resolve(["SOURCE_DATE_EPOCH": "soon"])
        }
    }
}
