import Foundation
import RelnaCore

/// Why the leaderboard page could not be written (the command exits 74).
public struct LeaderboardWriteError: Error, Sendable, Hashable {
    public var path: String
    public var reason: String
}

/// Writes the finished page with `AtomicFile`, so a reader never sees half a page and a failure leaves
/// no file behind.
public enum LeaderboardFile {
    public static func write(_ text: String, to path: String) throws(LeaderboardWriteError) {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw LeaderboardWriteError(path: path, reason: "is a folder")
        }
        do throws(OutputError) {
            try AtomicFile.write(Array(text.utf8), to: URL(fileURLWithPath: path))
        } catch {
            throw LeaderboardWriteError(path: path, reason: error.message)
        }
    }
}
