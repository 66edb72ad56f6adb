import ArgumentParser
import Foundation
import TrainerGen

/// `relna-bench rank`: reading and ranking a folder of job dirs (discovery, metrics.json, progress.csv,
/// grouping, ordering, JSON output) in process, against CPython doing the same work with its C-accelerated
/// `json` and `csv` modules, timed inside the Python process so interpreter start-up is not counted.
struct RankBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rank", abstract: "rank's loading and ranking vs CPython json+csv on the same job dirs.")

    @Option(help: "Job dirs to generate.")
    var runs = 200

    @Option(help: "progress.csv rows per run.")
    var episodes = 500

    @Option(help: "Repetitions of each side; the median is compared.")
    var repeats = 7

    @Option(help: "The reference Python (default: RELNA_PYTHON, else .venv/bin/python, else python3).")
    var python: String?

    /// The reference: the same discovery, parsing, grouping by (domain, env, provenance), ordering and
    /// JSON document; prints the median seconds of `repeats` rounds.
    static let reference = """
        import csv, glob, json, os, statistics, sys, time
        root, repeats = sys.argv[1], int(sys.argv[2])
        def once():
            runs = []
            for folder, dirs, files in os.walk(root):
                dirs.sort()
                if "metrics.json" in files:
                    with open(os.path.join(folder, "metrics.json"), encoding="utf-8") as f:
                        m = json.load(f)
                    with open(os.path.join(folder, "progress.csv"), newline="") as f:
                        rows = [(float(r["steps"]), float(r["return"])) for r in csv.DictReader(f)]
                    runs.append((folder, m, rows))
            groups = {}
            for folder, m, rows in runs:
                key = json.dumps(m["provenance"], sort_keys=True, separators=(",", ":"))
                groups.setdefault((m["domain"], m["env"]), {}).setdefault(key, []).append(m)
            out = []
            for key in sorted(groups):
                entries = []
                for config, ms in groups[key].items():
                    mean = sum(m["eval_mean_return"] for m in ms) / len(ms)
                    entries.append({"mean": mean, "std": ms[0]["eval_std_return"], "config": config,
                                    "steps": sum(m["train_steps"] for m in ms) / len(ms)})
                entries.sort(key=lambda e: (-e["mean"], e["std"], e["steps"], e["config"]))
                out.append({"domain": key[0], "env": key[1], "entries": entries})
            return json.dumps({"groups": out}, indent=2)
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            once()
            times.append(time.perf_counter() - start)
        print(statistics.median(times))
        """

    func run() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "relna-bench-rank-\(getpid())"
        ).path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try generate(into: folder)

        var ours: [Double] = []
        var html: [Double] = []
        var count = 0
        for _ in 0..<repeats {
            let start = DispatchTime.now().uptimeNanoseconds
            let collection = RunCollection.collect(under: [folder])
            let board = Leaderboard(runs: collection.runs)
            _ = LeaderboardJSON.render(board, skipped: collection.warnings)
            let middle = DispatchTime.now().uptimeNanoseconds
            _ = LeaderboardHTML.render(board, skipped: collection.warnings)
            let end = DispatchTime.now().uptimeNanoseconds
            ours.append(Double(middle - start) / 1e9)
            html.append(Double(end - middle) / 1e9)
            count = collection.runs.count
        }
        guard count == runs else { throw BenchmarkFailure("loaded \(count) of \(runs) generated runs") }

        let interpreter = try ReferencePython.resolve(python)
        guard let output = referenceOutput([interpreter, "-c", Self.reference, folder, String(repeats)]),
            let reference = Double(
                String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        else { throw BenchmarkFailure("the reference (\(interpreter)) failed") }

        let oursMedian = median(ours)
        let ms = { (seconds: Double) in String(format: "%.1f ms", seconds * 1000) }
        print("rank: \(runs) job dirs × \(episodes) progress rows, median of \(repeats)")
        print("  relna-pack (load, group, rank, JSON):   \(ms(oursMedian))")
        print("  CPython json+csv (same work, in-process): \(ms(reference))")
        print("  relna-pack HTML page with SVG curves:   \(ms(median(html))) (no reference)")
        let ratio = reference / oursMedian
        print(
            "{\"subject\": \"rank load+rank+json, \(runs) runs x \(episodes) rows\", \"ours\": "
                + String(format: "%.2f", oursMedian * 1000) + ", \"reference\": "
                + String(format: "%.2f", reference * 1000)
                + ", \"unit\": \"ms (median; reference: CPython \(interpreter.contains("venv") ? ".venv" : "python3") json+csv)\", \"ratio\": "
                + String(format: "%.2f", ratio) + "}")
    }

    /// Deterministic job dirs in the trainers' format: 20 packages × seeds, two environments.
    private func generate(into folder: String) throws {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func random() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        for index in 0..<runs {
            let package = index % 20
            let env = package % 2 == 0 ? "CartPole-v1" : "Acrobot-v1"
            let directory = "\(folder)/pkg\(package)/seed\(index / 20)"
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let metrics = """
                {
                  "domain": "dqn",
                  "env": "\(env)",
                  "seed": \(index / 20),
                  "eval_mean_return": \(Int(random() * 500)).5,
                  "eval_std_return": \(Int(random() * 40)).25,
                  "eval_episodes": 20,
                  "train_episodes": \(episodes),
                  "train_steps": \(episodes * 40),
                  "wall_time_s": 12.5,
                  "provenance": {"domain": "dqn", "label": "agent\(package).py",
                    "agent_sha256": "\(String(repeating: String(package % 10), count: 64))",
                    "template_version": "1.0.0", "env": "\(env)", "hyperparameters": {"learning_rate": 0.001}}
                }

                """
            try Data(metrics.utf8).write(to: URL(fileURLWithPath: directory + "/metrics.json"))
            var csv = "episode,steps,return,wall_time_s\n"
            for episode in 0..<episodes {
                csv +=
                    "\(episode),\((episode + 1) * 40),\(Double(Int(random() * 5000)) / 10),\(Double(episode) / 40)\n"
            }
            try Data(csv.utf8).write(to: URL(fileURLWithPath: directory + "/progress.csv"))
        }
    }
}
