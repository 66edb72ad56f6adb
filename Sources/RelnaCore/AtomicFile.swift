import Foundation

#if canImport(Glibc)
    import Glibc
    private let systemWrite = Glibc.write
#else
    import Darwin
    private let systemWrite = Darwin.write
#endif

/// An I/O failure while writing output, with the path involved.
public struct OutputError: Error, Sendable, Hashable, CustomStringConvertible {
    public var path: String
    public var message: String

    public var description: String { "\(path): \(message)" }
}

/// Writes a file atomically: a temporary file in the target folder, then renamed over the target.
/// Readers see the old file or the whole new one; a failure leaves nothing behind. A device or FIFO
/// target is written into instead, and a folder target is refused.
public enum AtomicFile {
    public static func write(_ bytes: [UInt8], to url: URL) throws(OutputError) {
        let folder = url.deletingLastPathComponent().path
        let path = url.path
        if let kind = fileKind(path), kind != S_IFREG {
            guard kind != S_IFDIR else { throw OutputError(path: path, message: "is a folder") }
            // A device or FIFO (`-o /dev/null`, `-o >(sha256sum)`) is written into: renaming over
            // it would replace /dev/null with a regular file for the whole machine when run as root.
            try writeInPlace(bytes, to: path)
            return
        }
        var template = Array("\(folder)/.\(url.lastPathComponent).tmp-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.map { mkstemp($0) } ?? -1
        }
        guard fd >= 0 else { throw OutputError(path: folder, message: errnoText()) }
        let temporary = String(
            decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var done = false
        defer {
            if !done { unlink(temporary) }
        }
        do {
            try writeAll(bytes, to: fd, path: path)
        } catch {
            close(fd)
            throw error
        }
        // mkstemp makes the file 0600; a package is meant to be read by others (umask is not read
        // back here because changing it to read it would race with other threads).
        fchmod(fd, 0o644)
        // No fsync: the rename makes the write atomic for readers (old file or whole new one); crash
        // durability is the caller's to ask of the file system, and fsync costs milliseconds per
        // build on a busy disk.
        guard close(fd) == 0 else { throw OutputError(path: path, message: errnoText()) }
        guard rename(temporary, path) == 0 else { throw OutputError(path: path, message: errnoText()) }
        done = true
    }

    /// The `S_IFMT` bits of what `path` names (symbolic links followed), nil when nothing is there.
    private static func fileKind(_ path: String) -> mode_t? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return status.st_mode & S_IFMT
    }

    private static func writeInPlace(_ bytes: [UInt8], to path: String) throws(OutputError) {
        let fd = open(path, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { throw OutputError(path: path, message: errnoText()) }
        do {
            try writeAll(bytes, to: fd, path: path)
        } catch {
            close(fd)
            throw error
        }
        guard close(fd) == 0 else { throw OutputError(path: path, message: errnoText()) }
    }

    private static func writeAll(_ bytes: [UInt8], to fd: Int32, path: String) throws(OutputError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                buffer.baseAddress.map { systemWrite(fd, $0 + offset, buffer.count - offset) } ?? -1
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw OutputError(path: path, message: errnoText())
            }
            offset += written
        }
    }

    /// Creates the folder (and its parents) when missing.
    public static func ensureFolder(_ url: URL) throws(OutputError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw OutputError(path: url.path, message: "not a folder") }
            return
        }
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw OutputError(
                path: url.path, message: "cannot create the folder: \(error.localizedDescription)")
        }
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }
}
