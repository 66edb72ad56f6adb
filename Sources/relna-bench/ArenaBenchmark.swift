import ArgumentParser
import Foundation
import RelnaCore

/// `relna-bench arena`: `relna-pack arena --no-train` over generated submissions (distinct valid
/// agents, rejected ones and duplicates mixed) against a shell loop of `relna-pack check` +
/// `relna-pack build` over the same files, in the same run; wall time and peak RSS of each.
struct ArenaBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "arena",
        abstract: "arena --no-train vs a shell loop of check + build over the same files.")

    @Option(help: "Submissions to generate.")
    var count = 1000

    @OptionGroup var relnaPack: RelnaPackOption

    @Option(help: "The agent every valid submission is a variant of.")
    var agent = "Fixtures/agents/dqn/numpy_cartpole.py"

    func run() throws {
        let ours = try relnaPack.executable(fix: "build it first")
        let base = try String(contentsOfFile: agent, encoding: .utf8)
        let work = FileManager.default.temporaryDirectory.appendingPathComponent(
            "relna-bench-arena-\(getpid())")
        defer { try? FileManager.default.removeItem(at: work) }
        let folder = work.appendingPathComponent("submissions")
        let mix = try Self.generate(count, base: base, into: folder)

        let arena = try Measure.spawn([
            ours, "arena", folder.path, "--domain", "dqn", "--no-train", "--out",
            work.appendingPathComponent("out").path,
        ])
        guard arena.status == 0 else {
            throw BenchmarkFailure("arena failed (exit \(arena.status))")
        }
        let loop = """
            for f in "$1"/*.py; do
              n=$(basename "$f" .py)
              "$2" check "$f" --domain dqn >/dev/null 2>&1 && \
                "$2" build "$f" --domain dqn --output-dir "$3/$n" >/dev/null 2>&1
            done
            exit 0
            """
        let reference = try Measure.spawn([
            "/bin/sh", "-c", loop, "loop", folder.path, ours, work.appendingPathComponent("loop").path,
        ])
        let ratio = reference.seconds / arena.seconds
        print("relna-pack arena --no-train vs a shell loop of check + build (\(count) submissions: \(mix))")
        print(
            String(
                format: "  arena --no-train   %8.2f s   peak RSS %.1f MB", arena.seconds,
                Double(arena.maxRSSKilobytes) / 1024))
        print(String(format: "  check + build loop %8.2f s", reference.seconds))
        print(String(format: "  ratio              %8.1fx faster (goal 5x; peak RSS goal < 200 MB)", ratio))
        print(
            JSONValue.object([
                ("subject", .string("relna-pack arena --no-train, \(count) submissions")),
                ("ours", .double((arena.seconds * 1000).rounded() / 1000)),
                ("reference", .double((reference.seconds * 1000).rounded() / 1000)),
                ("unit", .string("s")),
                ("ratio", .double((ratio * 100).rounded() / 100)),
                ("peak_rss_mb", .double((Double(arena.maxRSSKilobytes) / 1024 * 10).rounded() / 10)),
            ]).text())
    }

    /// One in ten is rejected (no QNetwork), one in ten a copy of an earlier valid one, the rest are
    /// distinct valid agents (a constant of their own).
    static func generate(_ count: Int, base: String, into folder: URL) throws -> String {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var counts = (valid: 0, invalid: 0, duplicate: 0)
        for index in 0..<count {
            let text: String
            switch index % 10 {
            case 3:
                text = "def predict(observations):\n    return \(index)\n"
                counts.invalid += 1
            case 7 where index > 10:
                text = base + "\nSTUDENT = \(index - 1)\n"
                counts.duplicate += 1
            default:
                text = base + "\nSTUDENT = \(index)\n"
                counts.valid += 1
            }
            let name = String(format: "s%04d.py", index)
            try Data(text.utf8).write(to: folder.appendingPathComponent(name))
        }
        return "\(counts.valid) valid, \(counts.invalid) rejected, \(counts.duplicate) duplicates"
    }
}
