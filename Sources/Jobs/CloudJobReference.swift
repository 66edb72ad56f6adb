/// A job as the user names it: its id (with `--region`/`--project`), or its full resource name
/// `projects/P/locations/R/customJobs/ID` (or `…/hyperparameterTuningJobs/ID`), which needs neither.
public struct CloudJobReference: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        case customJob = "customJobs"
        case tuningJob = "hyperparameterTuningJobs"

        /// The gcloud command group.
        public var group: String { self == .customJob ? "custom-jobs" : "hp-tuning-jobs" }
    }

    public var kind: Kind
    /// What gcloud is given: the full name, or the id.
    public var text: String
    /// nil when `text` is a full name (gcloud reads the region from it).
    public var region: String?
    public var project: String?

    public init(_ text: String, region: String, project: String?) throws(GCloudError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let valid: (String) -> Bool = { part in
            !part.isEmpty && part.unicodeScalars.allSatisfy { $0.isASCII && $0 != " " && $0 != "/" }
        }
        if parts.count == 6, parts[0] == "projects", parts[2] == "locations",
            let kind = Kind(rawValue: parts[4]), [parts[1], parts[3], parts[5]].allSatisfy(valid)
        {
            self.kind = kind
            self.text = text
            self.region = nil
            self.project = nil
        } else if parts.count == 1, valid(text), !text.hasPrefix("-") {
            self.kind = .customJob
            self.text = text
            self.region = region
            self.project = project
        } else {
            throw .badJobName(text)
        }
    }

    /// A full name as `create` returns it.
    public init(fullName: String) throws(GCloudError) {
        try self.init(fullName, region: "", project: nil)
        guard region == nil else { throw .badJobName(fullName) }
    }

    public var description: String { text }

    /// `ai custom-jobs VERB JOB [--region=R] [--project=P]`.
    public func command(_ verb: String) -> [String] {
        ["ai", kind.group, verb, text] + (region.map { ["--region=\($0)"] } ?? [])
            + (project.map { ["--project=\($0)"] } ?? [])
    }
}
