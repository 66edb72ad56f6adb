/// The sdist's `PKG-INFO`: core metadata 2.2 (https://packaging.python.org/specifications/core-metadata/).
///
/// Every field is static (no `Dynamic:`), and setup.py declares the same values, so the metadata of
/// the wheel pip builds agrees with this file.
public struct PackageMetadata: Sendable, Hashable {
    public var name: String
    public var version: String
    /// One line.
    public var summary: String
    public var requiresPython: String
    public var requirements: [String]
    /// The long description (Markdown), written as the message body.
    public var description: String

    public init(
        name: String, version: String, summary: String, requiresPython: String, requirements: [String],
        description: String
    ) {
        self.name = name
        self.version = version
        self.summary = summary
        self.requiresPython = requiresPython
        self.requirements = requirements
        self.description = description
    }

    public var text: String {
        var lines = [
            "Metadata-Version: 2.2",
            "Name: \(name)",
            "Version: \(version)",
            "Summary: \(Self.oneLine(summary))",
            "Requires-Python: \(requiresPython)",
        ]
        lines += requirements.map { "Requires-Dist: \($0)" }
        lines.append("Description-Content-Type: text/markdown")
        // RFC 822 header block, a blank line, then the description as the body.
        return lines.joined(separator: "\n") + "\n\n" + description
            + (description.hasSuffix("\n") ? "" : "\n")
    }

    /// Header values cannot hold line breaks; fold whitespace runs into single spaces.
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: { $0.isNewline || $0 == " " || $0 == "\t" }).joined(separator: " ")
    }
}
