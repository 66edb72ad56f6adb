/// Where a job request is meant to go: AI Platform Training (`gcloud ai-platform jobs submit training`)
/// or Vertex AI custom training (`gcloud ai custom-jobs create` / `gcloud ai hp-tuning-jobs create`).
public enum JobTarget: String, Sendable, Hashable, CaseIterable, Codable {
    case aiplatform
    case vertex
}

/// The `--job-target` choice of `build`: one target or both.
public enum JobTargetSelection: String, Sendable, Hashable, CaseIterable, Codable {
    case aiplatform
    case vertex
    case both

    public var targets: [JobTarget] {
        switch self {
        case .aiplatform: [.aiplatform]
        case .vertex: [.vertex]
        case .both: [.aiplatform, .vertex]
        }
    }
}
