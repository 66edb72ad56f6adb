import Foundation
import RelnaCore

extension Arena {
    /// Ranks what finished, settles each student's status, and writes the leaderboards, feedback,
    /// report and state.
    static func finish(
        _ configuration: ArenaConfiguration, students: [StudentRecord], packages: [ArenaPackage],
        planned: [PlannedRun], store: StateStore, startedNow: Int, env: String, region: String
    ) throws(ArenaError) -> ArenaReport {
        let output = configuration.output
        let runs = planned.compactMap { store.run($0.id) }
        let ranking = ArenaRanking.places(
            runs: runs, students: students, packages: packages, output: output, score: configuration.score)
        var students = students
        let byPackage = Dictionary(grouping: runs, by: \.package)
        for index in students.indices {
            guard let package = students[index].package else { continue }
            let own = byPackage[package] ?? []
            students[index].runsSucceeded = own.filter { $0.status == .succeeded }.count
            students[index].runsFailed = own.filter { $0.status == .failed }.count
            guard students[index].status == .accepted else { continue }
            if let place = ranking.byPackage[package] {
                students[index].status = .ranked
                students[index].rank = place.rank
                students[index].meanReturn = place.mean
            } else if !own.isEmpty, own.allSatisfy(\.status.isFinished) {
                students[index].status = .failed
                students[index].reason =
                    own.compactMap { $0.reason ?? ranking.unusable[$0.id] }.first ?? "no run succeeded"
            }
        }
        var report = ArenaReport(
            domain: configuration.domain, env: env, seeds: configuration.seeds,
            mode: configuration.mode.name, output: output, students: students, packages: packages.count,
            runs: runs, runsStartedNow: startedNow, leaderboard: [:], pipeline: nil)
        report.pipeline = try ArenaPipeline.write(
            configuration, planned: planned, packages: packages, env: env, defaultRegion: region)
        do {
            if case .planOnly = configuration.mode {
            } else {
                let board = ArenaRanking.board(
                    ranking, students: students, domain: configuration.domain, env: env,
                    score: configuration.score)
                try ArenaRanking.write(board, output: output)
                for suffix in ["json", "csv", "html"] {
                    report.leaderboard[suffix] = ArenaPaths.leaderboard(output: output, extension: suffix)
                }
            }
            try ArenaFeedback.write(students, runs: runs, domain: configuration.domain, output: output)
            try store.update { state in
                for student in students { state.students[student.id]?.status = student.status.rawValue }
            }
            try report.write()
        } catch {
            throw .io(error.description)
        }
        return report
    }
}
