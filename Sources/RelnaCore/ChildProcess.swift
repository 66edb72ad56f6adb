import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Starting programs: captured (for venv and pip) or attached to the terminal (for the trainer).
public enum ChildProcess {
    /// Runs `arguments` to completion with stdout and stderr captured together.
    public static func capture(
        _ arguments: [String], environment: [String: String]? = nil
    ) throws(ChildProcessError) -> (status: Int32, output: String) {
        let pipe = Pipe()
        let process = try start(arguments, environment: environment, output: pipe, errors: pipe)
        // Read to the end before waiting: a full pipe would otherwise block the child forever.
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (status(process), String(decoding: data, as: UTF8.self))
    }

    /// Runs `arguments` to completion with stdout and stderr captured apart (gcloud: the JSON on
    /// stdout, the messages on stderr).
    public static func captureApart(
        _ arguments: [String], environment: [String: String]? = nil
    ) throws(ChildProcessError) -> (status: Int32, stdout: [UInt8], stderr: [UInt8]) {
        let output = Pipe()
        let errors = Pipe()
        let process = try start(arguments, environment: environment, output: output, errors: errors)
        // Drain stderr on another thread so that neither pipe can fill up and block the child.
        let box = DataBox()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            box.data = errors.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return (status(process), [UInt8](data), [UInt8](box.data))
    }

    private final class DataBox: @unchecked Sendable {
        var data = Data()
    }

    /// Starts `arguments` without waiting, stdin from /dev/null unless `input` says otherwise; `input`,
    /// `output` and `errors` are a `Pipe` or a `FileHandle`, nil to share this process's. For a caller
    /// that must watch or stop the child itself (a log stream that never ends on its own); the caller
    /// waits for it.
    public static func start(
        _ arguments: [String], environment: [String: String]?, input: Any? = FileHandle.nullDevice,
        output: Any? = nil, errors: Any? = nil
    ) throws(ChildProcessError) -> Process {
        guard let executable = arguments.first else { throw .io("no command given") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = Array(arguments.dropFirst())
        if let environment { process.environment = environment }
        if let input { process.standardInput = input }
        if let output { process.standardOutput = output }
        if let errors { process.standardError = errors }
        do {
            try process.run()
        } catch {
            throw .cannotSpawn(executable, errno: Int32((error as NSError).code))
        }
        return process
    }

    /// The exit status, or 128 + the signal number when a signal ended the process.
    private static func status(_ process: Process) -> Int32 {
        process.terminationReason == .uncaughtSignal
            ? 128 + process.terminationStatus : process.terminationStatus
    }

    /// Runs `arguments` to completion with this process's stdin, stdout and stderr.
    public static func runInherited(
        _ arguments: [String], environment: [String: String]? = nil
    ) throws(ChildProcessError) -> Int32 {
        let process = try start(arguments, environment: environment, input: nil)
        process.waitUntilExit()
        return status(process)
    }

    /// Runs `arguments` with the terminal's stdout and stderr (live output) and stdin from /dev/null,
    /// in its own process group. SIGINT and SIGTERM sent to this process (Ctrl-C included) are passed
    /// on to the child once, and this process waits for it. Returns its exit status, or 128 + the
    /// signal number when a signal ended it (the shell's convention).
    public static func runAttached(
        _ arguments: [String], environment: [String: String]
    ) throws(ChildProcessError) -> Int32 {
        guard let executable = arguments.first else { throw .io("no command given") }
        let forwarded = [SIGINT, SIGTERM]
        // Ignore the signals here while the child runs; the dispatch sources still see them.
        var previous: [Int32: sighandler_t?] = [:]
        for signalNumber in forwarded { previous[signalNumber] = signal(signalNumber, SIG_IGN) }
        defer {
            for (signalNumber, handler) in previous { signal(signalNumber, handler ?? SIG_DFL) }
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signalNumber in forwarded { sigaddset(&defaults, signalNumber) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        posix_spawnattr_setsigmask(&attributes, &unblocked)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(
            &attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETPGROUP))

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)

        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid: pid_t = 0
        let code = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard code == 0 else { throw .cannotSpawn(executable, errno: code) }

        let child = pid
        let sources = forwarded.map { signalNumber in
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { _ = kill(child, signalNumber) }
            source.resume()
            return source
        }
        defer { for source in sources { source.cancel() } }

        var status: Int32 = 0
        while waitpid(child, &status, 0) == -1 {
            guard errno == EINTR else { throw .io("waiting for \(executable) failed (errno \(errno))") }
        }
        // WIFEXITED / WEXITSTATUS / WTERMSIG, which Swift does not import as macros.
        let termination = status & 0x7F
        return termination == 0 ? (status >> 8) & 0xFF : 128 + termination
    }
}

/// Why a program could not be run at all (what it does once running is its exit status).
public enum ChildProcessError: Error, Sendable, Hashable, CustomStringConvertible {
    case cannotSpawn(String, errno: Int32)
    case io(String)

    public var description: String {
        switch self {
        case .cannotSpawn(let path, let code): "cannot start \(path) (errno \(code))"
        case .io(let message): message
        }
    }
}
