import Foundation
import RelnaCore

/// `OUT/state.json`: every stage of every submission and every run, rewritten atomically after each
/// event, so an interrupted arena (Ctrl-C, a crash) leaves a state the next invocation trusts.
struct ArenaState: Sendable {
    static let version = 1

    struct Student: Sendable, Hashable {
        var sha256: String?
        var status: String
        var package: String?
    }

    var students: [String: Student] = [:]
    var runs: [String: RunState] = [:]

    static func path(output: String) -> String { output + "/state.json" }

    /// The state of an earlier invocation; a missing file is a fresh arena, an unreadable one too
    /// (nothing in it can be trusted, so everything is redone).
    static func load(output: String) -> (state: ArenaState, problem: String?) {
        let path = path(output: output)
        guard let data = FileManager.default.contents(atPath: path) else { return (ArenaState(), nil) }
        let document: LocatedJSON
        do {
            document = try LocatedJSON.parse([UInt8](data))
        } catch {
            return (ArenaState(), "\(path) is not valid JSON (\(error)); starting afresh")
        }
        guard document["version"]?.integer == version else {
            return (ArenaState(), "\(path) is of another version; starting afresh")
        }
        var state = ArenaState()
        for item in items(document["students"]) {
            guard let id = item["id"]?.string, let status = item["status"]?.string else { continue }
            state.students[id] = Student(
                sha256: item["sha256"]?.string, status: status, package: item["package"]?.string)
        }
        for item in items(document["runs"]) {
            if let run = RunState(item) { state.runs[run.id] = run }
        }
        return (state, nil)
    }

    private static func items(_ value: LocatedJSON?) -> [LocatedJSON] {
        guard case .array(let items)? = value?.value else { return [] }
        return items
    }

    var json: JSONValue {
        let studentItems = students.keys.sorted(by: lessByBytes).map { id -> JSONValue in
            let student = students[id] ?? Student(status: "")
            return .object([
                ("id", .string(id)), ("sha256", student.sha256.map(JSONValue.string) ?? .null),
                ("status", .string(student.status)),
                ("package", student.package.map(JSONValue.string) ?? .null),
            ])
        }
        let runItems = runs.keys.sorted(by: lessByBytes).compactMap { runs[$0]?.json }
        return .object([
            ("version", .int(Self.version)), ("students", .array(studentItems)), ("runs", .array(runItems)),
        ])
    }

    func save(output: String) throws(OutputError) {
        try AtomicFile.write(
            Array((json.text(indent: 1) + "\n").utf8), to: URL(fileURLWithPath: Self.path(output: output)))
    }
}

/// Where one planned run stands.
public enum RunStatus: String, Sendable, Hashable {
    case planned
    case running
    /// A Vertex job was created and has not been seen to end.
    case submitted
    case succeeded
    case failed

    public var isFinished: Bool { self == .succeeded || self == .failed }
}

extension RunState {
    /// Failures of this machine rather than of the agent (the package could not be installed, the
    /// trainer not started): a resumed arena tries these runs again.
    static let infrastructurePrefix = "could not "

    var failedOnInfrastructure: Bool {
        status == .failed && (reason?.hasPrefix(Self.infrastructurePrefix) ?? false)
    }
}

/// One run in the state and the report.
public struct RunState: Sendable, Hashable {
    public var id: String
    public var package: String
    public var seed: Int
    public var status: RunStatus
    /// Why it failed: the referee's `failure.json` reason and message, a timeout, an exit status.
    public var reason: String?
    /// The Vertex job's full name.
    public var job: String?
    public var seconds: Double?

    init(_ run: PlannedRun) {
        id = run.id
        package = run.packageSHA256
        seed = run.seed
        status = .planned
    }

    init?(_ item: LocatedJSON) {
        guard let id = item["id"]?.string, let package = item["package"]?.string,
            let seed = item["seed"]?.integer, let status = item["status"]?.string.flatMap(RunStatus.init)
        else { return nil }
        self.id = id
        self.package = package
        self.seed = seed
        self.status = status
        reason = item["reason"]?.string
        job = item["job"]?.string
        seconds = item["seconds"]?.double
    }

    var json: JSONValue {
        .object([
            ("id", .string(id)), ("package", .string(package)), ("seed", .int(seed)),
            ("status", .string(status.rawValue)), ("reason", reason.map(JSONValue.string) ?? .null),
            ("job", job.map(JSONValue.string) ?? .null), ("seconds", seconds.map(JSONValue.double) ?? .null),
        ])
    }
}

/// The state shared by the stages and the pool's threads: every update is saved before it returns.
final class StateStore: @unchecked Sendable {
    private var state: ArenaState
    private let output: String
    private let lock = NSLock()

    init(_ state: ArenaState, output: String) {
        self.state = state
        self.output = output
    }

    var snapshot: ArenaState {
        lock.lock()
        defer { lock.unlock() }
        return state
    }

    func update(_ change: (inout ArenaState) -> Void) throws(OutputError) {
        lock.lock()
        defer { lock.unlock() }
        change(&state)
        try state.save(output: output)
    }

    func run(_ id: String) -> RunState? {
        lock.lock()
        defer { lock.unlock() }
        return state.runs[id]
    }

    func setRun(_ run: RunState) throws(OutputError) {
        try update { $0.runs[run.id] = run }
    }
}
