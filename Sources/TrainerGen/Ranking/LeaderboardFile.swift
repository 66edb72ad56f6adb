import Foundation

/// Why the leaderboard page could not be written (the command exits 74).
public struct LeaderboardWriteError: Error, Sendable, Hashable {
    public var path: String
    public var reason: String
}

/// Writes a finished output file atomically: a temporary file in the target folder, then a rename, so
/// a reader never sees half a page and a failure leaves no file behind.
public enum LeaderboardFile {
    public static func write(_ text: String, to path: String) throws(LeaderboardWriteError) {
        let folder = (path as NSString).deletingLastPathComponent
        let directory = folder.isEmpty ? "." : folder
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw LeaderboardWriteError(path: path, reason: "is a folder")
        }
        let name = (path as NSString).lastPathComponent
        let temporary = (directory as NSString).appendingPathComponent(
            ".\(name).\(ProcessInfo.processInfo.processIdentifier).\(UUID().uuidString).tmp")
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: temporary), options: .withoutOverwriting)
        } catch {
            throw LeaderboardWriteError(path: path, reason: RunDiscovery.describe(error))
        }
        // Readable like any file the user makes (the temporary file's mode already follows the umask).
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw LeaderboardWriteError(path: path, reason: reason)
        }
    }
}
