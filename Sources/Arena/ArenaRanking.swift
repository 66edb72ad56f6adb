import Foundation
import Ranking
import RelnaCore

/// The arena's one call into Ranking: the same `RunCollection`, `Leaderboard` and writers as
/// `relna-pack rank`, over exactly the planned runs that succeeded (each required to be refereed),
/// every run named after the student who owns its package, and every other student an
/// `UnrankedEntry` with their status.
enum ArenaRanking {
    struct Places: Sendable {
        /// Package digest → (rank, score) on the board.
        var byPackage: [String: (rank: Int, mean: Double)] = [:]
        /// Runs whose job dir `rank` could not use, with why.
        var unusable: [String: String] = [:]
        var records: [RunRecord] = []
    }

    /// Loads the succeeded runs and ranks them alone, to settle who is ranked before the board
    /// with the unranked students is written.
    static func places(
        runs: [RunState], students: [StudentRecord], packages: [ArenaPackage], output: String,
        score: LeaderboardScore
    ) -> Places {
        var places = Places()
        var packageOfRun: [String: String] = [:]
        let names = Dictionary(uniqueKeysWithValues: students.map { ($0.id, $0.displayName) })
        let owners = Dictionary(uniqueKeysWithValues: packages.map { ($0.sha256, $0.students[0]) })
        for run in runs where run.status == .succeeded {
            let directory = ArenaPaths.jobDirectory(output: output, run: run.id)
            do throws(SkippedRun) {
                var record = try RunCollection.load(jobDirectory: directory, requireIsolated: true)
                let owner = owners[run.package] ?? run.package
                record.agentFilename = names[owner] ?? owner
                places.records.append(record)
                packageOfRun[directory] = run.package
            } catch {
                places.unusable[run.id] = error.diagnostic.message
            }
        }
        for group in Leaderboard(runs: places.records, score: score).groups {
            for entry in group.entries {
                guard let run = entry.runs.first, let package = packageOfRun[run.jobDirectory] else {
                    continue
                }
                places.byPackage[package] = (entry.rank, entry.evalMeanReturn)
            }
        }
        return places
    }

    /// The board: ranked runs and, beside them, every student who is not ranked (never dropped).
    static func board(
        _ places: Places, students: [StudentRecord], domain: String, env: String, score: LeaderboardScore
    ) -> Leaderboard {
        let names = Dictionary(uniqueKeysWithValues: students.map { ($0.id, $0.displayName) })
        let unranked = students.filter { $0.status != .ranked }.map { student in
            UnrankedEntry(
                name: student.displayName, domain: domain, env: env,
                status: status(student, names: names), reason: student.reason ?? student.status.rawValue,
                agentSHA256: student.sha256)
        }
        return Leaderboard(runs: places.records, unranked: unranked, score: score)
    }

    private static func status(_ student: StudentRecord, names: [String: String]) -> UnrankedEntry.Status {
        switch student.status {
        case .duplicate:
            let owner = student.duplicates.first ?? student.id
            return .duplicate(of: names[owner] ?? owner)
        case .invalid, .rejected: return .rejected
        case .accepted, .failed, .ranked: return .failed
        }
    }

    /// leaderboard.json, .csv and .html in OUT, written atomically.
    static func write(_ board: Leaderboard, output: String) throws(OutputError) {
        let documents = [
            ("json", LeaderboardJSON.render(board)), ("csv", LeaderboardCSV.render(board)),
            ("html", LeaderboardHTML.render(board)),
        ]
        for (suffix, text) in documents {
            try AtomicFile.write(
                Array(text.utf8),
                to: URL(fileURLWithPath: ArenaPaths.leaderboard(output: output, extension: suffix)))
        }
    }
}
