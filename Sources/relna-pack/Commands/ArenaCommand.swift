import ArgumentParser
import Foundation
import TrainerGen

/// `relna-pack arena`: a cohort's submissions checked, built, trained on the same seeds and ranked.
/// Parsing and printing only; everything else is the Arena target (`Arena.run`).
struct ArenaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "arena",
        abstract: "Check, build, train and rank a folder of student submissions (docs/arena.md).",
        discussion: """
            SUBMISSIONS holds <student>.py or <student>/agent.py per student, and optionally \
            roster.csv (id,name) for display names. Each submission is checked as `check` does, \
            identical files are built once, and every package trains on the same seeds with the \
            budget of the domain and --set. Results go to --out: feedback/<student>.txt, report.json, \
            state.json, packages/, runs/, logs/ and leaderboard.{json,csv,html}. Running the same \
            command again redoes nothing that finished; a changed file redoes only that student.

            --local trains on this machine, --jobs at a time (default: the number of cores), each run \
            refereed and under bubblewrap; without a usable sandbox it refuses to start unless --trust. \
            --vertex submits one Vertex AI custom job per run (paced for the quota), waits, and \
            fetches the results; --dry-run prints the commands and job documents instead. \
            --no-train stops after the plan.

            Exit status: 0 done (students' own failures are in the report); 1 no submissions; 64 usage \
            error or no sandbox; 65 a manifest or template is broken; 69 Python or gcloud unavailable; \
            74 OUT cannot be written or another arena holds its lock.

            Examples:
              relna-pack arena submissions/ --domain dqn --local --out arena
              relna-pack arena submissions/ --domain dqn --set total_steps=20000 --seeds 0,1,2,3,4 --local
              relna-pack arena submissions/ --domain dqn --vertex --project P --bucket gs://B --dry-run
            """)

    @Argument(help: "The folder of submissions.")
    var submissions: String

    @Option(help: "The domain every submission is built for.")
    var domain: String

    @Option(help: "The Gymnasium environment id (default: the domain's).")
    var env: String?

    @Option(help: "Comma-separated seeds every package trains on.")
    var seeds: String = "0,1,2"

    @Option(name: .customLong("set"), help: "Override a hyperparameter for everyone: KEY=VALUE (repeatable).")
    var settings: [String] = []

    @Option(help: "A folder of domains that adds to or overrides the built-in ones (also RELNA_TEMPLATES).")
    var templates: String?

    @Option(help: "Rank by: mean (over seeds), iqm (interquartile mean over seeds) or mean-std.")
    var score: RankCommand.Score = .mean

    @Option(help: "The output folder.")
    var out: String = "arena"

    @Flag(help: "Train locally.")
    var local = false

    @Option(help: "Local runs at once [default: the number of cores].")
    var jobs: Int?

    @Flag(help: "Run local trainings without the sandbox (only for code you trust).")
    var trust = false

    @Flag(help: "Check, build and plan only; train nothing.")
    var noTrain = false

    @Flag(help: "Train on Vertex AI.")
    var vertex = false

    @Option(help: "Google Cloud project id (--vertex).")
    var project: String?

    @Option(help: ArgumentHelp("Cloud Storage bucket (--vertex).", valueName: "gs://bucket"))
    var bucket: String?

    @Option(help: "Region (--vertex) [default: us-central1].")
    var region: String?

    @Flag(help: "With --vertex: print every command and job document; run nothing.")
    var dryRun = false

    @Option(help: "With --vertex: seconds between job state checks.")
    var poll: Double = 30

    @Option(help: "Seconds a run may take before it is killed [default: from the budget].")
    var runTimeout: Double?

    @Flag(help: "Print one JSON document on standard output at the end.")
    var json = false

    func validate() throws {
        if local && vertex { throw ValidationError("--local and --vertex exclude each other") }
        if !local && !vertex && !noTrain {
            throw ValidationError("say where to train: --local or --vertex (or --no-train)")
        }
        if noTrain && vertex { throw ValidationError("--no-train trains nowhere; leave out --vertex") }
        if !local && (jobs != nil || trust) { throw ValidationError("--jobs and --trust go with --local") }
        if !vertex && (project != nil || bucket != nil || region != nil || dryRun) {
            throw ValidationError("--project, --bucket, --region and --dry-run go with --vertex")
        }
        if vertex && (project == nil || bucket == nil) {
            throw ValidationError("--vertex needs --project and --bucket")
        }
        guard poll > 0 else { throw ValidationError("--poll must be positive") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if let runTimeout, !(runTimeout > 0) { throw ValidationError("--run-timeout must be positive") }
        _ = try parsedSeeds()
    }

    func parsedSeeds() throws -> [Int] {
        let parts = seeds.split(separator: ",", omittingEmptySubsequences: false)
        let values = parts.compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !parts.isEmpty, values.count == parts.count, Set(values).count == values.count else {
            throw ValidationError("--seeds must be distinct whole numbers separated by commas, e.g. 0,1,2")
        }
        return values
    }

    func run() throws {
        let stop = Self.stopOnSignals()
        defer { for source in stop { source.cancel() } }
        let progress = ArenaProgress(live: isatty(2) == 1, dryRunOnStdout: !json)
        let report: ArenaReport
        do {
            report = try Arena.run(try arenaConfiguration(), observer: progress.observe)
        } catch let error as ArenaError {
            progress.finish()
            throw fail(error)
        }
        progress.finish()
        if json {
            CommandOutput.printJSON(report.json)
        } else {
            CommandOutput.writeStderr(ArenaSummary.text(report))
        }
    }

    /// Ctrl-C (or SIGTERM) stops the trainers before the arena exits, so none is left writing into a
    /// job dir the next arena reuses; the state is already consistent (written after every event).
    private static func stopOnSignals() -> [DispatchSourceSignal] {
        [SIGINT, SIGTERM].map { signalNumber in
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                Arena.stopTrainers()
                CommandOutput.writeStderr("\nrelna-pack arena: stopped; run the same command again to resume")
                Foundation.exit(128 + signalNumber)
            }
            source.resume()
            return source
        }
    }

    private func arenaConfiguration() throws -> ArenaConfiguration {
        let mode: ArenaMode
        if local {
            mode = .local(
                ArenaMode.LocalOptions(
                    jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount, trust: trust))
        } else if vertex, let project, let bucket {
            let parsed: StorageBucket
            do {
                parsed = try StorageBucket(bucket)
            } catch {
                throw fail(.usage("--bucket: \(error)"))
            }
            mode = .vertex(
                ArenaMode.VertexOptions(
                    project: project, bucket: parsed, region: region, dryRun: dryRun,
                    pacer: CloudCommand.pacer(),
                    pollInterval: poll))
        } else {
            mode = .planOnly
        }
        let searchPath: TemplateSearchPath
        do {
            searchPath = try DomainFlags.searchPath(templates: templates)
        } catch {
            throw fail(.build(error))
        }
        return ArenaConfiguration(
            submissions: submissions, domain: domain, searchPath: searchPath, env: env,
            seeds: try parsedSeeds(),
            settings: settings, output: out, mode: mode, runTimeout: runTimeout,
            sourceDateEpoch: ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"],
            score: score.leaderboardScore)
    }

    /// Prints the failure (the JSON failure report with --json) and returns the exit code.
    private func fail(_ error: ArenaError) -> ExitCode {
        if case .build(let failure) = error {
            return CommandOutput.report(failure, command: "arena", json: json)
        }
        let diagnostic = Diagnostic(
            severity: .error, code: error.code, file: "relna-pack arena", line: 0, column: 0,
            message: error.description)
        if json {
            CommandOutput.printJSON(CommandOutput.failureReport(error.status, [diagnostic], command: "arena"))
        } else {
            let style = TerminalStyle.forStream(fileDescriptor: 2)
            CommandOutput.writeStderr(
                style.bold("relna-pack arena:") + " " + style.red("error:") + " " + error.description)
        }
        return ExitCode(error.status)
    }
}
