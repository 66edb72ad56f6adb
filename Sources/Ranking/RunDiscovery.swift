import Foundation
import RelnaCore

/// Finds job dirs (folders holding `metrics.json`) under the folders a user names.
///
/// The walk is deterministic: children are visited in the byte order of their names. Hidden folders
/// (`.git`, `.venv` …) are not entered, a folder reached twice (through a symlink, or two overlapping
/// arguments) is visited once, and depth is bounded so a symlink loop ends in a warning, not a hang.
public enum RunDiscovery {
    public static let maximumDepth = 32

    public struct Result: Sendable, Hashable {
        /// Job dirs as paths built from the user's arguments, in discovery order, each once.
        public var jobDirectories: [String]
        /// Job dirs holding the referee's `failure.json` and no `metrics.json`: runs without a score.
        public var failedDirectories: [String] = []
        public var warnings: [Diagnostic]
    }

    public static func jobDirectories(under roots: [String]) -> Result {
        var walk = Walk()
        for root in roots {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root, isDirectory: &isFolder) else {
                walk.warn(root, "no such file or folder")
                continue
            }
            if isFolder.boolValue {
                walk.visit(root, depth: 0)
            } else if (root as NSString).lastPathComponent == "metrics.json" {
                // Naming the metrics file itself selects its job dir.
                let parent = (root as NSString).deletingLastPathComponent
                walk.add(parent.isEmpty ? "." : parent)
            } else {
                walk.warn(root, "not a folder (expected a folder holding job dirs, or a metrics.json)")
            }
        }
        return Result(jobDirectories: walk.found, failedDirectories: walk.failed, warnings: walk.warnings)
    }

    private struct Walk {
        var found: [String] = []
        var failed: [String] = []
        var warnings: [Diagnostic] = []
        var visitedFolders = Set<String>()
        var foundKeys = Set<String>()

        mutating func warn(_ path: String, _ message: String) {
            warnings.append(
                Diagnostic(
                    severity: .warning, code: "rank-unreadable", file: path, line: 0, column: 0,
                    message: message))
        }

        /// Records a job dir once, however many paths lead to it.
        mutating func add(_ path: String) {
            if foundKeys.insert(RunDiscovery.canonicalPath(path)).inserted { found.append(path) }
        }

        mutating func visit(_ path: String, depth: Int) {
            guard visitedFolders.insert(RunDiscovery.canonicalPath(path)).inserted else { return }
            guard depth <= RunDiscovery.maximumDepth else {
                warn(
                    path,
                    "more than \(RunDiscovery.maximumDepth) folders deep (a symlink loop?); not searched")
                return
            }
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: path)
            } catch {
                warn(path, "cannot read the folder: \(RunDiscovery.describe(error)); its runs are skipped")
                return
            }
            if names.contains("metrics.json") {
                add(path)
            } else if names.contains("failure.json") {
                failed.append(path)
            }
            let sorted = names.filter { !$0.hasPrefix(".") }.sorted {
                Array($0.utf8).lexicographicallyPrecedes($1.utf8)
            }
            for name in sorted {
                let child = path.hasSuffix("/") ? path + name : path + "/" + name
                var isFolder: ObjCBool = false
                if FileManager.default.fileExists(atPath: child, isDirectory: &isFolder), isFolder.boolValue {
                    visit(child, depth: depth + 1)
                }
            }
        }
    }

    /// The absolute path with symlinks resolved, to recognise one folder reached by several paths.
    static func canonicalPath(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return (path as NSString).standardizingPath }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The operating system's reason for an I/O error ("Permission denied"), not Foundation's prose.
    static func describe(_ error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
            underlying.domain == NSPOSIXErrorDomain
        {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if nsError.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(nsError.code))) }
        switch nsError.code {
        case NSFileReadNoPermissionError, NSFileWriteNoPermissionError: return "Permission denied"
        case NSFileReadNoSuchFileError, NSFileNoSuchFileError: return "No such file or directory"
        default: return nsError.localizedDescription
        }
    }
}
