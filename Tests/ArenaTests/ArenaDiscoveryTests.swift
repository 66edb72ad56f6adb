import Arena
import Foundation
import TestSupport
import Testing

@Suite("Arena submissions")
struct ArenaDiscoveryTests {
    @Test("every bad entry is a per-student outcome; roster names are used")
    func badEntries() throws {
        let paths = try Cohort.copy("discovery")
        let submissions = try SubmissionDiscovery.discover(paths.submissions)
        let byID = Dictionary(uniqueKeysWithValues: submissions.map { ($0.id, $0) })
        #expect(byID["alice"]?.displayName == "Alice Archer")
        #expect(byID["bob"]?.displayName == "Bob \"the builder\" Baker")
        #expect(byID["erin"]?.path.hasSuffix("erin/agent.py") == true)
        #expect(byID["oscar"]?.problem?.code == "arena-outside-folder")
        #expect(byID["peggy"]?.problem?.code == "arena-id-clash")
        #expect(byID["bad id"]?.problem?.code == "arena-unsafe-id")
        #expect(byID["zed"]?.problem?.code == "arena-too-large")
        #expect(byID["alice"]?.problem == nil)
        #expect(byID["roster"] == nil)
    }

    @Test("an empty folder is an error of the whole arena, exit 1")
    func emptyFolder() throws {
        let folder = try TestEnvironment.scratchFolder("arena-empty")
        #expect(throws: SubmissionDiscovery.Failure.empty(folder.path)) {
            try SubmissionDiscovery.discover(folder.path)
        }
        let configuration = ArenaConfiguration(
            submissions: folder.path, domain: "dqn", output: folder.appendingPathComponent("out").path)
        do {
            _ = try Arena.run(configuration)
            Issue.record("an empty folder must fail")
        } catch {
            #expect(error.status == .rejected)
        }
    }

    @Test(
        "safe ids",
        arguments: [("alice", true), ("a.b-c_d", true), ("-x", false), ("a b", false), ("é", false)])
    func safeIDs(id: String, safe: Bool) {
        #expect(StudentID.isSafe(id) == safe)
    }

    @Test("roster.csv: a header row, quoted fields, missing names")
    func roster() {
        let roster = Roster.parse("id,name\nann,\"Ann, A.\"\nben,\ncy,\"C \"\"Cy\"\"\"\r\n")
        #expect(roster.names == ["ann": "Ann, A.", "cy": "C \"Cy\""])
    }
}
