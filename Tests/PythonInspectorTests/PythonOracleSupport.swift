import Foundation
import TestSupport

/// Runs Tests/Oracles/python_oracle.py (CPython's tokenize, ast and compile as references) and the
/// inspector's fixtures. The helper is started once per batch and streams one JSON line per file.
enum PythonOracle {
    static var repository: URL { TestEnvironment.repositoryRoot }

    static var script: String { repository.appendingPathComponent("Tests/Oracles/python_oracle.py").path }

    static func fixture(_ path: String) -> URL {
        repository.appendingPathComponent("Fixtures/python").appendingPathComponent(path)
    }

    static var python: String { TestEnvironment.python }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The stdlib corpus, sorted (`python_oracle.py list`).
    static func corpus() throws -> [String] {
        let lines = try run(mode: "list", paths: [])
        return lines.map { String(decoding: $0, as: UTF8.self) }.filter { !$0.isEmpty }
    }

    /// Runs the helper in `mode` over `paths` split into `batches` processes running in parallel;
    /// returns each output line as a parsed JSON object, keyed by path.
    static func results(mode: String, paths: [String], batches: Int = 2) throws -> [String: [String: Any]] {
        let size = max(1, (paths.count + batches - 1) / batches)
        let chunks = stride(from: 0, to: paths.count, by: size).map {
            Array(paths[$0..<min($0 + size, paths.count)])
        }
        let outputs = PythonOracleLocked<[[[UInt8]]]>(Array(repeating: [], count: chunks.count))
        let errors = PythonOracleLocked<[String]>([])
        DispatchQueue.concurrentPerform(iterations: chunks.count) { index in
            do {
                let lines = try run(mode: mode, paths: chunks[index])
                outputs.update { $0[index] = lines }
            } catch {
                errors.update { $0.append("\(error)") }
            }
        }
        if let first = errors.value.first { throw Failure(description: first) }
        var results: [String: [String: Any]] = [:]
        for line in outputs.value.joined() where !line.isEmpty {
            guard let object = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                let path = object["path"] as? String
            else {
                throw Failure(description: "unreadable oracle line: \(String(decoding: line, as: UTF8.self))")
            }
            results[path] = object
        }
        return results
    }

    /// One helper process: paths on stdin, JSON lines on stdout.
    static func run(mode: String, paths: [String]) throws -> [[UInt8]] {
        let result = try TestEnvironment.run(
            [python, script, mode], stdin: Array((paths.joined(separator: "\n") + "\n").utf8))
        guard result.status == 0 else {
            throw Failure(description: "python_oracle.py \(mode) failed: \(result.stderr)")
        }
        return result.output.split(separator: 0x0A, omittingEmptySubsequences: false).map { Array($0) }
    }

    /// Writes `files` (name → bytes) into a fresh temporary folder and returns their paths.
    static func temporaryFiles(_ files: [(String, [UInt8])]) throws -> (folder: URL, paths: [String]) {
        let folder = try TestEnvironment.scratchFolder("inspector")
        var paths: [String] = []
        for (name, bytes) in files {
            let url = folder.appendingPathComponent(name)
            try Data(bytes).write(to: url)
            paths.append(url.path)
        }
        return (folder, paths)
    }
}

/// A value shared between the helper batches.
final class PythonOracleLocked<Value>: @unchecked Sendable {
    private var stored: Value
    private let lock = NSLock()

    init(_ value: Value) { stored = value }

    var value: Value { lock.withLock { stored } }

    func update(_ body: (inout Value) -> Void) { lock.withLock { body(&stored) } }
}
