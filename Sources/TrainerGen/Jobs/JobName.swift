/// Job names made valid for each API.
///
/// AI Platform `jobId`: starts with a letter, then letters, digits and underscores, at most 128
/// characters. Vertex `displayName`: up to 128 characters; we keep it to the same readable alphabet
/// plus `-` and `.` so that it also works unquoted in shells and console filters.
public enum JobName {
    public static let maxLength = 128

    public static func sanitized(_ name: String, for target: JobTarget) -> String {
        let keepsPunctuation = target == .vertex
        var out = ""
        var lastWasUnderscore = false
        for scalar in name.unicodeScalars {
            let isWordChar =
                ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
            if isWordChar || (keepsPunctuation && (scalar == "-" || scalar == ".")) {
                out.unicodeScalars.append(scalar)
                lastWasUnderscore = false
            } else if !lastWasUnderscore {
                // Runs of anything else (spaces, dashes for AI Platform, non-ASCII) become one underscore.
                out += "_"
                lastWasUnderscore = true
            }
        }
        while out.hasPrefix("_") { out.removeFirst() }
        while out.hasSuffix("_") { out.removeLast() }
        if let first = out.unicodeScalars.first, ("a"..."z").contains(first) || ("A"..."Z").contains(first) {
            // Starts with a letter already.
        } else {
            out = out.isEmpty ? "relna_job" : "relna_" + out
        }
        if out.count > maxLength {
            out = String(out.prefix(maxLength))
            while out.hasSuffix("_") { out.removeLast() }
        }
        return out
    }

    /// The name a build writes: `relna_<domain>_<env>_<first 12 hex digits of the sdist's sha256>`,
    /// stable for identical inputs (reproducible job files).
    public static func forBuild(domain: String, envId: String, sha256: String) -> String {
        "relna_\(domain)_\(envId)_\(sha256.prefix(12))"
    }
}

/// A Cloud Storage bucket as given on the command line (`gs://b`, `gs://b/`, or `b`).
public struct StorageBucket: Sendable, Hashable, CustomStringConvertible {
    public var name: String

    /// The URI prefix used in job files built without `--bucket`; `submit` replaces it.
    public static let placeholder = StorageBucket(unchecked: "YOUR_BUCKET")

    private init(unchecked name: String) { self.name = name }

    public init(_ text: String) throws(JobRequestError) {
        var name = text
        if name.hasPrefix("gs://") { name.removeFirst(5) }
        while name.hasSuffix("/") { name.removeLast() }
        let scalars = name.unicodeScalars
        let allowed = scalars.allSatisfy {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" || $0 == "."
        }
        let alnum: (Unicode.Scalar?) -> Bool = { scalar in
            guard let scalar else { return false }
            return ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
        }
        // Cloud Storage bucket naming rules: 3–63 characters (222 with dots), lowercase letters,
        // digits, dashes, underscores and dots, starting and ending with a letter or digit.
        let limit = name.contains(".") ? 222 : 63
        guard allowed, (3...limit).contains(scalars.count), alnum(scalars.first), alnum(scalars.last) else {
            throw .invalidBucket(text)
        }
        self.name = name
    }

    public var uri: String { "gs://\(name)" }
    public var description: String { uri }

    /// Content-addressed: a reproducible rebuild maps to the same object.
    public func packageURI(_ package: JobPackage) -> String {
        "\(uri)/relna/packages/\(package.sha256)/\(package.fileName)"
    }

    public func jobDirectory(_ jobName: String) -> String {
        "\(uri)/relna/jobs/\(jobName)"
    }
}
