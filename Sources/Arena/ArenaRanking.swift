import Foundation
import Ranking
import RelnaCore

/// The arena's one call into Ranking: the same `RunCollection`, `Leaderboard` and writers as
/// `relna-pack rank`, over exactly the planned runs that succeeded, with each entry named after its
/// student and every student who is not ranked listed with their status.
enum ArenaRanking {
    struct Result: Sendable {
        var board: Leaderboard
        var unranked: [Diagnostic]
        /// Package digest → (rank, mean evaluation return).
        var places: [String: (rank: Int, mean: Double)]
        /// Runs whose job dir `rank` could not use, with why.
        var unusable: [String: String]
    }

    static func rank(
        runs: [RunState], students: [StudentRecord], packages: [ArenaPackage], output: String
    ) -> Result {
        var records: [RunRecord] = []
        var packageOfRun: [String: String] = [:]
        var unusable: [String: String] = [:]
        for run in runs where run.status == .succeeded {
            let directory = ArenaPaths.jobDirectory(output: output, run: run.id)
            do throws(SkippedRun) {
                records.append(try RunCollection.load(jobDirectory: directory, requireIsolated: true))
                packageOfRun[directory] = run.package
            } catch {
                unusable[run.id] = error.diagnostic.message
            }
        }
        var board = Leaderboard(runs: records)
        let names = Dictionary(uniqueKeysWithValues: students.map { ($0.id, $0.displayName) })
        let owners = Dictionary(uniqueKeysWithValues: packages.map { ($0.sha256, $0.students[0]) })
        var places: [String: (rank: Int, mean: Double)] = [:]
        for group in board.groups.indices {
            for index in board.groups[group].entries.indices {
                let entry = board.groups[group].entries[index]
                guard let run = entry.runs.first, let package = packageOfRun[run.jobDirectory],
                    let owner = owners[package]
                else { continue }
                board.groups[group].entries[index].agentFilename = names[owner] ?? owner
                places[package] = (entry.rank, entry.evalMeanReturn)
            }
        }
        return Result(board: board, unranked: [], places: places, unusable: unusable)
    }

    /// Every student not on the board (invalid, rejected, duplicate, failed) with their status and
    /// why, in id order: listed beside the board, never dropped.
    static func unranked(_ students: [StudentRecord]) -> [Diagnostic] {
        students.filter { $0.status != .ranked }.map { student in
            Diagnostic(
                severity: .warning, code: "arena-\(student.status.rawValue)", file: student.displayName,
                line: 0, column: 0, message: student.reason ?? student.status.rawValue)
        }
    }

    /// leaderboard.json, .csv and .html in OUT, written atomically.
    static func write(_ result: Result, output: String) throws(OutputError) {
        let documents = [
            ("json", LeaderboardJSON.render(result.board, skipped: result.unranked)),
            ("csv", LeaderboardCSV.render(result.board)),
            ("html", LeaderboardHTML.render(result.board, skipped: result.unranked)),
        ]
        for (suffix, text) in documents {
            try AtomicFile.write(
                Array(text.utf8),
                to: URL(fileURLWithPath: ArenaPaths.leaderboard(output: output, extension: suffix)))
        }
    }
}
