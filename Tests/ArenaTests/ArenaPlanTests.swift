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
