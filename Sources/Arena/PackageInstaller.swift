import Build
import Foundation
import LocalRun
import RelnaCore

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
    private let lock = NSLock()
    /// Different packages install at once; the runs of one package wait for its first.
    private let packageLocks = KeyedLocks()

    init(base: VirtualEnvironment.BaseInterpreter, cacheRoot: String, observer: @escaping ArenaObserver) {
        self.base = base
        self.cacheRoot = cacheRoot
        self.observer = observer
    }

    /// The package's installation and environment id, made by `product` the first time.
    func installation(for package: ArenaPackage, product: () throws(BuildFailure) -> BuildProduct)
        -> Installed
    {
        packageLocks.withLock(package.sha256) {
            if let known = cached(package.sha256) { return known }
            let result = install(package, product: product)
            lock.lock()
            done[package.sha256] = result
            lock.unlock()
            return result
        }
    }

    private func install(_ package: ArenaPackage, product: () throws(BuildFailure) -> BuildProduct)
        -> Installed
    {
        do {
            let built = try product()
            guard built.sha256 == package.sha256 else {
                throw Problem(message: "the package built again differs from \(package.sha256)")
            }
            let installation = try LocalTraining.install(
                built, base: base, cacheRoot: cacheRoot, progress: { [observer] in observer(.note($0)) })
            return .success((installation, built.env))
        } catch let problem as Problem {
            return .failure(problem)
        } catch let failure as BuildFailure {
            return .failure(Problem(message: failure.diagnostics.map(\.message).joined(separator: "; ")))
        } catch {
            return .failure(Problem(message: "\(error)"))
        }
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
