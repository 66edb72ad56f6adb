import Foundation
import RelnaCore

/// The Python every benchmark compares against, found by one rule so that all subjects name the same
/// reference: `--python` when given (it must exist), else RELNA_PYTHON, else the repository's .venv,
/// else the system python3.
enum ReferencePython {
    static func resolve(_ explicit: String?) throws(BenchmarkFailure) -> String {
        let fileManager = FileManager.default
        if let explicit {
            guard fileManager.isExecutableFile(atPath: explicit) else {
                throw BenchmarkFailure("no Python at \(explicit) (--python)")
            }
            return explicit
        }
        let candidates = [
            ProcessInfo.processInfo.environment["RELNA_PYTHON"],
            fileManager.currentDirectoryPath + "/.venv/bin/python",
            "/usr/bin/python3",
        ].compactMap { $0 }.filter { !$0.isEmpty }
        guard let found = candidates.first(where: fileManager.isExecutableFile(atPath:)) else {
            throw BenchmarkFailure(
                "no Python found (tried \(candidates.joined(separator: ", "))); "
                    + "pass --python or set RELNA_PYTHON")
        }
        return found
    }
}

/// Why a benchmark could not measure: the message says what to fix. The one error of every subcommand.
struct BenchmarkFailure: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) { self.description = description }
}

/// The median of timings (the mean of the middle two for an even count; 0 for none).
func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return 0 }
    return sorted.count % 2 == 1
        ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

/// Runs a reference program to completion through the project's one process runner: its standard
/// output, or nil when it could not start or failed (its standard error is passed on, so the reason
/// is visible).
func referenceOutput(_ arguments: [String]) -> [UInt8]? {
    guard let result = try? ChildProcess.captureApart(arguments) else { return nil }
    FileHandle.standardError.write(Data(result.stderr))
    return result.status == 0 ? result.stdout : nil
}

/// A measuring script of Tests/Python that drives the built relna-pack (`referee`, `trainers`): run
/// from the repository's root with RELNA_PACK and RELNA_PYTHON set, its output passed on as it comes.
struct RepositoryScript {
    var script: String
    var interpreter: String
    var relnaPack: RelnaPackOption

    func run(_ arguments: [String], environment extra: [String: String] = [:]) throws {
        let ours = try relnaPack.executable(fix: "run `swift build` first or pass --relna-pack")
        guard FileManager.default.fileExists(atPath: script) else {
            throw BenchmarkFailure("no \(script) here; run relna-bench from the repository's root")
        }
        var environment = ProcessInfo.processInfo.environment.merging(extra) { _, given in given }
        environment["RELNA_PACK"] = ours
        environment["RELNA_PYTHON"] = interpreter
        let status = try ChildProcess.runInherited(
            [interpreter, script] + arguments, environment: environment)
        guard status == 0 else { throw BenchmarkFailure("\(script) failed (status \(status))") }
    }
}
