import Foundation

/// One lock per key, made on first use: work on the same key (one package, one environment) runs one
/// at a time while work on different keys runs at once.
public final class KeyedLocks: @unchecked Sendable {
    private var locks: [String: NSLock] = [:]
    private let lock = NSLock()

    public init() {}

    /// Runs `body` holding `key`'s lock.
    public func withLock<T, Failure: Error>(_ key: String, _ body: () throws(Failure) -> T) throws(Failure)
        -> T
    {
        let keyLock = lockFor(key)
        keyLock.lock()
        defer { keyLock.unlock() }
        return try body()
    }

    private func lockFor(_ key: String) -> NSLock {
        lock.lock()
        defer { lock.unlock() }
        if let existing = locks[key] { return existing }
        let made = NSLock()
        locks[key] = made
        return made
    }
}
