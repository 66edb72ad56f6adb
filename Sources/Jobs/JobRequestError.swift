/// Why a job request cannot be made from the given flags.
public enum JobRequestError: Error, Sendable, Hashable, CustomStringConvertible {
    case invalidBucket(String)
    case unknownTuningParameter(String, known: [String])
    case notTunable(String)
    case nothingToTune
    case invalidTrialCount(flag: String, value: Int)
    case emptyMetric
    case invalidPackageDigest(String)

    public var description: String {
        switch self {
        case .invalidBucket(let text):
            "'\(text)' is not a Cloud Storage bucket (expected gs://NAME: 3-63 lowercase letters, digits, "
                + "'-', '_' or '.', starting and ending with a letter or digit)"
        case .unknownTuningParameter(let name, let known):
            "--param \(name): not a hyperparameter of this domain (known: \(known.joined(separator: ", ")))"
        case .notTunable(let name):
            "--param \(name): the manifest gives it neither both min and max nor choices, so it has no "
                + "range to search"
        case .nothingToTune:
            "--tune: no hyperparameter of this domain has both bounds or choices; name some with --param"
        case .invalidTrialCount(let flag, let value):
            "\(flag) \(value): expected a whole number of at least 1"
        case .emptyMetric:
            "--tune: the metric name is empty"
        case .invalidPackageDigest(let digest):
            "'\(digest)' is not a SHA-256 digest (64 lowercase hex digits)"
        }
    }
}
