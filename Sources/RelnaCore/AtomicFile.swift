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
/// Readers see the old file or the whole new one; a failure leaves nothing behind.
public enum AtomicFile {
    public static func write(_ bytes: [UInt8], to url: URL) throws(OutputError) {
        let folder = url.deletingLastPathComponent().path
        let path = url.path
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
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                buffer.baseAddress.map { systemWrite(fd, $0 + offset, buffer.count - offset) } ?? -1
            }
            if written < 0 {
                if errno == EINTR { continue }
                let message = errnoText()
                close(fd)
                throw OutputError(path: path, message: message)
            }
            offset += written
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
