import Foundation
import RelnaCore

/// Compiles generated Python sources with a real CPython (`compile(…, "exec")`, what `py_compile`
/// does), to prove that every file a template renders is valid Python for the interpreter itself.
///
/// The sources are compiled, never executed: `compile` only parses and generates bytecode. All files
/// go to one interpreter process as JSON on standard input.
public struct PythonCompileCheck: Sendable {
    public struct Failure: Sendable, Hashable {
        public var name: String
        public var line: Int
        public var column: Int
        public var message: String
    }

    public enum Failed: Error, Sendable, CustomStringConvertible {
        case launch(String, String)
        case output(String)

        public var description: String {
            switch self {
            case .launch(let path, let reason): return "cannot run \(path): \(reason)"
            case .output(let detail): return "unexpected output from python: \(detail)"
            }
        }
    }

    public var python: String

    public init(python: String) { self.python = python }

    /// `python3` found on PATH, or nil when there is none.
    public static func pythonOnPath(environment: [String: String] = ProcessInfo.processInfo.environment)
        -> String?
    {
        for directory in (environment["PATH"] ?? "").split(separator: ":") {
            let candidate = String(directory) + "/python3"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    private static let script = """
        import json, sys
        failures = []
        for name, source in json.load(sys.stdin):
            try:
                compile(source, name, "exec", dont_inherit=True)
            except SyntaxError as error:
                failures.append({"name": name, "line": error.lineno or 0, "column": error.offset or 0,
                                 "message": error.msg})
            except ValueError as error:
                failures.append({"name": name, "line": 0, "column": 0, "message": str(error)})
        json.dump(failures, sys.stdout)
        """

    /// The files (name, source) that do not compile, with CPython's location and message.
    public func failures(in files: [(name: String, source: String)]) throws(Failed) -> [Failure] {
        guard !files.isEmpty else { return [] }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-I", "-c", Self.script]
        // Input from a file, not a pipe: nothing can block, and an interpreter that exits early
        // cannot raise SIGPIPE in this process.
        let inputURL = FileManager.default.temporaryDirectory
            .appendingPathComponent("relna-compile-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: inputURL) }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do {
            let payload = JSONValue.array(files.map { .array([.string($0.name), .string($0.source)]) })
            try Data(payload.text().utf8).write(to: inputURL)
            process.standardInput = try FileHandle(forReadingFrom: inputURL)
            try process.run()
        } catch {
            throw .launch(python, "\(error)")
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw .output("exit status \(process.terminationStatus)")
        }
        guard let failures = Self.decodeFailures([UInt8](data)) else {
            throw .output(String(decoding: data.prefix(200), as: UTF8.self))
        }
        return failures
    }

    /// The script's answer: an array of `{"name", "line", "column", "message"}` objects.
    static func decodeFailures(_ bytes: [UInt8]) -> [Failure]? {
        guard let root = try? LocatedJSON.parse(bytes), case .array(let items) = root.value else {
            return nil
        }
        var failures: [Failure] = []
        for item in items {
            guard let name = item["name"]?.string, let line = item["line"]?.integer,
                let column = item["column"]?.integer, let message = item["message"]?.string
            else { return nil }
            failures.append(Failure(name: name, line: line, column: column, message: message))
        }
        return failures
    }
}
