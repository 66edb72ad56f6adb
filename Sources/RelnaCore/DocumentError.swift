/// Why a text document (JSON, YAML) could not be read: a message at a 1-based line and column,
/// where reading stopped. One type for every reader, so callers locate diagnostics the same way.
public struct DocumentError: Error, Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var message: String

    public init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "\(line):\(column): \(message)" }
}
