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
