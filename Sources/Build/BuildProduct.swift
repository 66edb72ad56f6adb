import Foundation
import Jobs
import Manifest
import Packaging
import RelnaCore

/// A finished build, not yet written: everything `relna-pack build` writes and reports (the sdist's
/// bytes, the job documents, the diagnostics and notes), and where it goes.
public struct BuildProduct: Sendable {
    public var identity: PackageIdentity
    public var manifest: Manifest
    public var env: String
    public var framework: String
    public var hyperparameters: [String: HyperValue]
    public var plan: SdistPlan
    /// The `.tar.gz` bytes.
    public var archive: [UInt8]
    public var sha256: String
    /// Warnings and notes (errors stop a build before a product exists), the job request's notes
    /// included.
    public var diagnostics: [Diagnostic]
    /// The request's output.
    public var output: BuildOutput
    /// The job request `{stem}.job.yaml`, made when the output is a folder.
    public var jobFile: JobFileDocuments?

    /// The job request a build writes beside its sdist.
    public struct JobFileDocuments: Sendable {
        public var fileName: String
        public var request: JobRequest
        /// The YAML: one document per requested target.
        public var bytes: [UInt8]
    }

    /// Where `write()` put the package and the job request (nil: not written to a file).
    public struct Written: Sendable, Hashable {
        public var package: URL?
        public var jobFile: URL?
    }

    public var domain: String { manifest.domain }
    public var fileName: String { identity.fileName }

    /// Writes the product where the request said, each file atomically: into a folder (created when
    /// missing) the job request and then the sdist; to a file or standard output the sdist alone. On
    /// failure, whatever this call already wrote is removed: a failed build leaves no file.
    @discardableResult
    public func write() throws(BuildFailure) -> Written {
        switch output {
        case .none:
            return Written()
        case .standardOutput:
            FileHandle.standardOutput.write(Data(archive))
            return Written()
        case .file(let url):
            do {
                try AtomicFile.write(archive, to: url)
            } catch {
                throw .io(path: error.path, message: error.message)
            }
            return Written(package: url)
        case .folder(let folder):
            return try write(into: folder)
        }
    }

    private func write(into folder: URL) throws(BuildFailure) -> Written {
        do {
            try AtomicFile.ensureFolder(folder)
        } catch {
            throw .io(path: error.path, message: error.message)
        }
        var written = Written()
        let target = folder.appendingPathComponent(fileName)
        do {
            if let jobFile {
                let url = folder.appendingPathComponent(jobFile.fileName)
                try AtomicFile.write(jobFile.bytes, to: url)
                written.jobFile = url
            }
            try AtomicFile.write(archive, to: target)
        } catch {
            if let url = written.jobFile { try? FileManager.default.removeItem(at: url) }
            throw .io(path: error.path, message: error.message)
        }
        written.package = target
        return written
    }
}
