import ArgumentParser
import Foundation
import RelnaCore
import TrainerGen

/// `relna-bench scan`: the Python inspector (tokenize + scan) against CPython's `ast.parse` over the
/// installed standard library, the same files in memory on both sides, best of several passes.
///
/// Speeds are MB of source per second of CPU time of the one thread doing the work (on a busy machine
/// CPU time is the fair measure; wall-clock speeds are printed too).
struct ScanBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan", abstract: "PythonInspector.scan vs CPython ast.parse on the stdlib corpus.")

    @Option(help: "Passes over the corpus on each side; the fastest is compared.")
    var passes = 5

    @Option(
        help:
            "The Python whose stdlib is the corpus and whose ast.parse is the reference (default: RELNA_PYTHON, else .venv/bin/python, else python3)."
    )
    var python: String?

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Lists the corpus, keeps the files ast.parse accepts, and times ast.parse over them in memory.
    static let reference = """
        import ast, json, os, sys, sysconfig, time
        root = sysconfig.get_paths()["stdlib"]
        paths = []
        for folder, dirs, files in os.walk(root):
            dirs[:] = sorted(d for d in dirs if d not in ("site-packages", "__pycache__"))
            paths += [os.path.join(folder, f) for f in sorted(files) if f.endswith(".py")]
        sources = []
        for path in sorted(paths):
            data = open(path, "rb").read()
            try:
                ast.parse(data)
            except (SyntaxError, ValueError, RecursionError, MemoryError):
                continue
            sources.append((path, data))
        best_cpu = best_wall = float("inf")
        for _ in range(int(sys.argv[1])):
            cpu, wall = time.process_time(), time.perf_counter()
            for _, data in sources:
                ast.parse(data)
            best_cpu = min(best_cpu, time.process_time() - cpu)
            best_wall = min(best_wall, time.perf_counter() - wall)
        print(json.dumps({"paths": [p for p, _ in sources], "bytes": sum(len(d) for _, d in sources),
                          "cpu": best_cpu, "wall": best_wall}))
        """

    func run() throws {
        let interpreter = try ReferencePython.resolve(python)
        guard let output = referenceOutput([interpreter, "-c", Self.reference, String(passes)]),
            let report = try? LocatedJSON.parse(output),
            case .array(let items) = report["paths"]?.value,
            let referenceCPU = report["cpu"]?.double, let referenceWall = report["wall"]?.double
        else { throw Failure(description: "the ast.parse reference failed") }

        let paths = items.compactMap(\.string)
        let sources = try paths.map { [UInt8](try Data(contentsOf: URL(fileURLWithPath: $0))) }
        let bytes = sources.reduce(0) { $0 + $1.count }
        var bestCPU = Double.infinity
        var bestWall = Double.infinity
        var definitions = 0
        for _ in 0..<passes {
            let cpu = Self.threadCPUTime()
            let wall = ContinuousClock.now
            var found = 0
            for source in sources {
                let result = PythonInspector.scan(source, path: "")
                found += result.module.functions.count + result.module.classes.count
            }
            bestCPU = min(bestCPU, Self.threadCPUTime() - cpu)
            let elapsed = ContinuousClock.now - wall
            bestWall = min(
                bestWall, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
            definitions = found
        }
        let megabytes = Double(bytes) / 1_000_000
        let ours = megabytes / bestCPU
        let theirs = megabytes / referenceCPU
        print(
            "corpus: \(sources.count) stdlib files that ast.parse accepts, \(String(format: "%.1f", megabytes)) MB"
        )
        print("scanned \(definitions) module-level functions and classes per pass; best of \(passes) passes")
        print(
            String(
                format: "PythonInspector.scan: %.1f MB/s CPU (%.3f s), %.1f MB/s wall", ours, bestCPU,
                megabytes / bestWall))
        print(
            String(
                format: "CPython ast.parse:    %.1f MB/s CPU (%.3f s), %.1f MB/s wall", theirs, referenceCPU,
                megabytes / referenceWall))
        print(String(format: "ratio: %.1f× (goal ≥ 10×)", ours / theirs))
        for shape in GrowthInput.allCases {
            let ratio = Self.growth(shape)
            print(
                String(
                    format: "growth (%@): 4× the input took %.2f× the CPU time (linear: ~4×)", shape.rawValue,
                    ratio))
        }
        print(
            String(
                format: "{\"subject\": \"scan\", \"ours\": %.1f, \"reference\": %.1f, \"unit\": \"MB/s\", "
                    + "\"ratio\": %.2f}", ours, theirs, ours / theirs))
    }

    /// Inputs that would expose quadratic scanning: deep brackets, many lines, one long string.
    enum GrowthInput: String, CaseIterable {
        case brackets, lines, string

        func bytes(_ size: Int) -> [UInt8] {
            switch self {
            case .brackets:
                // Nested brackets up to CPython's depth limit, repeated to the size.
                let line =
                    "x = " + String(repeating: "([{", count: 60) + "1" + String(repeating: "}])", count: 60)
                    + "\n"
                return Array(String(repeating: line, count: size / line.utf8.count + 1).utf8)
            case .lines:
                let line = "v = f(a)\n"
                return Array(String(repeating: line, count: size / line.utf8.count + 1).utf8)
            case .string:
                return Array(("s = '" + String(repeating: "ab\\'c ", count: size / 6) + "'\n").utf8)
            }
        }
    }

    /// The fastest of three scans of a 1 MiB input over the fastest of three of a 256 KiB one, in
    /// thread CPU time (a timing, so it lives here and not in a test).
    static func growth(_ shape: GrowthInput) -> Double {
        func fastest(_ bytes: [UInt8]) -> Double {
            var best = Double.infinity
            for _ in 0..<3 {
                let start = threadCPUTime()
                _ = PythonInspector.scan(bytes, path: "big.py")
                best = min(best, threadCPUTime() - start)
            }
            return best
        }
        return fastest(shape.bytes(1024 * 1024)) / fastest(shape.bytes(256 * 1024))
    }

    /// CPU seconds used by the calling thread.
    static func threadCPUTime() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
