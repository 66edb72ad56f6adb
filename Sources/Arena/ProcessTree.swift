import Foundation

#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// The processes below a trainer, read from /proc: a referee starts its worker in a session of its
/// own, so signalling the trainer's process group would miss it, and once the trainer is dead the
/// worker is re-parented and no longer traceable to it.
enum ProcessTree {
    /// Every living descendant of `root` (children first), from each process's parent in /proc.
    static func descendants(of root: pid_t) -> [pid_t] {
        var children: [pid_t: [pid_t]] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
            guard let pid = pid_t(name), let stat = status(pid), stat.state != "Z" else { continue }
            children[stat.parent, default: []].append(pid)
        }
        var found: [pid_t] = []
        var queue = children[root] ?? []
        while let next = queue.first {
            queue.removeFirst()
            found.append(next)
            queue += children[next] ?? []
        }
        return found
    }

    /// Whether `pid` is a process that has not ended (a zombie has).
    static func isAlive(_ pid: pid_t) -> Bool {
        guard let stat = status(pid) else { return false }
        return stat.state != "Z"
    }

    /// The state letter and parent pid of `/proc/PID/stat`. The command name is in parentheses and may
    /// hold spaces or parentheses itself, so the fields are read after its last `)`.
    private static func status(_ pid: pid_t) -> (state: Character, parent: pid_t)? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = text.lastIndex(of: ")")
        else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count >= 2, let state = fields[0].first, let parent = pid_t(fields[1]) else {
            return nil
        }
        return (state, parent)
    }
}
