import Foundation
import RelnaCore

/// What an arena did: every student with their status and diagnostics, every run, the leaderboard's
/// files. `json` is both OUT/report.json and the `--json` document (docs/json-output.md's shape:
/// `status`, `exit_code`, `command` first).
public struct ArenaReport: Sendable {
    public var domain: String
    public var env: String
    public var seeds: [Int]
    public var mode: String
    public var output: String
    public var students: [StudentRecord]
    public var packages: Int
    public var runs: [RunState]
    /// Runs this invocation trained or submitted (0 on a resumption with nothing left to do).
    public var runsStartedNow: Int
    /// The leaderboard files, when anything was ranked or trained.
    public var leaderboard: [String: String]
    /// OUT/pipeline.py when written.
    public var pipeline: String?

    func count(_ status: StudentStatus) -> Int { students.filter { $0.status == status }.count }

    var counts: JSONValue {
        var pairs: [(String, JSONValue)] = [("students", .int(students.count))]
        for status in StudentStatus.allCases { pairs.append((status.rawValue, .int(count(status)))) }
        let succeeded = runs.filter { $0.status == .succeeded }.count
        let failed = runs.filter { $0.status == .failed }.count
        pairs.append(("packages", .int(packages)))
        pairs.append(("runs", .int(runs.count)))
        pairs.append(("runs_succeeded", .int(succeeded)))
        pairs.append(("runs_failed", .int(failed)))
        pairs.append(("runs_pending", .int(runs.count - succeeded - failed)))
        pairs.append(("runs_started_now", .int(runsStartedNow)))
        return .object(pairs)
    }

    public var json: JSONValue {
        let files: [(String, JSONValue)] = leaderboard.keys.sorted().map {
            ($0, .string(leaderboard[$0] ?? ""))
        }
        let pairs: [(String, JSONValue)] = [
            ("status", .string(ExitStatus.success.word)), ("exit_code", .int(0)),
            ("command", .string("arena")),
            ("domain", .string(domain)), ("env", .string(env)),
            ("seeds", .array(seeds.map(JSONValue.int))), ("mode", .string(mode)), ("out", .string(output)),
            ("counts", counts), ("students", .array(students.map(Self.json))),
            ("runs", .array(runs.map(\.json))),
            ("leaderboard", files.isEmpty ? .null : .object(files)),
            ("pipeline", pipeline.map(JSONValue.string) ?? .null),
        ]
        return .object(pairs)
    }

    static func json(_ student: StudentRecord) -> JSONValue {
        .object([
            ("id", .string(student.id)), ("display_name", .string(student.displayName)),
            ("path", .string(student.path)), ("sha256", student.sha256.map(JSONValue.string) ?? .null),
            ("status", .string(student.status.rawValue)),
            ("reason", student.reason.map(JSONValue.string) ?? .null),
            ("reused", .bool(student.reused)), ("package", student.package.map(JSONValue.string) ?? .null),
            ("duplicates", .array(student.duplicates.map(JSONValue.string))),
            ("rank", student.rank.map(JSONValue.int) ?? .null),
            ("eval_mean_return", student.meanReturn.map(JSONValue.double) ?? .null),
            ("runs_succeeded", .int(student.runsSucceeded)), ("runs_failed", .int(student.runsFailed)),
            ("diagnostics", .array(student.diagnostics.map(\.json))),
        ])
    }

    func write() throws(OutputError) {
        try AtomicFile.write(
            Array((json.text(indent: 2) + "\n").utf8),
            to: URL(fileURLWithPath: ArenaPaths.report(output: output)))
    }
}
