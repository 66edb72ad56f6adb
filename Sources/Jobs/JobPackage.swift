import Foundation
import RelnaDigest

/// The built sdist a job installs.
public struct JobPackage: Sendable, Hashable {
    /// The sdist's file name, e.g. `relna_trainer_dqn-0.1.0.tar.gz`.
    public var fileName: String
    /// Lowercase hex SHA-256 of the sdist's bytes.
    public var sha256: String

    public init(fileName: String, sha256: String) {
        self.fileName = fileName
        self.sha256 = sha256
    }
}

extension JobPackage {
    /// The package at `path`, named by its file name and identified by the SHA-256 of its bytes.
    public init(contentsOf path: String) throws(SubmitError) {
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadablePackage(path) }
        self.init(
            fileName: URL(fileURLWithPath: path).lastPathComponent, sha256: Digest.sha256Hex([UInt8](data)))
    }
}
