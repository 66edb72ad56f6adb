import Build
import Foundation
import Jobs
import RelnaCore
import RelnaDigest

/// Checks and builds every submission in process, on all cores, through the one `BuildPipeline`
/// (the same checks and diagnostics as `check`), then groups identical packages.
enum ArenaBuilder {
    struct Result: Sendable {
        var students: [StudentRecord]
        var packages: [ArenaPackage]
    }

    /// Throws only for what is wrong with the flags or the domain (every student would fail alike).
    /// Each package is written to OUT/packages/ by the worker that built it, and dropped from memory.
    static func run(
        _ submissions: [Submission], configuration: ArenaConfiguration, domain: LoadedDomain,
        progress: @Sendable (StudentRecord) -> Void
    ) throws(ArenaError) -> Result {
        let slots = Slots<Outcome>(count: submissions.count)
        DispatchQueue.concurrentPerform(iterations: submissions.count) { index in
            var outcome = build(submissions[index], configuration: configuration, domain: domain)
            if let product = outcome.built?.product {
                do throws(OutputError) {
                    _ = try ArenaPackage.write(product, output: configuration.output)
                } catch {
                    outcome.writeFailure = error.description
                }
                outcome.built?.product = nil
            }
            slots.set(index, outcome)
            progress(outcome.record)
        }
        let outcomes = slots.values.compactMap { $0 }
        if let failure = outcomes.lazy.compactMap(\.arenaFailure).first { throw .build(failure) }
        if let failure = outcomes.lazy.compactMap(\.writeFailure).first { throw .io(failure) }
        return group(outcomes, submissions: submissions)
    }

    struct Built: Sendable {
        var sha256: String
        var fileName: String
        var budget: Int
        var product: BuildProduct?
        /// The Vertex worker pool that trains it (`ArenaPipeline`), made while the product is at hand
        /// so that pipeline.py needs no second build.
        var workerPool: VertexWorkerPool?
    }

    struct Outcome: Sendable {
        var record: StudentRecord
        var built: Built?
        /// A failure of the flags or domain rather than of this student's file.
        var arenaFailure: BuildFailure?
        var writeFailure: String?
    }

    /// The request `build` would make for this agent with the arena's flags (no output: the arena
    /// writes the sdist itself, content-addressed).
    static func request(_ agent: [UInt8], path: String, _ configuration: ArenaConfiguration) -> BuildRequest {
        BuildRequest(
            domain: configuration.domain, searchPath: configuration.searchPath, agent: agent, agentPath: path,
            env: configuration.env, settings: configuration.settings,
            sourceDateEpoch: configuration.sourceDateEpoch)
    }

    static func build(_ submission: Submission, configuration: ArenaConfiguration, domain: LoadedDomain)
        -> Outcome
    {
        if let problem = submission.problem {
            var record = StudentRecord(
                submission: submission, sha256: nil, status: .invalid,
                diagnostics: [problem.diagnostic(file: submission.path)])
            record.reason = problem.message
            return Outcome(record: record)
        }
        let sha256 = Digest.sha256Hex(submission.bytes)
        let request = request(submission.bytes, path: submission.path, configuration)
        do throws(BuildFailure) {
            let product = try BuildPipeline.build(request, domain: domain)
            let record = StudentRecord(
                submission: submission, sha256: sha256, status: .accepted, diagnostics: product.diagnostics)
            let budget = ArenaPlan.budget(product.hyperparameters, manifest: product.manifest)
            return Outcome(
                record: record,
                built: Built(
                    sha256: product.sha256, fileName: product.fileName, budget: budget, product: product,
                    workerPool: ArenaPipeline.workerPool(product, configuration: configuration)))
        } catch {
            var record = StudentRecord(
                submission: submission, sha256: sha256, status: .rejected, diagnostics: error.diagnostics)
            record.reason = error.diagnostics.first { $0.severity == .error }?.message
            // A usage failure located in the agent (its imports name no framework) is the student's;
            // one on the command line, and a broken domain, are everyone's.
            let ownFile = error.diagnostics.contains { $0.file == submission.path }
            switch error {
            case .usage where !ownFile, .badData, .internal:
                return Outcome(record: record, arenaFailure: error)
            default: return Outcome(record: record)
            }
        }
    }

    /// Identical packages become one, owned by the first of its students by id.
    static func group(_ outcomes: [Outcome], submissions: [Submission]) -> Result {
        var students = outcomes.map(\.record)
        var byDigest: [String: (built: Built, members: [Int])] = [:]
        for (index, outcome) in outcomes.enumerated() {
            guard let built = outcome.built else { continue }
            byDigest[built.sha256, default: (built, [])].members.append(index)
        }
        var packages: [ArenaPackage] = []
        for (sha256, entry) in byDigest {
            let members = entry.members.sorted { lessByBytes(students[$0].id, students[$1].id) }
            let ids = members.map { students[$0].id }
            let owner = submissions[members[0]]
            packages.append(
                ArenaPackage(
                    sha256: sha256, fileName: entry.built.fileName, students: ids, budget: entry.built.budget,
                    agent: owner.bytes, agentPath: owner.path, workerPool: entry.built.workerPool))
            for member in members {
                students[member].package = sha256
                students[member].duplicates = ids.filter { $0 != students[member].id }
                if member != members[0] {
                    students[member].status = .duplicate
                    students[member].reason = "identical to \(ids[0])'s file; ranked once, as \(ids[0])"
                }
            }
        }
        packages.sort { lessByBytes($0.students[0], $1.students[0]) }
        return Result(students: students, packages: packages)
    }
}

/// Results written by concurrent workers into their own index.
final class Slots<Value: Sendable>: @unchecked Sendable {
    private var storage: [Value?]
    private let lock = NSLock()

    init(count: Int) {
        storage = Array(repeating: nil, count: count)
    }

    func set(_ index: Int, _ value: Value) {
        lock.lock()
        storage[index] = value
        lock.unlock()
    }

    var values: [Value?] {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }
}
