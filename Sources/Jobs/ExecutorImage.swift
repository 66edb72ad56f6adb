/// One Vertex AI prebuilt training container, as `Templates/_shared/executor-images.yaml` lists it.
public struct ExecutorImage: Sendable, Hashable {
    public var uri: String
    /// The Python the image runs, e.g. "3.10".
    public var python: String
    /// The last day Google lets jobs use it, `yyyy-MM-dd`.
    public var endOfAvailability: String
    /// Where the row was read, and when (`yyyy-MM-dd`).
    public var source: String
    public var read: String

    public init(uri: String, python: String, endOfAvailability: String, source: String, read: String) {
        self.uri = uri
        self.python = python
        self.endOfAvailability = endOfAvailability
        self.source = source
        self.read = read
    }

    /// Past its end of availability on `today` (`yyyy-MM-dd`; such dates sort as text).
    public func isExpired(on today: String) -> Bool {
        endOfAvailability < today
    }
}
