import ArgumentParser
import Foundation
import TrainerGen

/// `relna-pack rank`: the leaderboard of finished runs. Parsing and printing only; the finding,
/// ranking and rendering live in the Ranking target.
struct RankCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rank",
        abstract: "Rank finished training runs by evaluation return, per domain and environment.",
        discussion: """
            Searches the folders for job dirs (a folder holding the trainer's metrics.json and \
            progress.csv), groups runs by (domain, env), aggregates the seeds of one package, and \
            ranks by --score (default: the mean over seeds of the evaluation mean return; iqm: the \
            interquartile mean over seeds; mean-std: mean minus the evaluation std), then higher mean, \
            lower std, fewer training steps, then the name (docs/rank.md). Each entry shows its IQM \
            and a 95% bootstrap interval over seeds (fixed seed: the same runs give the same \
            output). A run with a \
            bad or missing file is skipped with a warning on stderr, and so is a run that failed (its \
            job dir holds the referee's failure.json). --require-isolated also skips runs whose \
            metrics.json does not say the referee decided them ("referee": {"isolated": true}; \
            docs/integrity.md). A gs:// folder (e.g. gs://BUCKET/relna/jobs/) is first copied (each \
            run's metrics.json and progress.csv, through gcloud storage ls --json and cp) into \
            $XDG_CACHE_HOME/relna-pack/gcs/, which is ranked.

            Exit status: 0 ranked; 1 no runs found; 64 usage error; 69 gcloud is missing for a gs:// \
            folder or refused it; 74 the --html file could not be written, or a gs:// folder holds no \
            runs.

            Examples:
              relna-pack rank runs/
              relna-pack rank runs/ more-runs/ --domain dqn --html leaderboard.html
              relna-pack rank runs/ --format csv > leaderboard.csv
              relna-pack rank gs://my-bucket/relna/jobs/
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table
        case json
        case csv
    }

    /// `--score`: the command-line spelling of `LeaderboardScore`.
    enum Score: String, ExpressibleByArgument, CaseIterable {
        case mean
        case iqm
        case meanMinusStd = "mean-std"

        var leaderboardScore: LeaderboardScore {
            switch self {
            case .mean: .mean
            case .iqm: .iqm
            case .meanMinusStd: .meanMinusStd
            }
        }
    }

    @Argument(
        help: "Folders to search for job dirs (or metrics.json files); gs:// folders are fetched first.")
    var folders: [String]

    @Option(help: "Rank only runs of this domain.")
    var domain: String?

    @Option(help: ArgumentHelp("Rank only runs on this environment id.", valueName: "id"))
    var env: String?

    @Flag(help: "Skip (with a warning) runs the referee did not decide: older trainers, in-process runs.")
    var requireIsolated = false

    @Option(help: "Rank by: mean (over seeds), iqm (interquartile mean over seeds) or mean-std.")
    var score: Score = .mean

    @Option(help: "Output on stdout: table, json or csv.")
    var format: Format = .table

    @Flag(help: "Same as --format json.")
    var json = false

    @Option(
        help: ArgumentHelp(
            "Also write a self-contained HTML leaderboard with learning curves.", valueName: "file"))
    var html: String?

    func validate() throws {
        if json, format != .table, format != .json {
            throw ValidationError("--json conflicts with --format \(format.rawValue)")
        }
    }

    func run() throws {
        let style = TerminalStyle.forStream(fileDescriptor: 2)
        let collection = RunCollection.collect(under: try localFolders(), requireIsolated: requireIsolated)
        let board = Leaderboard(
            runs: collection.runs, score: score.leaderboardScore, domain: domain, env: env)
        let warnings = collection.warnings + board.warnings
        for warning in warnings { printError(warning.formatted(source: nil, color: style.enabled)) }
        let outputFormat = json ? .json : format
        // A JSON reader always gets its one document, even an empty one, with the skipped runs.
        if board.groups.isEmpty, outputFormat == .json {
            print(LeaderboardJSON.render(board, skipped: warnings), terminator: "")
        }

        guard !collection.runs.isEmpty else {
            printError(
                "relna-pack rank: no runs found under \(folders.joined(separator: ", ")) "
                    + "(a run is a folder holding the trainer's metrics.json and progress.csv)")
            throw ExitCode(.rejected)
        }
        guard !board.groups.isEmpty else {
            let filters = [domain.map { "--domain \($0)" }, env.map { "--env \($0)" }].compactMap { $0 }
            let available = Set(collection.runs.map { "\($0.domain) on \($0.env)" }).sorted()
            printError(
                "relna-pack rank: none of the \(collection.runs.count) runs found matches "
                    + "\(filters.joined(separator: " ")); found: \(available.joined(separator: ", "))")
            throw ExitCode(.rejected)
        }
        if let html {
            do {
                try LeaderboardFile.write(LeaderboardHTML.render(board, skipped: warnings), to: html)
            } catch {
                printError(
                    style.bold("\(error.path):") + " " + style.red("error:")
                        + " cannot write: \(error.reason)")
                throw ExitCode(.ioError)
            }
            printError("relna-pack rank: wrote \(html)")
        }
        switch outputFormat {
        case .table: print(LeaderboardTable.render(board), terminator: "")
        case .json: print(LeaderboardJSON.render(board, skipped: warnings), terminator: "")
        case .csv: print(LeaderboardCSV.render(board), terminator: "")
        }
    }

    /// The folders with each gs:// one replaced by its fetched copy in the cache (emptied first, so
    /// that runs deleted from the bucket do not linger).
    private func localFolders() throws -> [String] {
        let remote = folders.filter { $0.hasPrefix("gs://") }
        guard !remote.isEmpty else { return folders }
        let gcloud = try CloudCommand.gcloud(
            "rank",
            commands: remote.map { ["storage", "ls", "--json", ($0.hasSuffix("/") ? $0 : $0 + "/") + "**"] })
        let environment = ProcessInfo.processInfo.environment
        var local: [String] = []
        for folder in folders {
            guard folder.hasPrefix("gs://") else {
                local.append(folder)
                continue
            }
            let cache = BucketResults.cacheFolder(for: folder, environment: environment)
            try? FileManager.default.removeItem(at: cache)
            do {
                let fetched = try BucketResults.download(
                    folder, into: cache, includeModel: false, gcloud: gcloud)
                printError(
                    "relna-pack rank: fetched \(fetched.runs.count) runs from \(folder) into \(cache.path)")
            } catch {
                throw CloudCommand.exit("rank", error)
            }
            local.append(cache.path)
        }
        return local
    }

    private func printError(_ text: String) {
        CommandOutput.writeStderr(text + "\n")
    }
}
