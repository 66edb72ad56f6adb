import RelnaCore
import RelnaDigest

/// Reads a trainer's `metrics.json` (the trainer contract in docs/architecture.md): the keys the leaderboard needs
/// must be present with the right types; any other key is ignored so trainers can add more.
enum MetricsFile {
    /// What a `metrics.json` says about its run; the caller adds the job dir and the progress.
    struct Contents: Sendable, Hashable {
        var domain: String
        var env: String
        var seed: Int
        var evalMeanReturn: Double
        var evalStdReturn: Double
        var evalEpisodes: Int
        var trainEpisodes: Int
        var trainSteps: Int
        var wallTimeSeconds: Double
        /// provenance `label` (`build --label`), else the `agent_filename` older packages recorded;
        /// nil when neither is there and the run is named after its job.
        var label: String?
        var agentSHA256: String
        var packageDigest: String
        /// The run's effective hyperparameters (name → canonical JSON), from the optional top-level
        /// `hyperparameters` object; empty when the trainer did not record them.
        var hyperparameters: [String: String]
        var configurationDigest: String
        /// `referee.isolated`: the result was decided by the referee, outside the agent's process
        /// (docs/integrity.md); false when the trainer predates it or ran in-process.
        var isolated: Bool
    }

    /// Parses the bytes of the file at `path` (the path is only used to locate diagnostics).
    static func parse(_ bytes: [UInt8], path: String) throws(SkippedRun) -> Contents {
        let root: LocatedJSON
        do {
            root = try LocatedJSON.parse(bytes)
        } catch {
            let partial =
                error.message.hasPrefix("unexpected end of file") ? " (the file looks truncated)" : ""
            throw warning(path, error.line, error.column, "malformed JSON: \(error.message)\(partial)")
        }
        guard case .object = root.value else {
            throw warning(path, root.line, root.column, "expected a JSON object, found \(root.kindName)")
        }
        let reader = KeyReader(object: root, path: path)
        let provenance = try reader.object("provenance")
        let provenanceReader = KeyReader(object: provenance, path: path, prefix: "provenance.")
        // A tuning job runs one package with different flags: those runs must not be averaged together.
        var hyperparameters: [String: String] = [:]
        var configuration = provenance.canonical
        if let settings = root["hyperparameters"], case .object(let members) = settings.value {
            for member in members { hyperparameters[member.key] = member.value.canonical }
            configuration += "\n" + settings.canonical
        }
        // `??` would lose the typed throw, so the older key is read in its own statement.
        var label = try provenanceReader.optionalString("label")
        if label == nil { label = try provenanceReader.optionalString("agent_filename") }
        return Contents(
            domain: try reader.nonEmptyString("domain"),
            env: try reader.nonEmptyString("env"),
            seed: try reader.integer("seed", minimum: Int.min),
            evalMeanReturn: try reader.finite("eval_mean_return", minimum: -.infinity),
            evalStdReturn: try reader.finite("eval_std_return", minimum: 0),
            evalEpisodes: try reader.integer("eval_episodes", minimum: 1),
            trainEpisodes: try reader.integer("train_episodes", minimum: 0),
            trainSteps: try reader.integer("train_steps", minimum: 0),
            wallTimeSeconds: try reader.finite("wall_time_s", minimum: 0),
            label: label,
            agentSHA256: try provenanceReader.nonEmptyString("agent_sha256"),
            packageDigest: digest(provenance.canonical),
            hyperparameters: hyperparameters,
            configurationDigest: digest(configuration),
            isolated: isIsolated(root))
    }

    static func isIsolated(_ root: LocatedJSON) -> Bool {
        if case .bool(true)? = root["referee"]?["isolated"]?.value { return true }
        return false
    }

    /// SHA-256 (hex) of a canonical JSON text; equal provenance means the same package.
    static func digest(_ canonical: String) -> String {
        Digest.sha256Hex(Array(canonical.utf8))
    }

    static func warning(_ path: String, _ line: Int, _ column: Int, _ message: String) -> SkippedRun {
        SkippedRun(path: path, line: line, column: column, code: "rank-bad-metrics", message: message)
    }

    /// Typed access to an object's keys with a located warning for each way a key can be wrong.
    private struct KeyReader {
        var object: LocatedJSON
        var path: String
        var prefix = ""

        private func value(_ key: String) throws(SkippedRun) -> LocatedJSON {
            guard let found = object[key] else {
                throw MetricsFile.warning(
                    path, object.line, object.column, "missing the key '\(prefix)\(key)'")
            }
            return found
        }

        private func mismatch(_ key: String, _ found: LocatedJSON, _ expected: String) -> SkippedRun {
            MetricsFile.warning(
                path, found.line, found.column,
                "'\(prefix)\(key)' must be \(expected), found \(found.kindName)")
        }

        func nonEmptyString(_ key: String) throws(SkippedRun) -> String {
            let found = try value(key)
            guard let text = found.string, !text.isEmpty else {
                throw mismatch(key, found, "a non-empty string")
            }
            return text
        }

        /// A non-empty string when the key is present; nil when it is absent.
        func optionalString(_ key: String) throws(SkippedRun) -> String? {
            object[key] == nil ? nil : try nonEmptyString(key)
        }

        func integer(_ key: String, minimum: Int) throws(SkippedRun) -> Int {
            let found = try value(key)
            guard let number = found.integer else { throw mismatch(key, found, "an integer") }
            guard number >= minimum else {
                throw MetricsFile.warning(
                    path, found.line, found.column,
                    "'\(prefix)\(key)' must be at least \(minimum), found \(number)")
            }
            return number
        }

        func finite(_ key: String, minimum: Double) throws(SkippedRun) -> Double {
            let found = try value(key)
            guard let number = found.double else { throw mismatch(key, found, "a number") }
            guard number.isFinite else {
                throw MetricsFile.warning(
                    path, found.line, found.column,
                    "'\(prefix)\(key)' must be a finite number, found \(number)")
            }
            guard number >= minimum else {
                throw MetricsFile.warning(
                    path, found.line, found.column, "'\(prefix)\(key)' must not be negative, found \(number)")
            }
            return number
        }

        func object(_ key: String) throws(SkippedRun) -> LocatedJSON {
            let found = try value(key)
            guard case .object = found.value else { throw mismatch(key, found, "an object") }
            return found
        }
    }
}
