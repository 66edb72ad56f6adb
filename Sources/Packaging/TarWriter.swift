import CArchive

/// One member of a tar archive, as the sdist plan lists it.
public struct ArchiveMember: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case directory
        case file([UInt8])
    }

    /// Relative path inside the archive, without a trailing slash.
    public var path: String
    public var kind: Kind

    public init(path: String, kind: Kind) {
        self.path = path
        self.kind = kind
    }
}

/// Writes a reproducible ustar archive with libarchive: members in the order given (the plan sorts
/// them), directories 0755 and files 0644, owner 0/0 with empty names, one mtime for every member and
/// no nanoseconds or other time fields. ustar has no extended headers, so nothing else varies.
public enum TarWriter {
    public enum Failure: Error, Sendable, Hashable, CustomStringConvertible {
        case libarchive(String)
        case pathTooLong(String)

        public var description: String {
            switch self {
            case .libarchive(let message): return "libarchive: \(message)"
            case .pathTooLong(let path): return "path too long for a ustar archive: \(path)"
            }
        }
    }

    // AE_IFDIR and AE_IFREG are cast macros, which Swift does not import.
    private static let directoryType: UInt32 = 0o040000
    private static let regularFileType: UInt32 = 0o100000

    /// Receives the bytes libarchive writes; passed through libarchive's client-data pointer.
    private final class Sink {
        var bytes: [UInt8] = []
    }

    public static func archive(_ members: [ArchiveMember], mtime: Int64) throws(Failure) -> [UInt8] {
        guard let archive = archive_write_new() else { throw .libarchive("cannot allocate a writer") }
        defer { archive_write_free(archive) }
        let sink = Sink()
        sink.bytes.reserveCapacity(members.count * 1024 + 10240)
        let context = Unmanaged.passUnretained(sink).toOpaque()
        try check(archive_write_set_format_ustar(archive), archive)
        try check(archive_write_add_filter_none(archive), archive)
        // Blocks of 512 bytes with the final one padded to a full 10240-byte record, as tar does.
        try check(archive_write_set_bytes_per_block(archive, 10240), archive)
        try check(
            archive_write_open2(
                archive, context, nil,
                { _, client, buffer, length in
                    guard let client, let buffer else { return -1 }
                    let sink = Unmanaged<Sink>.fromOpaque(client).takeUnretainedValue()
                    sink.bytes.append(contentsOf: UnsafeRawBufferPointer(start: buffer, count: length))
                    return length
                }, nil, nil), archive)

        for member in members {
            guard let entry = archive_entry_new() else { throw .libarchive("cannot allocate an entry") }
            defer { archive_entry_free(entry) }
            let isDirectory = member.kind == .directory
            let path = isDirectory ? member.path + "/" : member.path
            guard path.utf8.count < 256 else { throw .pathTooLong(path) }
            archive_entry_set_pathname(entry, path)
            archive_entry_set_uid(entry, 0)
            archive_entry_set_gid(entry, 0)
            archive_entry_set_uname(entry, "")
            archive_entry_set_gname(entry, "")
            archive_entry_set_mtime(entry, time_t(mtime), 0)
            switch member.kind {
            case .directory:
                archive_entry_set_filetype(entry, directoryType)
                archive_entry_set_perm(entry, 0o755)
                archive_entry_set_size(entry, 0)
                try check(archive_write_header(archive, entry), archive)
            case .file(let data):
                archive_entry_set_filetype(entry, regularFileType)
                archive_entry_set_perm(entry, 0o644)
                archive_entry_set_size(entry, la_int64_t(data.count))
                try check(archive_write_header(archive, entry), archive)
                if !data.isEmpty {
                    let written = data.withUnsafeBytes {
                        archive_write_data(archive, $0.baseAddress, $0.count)
                    }
                    guard written == data.count else { throw .libarchive(errorString(archive)) }
                }
            }
        }
        try check(archive_write_close(archive), archive)
        return sink.bytes
    }

    private static func check(_ code: Int32, _ archive: OpaquePointer) throws(Failure) {
        guard code == ARCHIVE_OK else { throw .libarchive(errorString(archive)) }
    }

    private static func errorString(_ archive: OpaquePointer) -> String {
        archive_error_string(archive).map { String(cString: $0) } ?? "unknown error"
    }
}
