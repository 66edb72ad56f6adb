import Foundation

/// Everything `relna-pack check`, `build` and `run` are asked to do, flags already parsed: the one
/// input of `BuildPipeline`. A service embedding TrainerGen fills it in as the CLI does and gets the
/// same product, byte for byte.
public struct BuildRequest: Sendable, Hashable {
    /// The domain's name, looked up on `searchPath` (ignored when a `LoadedDomain` is passed).
    public var domain: String
    public var searchPath: TemplateSearchPath
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
    /// The name `rank` shows for this package (`--label`). The agent's file name never goes into the
    /// package, so one agent gives one package whatever its file is called.
    public var label: String?
    /// `KEY=VALUE` hyperparameter overrides.
    public var settings: [String]
    /// `SOURCE_DATE_EPOCH` as given: every member's mtime; nil or empty means 1980-01-01, and text
    /// that is not a whole number of seconds is a usage error.
    public var sourceDateEpoch: String?
    /// Where `BuildProduct.write()` puts the package.
    public var output: BuildOutput
    /// The job request written beside the sdist when `output` is a folder.
    public var job: JobFile.Options

    public init(
        domain: String = "", searchPath: TemplateSearchPath = TemplateSearchPath(roots: [.builtIn]),
        agent: [UInt8], agentPath: String, env: String? = nil, framework: String? = nil, name: String? = nil,
        version: String? = nil, settings: [String] = [], sourceDateEpoch: String? = nil,
        output: BuildOutput = .none, job: JobFile.Options = JobFile.Options()
    ) {
        self.domain = domain
        self.searchPath = searchPath
        self.agent = agent
        self.agentPath = agentPath
        self.env = env
        self.framework = framework
        self.name = name
        self.version = version
        self.settings = settings
        self.sourceDateEpoch = sourceDateEpoch
        self.output = output
        self.job = job
    }

    /// Reads the agent the command line names (`-` is standard input).
    public static func readAgent(_ argument: String) throws(BuildFailure) -> (bytes: [UInt8], path: String) {
        if argument == "-" {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            return ([UInt8](data), "<stdin>")
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory) else {
            throw .io(path: argument, message: "no such file")
        }
        guard !isDirectory.boolValue else {
            throw .io(path: argument, message: "is a folder, not an agent file")
        }
        guard let data = FileManager.default.contents(atPath: argument) else {
            throw .io(path: argument, message: "cannot read the file")
        }
        return ([UInt8](data), argument)
    }
}

/// Where a build's package goes.
public enum BuildOutput: Sendable, Hashable {
    /// Nothing is written (`check`, `run`, a service that keeps the bytes).
    case none
    /// `<folder>/<file name>`, created when missing, with the job request `{stem}.job.yaml` beside it.
    case folder(URL)
    /// The sdist alone, at this path.
    case file(URL)
    /// The sdist alone, on standard output.
    case standardOutput
}
