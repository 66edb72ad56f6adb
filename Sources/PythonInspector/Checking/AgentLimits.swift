/// What a domain allows an agent file beyond its entry points: its size, its counted lines, and the
/// third-party modules it may import (those the domain's frameworks declare).
public struct AgentLimits: Sendable, Hashable {
    /// Lines that are not blank and not only a comment (the manifest's `agent.max_lines`).
    public var maxLines: Int
    /// Top-level module names the domain's frameworks declare (`frameworks.*.imports`).
    public var allowedThirdPartyModules: Set<String>
    /// Larger files are refused before anything else (256 KiB).
    public var maxBytes: Int

    public static let defaultMaxLines = 100
    public static let defaultMaxBytes = 256 * 1024

    public init(
        maxLines: Int = AgentLimits.defaultMaxLines, allowedThirdPartyModules: Set<String> = [],
        maxBytes: Int = AgentLimits.defaultMaxBytes
    ) {
        self.maxLines = maxLines
        self.allowedThirdPartyModules = allowedThirdPartyModules
        self.maxBytes = maxBytes
    }
}
