import ArgumentParser
import Foundation

/// `--relna-pack`, the binary under test, shared by the benchmarks that drive it as a process: by
/// default the relna-pack built beside relna-bench.
struct RelnaPackOption: ParsableArguments {
    @Option(help: "The relna-pack binary (default: beside relna-bench).")
    var relnaPack: String?

    /// The folder relna-bench runs from (`<scratch>/<triple>/<configuration>/` under SwiftPM).
    static var binDir: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
    }

    /// `--relna-pack`, else the relna-pack beside relna-bench.
    var path: String { relnaPack ?? Self.binDir.appendingPathComponent("relna-pack").path }

    /// `path`, which must be an executable; `fix` says how to get one when it is not.
    func executable(fix: String) throws(BenchmarkFailure) -> String {
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw BenchmarkFailure("relna-pack is not built at \(path); \(fix)")
        }
        return path
    }
}
