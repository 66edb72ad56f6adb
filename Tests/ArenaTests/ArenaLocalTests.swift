import Foundation
import TestSupport
import Testing

@testable import Arena

@Suite("Arena, local end to end", .serialized)
struct ArenaLocalTests {
    @Test("the cohort trains, ranks in order, gives feedback, and resumes without training again")
    func cohort() throws {
        Cohort.preparePython()
        let paths = try Cohort.copy("local")
        let mode = ArenaMode.local(Cohort.localOptions)
        let report = try Arena.run(Cohort.configuration(paths, mode: mode))
        let byID = Dictionary(uniqueKeysWithValues: report.students.map { ($0.id, $0) })
        #expect(byID["alice"]?.rank == 1, "\(report.runs)")
        #expect(byID["bob"]?.rank == 2)
        #expect(byID["carol"]?.status == .ranked)
        #expect(byID["erin"]?.status == .ranked)
        // The cheat that patches the evaluation gets the honest score of always pushing left.
        #expect(byID["heidi"]?.status == .ranked)
        #expect(abs((byID["heidi"]?.meanReturn ?? 0) - (byID["carol"]?.meanReturn ?? -1)) < 1e-9)
        #expect(byID["ivan"]?.status == .failed)
        #expect(byID["ivan"]?.reason?.contains("timeout") == true)
        #expect(byID["judy"]?.status == .failed)
        #expect(byID["judy"]?.reason?.contains("budget") == true)
        #expect(byID["dave"]?.status == .duplicate)

        let board = try Cohort.json(paths.output + "/leaderboard.json")
        let groups = try #require(board["groups"] as? [[String: Any]])
        let entries = try #require(groups.first?["entries"] as? [[String: Any]])
        let names = entries.compactMap { ($0["agent"] as? [String: Any])?["filename"] as? String }
        #expect(Array(names.prefix(2)) == ["Alice Archer", "Bob \"the builder\" Baker"])
        #expect(names.count == 5)
        let unranked = try #require(groups.first?["unranked"] as? [[String: Any]])
        let listed = Dictionary(
            uniqueKeysWithValues: unranked.compactMap { item in
                (item["name"] as? String).map { ($0, item["status"] as? String ?? "") }
            })
        #expect(listed["dave"] == "duplicate")
        #expect(
            unranked.first { $0["name"] as? String == "dave" }?["duplicate_of"] as? String == "Alice Archer")
        #expect(listed["frank"] == "rejected")
        #expect(listed["ivan"] == "failed")
        #expect(listed["judy"] == "failed")
        #expect(listed["bad id"] == "rejected")
        #expect(listed.count == report.students.count - 5)
        let csv = try Cohort.text(paths.output + "/leaderboard.csv")
        #expect(csv.contains("ivan"))
        #expect(FileManager.default.fileExists(atPath: paths.output + "/leaderboard.html"))
        #expect(FileManager.default.fileExists(atPath: paths.output + "/leaderboard.csv"))
        #expect(try Cohort.text(paths.output + "/feedback/alice.txt").contains("ranked 1"))
        #expect(try Cohort.text(paths.output + "/feedback/ivan.txt").contains("seed 0: failed (timeout"))

        let log = EventLog()
        let again = try Arena.run(Cohort.configuration(paths, mode: mode), observer: log.observer)
        #expect(again.runsStartedNow == 0)
        #expect(log.startedRuns.isEmpty)
        #expect(again.students.first { $0.id == "alice" }?.rank == 1)

        // A changed file redoes that student only.
        let bob = paths.submissions + "/bob.py"
        try (Cohort.text(bob) + "# resubmitted\n").write(toFile: bob, atomically: true, encoding: .utf8)
        let changed = EventLog()
        let third = try Arena.run(Cohort.configuration(paths, mode: mode), observer: changed.observer)
        let newBob = try #require(third.students.first { $0.id == "bob" })
        #expect(changed.startedRuns == third.runs.filter { $0.package == newBob.package }.map(\.id))
        let others = third.students.filter { $0.id != "bob" && $0.package != nil }
        #expect(others.allSatisfy { $0.reused })
        #expect(!newBob.reused)
    }

    @Test("a run past its timeout is killed and recorded with the reason")
    func timeout() throws {
        let folder = try TestEnvironment.scratchFolder("arena-timeout")
        let result = TrainerProcess.run(
            ["/bin/sleep", "30"], environment: [:], log: folder.appendingPathComponent("log").path,
            timeout: 0.5)
        #expect(result.timedOut)
    }

    /// Under `--trust` nothing but the arena stops a worker that its referee, killed, left behind in a
    /// session of its own.
    @Test("a timed-out trainer's detached child is killed with it")
    func timeoutKillsDetachedChildren() throws {
        let folder = try TestEnvironment.scratchFolder("arena-timeout-tree")
        let pidFile = folder.appendingPathComponent("child.pid").path
        let script = """
            import signal, subprocess, sys, time
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"], start_new_session=True)
            open(sys.argv[1], "w").write(str(child.pid))
            time.sleep(120)
            """
        let result = TrainerProcess.run(
            [TestEnvironment.python, "-c", script, pidFile], environment: [:],
            log: folder.appendingPathComponent("log").path, timeout: 1)
        #expect(result.timedOut)
        let child = try #require(pid_t(try String(contentsOfFile: pidFile, encoding: .utf8)))
        // SIGKILL is delivered asynchronously; a moment later the child has ended.
        for _ in 0..<50 where ProcessTree.isAlive(child) { usleep(100_000) }
        #expect(!ProcessTree.isAlive(child))
        if ProcessTree.isAlive(child) { kill(child, SIGKILL) }
    }
}
