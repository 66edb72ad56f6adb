import ArgumentParser
import Foundation
import RelnaCore
import TemplateEngine

/// `relna-bench templates`: parse and render Fixtures/bench/trainer_task.py.j2 with TemplateEngine and
/// with Jinja2 (compile without cache; render of the compiled template), timed in the same run.
struct TemplatesBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "templates", abstract: "TemplateEngine parse and render vs Jinja2 compile and render.")

    @Option(help: "The template (default: the committed benchmark template).")
    var template = "Fixtures/bench/trainer_task.py.j2"

    @Option(help: "Its JSON context.")
    var context = "Fixtures/bench/context.json"

    @Option(help: "The Python with jinja2 (default: RELNA_PYTHON, else .venv/bin/python, else python3).")
    var python: String?

    @Option(help: "Seconds spent measuring each of the four timings.")
    var seconds = 1.0

    /// Microseconds per call: the best of several batches, each batch long enough to time reliably.
    static func measure(seconds: Double, _ work: () throws -> Void) rethrows -> Double {
        let clock = ContinuousClock()
        var batch = 1
        while true {
            let elapsed = try clock.measure { for _ in 0..<batch { try work() } }
            if elapsed > .milliseconds(20) { break }
            batch *= 2
        }
        var best = Double.infinity
        let deadline = clock.now.advanced(by: .milliseconds(Int64(seconds * 1000)))
        repeat {
            let elapsed = try clock.measure { for _ in 0..<batch { try work() } }
            let (secondsPart, attoseconds) = elapsed.components
            let micro = (Double(secondsPart) * 1e6 + Double(attoseconds) / 1e12) / Double(batch)
            best = min(best, micro)
        } while clock.now < deadline
        return best
    }

    static let referenceScript = """
        import json, sys, time
        import jinja2
        src = open(sys.argv[1], encoding="utf-8").read()
        ctx = json.load(open(sys.argv[2], encoding="utf-8"))
        seconds = float(sys.argv[3])
        env = jinja2.Environment(trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                                 undefined=jinja2.StrictUndefined, cache_size=0)
        def measure(work):
            batch = 1
            while True:
                t = time.perf_counter(); [work() for _ in range(batch)]; e = time.perf_counter() - t
                if e > 0.02: break
                batch *= 2
            best = float("inf"); end = time.perf_counter() + seconds
            while time.perf_counter() < end:
                t = time.perf_counter(); [work() for _ in range(batch)]
                best = min(best, (time.perf_counter() - t) / batch * 1e6)
            return best
        compiled = env.from_string(src)
        out = compiled.render(ctx)
        parse = measure(lambda: env.from_string(src))
        render = measure(lambda: compiled.render(ctx))
        print(json.dumps({"parse": parse, "render": render, "output": out, "version": jinja2.__version__}))
        """

    func run() throws {
        let reference = try ReferencePython.resolve(python)
        let source = try String(contentsOfFile: template, encoding: .utf8)
        guard
            case .dict(let variables) = try TemplateValue(
                jsonData: Data(contentsOf: URL(fileURLWithPath: context)))
        else { throw BenchmarkFailure("\(context) is not a JSON object") }

        let parsed = try Template(source: source, name: "bench")
        let output = try parsed.render(context: variables)
        let parseMicros = try Self.measure(seconds: seconds) {
            _ = try Template(source: source, name: "bench")
        }
        let renderMicros = try Self.measure(seconds: seconds) { _ = try parsed.render(context: variables) }

        guard
            let data = referenceOutput([
                reference, "-c", Self.referenceScript, template, context, String(seconds),
            ]),
            let answer = try? LocatedJSON.parse(data),
            let jinjaParse = answer["parse"]?.double, let jinjaRender = answer["render"]?.double,
            let jinjaOutput = answer["output"]?.string
        else { throw BenchmarkFailure("the Jinja2 reference failed (\(reference))") }
        guard jinjaOutput == output else {
            throw BenchmarkFailure("the outputs of TemplateEngine and Jinja2 differ")
        }

        let version = answer["version"]?.string ?? "?"
        print("templates: \(template) → \(output.utf8.count) bytes (identical output from both)")
        print(
            String(
                format: "  parse   TemplateEngine %8.1f µs   Jinja2 %@ compile %8.1f µs   %.1f× faster",
                parseMicros, version, jinjaParse, jinjaParse / parseMicros))
        print(
            String(
                format: "  render  TemplateEngine %8.1f µs   Jinja2 %@ render  %8.1f µs   %.1f× faster",
                renderMicros, version, jinjaRender, jinjaRender / renderMicros))
        func number(_ value: Double) -> String { String(format: "%.2f", value) }
        // The last line, keys in the agreed order.
        print(
            "{\"subject\": \"templates\", \"ours\": \(number(renderMicros)), \"reference\": \(number(jinjaRender)), "
                + "\"unit\": \"us\", \"ratio\": \(number(jinjaRender / renderMicros)), "
                + "\"parse_ours\": \(number(parseMicros)), \"parse_reference\": \(number(jinjaParse)), "
                + "\"parse_ratio\": \(number(jinjaParse / parseMicros))}")
    }
}
