/// Where a job request is meant to go: Vertex AI custom training (`gcloud ai custom-jobs create` /
/// `gcloud ai hp-tuning-jobs create`), or, as a legacy export only, AI Platform Training, which Google
/// shut down on 2025-01-31.
public enum JobTarget: String, Sendable, Hashable, CaseIterable, Codable {
    case aiplatform
    case vertex
}

/// The `--job-target` choice of `build`: one target or both (Vertex first).
public enum JobTargetSelection: String, Sendable, Hashable, CaseIterable, Codable {
    case aiplatform
    case vertex
    case both

    public var targets: [JobTarget] {
        switch self {
        case .aiplatform: [.aiplatform]
        case .vertex: [.vertex]
        case .both: [.vertex, .aiplatform]
        }
    }
}
