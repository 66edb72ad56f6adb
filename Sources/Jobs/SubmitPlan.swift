import Foundation
import RelnaCore
import RelnaYAML

/// What `relna-pack submit` does: the upload of the package to its content-addressed object and the
/// gcloud command that creates the job, with the job file's document rewritten for the chosen bucket,
/// region and job name.
public struct SubmitPlan: Sendable, Hashable {
    public struct Options: Sendable, Hashable {
        public var packagePath: String
        /// nil: `<stem>.job.yaml` beside the package.
        public var jobFilePath: String?
        public var target: JobTarget
        public var project: String
        /// nil: us-central1.
        public var region: String?
        public var bucket: StorageBucket
        /// nil: the job file's name plus a UTC timestamp, so that each submission is a new job.
        public var jobName: String?
        public var now: Date

        public init(
            packagePath: String, jobFilePath: String? = nil, target: JobTarget, project: String,
            region: String? = nil, bucket: StorageBucket, jobName: String? = nil, now: Date = Date()
        ) {
            self.packagePath = packagePath
            self.jobFilePath = jobFilePath
            self.target = target
            self.project = project
            self.region = region
            self.bucket = bucket
            self.jobName = jobName
            self.now = now
        }
    }

    public var jobName: String
    public var region: String
    public var packageURI: String
    /// Where the rewritten job document is written for gcloud's `--config`.
    public var configPath: String
    public var configYAML: String
    /// The gcloud argument lists (without the leading `gcloud`), in order.
    public var commands: [[String]]

    public init(_ options: Options) throws(SubmitError) {
        // AI Platform Training was shut down on 2025-01-31: its document is a legacy export only.
        guard options.target == .vertex else { throw .legacyTarget }
        let packageURL = URL(fileURLWithPath: options.packagePath)
        let fileName = packageURL.lastPathComponent
        guard fileName.hasSuffix(".tar.gz"), fileName.count > ".tar.gz".count else {
            throw .notAnSdist(options.packagePath)
        }
        let stem = String(fileName.dropLast(".tar.gz".count))
        let folder = packageURL.deletingLastPathComponent()
        let jobFile = options.jobFilePath ?? folder.appendingPathComponent("\(stem).job.yaml").path
        let package = try JobPackage(contentsOf: options.packagePath)
        let document = try Self.document(in: jobFile, for: options.target)
        jobName = JobName.sanitized(
            options.jobName ?? Self.builtName(document, stem: stem) + "_" + Self.timestamp(options.now),
            for: options.target)
        region = options.region ?? "us-central1"
        packageURI = options.bucket.packageURI(package)
        configPath = folder.appendingPathComponent("\(stem).submit-\(options.target.rawValue).yaml").path
        let rewritten = Self.rewritten(
            document, packageURI: packageURI, jobDir: options.bucket.jobDirectory(jobName))
        configYAML = YAMLWriter.document(rewritten)
        commands = [
            [
                "storage", "cp", "--no-clobber", options.packagePath, packageURI,
                "--project=\(options.project)",
            ],
            Self.createCommand(
                rewritten, project: options.project, jobName: jobName, region: region, configPath: configPath),
        ]
    }

    /// The job file's document for `target`.
    private static func document(in jobFile: String, for target: JobTarget) throws(SubmitError) -> YAMLNode {
        let jobText: String
        do {
            jobText = try String(contentsOfFile: jobFile, encoding: .utf8)
        } catch {
            throw .missingJobFile(jobFile)
        }
        let documents: [YAMLNode]
        do throws(YAMLError) {
            documents = try YAMLReader().documents(jobText)
            for document in documents { try document.requireScalarKeys() }
        } catch {
            throw .badJobFile(path: jobFile, line: error.line, column: error.column, message: error.message)
        }
        guard let document = documents.first(where: { SubmitPlan.target(of: $0) == target }) else {
            throw .noDocument(path: jobFile, target: target)
        }
        return document
    }

    /// The build's name: the last folder of the output prefix.
    private static func builtName(_ document: YAMLNode, stem: String) -> String {
        let spec = document["trialJobSpec"] ?? document
        let prefix = spec["baseOutputDirectory"]?["outputUriPrefix"]?.stringValue
        return prefix?.split(separator: "/").last.map(String.init) ?? "relna_\(stem)"
    }

    /// The Vertex document with this submission's package and output folder.
    private static func rewritten(_ document: YAMLNode, packageURI: String, jobDir: String) -> YAMLNode {
        let uris = YAMLNode.sequence([.string(packageURI)])
        let rewriteSpec: (YAMLNode) -> YAMLNode = { spec in
            let pools = (spec["workerPoolSpecs"]?.sequenceValue ?? []).map { pool in
                pool.updating(["pythonPackageSpec"]) { $0.setting("packageUris", to: uris) }
            }
            return spec.setting("workerPoolSpecs", to: .sequence(pools))
                .setting("baseOutputDirectory", to: .mapping([YAMLEntry("outputUriPrefix", .string(jobDir))]))
        }
        return document["trialJobSpec"] != nil
            ? document.updating(["trialJobSpec"], rewriteSpec) : rewriteSpec(document)
    }

    /// The gcloud command that creates the job from the rewritten document, with `--format=json` so
    /// that the created job (its full name) can be read.
    private static func createCommand(
        _ rewritten: YAMLNode, project: String, jobName: String, region: String, configPath: String
    ) -> [String] {
        let common = ["--project=\(project)", "--region=\(region)", "--display-name=\(jobName)"]
        guard rewritten["trialJobSpec"] != nil else {
            return ["ai", "custom-jobs", "create"] + common + ["--config=\(configPath)", "--format=json"]
        }
        // gcloud's own defaults for the trial counts would override the file's, so pass them.
        let maxTrials = rewritten["maxTrialCount"]?.intValue ?? 1
        let parallel = rewritten["parallelTrialCount"]?.intValue ?? 1
        return ["ai", "hp-tuning-jobs", "create"] + common
            + [
                "--max-trial-count=\(maxTrials)", "--parallel-trial-count=\(parallel)",
                "--config=\(configPath)",
                "--format=json",
            ]
    }

    /// Which API a job document is for, by its top-level keys.
    public static func target(of document: YAMLNode) -> JobTarget? {
        if document["trainingInput"] != nil { return .aiplatform }
        if document["workerPoolSpecs"] != nil || document["trialJobSpec"] != nil { return .vertex }
        return nil
    }

    /// `20261125_114600`: UTC, sortable, valid in every job name.
    public static func timestamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ value: Int?) -> String {
            let text = String(value ?? 0)
            return text.count < 2 ? "0" + text : text
        }
        return "\(parts.year ?? 0)\(two(parts.month))\(two(parts.day))_\(two(parts.hour))\(two(parts.minute))"
            + two(parts.second)
    }

    /// A command as a POSIX shell line, each argument quoted when it needs to be.
    public static func shellLine(_ arguments: [String]) -> String {
        arguments.map(shellQuoted).joined(separator: " ")
    }

    public static func shellQuoted(_ argument: String) -> String {
        let safe = argument.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
                || "-_./=:@%+,".unicodeScalars.contains($0)
        }
        if safe && !argument.isEmpty { return argument }
        return "'" + argument.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

extension SubmitPlan {
    /// Writes the job document where the commands' `--config` points (atomically).
    public func writeConfig() throws(SubmitError) {
        do {
            try AtomicFile.write(Array(configYAML.utf8), to: URL(fileURLWithPath: configPath))
        } catch {
            throw .cannotWrite(configPath, error.message)
        }
    }

    /// Writes the config, uploads the package, then creates the job through `pacer` (paced per
    /// region, quota answers retried). Returns the created job as gcloud's `--format=json` shows it.
    public func submit(
        gcloud: GCloud, pacer: inout SubmissionPacer, announce: (String) -> Void = { _ in },
        retrying: (GCloudError, Double) -> Void = { _, _ in }
    ) throws(GCloudError) -> CloudJobStatus {
        do {
            try writeConfig()
        } catch {
            throw .cannotWrite(configPath, error.description)
        }
        var created: CloudJobStatus?
        for command in commands {
            announce(SubmitPlan.shellLine(["gcloud"] + command))
            if command.first == "storage" {
                try gcloud.run(command)
                continue
            }
            created = try pacer.submit(region: region, retrying: retrying) { () throws(GCloudError) in
                // --format=json is already part of the create command.
                guard let json = try gcloud.parse(command) else {
                    throw .malformed(command: command, message: "no output")
                }
                return try CloudJobStatus(json, command: command)
            }
        }
        guard let created else { throw .unsupported("the plan has no create command") }
        return created
    }
}
