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
        /// The file compiles here but not under the older Python it was checked against.
        public var tooNew = false
    }

    /// A file to compile, and the oldest Python (`"3.7"`) that must parse it, if any.
    public struct Source: Sendable {
        public var name: String
        public var text: String
        public var pythonVersion: String?

        public init(name: String, text: String, pythonVersion: String? = nil) {
            self.name = name
            self.text = text
            self.pythonVersion = pythonVersion
        }
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

    // An older Python's grammar through ast.parse(feature_version=): 3.7 is the oldest it knows.
    private static let script = """
        import ast, json, sys
        failures = []
        for name, source, version in json.load(sys.stdin):
            try:
                compile(source, name, "exec", dont_inherit=True)
            except SyntaxError as error:
                failures.append({"name": name, "line": error.lineno or 0, "column": error.offset or 0,
                                 "message": error.msg})
                continue
            except ValueError as error:
                failures.append({"name": name, "line": 0, "column": 0, "message": str(error)})
                continue
            if version is None or tuple(version) >= sys.version_info[:2]:
                continue
            try:
                ast.parse(source, name, feature_version=max(tuple(version), (3, 7)))
            except SyntaxError as error:
                failures.append({"name": name, "line": error.lineno or 0, "column": error.offset or 0,
                                 "message": error.msg, "too_new": True})
        json.dump(failures, sys.stdout)
        """

    /// The files (name, source) that do not compile, with CPython's location and message.
    public func failures(in files: [(name: String, source: String)]) throws(Failed) -> [Failure] {
        try failures(in: files.map { Source(name: $0.name, text: $0.source) })
    }

    /// The files that do not compile, or that use syntax newer than their `pythonVersion`.
    public func failures(in files: [Source]) throws(Failed) -> [Failure] {
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
            let payload = JSONValue.array(
                files.map { file in
                    let version = Self.versionParts(file.pythonVersion).map {
                        JSONValue.array($0.map { .int($0) })
                    }
                    return .array([.string(file.name), .string(file.text), version ?? .null])
                })
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
            var failure = Failure(name: name, line: line, column: column, message: message)
            if case .bool(true)? = item["too_new"]?.value { failure.tooNew = true }
            failures.append(failure)
        }
        return failures
    }

    /// `"3.10"` as `[3, 10]`; nil unless it is MAJOR.MINOR.
    static func versionParts(_ version: String?) -> [Int]? {
        guard let parts = version?.split(separator: ".").prefix(2).map({ Int($0) }), parts.count == 2,
            let major = parts[0], let minor = parts[1]
        else { return nil }
        return [major, minor]
    }
}
