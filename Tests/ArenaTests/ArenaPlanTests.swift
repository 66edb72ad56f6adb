import Arena
import Foundation
import TestSupport
import Testing

@Suite("Arena without training")
struct ArenaPlanTests {
    @Test("check, build, dedupe and plan; feedback for everyone; a second run reuses everything")
    func planOnly() throws {
        let paths = try Cohort.copy("plan")
        let report = try Arena.run(Cohort.configuration(paths, mode: .planOnly, seeds: [0, 1, 2]))
        let status = Dictionary(uniqueKeysWithValues: report.students.map { ($0.id, $0.status) })
        #expect(status["alice"] == .accepted)
        #expect(status["dave"] == .duplicate)
        #expect(status["frank"] == .rejected)
        #expect(status["grace"] == .rejected)
        #expect(status["mallory"] == .rejected)
        #expect(status["oscar"] == .invalid)
        #expect(status["peggy"] == .invalid)
        #expect(status["bad id"] == .invalid)
        // alice and dave share one package; seven packages (alice, bob, carol, erin, heidi, ivan, judy).
        #expect(report.packages == 7)
        #expect(report.runs.count == 21)
        let statuses = Set(report.runs.map(\.status))
        #expect(statuses == [.planned])
        let alice = try #require(report.students.first { $0.id == "alice" })
        #expect(alice.duplicates == ["dave"])
        let packages = try FileManager.default.contentsOfDirectory(atPath: paths.output + "/packages")
        #expect(packages.count == 7)
        #expect(packages.contains(try #require(alice.package)))

        let frank = try Cohort.text(paths.output + "/feedback/frank.txt")
        #expect(frank.contains("error: missing required class `QNetwork`"))
        #expect(frank.contains("rejected"))
        let dave = try Cohort.text(paths.output + "/feedback/dave.txt")
        #expect(dave.contains("duplicate: identical to alice's file"))
        #expect(!FileManager.default.fileExists(atPath: paths.output + "/feedback/bad id.txt"))
        let document = try Cohort.json(paths.output + "/report.json")
        #expect(document["command"] as? String == "arena")
        #expect((document["students"] as? [Any])?.count == report.students.count)

        let again = try Arena.run(Cohort.configuration(paths, mode: .planOnly, seeds: [0, 1, 2]))
        let built = again.students.filter { $0.package != nil }
        #expect(built.allSatisfy { $0.reused })
    }

    @Test("pipeline.py trains every planned run with its package and seed, and kfp compiles it")
    func pipelineHoldsThePlan() throws {
        let paths = try Cohort.copy("pipeline")
        let report = try Arena.run(Cohort.configuration(paths, mode: .planOnly, seeds: [0, 1, 2]))
        let file = try #require(report.pipeline)
        #expect(file == paths.output + "/pipeline.py")
        let python = try #require(
            TestEnvironment.kfpPython,
            "no Kubeflow Pipelines compiler: run scripts/setup --python (makes .venv-kfp) or set RELNA_KFP_PYTHON"
        )
        let folder = try TestEnvironment.scratchFolder("arena-kfp")
        defer { try? FileManager.default.removeItem(at: folder) }
        let oracle = TestEnvironment.repositoryRoot.appendingPathComponent("Tests/Oracles/kfp_oracle.py").path
        let result = try TestEnvironment.run([python, oracle, file, folder.path])
        try #require(result.status == 0, "kfp failed: \(result.stderr)")
        let compiled = try #require(
            (try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) as? [String: Any])
        let runs = try #require(compiled["runs"] as? [[String: Any]])
        #expect(runs.count == report.runs.count)
        var expected: Set<String> = []
        for run in report.runs {
            let owner = try #require(report.students.first { $0.package == run.package })
            expected.insert("\(owner.id)-seed\(run.seed)")
        }
        #expect(Set(runs.compactMap { $0["name"] as? String }) == expected)
        for item in runs {
            let name = try #require(item["name"] as? String)
            let seed = try #require(name.split(separator: "-").last).dropFirst("seed".count)
            let pools = try #require(item["worker_pool_specs"] as? [[String: Any]])
            let spec = try #require(pools.first?["python_package_spec"] as? [String: Any])
            let args = try #require(spec["args"] as? [String])
            // One seed, right after --env, where `submit`'s trainer arguments put it.
            #expect(args.filter { $0.hasPrefix("--seed=") } == ["--seed=\(seed)"])
            #expect(args.firstIndex(of: "--seed=\(seed)") == 1 && args.first?.hasPrefix("--env=") == true)
            let uris = try #require(spec["package_uris"] as? [String])
            #expect(uris.count == 1 && uris[0].hasPrefix("gs://YOUR_BUCKET/"))
        }
        // The same plan gives the same file.
        let before = try Data(contentsOf: URL(fileURLWithPath: file))
        _ = try Arena.run(Cohort.configuration(paths, mode: .planOnly, seeds: [0, 1, 2]))
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == before)
    }

    @Test("two arenas on one OUT: the second is refused")
    func lock() throws {
        let paths = try Cohort.copy("lock")
        try FileManager.default.createDirectory(atPath: paths.output, withIntermediateDirectories: true)
        let descriptor = open(paths.output + "/.arena.lock", O_RDWR | O_CREAT, 0o644)
        defer { close(descriptor) }
        #expect(flock(descriptor, LOCK_EX | LOCK_NB) == 0)
        do {
            _ = try Arena.run(Cohort.configuration(paths, mode: .planOnly))
            Issue.record("a locked OUT must be refused")
        } catch {
            #expect(error.status == .ioError)
            #expect(error.description.contains("another arena"))
        }
    }
}
