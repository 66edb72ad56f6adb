import Foundation
import PythonInspector

/// Finds the students in a submissions folder: `<id>.py` or `<id>/agent.py` each, `roster.csv` for
/// display names. Every bad entry becomes a `Submission` with a problem; only an unreadable or
/// empty folder is an error of the whole arena.
public enum SubmissionDiscovery {
    /// Why the folder as a whole cannot be used (exit 1 or 74, with the message).
    public enum Failure: Error, Sendable, Hashable, CustomStringConvertible {
        case notAFolder(String)
        case unreadable(String, reason: String)
        case empty(String)

        public var description: String {
            switch self {
            case .notAFolder(let path): "\(path) is not a folder of submissions"
            case .unreadable(let path, let reason): "cannot read \(path): \(reason)"
            case .empty(let path):
                "\(path) holds no submissions (expected <student>.py or <student>/agent.py files)"
            }
        }
    }

    /// Files larger than this are not read at all (`check` refuses anything over its own limit,
    /// 256 KiB by default, with a diagnostic; this bound only keeps a huge file out of memory).
    public static let readLimit = 4 * AgentLimits.defaultMaxBytes

    /// Names in the folder that are not submissions.
    static func isIgnored(_ name: String) -> Bool {
        name.hasPrefix(".") || name == Roster.fileName || name == "__pycache__"
    }

    /// `excluding`: a folder inside the submissions that is not one (OUT, when it is put there).
    public static func discover(_ folder: String, excluding: String? = nil) throws(Failure) -> [Submission] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue
        else { throw .notAFolder(folder) }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            throw .unreadable(folder, reason: error.localizedDescription)
        }
        let root = URL(fileURLWithPath: folder).resolvingSymlinksInPath().path
        let roster = Roster.load(folder: folder)
        var found: [String: [Submission]] = [:]
        let excluded = excluding.map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path }
        for name in names where !isIgnored(name) && root + "/" + name != excluded {
            guard let submission = entry(name, folder: folder, root: root, roster: roster) else { continue }
            found[submission.id, default: []].append(submission)
        }
        let submissions = found.keys.sorted(by: lessByBytes).compactMap { id -> Submission? in
            guard let entries = found[id], var first = entries.first else { return nil }
            if entries.count > 1 {
                first.problem = .clash(id)
                first.bytes = []
            }
            return first
        }
        guard !submissions.isEmpty else { throw .empty(folder) }
        return submissions
    }

    /// One folder entry as a submission; nil for a file that is not a submission (`notes.txt`).
    static func entry(_ name: String, folder: String, root: String, roster: Roster) -> Submission? {
        let path = folder + "/" + name
        let isFolder = isDirectoryEntry(path)
        guard isFolder || name.hasSuffix(".py") else { return nil }
        let id = isFolder ? name : String(name.dropLast(3))
        let agentPath = isFolder ? path + "/agent.py" : path
        var submission = Submission(
            id: id, displayName: roster.names[id] ?? id, path: agentPath, bytes: [], problem: nil)
        guard StudentID.isSafe(id) else {
            submission.problem = .unsafeID(id)
            return submission
        }
        switch read(agentPath, root: root) {
        case .success(let bytes): submission.bytes = bytes
        case .failure(let problem): submission.problem = problem
        }
        return submission
    }

    private static func isDirectoryEntry(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            && isDirectory.boolValue
    }

    /// The agent's bytes, refusing what leads out of the folder, is not a regular file, is too large
    /// to read or cannot be read.
    static func read(_ path: String, root: String) -> Result<[UInt8], SubmissionProblem> {
        let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        guard resolved.hasPrefix(root + "/") else {
            return .failure(
                SubmissionProblem(
                    code: "arena-outside-folder",
                    message: "\(path) is a symbolic link leading out of the submissions folder"))
        }
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: resolved) else {
            return .failure(
                SubmissionProblem(code: "arena-missing-agent", message: "\(path): no such file"))
        }
        guard attributes[.type] as? FileAttributeType == .typeRegular else {
            return .failure(
                SubmissionProblem(code: "arena-not-a-file", message: "\(path) is not a regular file"))
        }
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        guard size <= readLimit else {
            return .failure(
                SubmissionProblem(
                    code: "arena-too-large",
                    message: "\(path) is \(size) bytes; an agent file may have at most "
                        + "\(AgentLimits.defaultMaxBytes) bytes"))
        }
        guard let data = FileManager.default.contents(atPath: resolved) else {
            return .failure(SubmissionProblem(code: "arena-unreadable", message: "\(path) cannot be read"))
        }
        return .success([UInt8](data))
    }
}

/// Compares by UTF-8 bytes: the same order on every machine and locale.
func lessByBytes(_ lhs: String, _ rhs: String) -> Bool {
    Array(lhs.utf8).lexicographicallyPrecedes(rhs.utf8)
}
