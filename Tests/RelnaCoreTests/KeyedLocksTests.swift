import Foundation
import RelnaCore
import Synchronization
import Testing

@Suite struct KeyedLocksTests {
    /// Holders of one key never overlap.
    @Test func oneKeyIsHeldByOneThreadAtATime() {
        let locks = KeyedLocks()
        let state = Mutex((inside: 0, most: 0))
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            locks.withLock("package") {
                state.withLock {
                    $0.inside += 1
                    $0.most = max($0.most, $0.inside)
                }
                usleep(20_000)
                state.withLock { $0.inside -= 1 }
            }
        }
        #expect(state.withLock { $0.most } == 1)
    }

    /// A holder of one key does not keep another key's holder out: it waits, holding its key, for a
    /// thread of its own to get into another key.
    @Test func differentKeysAreHeldAtOnce() {
        let locks = KeyedLocks()
        let secondIn = DispatchSemaphore(value: 0)
        let met = locks.withLock("a") {
            Thread { locks.withLock("b") { _ = secondIn.signal() } }.start()
            return secondIn.wait(timeout: .now() + 10) == .success
        }
        #expect(met)
    }
}
