import Foundation

/// Compiles generated Python sources with a real CPython (`compile(…, "exec")`, what `py_compile`
/// does), to prove that every file a template renders is valid Python for the interpreter itself.
///
/// The sources are compiled, never executed: `compile` only parses and generates bytecode. All files
/// go to one interpreter process as JSON on standard input.
public struct PythonCompileCheck: Sendable {
    public struct Failure: Sendable, Hashable, Decodable {
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
            let payload = try JSONSerialization.data(withJSONObject: files.map { [$0.name, $0.source] })
            try payload.write(to: inputURL)
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
        do {
            return try JSONDecoder().decode([Failure].self, from: data)
        } catch {
            throw .output(String(decoding: data.prefix(200), as: UTF8.self))
        }
    }
}
