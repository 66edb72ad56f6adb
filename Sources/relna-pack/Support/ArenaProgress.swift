import Foundation
import TrainerGen

/// The arena's progress on stderr: one line redrawn in place on a terminal (checked, built, runs
/// queued/running/done/failed, an ETA), plain lines otherwise. Never on stdout.
final class ArenaProgress: @unchecked Sendable {
    private let live: Bool
    /// Where a dry run's commands go: stdout, unless stdout is for the one JSON document.
    private let dryRunOnStdout: Bool
    private let lock = NSLock()
    private var students = 0
    private var checked = 0
    private var accepted = 0
    private var runs = 0
    private var running = 0
    private var done = 0
    private var failed = 0
    private var durations: [Double] = []
    private var drawn = false

    init(live: Bool, dryRunOnStdout: Bool) {
        self.live = live
        self.dryRunOnStdout = dryRunOnStdout
    }

    var observe: ArenaObserver {
        { [self] event in self.handle(event) }
    }

    private func handle(_ event: ArenaEvent) {
        lock.lock()
        defer { lock.unlock() }
        var line: String?
        switch event {
        case .discovered(let count):
            students = count
            line = "\(count) submissions"
        case .checked(let record):
            checked += 1
            if record.status != .invalid, record.status != .rejected { accepted += 1 }
            if checked == students { line = "checked and built \(checked): \(accepted) accepted" }
        case .planned(let total, let finished):
            runs = total
            done = finished
            line = "planned \(total) runs (\(finished) already finished)"
        case .runStarted(let id):
            running += 1
            line = "started \(id)"
        case .runFinished(let state):
            running = max(0, running - 1)
            done += 1
            if state.status == .failed { failed += 1 }
            if let seconds = state.seconds { durations.append(seconds) }
            line = "\(state.id): \(state.status.rawValue)" + (state.reason.map { " (\($0))" } ?? "")
        case .note(let text):
            line = text
        case .dryRun(let text):
            if dryRunOnStdout {
                CommandOutput.writeStdout(Array((text.hasSuffix("\n") ? text : text + "\n").utf8))
            } else {
                line = text
            }
        }
        live ? draw(line) : line.map { CommandOutput.writeStderr("relna-pack arena: " + $0) }
    }

    /// A terminal keeps the notes and finished runs as lines and redraws the status line below them.
    private func draw(_ line: String?) {
        var text = drawn ? "\r\u{1B}[K" : ""
        if let line { text += "relna-pack arena: " + line + "\n" }
        text += status
        FileHandle.standardError.write(Data(text.utf8))
        drawn = true
    }

    private var status: String {
        var text = "checked \(checked)/\(students), built \(accepted)"
        guard runs > 0 else { return text }
        let queued = max(0, runs - done - running)
        text += " | runs: \(queued) queued, \(running) running, \(done - failed) done, \(failed) failed"
        if !durations.isEmpty, running > 0 {
            let average = durations.reduce(0, +) / Double(durations.count)
            let eta = average * Double(queued + running) / Double(max(running, 1))
            text += ", ETA \(Int(eta.rounded())) s"
        }
        return text
    }

    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if live, drawn { FileHandle.standardError.write(Data("\n".utf8)) }
        drawn = false
    }
}

/// The human summary printed at the end (without --json).
enum ArenaSummary {
    static func text(_ report: ArenaReport) -> String {
        let ranked = report.students.filter { $0.rank != nil }.sorted { ($0.rank ?? 0) < ($1.rank ?? 0) }
        var lines = ranked.map { student in
            "  \(student.rank ?? 0). \(student.displayName)"
                + (student.meanReturn.map { String(format: "  %.2f", $0) } ?? "")
        }
        for student in report.students where student.rank == nil {
            lines.append(
                "  -  \(student.displayName)  \(student.status.rawValue)"
                    + (student.reason.map { ": \($0)" } ?? ""))
        }
        var text = "relna-pack arena: \(report.students.count) students, \(report.packages) packages, "
        text += "\(report.runs.count) runs (\(report.runsStartedNow) started now)\n"
        text += lines.joined(separator: "\n") + "\n"
        if let html = report.leaderboard["html"] { text += "relna-pack arena: wrote \(html)\n" }
        text +=
            "relna-pack arena: feedback in \(report.output)/feedback/, report in \(report.output)/report.json"
        return text
    }
}
