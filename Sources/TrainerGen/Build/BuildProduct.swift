import Foundation
import RelnaCore

/// A finished build, not yet written: the sdist's bytes and everything the report says about it.
public struct BuildProduct: Sendable {
    public var identity: PackageIdentity
    public var domain: String
    public var env: String
    public var framework: String
    public var hyperparameters: [String: HyperValue]
    public var plan: SdistPlan
    /// The `.tar.gz` bytes.
    public var archive: [UInt8]
    public var sha256: String
    /// Warnings and notes (errors stop a build before a product exists).
    public var diagnostics: [Diagnostic]
    /// Files written beside the sdist, atomically, before it (e.g. the job request
    /// `{stem}.job.yaml`): a post-build step appends here, keyed by file name.
    public var sidecars: [(fileName: String, bytes: [UInt8])] = []

    public var fileName: String { identity.fileName }

    /// Writes the sidecars and then the sdist into `folder` (created when missing), each atomically.
    /// On failure, whatever this call already wrote is removed: a failed build leaves no file.
    @discardableResult
    public func write(to folder: URL) throws(BuildFailure) -> URL {
        do {
            try AtomicFile.ensureFolder(folder)
        } catch {
            throw .io(path: error.path, message: error.message)
        }
        var written: [URL] = []
        let target = folder.appendingPathComponent(fileName)
        do {
            for sidecar in sidecars {
                let url = folder.appendingPathComponent(sidecar.fileName)
                try AtomicFile.write(sidecar.bytes, to: url)
                written.append(url)
            }
            try AtomicFile.write(archive, to: target)
        } catch {
            for url in written { try? FileManager.default.removeItem(at: url) }
            throw .io(path: error.path, message: error.message)
        }
        return target
    }
}
