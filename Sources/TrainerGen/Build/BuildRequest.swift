/// What `relna-pack build` and `check` were asked to do, flags already parsed.
public struct BuildRequest: Sendable, Hashable {
    /// The agent file's bytes (read from the path or standard input).
    public var agent: [UInt8]
    /// The agent's path as the user named it, or `<stdin>`; used in diagnostics.
    public var agentPath: String
    public var env: String?
    public var framework: String?
    /// Default `relna-trainer-<domain>`.
    public var name: String?
    /// Default `0.1.0`.
    public var version: String?
    /// `KEY=VALUE` hyperparameter overrides.
    public var settings: [String]
    /// Member mtime (`SOURCE_DATE_EPOCH` or 1980-01-01).
    public var mtime: Int64

    public init(
        agent: [UInt8], agentPath: String, env: String? = nil, framework: String? = nil, name: String? = nil,
        version: String? = nil, settings: [String] = [], mtime: Int64 = SourceDateEpoch.fallback
    ) {
        self.agent = agent
        self.agentPath = agentPath
        self.env = env
        self.framework = framework
        self.name = name
        self.version = version
        self.settings = settings
        self.mtime = mtime
    }

    /// The file name recorded in provenance: the last path component, or `<stdin>`.
    public var agentFilename: String {
        agentPath.split(separator: "/").last.map(String.init) ?? agentPath
    }
}
