import RelnaDigest

/// Everything that goes into one sdist, before it is written: the members under the top folder.
///
/// The plan is a value: the pipeline builds it, the tests inspect it, and `archive(mtime:)` turns it
/// into the reproducible `.tar.gz` bytes.
public struct SdistPlan: Sendable, Hashable {
    public var identity: PackageIdentity
    /// Paths relative to the top folder (`PKG-INFO`, `trainer/task.py`) and their bytes.
    public private(set) var files: [String: [UInt8]]

    public init(identity: PackageIdentity) {
        self.identity = identity
        self.files = [:]
    }

    public enum Conflict: Error, Sendable, Hashable {
        case duplicate(String)
    }

    public mutating func add(_ path: String, _ bytes: [UInt8]) throws(Conflict) {
        guard files[path] == nil else { throw .duplicate(path) }
        files[path] = bytes
    }

    public mutating func add(_ path: String, text: String) throws(Conflict) {
        try add(path, Array(text.utf8))
    }

    /// The archive's members: the top folder, every folder on the way to a file, and the files, each
    /// prefixed with the top folder and sorted by path bytes.
    public var members: [ArchiveMember] {
        let top = identity.stem
        var folders: Set<String> = [top]
        for path in files.keys {
            var parts = path.split(separator: "/").dropLast()
            while !parts.isEmpty {
                folders.insert(top + "/" + parts.joined(separator: "/"))
                parts = parts.dropLast()
            }
        }
        var members = folders.map { ArchiveMember(path: $0, kind: .directory) }
        members += files.map { ArchiveMember(path: top + "/" + $0.key, kind: .file($0.value)) }
        return members.sorted { Array($0.path.utf8).lexicographicallyPrecedes(Array($1.path.utf8)) }
    }

    /// The file list for reports: path inside the package, size, sha256, sorted by path.
    public var fileList: [(path: String, size: Int, sha256: String)] {
        files.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }.map { path in
            let bytes = files[path] ?? []
            return (path, bytes.count, Digest.sha256Hex(bytes))
        }
    }

    /// The `.tar.gz` bytes; the same plan and mtime give the same bytes everywhere.
    public func archive(mtime: Int64) throws(PackagingError) -> [UInt8] {
        let tar: [UInt8]
        do {
            tar = try TarWriter.archive(members, mtime: mtime)
        } catch {
            throw .archive(error.description)
        }
        do {
            return try Gzip.compress(tar)
        } catch {
            throw .archive("zlib failed: \(error)")
        }
    }
}

public enum PackagingError: Error, Sendable, Hashable, CustomStringConvertible {
    case archive(String)
    case setupFiles(String)

    public var description: String {
        switch self {
        case .archive(let message): return "cannot write the archive: \(message)"
        case .setupFiles(let message): return "cannot render setup.py or pyproject.toml: \(message)"
        }
    }
}

/// The modification time every member gets: `SOURCE_DATE_EPOCH` when set and valid, else 1980-01-01.
public enum SourceDateEpoch {
    public static let fallback: Int64 = 315_532_800

    public enum Problem: Error, Sendable, Hashable {
        case invalid(String)
    }

    public static func resolve(_ environment: [String: String]) throws(Problem) -> Int64 {
        try resolve(text: environment["SOURCE_DATE_EPOCH"])
    }

    /// The variable's value as given (nil or empty: the fallback).
    public static func resolve(text: String?) throws(Problem) -> Int64 {
        guard let text, !text.isEmpty else { return fallback }
        // ustar stores 11 octal digits: up to 8^11 - 1 seconds.
        guard let value = Int64(text), value >= 0, value < 8_589_934_592 else { throw .invalid(text) }
        return value
    }
}
