import Foundation
import RelnaCore

/// `OUT/feedback/<id>.txt`: what `check` printed for the student's file, then their result.
enum ArenaFeedback {
    static func text(_ student: StudentRecord, runs: [RunState], domain: String) -> String {
        var out = "relna-pack arena: feedback for \(student.displayName)"
        out += student.displayName == student.id ? "\n" : " (\(student.id))\n"
        out += "file: \(student.path)\n"
        if let sha256 = student.sha256 { out += "sha256: \(sha256)\n" }
        out += "\n== check (as relna-pack check prints it) ==\n"
        for diagnostic in student.diagnostics {
            out += diagnostic.formatted(source: student.source, color: false) + "\n"
        }
        if student.diagnostics.isEmpty { out += "no problems found\n" }
        if student.status != .invalid, student.status != .rejected {
            out += "\(student.path): ok for the \(domain) domain\n"
        }
        out += "\n== result ==\n" + result(student)
        if !student.duplicates.isEmpty {
            out += "identical files: \(student.duplicates.joined(separator: ", ")) sent the same agent\n"
        }
        for run in runs.sorted(by: { $0.seed < $1.seed }) {
            out += "seed \(run.seed): \(run.status.rawValue)" + (run.reason.map { " (\($0))" } ?? "") + "\n"
        }
        return out
    }

    private static func result(_ student: StudentRecord) -> String {
        switch student.status {
        case .ranked:
            let mean = student.meanReturn.map { String(format: "%.2f", $0) } ?? "?"
            return "ranked \(student.rank.map(String.init) ?? "?") (mean evaluation return \(mean))\n"
        case .accepted: return "accepted; training not finished yet\n"
        default: return student.status.rawValue + (student.reason.map { ": \($0)" } ?? "") + "\n"
        }
    }

    static func write(_ students: [StudentRecord], runs: [RunState], domain: String, output: String)
        throws(OutputError)
    {
        let byPackage = Dictionary(grouping: runs, by: \.package)
        try AtomicFile.ensureFolder(URL(fileURLWithPath: output + "/feedback"))
        // An unsafe id names no file: its feedback is in report.json only.
        for student in students where StudentID.isSafe(student.id) {
            let text = text(student, runs: student.package.flatMap { byPackage[$0] } ?? [], domain: domain)
            let url = URL(fileURLWithPath: ArenaPaths.feedback(output: output, student: student.id))
            if FileManager.default.contents(atPath: url.path) == Data(text.utf8) { continue }
            try AtomicFile.write(Array(text.utf8), to: url)
        }
    }
}
