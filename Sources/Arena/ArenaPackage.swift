import Build
import Foundation
import Jobs
import RelnaCore

/// One built package and the students who sent its agent; identical agent files give one package.
/// Only its digest and the agent are kept in memory (a cohort of a thousand would otherwise hold a
/// thousand sdist plans); `product` builds it again, byte for byte, when a run needs it.
public struct ArenaPackage: Sendable {
    public var sha256: String
    public var fileName: String
    /// Sorted by id; the first owns the leaderboard entry, the others are its duplicates.
    public var students: [String]
    /// The budget every run of the package trains with (`ArenaPlan.budget`).
    public var budget: Int
    var agent: [UInt8]
    var agentPath: String
    /// The Vertex worker pool that trains the package, without a seed (`ArenaPipeline`).
    var workerPool: VertexWorkerPool?

    /// `OUT/packages/<sha256>/<file name>`.
    public static func path(output: String, sha256: String, fileName: String) -> String {
        "\(output)/packages/\(sha256)/\(fileName)"
    }

    public func path(output: String) -> String {
        Self.path(output: output, sha256: sha256, fileName: fileName)
    }

    /// Writes the sdist to its content-addressed place unless it is already there; true when written.
    static func write(_ product: BuildProduct, output: String) throws(OutputError) -> Bool {
        let target = path(output: output, sha256: product.sha256, fileName: product.fileName)
        if FileManager.default.fileExists(atPath: target) { return false }
        let url = URL(fileURLWithPath: target)
        try AtomicFile.ensureFolder(url.deletingLastPathComponent())
        try AtomicFile.write(product.archive, to: url)
        return true
    }

    /// The package built again from its agent (deterministic: the same bytes as the first time).
    func product(_ configuration: ArenaConfiguration, domain: LoadedDomain) throws(BuildFailure)
        -> BuildProduct
    {
        try BuildPipeline.build(ArenaBuilder.request(agent, path: agentPath, configuration), domain: domain)
    }
}
