import Foundation

#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// OUT/.arena.lock, held with `flock` for the arena's lifetime: a second arena on the same OUT is
/// refused instead of corrupting it, and the kernel drops the lock when the holder dies (Ctrl-C, a
/// crash), so a stale lock never blocks the next run.
final class ArenaLock: @unchecked Sendable {
    private let descriptor: Int32

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    static func acquire(output: String) throws(ArenaError) -> ArenaLock {
        let path = output + "/.arena.lock"
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw .io("cannot open \(path): \(String(cString: strerror(errno)))")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw .locked(
                "another arena is using \(output) (\(path) is locked); wait for it to finish or use another --out"
            )
        }
        return ArenaLock(descriptor: descriptor)
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
