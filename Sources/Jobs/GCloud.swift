import Foundation
import RelnaCore

/// The one way relna-pack runs gcloud. Only `storage cp|ls`, `ai custom-jobs
/// create|describe|stream-logs|cancel|list` and `ai hp-tuning-jobs create|describe` are used, so that
/// a test double can stand in for Google Cloud (Tests/Python/fake_gcloud.py).
public struct GCloud: Sendable {
    public var executable: String
    public var environment: [String: String]

    public init(executable: String, environment: [String: String]) {
        self.executable = executable
        self.environment = environment
    }

    /// gcloud from the environment's PATH, else nil.
    public static func find(environment: [String: String]) -> GCloud? {
        ExecutableSearch.find("gcloud", path: environment["PATH"]).map {
            GCloud(executable: $0, environment: environment)
        }
    }

    public struct Output: Sendable {
        public var status: Int32
        public var stdout: [UInt8]
        public var stderr: String
    }

    /// Runs gcloud with stdout and stderr captured apart (stdout is the JSON, stderr the messages).
    public func capture(_ arguments: [String]) throws(GCloudError) -> Output {
        do {
            let result = try ChildProcess.captureApart([executable] + arguments, environment: environment)
            return Output(
                status: result.status, stdout: result.stdout,
                stderr: String(decoding: result.stderr, as: UTF8.self)
                    .trimmingCharacters(in: .whitespacesAndNewlines))
        } catch {
            throw .cannotRun(executable, error.description)
        }
    }

    /// Runs a command whose output is not parsed; a failure becomes a classified error.
    public func run(_ arguments: [String]) throws(GCloudError) {
        let result = try capture(arguments)
        if result.status != 0 { throw Self.classify(arguments, result) }
    }

    /// Runs `arguments` + `--format=json` and parses stdout with the project's JSON reader.
    func json(_ arguments: [String]) throws(GCloudError) -> LocatedJSON {
        let command = arguments + ["--format=json"]
        guard let json = try parse(command) else { throw .malformed(command: command, message: "no output") }
        return json
    }

    /// Runs `arguments` as they are (e.g. `storage ls --json`) and parses stdout as JSON; nil for
    /// output that is only whitespace (`gcloud storage ls --json` prints a bare newline for nothing).
    func parse(_ arguments: [String]) throws(GCloudError) -> LocatedJSON? {
        let result = try capture(arguments)
        if result.status != 0 { throw Self.classify(arguments, result) }
        if result.stdout.allSatisfy({ [0x20, 0x0A, 0x0D, 0x09].contains($0) }) {
            return nil
        }
        do {
            return try LocatedJSON.parse(result.stdout)
        } catch {
            throw .malformed(command: arguments, message: "\(error.line):\(error.column): \(error.message)")
        }
    }

    /// What a failed command means. gcloud reports API errors only on stderr, as
    /// `ERROR: (gcloud.ai.custom-jobs.create) RESOURCE_EXHAUSTED: …`, never as JSON on stdout whatever
    /// --format says, so this is the one place where relna-pack reads gcloud's text.
    static func classify(_ arguments: [String], _ result: Output) -> GCloudError {
        let text = result.stderr
        let message = text.isEmpty ? "(no message)" : text
        if isQuota(text) { return .quota(command: arguments, message: message, attempts: 1) }
        let access = [
            "UNAUTHENTICATED", "PERMISSION_DENIED", "gcloud auth login", "Reauthentication",
            "do not currently have an active account", "does not have any valid credentials",
        ]
        if access.contains(where: { text.contains($0) }) {
            return .access(command: arguments, message: message)
        }
        return .failed(command: arguments, status: result.status, message: message)
    }

    /// RESOURCE_EXHAUSTED, `Quota exceeded`, `Too Many Requests`, or 429 as a number of its own.
    static func isQuota(_ text: String) -> Bool {
        if ["RESOURCE_EXHAUSTED", "Quota exceeded", "Too Many Requests"].contains(where: { text.contains($0) }
        ) {
            return true
        }
        let scalars = Array(text.unicodeScalars)
        let digit: (Int) -> Bool = { $0 >= 0 && $0 < scalars.count && ("0"..."9").contains(scalars[$0]) }
        for index in scalars.indices where index + 2 < scalars.count {
            if scalars[index] == "4", scalars[index + 1] == "2", scalars[index + 2] == "9", !digit(index - 1),
                !digit(index + 3)
            {
                return true
            }
        }
        return false
    }
}
