import RelnaCore

/// What `gcloud ai custom-jobs describe --format=json` (or `hp-tuning-jobs describe`) says about a job.
public struct CloudJobStatus: Sendable, Hashable {
    /// `projects/NUMBER/locations/R/customJobs/ID`.
    public var name: String
    public var displayName: String
    /// `JOB_STATE_RUNNING`, …
    public var state: String
    public var createTime: String?
    public var startTime: String?
    public var endTime: String?
    /// google.rpc.Status of a failed or cancelled job.
    public var errorCode: Int?
    public var errorMessage: String?
    /// `jobSpec.baseOutputDirectory.outputUriPrefix` (the trainer's job dir, the parent of
    /// AIP_MODEL_DIR; for a tuning job, the parent of the trials' dirs).
    public var outputDirectory: String?

    /// The states after which a job never changes (the API's enum).
    public static let finalStates: Set<String> = [
        "JOB_STATE_SUCCEEDED", "JOB_STATE_FAILED", "JOB_STATE_CANCELLED", "JOB_STATE_EXPIRED",
        "JOB_STATE_PARTIALLY_SUCCEEDED",
    ]

    public var isFinal: Bool { Self.finalStates.contains(state) }
    public var succeeded: Bool { state == "JOB_STATE_SUCCEEDED" }

    /// `RUNNING` for `JOB_STATE_RUNNING`.
    public var shortState: String {
        state.hasPrefix("JOB_STATE_") ? String(state.dropFirst("JOB_STATE_".count)) : state
    }

    /// Reads the fields relna-pack uses; fields Vertex omits stay nil (it never sends nulls).
    init(_ json: LocatedJSON, command: [String]) throws(GCloudError) {
        guard let name = json["name"]?.string, let state = json["state"]?.string else {
            throw .malformed(
                command: command,
                message: "expected a job object with `name` and `state`, found \(json.kindName)")
        }
        self.name = name
        self.state = state
        displayName = json["displayName"]?.string ?? ""
        createTime = json["createTime"]?.string
        startTime = json["startTime"]?.string
        endTime = json["endTime"]?.string
        errorCode = json["error"]?["code"]?.integer
        errorMessage = json["error"]?["message"]?.string
        let spec = json["jobSpec"] ?? json["trialJobSpec"]
        outputDirectory = spec?["baseOutputDirectory"]?["outputUriPrefix"]?.string
    }

    /// One line for people: `JOB_STATE_FAILED  name  (error 3: …)`.
    public var summary: String {
        var line = "\(state)  \(name)"
        if !displayName.isEmpty { line += "  (\(displayName))" }
        if let errorMessage { line += "\n  error \(errorCode.map(String.init) ?? "?"): \(errorMessage)" }
        return line
    }
}
