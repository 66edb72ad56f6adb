import ArgumentParser
import Foundation
import RelnaCore
import TrainerGen

/// `relna-bench build`: `relna-pack build` (this build's binary, end to end as a process) against
/// `python -m build --sdist --no-isolation` run on the very source tree our sdist contains, alternating
/// runs, medians compared; plus the peak RSS of our process and in-process builds per second through
/// the TrainerGen API (domain loaded once).
struct BuildBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build", abstract: "relna-pack build vs python -m build --sdist on the same tree.")

    @Option(help: "Runs of each side (alternating); the median is compared.")
    var runs = 10

    @OptionGroup var relnaPack: RelnaPackOption

    @Option(
        help:
            "The Python with the `build` and `setuptools` packages (default: RELNA_PYTHON, else .venv/bin/python, else python3)."
    )
    var python: String?

    @Option(help: "The agent to build (default: the dqn numpy fixture).")
    var agent = "Fixtures/agents/dqn/numpy_cartpole.py"

    @Option(help: "Its domain.")
    var domain = "dqn"

    @Option(help: "Seconds of in-process building to count builds per second.")
    var seconds = 2.0

    func run() throws {
        let binDir = RelnaPackOption.binDir
        if relnaPack.relnaPack == nil, !FileManager.default.isExecutableFile(atPath: relnaPack.path) {
            // `swift run relna-bench` builds only relna-bench: build the binary under test beside it
            // (<scratch>/<triple>/<configuration>/), in the same scratch folder and configuration.
            let scratch = binDir.deletingLastPathComponent().deletingLastPathComponent().path
            let configuration = binDir.lastPathComponent
            print("building relna-pack (\(configuration)) in \(scratch)")
            _ = try Measure.spawn(
                [
                    "swift", "build", "-c", configuration, "--product", "relna-pack", "--scratch-path",
                    scratch,
                ], quiet: false)
        }
        let ours = try relnaPack.executable(
            fix: "run `swift build -c release` with the same scratch path first")
        let cwd = FileManager.default.currentDirectoryPath
        let environment = ProcessInfo.processInfo.environment
        let reference = try ReferencePython.resolve(python)
        let agentURL = URL(fileURLWithPath: agent)
        guard FileManager.default.fileExists(atPath: agentURL.path) else {
            throw BenchmarkFailure("no agent at \(agent) (run from the repository root or pass --agent)")
        }

        let work = FileManager.default.temporaryDirectory.appendingPathComponent(
            "relna-bench-build-\(getpid())")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }

        // The source tree of our sdist, for the reference to package.
        let first = try Measure.spawn(
            [
                ours, "build", agentURL.path, "--domain", domain, "--output-dir",
                work.appendingPathComponent("ours").path,
            ])
        guard first.status == 0 else {
            throw BenchmarkFailure("relna-pack build failed (exit \(first.status))")
        }
        let sdists = try FileManager.default.contentsOfDirectory(
            atPath: work.appendingPathComponent("ours").path)
        guard let sdist = sdists.first(where: { $0.hasSuffix(".tar.gz") }) else {
            throw BenchmarkFailure("no sdist")
        }
        let tree = work.appendingPathComponent("tree")
        try FileManager.default.createDirectory(at: tree, withIntermediateDirectories: true)
        let untar = try Measure.spawn(
            [
                "/usr/bin/env", "tar", "-xzf", work.appendingPathComponent("ours/\(sdist)").path, "-C",
                tree.path,
            ])
        guard untar.status == 0 else { throw BenchmarkFailure("tar -x failed") }
        let source = tree.appendingPathComponent(String(sdist.dropLast(7)))
        let fileCount = (FileManager.default.enumerator(atPath: source.path)?.allObjects.count ?? 0)

        var ourTimes: [Double] = []
        var theirTimes: [Double] = []
        var peakRSS = 0
        for run in 0..<runs {
            let ourOut = work.appendingPathComponent("ours-\(run)").path
            let theirOut = work.appendingPathComponent("theirs-\(run)").path
            let mine = try Measure.spawn([
                ours, "build", agentURL.path, "--domain", domain, "--output-dir", ourOut,
            ])
            guard mine.status == 0 else { throw BenchmarkFailure("relna-pack build failed") }
            ourTimes.append(mine.seconds)
            peakRSS = max(peakRSS, mine.maxRSSKilobytes)
            let theirs = try Measure.spawn(
                [reference, "-m", "build", "--sdist", "--no-isolation", "--outdir", theirOut, source.path],
                quiet: true)
            guard theirs.status == 0 else {
                throw BenchmarkFailure(
                    "\(reference) -m build failed (exit \(theirs.status)); is `build` installed?")
            }
            theirTimes.append(theirs.seconds)
        }
        let ourMedian = median(ourTimes) * 1000
        let theirMedian = median(theirTimes) * 1000

        // In process: the domain loaded once, then as many builds as fit in `seconds`.
        let loaded = try DomainLoader.load(
            domain,
            searchPath: TemplateSearchPath(
                templatesOption: nil, environment: environment, workingDirectory: URL(fileURLWithPath: cwd)))
        let request = BuildRequest(agent: [UInt8](try Data(contentsOf: agentURL)), agentPath: agent)
        let start = Date()
        var builds = 0
        while Date().timeIntervalSince(start) < seconds {
            _ = try BuildPipeline.build(request, domain: loaded)
            builds += 1
        }
        let perSecond = Double(builds) / Date().timeIntervalSince(start)

        let ratio = theirMedian / ourMedian
        print(
            "relna-pack build vs python -m build --sdist --no-isolation (\(fileCount) entries, \(runs) runs each)"
        )
        print(
            String(
                format: "  relna-pack build      median %8.2f ms   peak RSS %.1f MB", ourMedian,
                Double(peakRSS) / 1024))
        print(String(format: "  python -m build       median %8.2f ms", theirMedian))
        print(
            String(format: "  ratio                 %8.1fx faster (goal 30x; peak RSS goal < 30 MB)", ratio))
        print(String(format: "  in process (TrainerGen API, domain loaded once): %.0f builds/s", perSecond))
        print(
            JSONValue.object([
                ("subject", .string("relna-pack build \(domain) end to end")),
                ("ours", .double((ourMedian * 100).rounded() / 100)),
                ("reference", .double((theirMedian * 100).rounded() / 100)),
                ("unit", .string("ms")),
                ("ratio", .double((ratio * 100).rounded() / 100)),
            ]).text())
    }
}

/// Runs a process and measures it: wall time and peak resident set size (from wait4's rusage).
enum Measure {
    struct Outcome {
        var status: Int32
        var seconds: Double
        var maxRSSKilobytes: Int
    }

    static func spawn(_ arguments: [String], quiet: Bool = true) throws -> Outcome {
        var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if quiet {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }
        let argv = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let start = DispatchTime.now().uptimeNanoseconds
        let code = posix_spawnp(&pid, arguments[0], &actions, nil, argv, environ)
        guard code == 0 else {
            throw BenchmarkFailure("cannot run \(arguments[0]): error \(code)")
        }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let exited = (status & 0x7F) == 0
        return Outcome(
            status: exited ? (status >> 8) & 0xFF : 128, seconds: seconds, maxRSSKilobytes: usage.ru_maxrss)
    }
}
