import Foundation
import RelnaCore
import RelnaDigest

/// A cached virtual environment with a package's requirements installed, under
/// `$XDG_CACHE_HOME/relna-pack/venvs/<digest>` (default `~/.cache/relna-pack/venvs/<digest>`).
///
/// The digest covers the interpreter's version, whether system site-packages are visible, and the
/// sorted requirements, so a different Python or a changed requirement gets a fresh environment and
/// an unchanged one is reused across runs.
///
/// When `RELNA_PYTHON` names an interpreter, that interpreter makes the environment with
/// `--system-site-packages` (tests point it at the repository's .venv, which already has gymnasium
/// and numpy, so nothing is downloaded); otherwise `python3` from PATH makes an isolated one.
public struct VirtualEnvironment: Sendable, Hashable {
    public var directory: String
    public var python: String { directory + "/bin/python" }

    /// The interpreter that makes environments, and how.
    public struct BaseInterpreter: Sendable, Hashable {
        public var path: String
        public var systemSitePackages: Bool

        /// `RELNA_PYTHON` when set (with system site-packages), else `python3` on PATH.
        public static func fromEnvironment(
            _ environment: [String: String] = ProcessInfo.processInfo.environment
        ) throws(LocalRunError) -> BaseInterpreter {
            if let given = environment["RELNA_PYTHON"], !given.isEmpty {
                guard FileManager.default.isExecutableFile(atPath: given) else {
                    throw .pythonNotFound(given)
                }
                return BaseInterpreter(path: given, systemSitePackages: true)
            }
            guard let found = ExecutableSearch.find("python3", path: environment["PATH"]) else {
                throw .pythonNotFound("python3")
            }
            return BaseInterpreter(path: found, systemSitePackages: false)
        }
    }

    /// The cache root: `$XDG_CACHE_HOME/relna-pack/venvs`, or `~/.cache/relna-pack/venvs`.
    public static func cacheRoot(_ environment: [String: String] = ProcessInfo.processInfo.environment)
        -> String
    {
        if let cache = environment["XDG_CACHE_HOME"], cache.hasPrefix("/") {
            return cache + "/relna-pack/venvs"
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return home + "/.cache/relna-pack/venvs"
    }

    /// The cache key of an environment.
    public static func digest(pythonVersion: String, base: BaseInterpreter, requirements: [String]) -> String
    {
        var text = "relna-pack venv 1\npython: \(pythonVersion)\n"
        // With system site-packages, what the environment sees depends on which interpreter made it.
        if base.systemSitePackages { text += "system-site-packages: \(base.path)\n" }
        text += "requirements:\n" + Set(requirements).sorted().joined(separator: "\n")
        return Digest.sha256Hex(Array(text.utf8))
    }

    /// Extra packages every environment gets so that an sdist builds without network isolation.
    static let buildRequirements = ["setuptools>=61", "wheel"]

    /// Finds or makes the environment for `requirements`. `progress` receives one-line messages
    /// ("creating …") meant for stderr.
    public static func prepare(
        requirements: [String], base: BaseInterpreter, cacheRoot: String,
        progress: (String) -> Void
    ) throws(LocalRunError) -> VirtualEnvironment {
        let version = try Self.capture([base.path, "-c", "import sys; print(sys.version)"])
        guard version.status == 0 else { throw .pythonNotFound(base.path) }
        let key = digest(pythonVersion: version.output, base: base, requirements: requirements)
        // A second thread asking for the same environment waits for the first and then finds it ready
        // instead of making it again.
        return try creations.withLock(cacheRoot + "/" + key) { () throws(LocalRunError) in
            try findOrMake(
                key: key, requirements: requirements, base: base, cacheRoot: cacheRoot, progress: progress)
        }
    }

    private static let creations = KeyedLocks()

    private static func findOrMake(
        key: String, requirements: [String], base: BaseInterpreter, cacheRoot: String,
        progress: (String) -> Void
    ) throws(LocalRunError) -> VirtualEnvironment {
        let directory = cacheRoot + "/" + key
        let ready = directory + "/.relna-ready"
        let files = FileManager.default
        if files.fileExists(atPath: ready) {
            progress("using the Python environment \(directory)")
            return VirtualEnvironment(directory: directory)
        }
        do {
            try files.createDirectory(atPath: cacheRoot, withIntermediateDirectories: true)
        } catch {
            throw .io("cannot create \(cacheRoot): \(error.localizedDescription)")
        }
        // Made under a name of this call's own (other processes may make the same environment) and
        // renamed when complete, so an interrupted or concurrent creation never
        // leaves a half-made environment where a later run would trust it.
        let staging = cacheRoot + "/.staging-\(key.prefix(16))-\(UUID().uuidString)"
        removeAbandonedStagings(in: cacheRoot)
        defer { try? files.removeItem(atPath: staging) }
        progress("creating a Python environment in \(directory) (the first time takes a while)")
        var create = [base.path, "-m", "venv"]
        if base.systemSitePackages { create.append("--system-site-packages") }
        create.append(staging)
        let made = try Self.capture(create)
        guard made.status == 0 else {
            if made.output.contains("ensurepip") || made.output.contains("No module named venv") {
                throw .venvUnavailable(python: base.path, output: made.output)
            }
            throw .commandFailed(
                what: "creating the environment", command: create, status: made.status, output: made.output)
        }
        let wanted = requirements + buildRequirements
        progress("installing \(wanted.joined(separator: ", "))")
        let install =
            [staging + "/bin/python", "-m", "pip", "install", "--disable-pip-version-check", "--quiet"]
            + wanted
        let installed = try Self.capture(install)
        guard installed.status == 0 else {
            throw .commandFailed(
                what: "installing the requirements", command: install, status: installed.status,
                output: installed.output)
        }
        guard files.createFile(atPath: staging + "/.relna-ready", contents: Data(key.utf8)) else {
            throw .io("cannot write \(staging)/.relna-ready")
        }
        if rename(staging, directory) != 0 {
            // Another run finished the same environment first: use that one.
            guard files.fileExists(atPath: ready) else {
                throw .io("cannot move the new environment to \(directory) (errno \(errno))")
            }
        }
        return VirtualEnvironment(directory: directory)
    }

    /// Staging folders of creations that were killed (Ctrl-C during pip) are removed once they are an
    /// hour old; a younger one may belong to a creation still running.
    static func removeAbandonedStagings(in cacheRoot: String) {
        let files = FileManager.default
        for name in (try? files.contentsOfDirectory(atPath: cacheRoot)) ?? []
        where name.hasPrefix(".staging-") {
            let path = cacheRoot + "/" + name
            let modified = (try? files.attributesOfItem(atPath: path))?[.modificationDate] as? Date
            if let modified, modified.timeIntervalSinceNow < -3600 { try? files.removeItem(atPath: path) }
        }
    }

    /// Installs the trainer sdist into `target` (a folder of this run's own, put on PYTHONPATH), not
    /// into the shared environment: two runs of the same domain at once must not replace each
    /// other's trainer. Its requirements are already in the environment.
    public func install(sdist: String, into target: String, progress: (String) -> Void) throws(LocalRunError)
    {
        progress("installing \(URL(fileURLWithPath: sdist).lastPathComponent)")
        let command = [
            python, "-m", "pip", "install", "--disable-pip-version-check", "--quiet", "--no-deps",
            "--no-build-isolation", "--target", target, sdist,
        ]
        let result = try Self.capture(command)
        guard result.status == 0 else {
            throw .commandFailed(
                what: "installing the package", command: command, status: result.status, output: result.output
            )
        }
    }
}

extension VirtualEnvironment {
    /// `ChildProcess.capture`, with a program that cannot start reported as a local-run error.
    static func capture(_ command: [String]) throws(LocalRunError) -> (status: Int32, output: String) {
        do {
            return try ChildProcess.capture(command)
        } catch {
            throw LocalRunError(error)
        }
    }
}
