import Build
import Foundation
import LocalRun

/// Installs each package once for all its seeds (`LocalTraining.install`: the cached environment,
/// then the sdist into a folder of its own), the first run of a package doing it while the others
/// of the same package wait.
final class PackageInstaller: @unchecked Sendable {
    struct Problem: Error, Sendable {
        var message: String
    }

    typealias Installed = Result<(LocalInstallation, String), Problem>

    private let base: VirtualEnvironment.BaseInterpreter
    private let cacheRoot: String
    private let observer: ArenaObserver
    private var done: [String: Installed] = [:]
    private var locks: [String: NSLock] = [:]
    private let lock = NSLock()
    /// One installation at a time: `VirtualEnvironment.prepare` names its staging folder after the
    /// process, so two threads making the same environment at once would share (and break) it.
    private let installing = NSLock()

    init(base: VirtualEnvironment.BaseInterpreter, cacheRoot: String, observer: @escaping ArenaObserver) {
        self.base = base
        self.cacheRoot = cacheRoot
        self.observer = observer
    }

    /// The package's installation and environment id, made by `product` the first time.
    func installation(for package: ArenaPackage, product: () throws(BuildFailure) -> BuildProduct)
        -> Installed
    {
        let packageLock = lockFor(package.sha256)
        packageLock.lock()
        defer { packageLock.unlock() }
        if let known = cached(package.sha256) { return known }
        let result: Installed
        do {
            let built = try product()
            guard built.sha256 == package.sha256 else {
                throw Problem(message: "the package built again differs from \(package.sha256)")
            }
            installing.lock()
            defer { installing.unlock() }
            let installation = try LocalTraining.install(
                built, base: base, cacheRoot: cacheRoot, progress: { [observer] in observer(.note($0)) })
            result = .success((installation, built.env))
        } catch let problem as Problem {
            result = .failure(problem)
        } catch let failure as BuildFailure {
            result = .failure(Problem(message: failure.diagnostics.map(\.message).joined(separator: "; ")))
        } catch {
            result = .failure(Problem(message: "\(error)"))
        }
        lock.lock()
        done[package.sha256] = result
        lock.unlock()
        return result
    }

    private func lockFor(_ sha256: String) -> NSLock {
        lock.lock()
        defer { lock.unlock() }
        if let existing = locks[sha256] { return existing }
        let made = NSLock()
        locks[sha256] = made
        return made
    }

    private func cached(_ sha256: String) -> Installed? {
        lock.lock()
        defer { lock.unlock() }
        return done[sha256]
    }

    func removeAll() {
        lock.lock()
        defer { lock.unlock() }
        for case .success(let (installation, _)) in done.values { installation.remove() }
    }
}
