import Build
import Foundation
import Jobs
import RelnaCore

/// `--vertex`: every run submitted through the Jobs life cycle (`SubmitPlan`, paced by one
/// `SubmissionPacer`), then waited for (`CloudJobs.describe`) and fetched (`BucketResults`) into its
/// job dir under OUT/runs/. Jobs a previous invocation submitted are waited for, not submitted again.
struct VertexArena {
    var training: ArenaTraining
    var options: ArenaMode.VertexOptions

    /// Returns how many runs this invocation submitted (or, dry, would submit).
    func run(_ pending: [PlannedRun]) throws(ArenaError) -> Int {
        let gcloud = options.gcloud ?? GCloud.find(environment: ProcessInfo.processInfo.environment)
        if !options.dryRun, gcloud == nil {
            throw .unavailable("gcloud was not found on PATH; install the Google Cloud CLI, or use --dry-run")
        }
        var pacer = options.pacer
        var submitted = 0
        for run in pending where training.store.run(run.id)?.status != .submitted {
            let plan = try submitPlan(run)
            submitted += 1
            guard let gcloud, !options.dryRun else {
                for command in plan.commands {
                    training.observer(.dryRun(SubmitPlan.shellLine(["gcloud"] + command)))
                }
                training.observer(.dryRun("# \(plan.configPath)\n" + plan.configYAML))
                continue
            }
            var state = training.store.run(run.id) ?? RunState(run)
            do {
                let job = try plan.submit(
                    gcloud: gcloud, pacer: &pacer, announce: { training.observer(.note($0)) },
                    retrying: { error, wait in
                        training.observer(.note("\(error.description); retrying in \(Int(wait)) s"))
                    })
                state.status = .submitted
                state.job = job.name
                training.observer(.runStarted(id: run.id))
            } catch {
                state.status = .failed
                state.reason = "could not submit the job: \(error.description)"
                training.observer(.runFinished(state))
            }
            try save(state)
        }
        if let gcloud, !options.dryRun { try wait(gcloud: gcloud, pending) }
        return submitted
    }

    /// The run's own folder OUT/vertex/<run>/: the package (a hard link to OUT/packages/), its job
    /// request with the run's seed, and the rewritten document `SubmitPlan` writes for gcloud.
    private func submitPlan(_ run: PlannedRun) throws(ArenaError) -> SubmitPlan {
        guard let package = training.packages[run.packageSHA256] else {
            throw .io("no package \(run.packageSHA256)")
        }
        let folder = training.configuration.output + "/vertex/" + run.id
        let packagePath = folder + "/" + package.fileName
        do {
            let product = try training.product(package)
            let request = try JobFile.request(
                product: product,
                options: JobFile.Options(bucket: options.bucket.uri, region: options.region, seed: run.seed))
            try AtomicFile.ensureFolder(URL(fileURLWithPath: folder))
            if !FileManager.default.fileExists(atPath: packagePath) {
                try FileManager.default.linkItem(
                    atPath: package.path(output: training.configuration.output), toPath: packagePath)
            }
            let jobFile = folder + "/" + JobFile.fileName(forSdist: package.fileName)
            try AtomicFile.write(
                Array(request.yaml(targets: [.vertex]).utf8), to: URL(fileURLWithPath: jobFile))
            return try SubmitPlan(
                SubmitPlan.Options(
                    packagePath: packagePath, target: .vertex, project: options.project,
                    region: options.region,
                    bucket: options.bucket, jobName: "relna_arena_\(run.id)_\(SubmitPlan.timestamp(Date()))"))
        } catch {
            throw .io("cannot prepare the job of \(run.id): \(error)")
        }
    }

    private func save(_ state: RunState) throws(ArenaError) {
        do {
            try training.store.setRun(state)
        } catch {
            throw .io(error.description)
        }
    }
}

extension VertexArena {
    /// Polls every submitted job until each has ended; a finished one is fetched and recorded at once.
    /// A job still going `--run-timeout` seconds after this invocation first saw it is cancelled.
    func wait(gcloud: GCloud, _ runs: [PlannedRun]) throws(ArenaError) {
        let jobs = CloudJobs(gcloud: gcloud)
        var open = runs.filter { training.store.run($0.id)?.status == .submitted }
        let started = Date()
        var failures: [String: Int] = [:]
        while !open.isEmpty {
            var still: [PlannedRun] = []
            for run in open {
                guard var state = training.store.run(run.id), let name = state.job else { continue }
                let status: CloudJobStatus
                do {
                    status = try jobs.describe(try CloudJobReference(fullName: name))
                } catch {
                    failures[run.id, default: 0] += 1
                    // The jobs go on without us: stop asking, and let a later invocation wait again.
                    if failures[run.id, default: 0] >= Self.attempts {
                        throw .unavailable(
                            "cannot follow \(name): \(error.description); run the same command again to resume waiting"
                        )
                    }
                    training.observer(.note("\(run.id): \(error.description); asking again later"))
                    still.append(run)
                    continue
                }
                failures[run.id] = 0
                guard status.isFinal else {
                    if let limit = timeout(run), Date().timeIntervalSince(started) > limit {
                        try? jobs.cancel(try CloudJobReference(fullName: name))
                        state.status = .failed
                        state.reason =
                            "timeout: still running after \(Int(limit.rounded())) s (--run-timeout); cancelled"
                        try save(state)
                        training.observer(.runFinished(state))
                    } else {
                        still.append(run)
                    }
                    continue
                }
                state.reason = finished(status, run: run, gcloud: gcloud)
                state.status = state.reason == nil ? .succeeded : .failed
                try save(state)
                training.observer(.runFinished(state))
            }
            open = still
            if !open.isEmpty { Thread.sleep(forTimeInterval: options.pollInterval) }
        }
    }

    /// Failed status checks in a row before the arena stops waiting.
    static let attempts = 5

    private func timeout(_ run: PlannedRun) -> Double? {
        guard let package = training.packages[run.packageSHA256] else {
            return training.configuration.runTimeout
        }
        return training.runTimeout(package)
    }

    /// Nil when the job succeeded and its results are in OUT/runs/<run>/, else why not.
    private func finished(_ status: CloudJobStatus, run: PlannedRun, gcloud: GCloud) -> String? {
        guard status.succeeded else {
            return "the job ended \(status.shortState)" + (status.errorMessage.map { ": \($0)" } ?? "")
        }
        guard let prefix = status.outputDirectory else { return "the job has no output folder" }
        let target = URL(fileURLWithPath: training.jobDirectory(run))
        try? FileManager.default.removeItem(at: target)
        do {
            _ = try BucketResults.download(prefix, into: target, includeModel: false, gcloud: gcloud)
        } catch {
            return "cannot fetch the results: \(error.description)"
        }
        return nil
    }
}
