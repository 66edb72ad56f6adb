/// Why `submit` cannot go ahead.
public enum SubmitError: Error, Sendable, Hashable, CustomStringConvertible {
    case notAnSdist(String)
    case unreadablePackage(String)
    case missingJobFile(String)
    case badJobFile(path: String, line: Int, column: Int, message: String)
    case noDocument(path: String, target: JobTarget)
    case cannotWrite(String, String)
    case cannotRun(String, String)
    /// AI Platform Training was shut down; only its job document is still written.
    case legacyTarget

    public var description: String {
        switch self {
        case .notAnSdist(let path):
            "\(path): expected a trainer sdist (a .tar.gz made by relna-pack build)"
        case .unreadablePackage(let path):
            "\(path): cannot read the package"
        case .missingJobFile(let path):
            "\(path): no job file beside the package; run relna-pack build again, or pass --job-file"
        case .badJobFile(let path, let line, let column, let message):
            "\(path):\(line):\(column): error: \(message)"
        case .noDocument(let path, let target):
            "\(path): has no \(target == .vertex ? "Vertex AI" : "AI Platform") job; rebuild with "
                + "--job-target \(target.rawValue) (or both)"
        case .cannotWrite(let path, let message):
            "\(path): cannot write the job file: \(message)"
        case .cannotRun(let path, let message):
            "cannot run \(path): \(message)"
        case .legacyTarget:
            "AI Platform Training was shut down on 2025-01-31; submit the Vertex AI document instead"
        }
    }
}
