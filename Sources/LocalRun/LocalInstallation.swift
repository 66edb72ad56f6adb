import Foundation

/// A built package ready to run: the cached environment with its requirements, and this run's own
/// folder holding the installed package.
public struct LocalInstallation: Sendable {
    public var environment: VirtualEnvironment
    /// Holds `site/` (the installed package); removed by `remove()` when the run is over.
    public var folder: String
    public var site: String { folder + "/site" }

    /// The trainer's environment: the caller's, with the package on PYTHONPATH, unbuffered output,
    /// and the current folder kept off sys.path (so a `trainer/` folder there cannot shadow it).
    public func processEnvironment(_ base: [String: String]) -> [String: String] {
        var environment = base
        environment["PYTHONPATH"] = site + (base["PYTHONPATH"].map { ":" + $0 } ?? "")
        environment["PYTHONUNBUFFERED"] = "1"
        environment["PYTHONSAFEPATH"] = "1"
        return environment
    }

    public func remove() {
        try? FileManager.default.removeItem(atPath: folder)
    }
}
