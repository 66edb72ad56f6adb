/// The documented shape of the render context `build` gives every skeleton template
/// (docs/render-context.md). `template check` holds each template's free variables against it, so a
/// misspelled name is found before a student's build trips over it.
///
/// Keep this value and the table in docs/render-context.md in step: a test compares the two.
public struct RenderContextSchema: Sendable, Hashable {
    /// One top-level name of the context.
    public struct Entry: Sendable, Hashable, Codable {
        public var name: String
        /// The Python-side type as the docs name it: `str`, `dict`, `list of str`.
        public var type: String
        /// For dictionaries with fixed keys: the keys every template may read.
        public var keys: [String]
        /// One line, as in the docs table.
        public var summary: String

        public init(name: String, type: String, keys: [String] = [], summary: String) {
            self.name = name
            self.type = type
            self.keys = keys
            self.summary = summary
        }
    }

    public var entries: [Entry]

    public init(entries: [Entry]) { self.entries = entries }

    public var names: [String] { entries.map(\.name) }

    public func entry(named name: String) -> Entry? { entries.first { $0.name == name } }

    /// The keys of each hyperparameter's dictionary (`hyperparameters.<name>.<key>`).
    public static let hyperparameterKeys = [
        "type", "default", "help", "min", "max", "choices", "flag", "budget", "set_by_build",
    ]
    /// The keys of each entry point's dictionary (`entry_points.<name>.<key>`).
    public static let entryPointKeys = ["kind", "required", "defined", "methods"]

    /// The context `relna-pack build` makes, as docs/render-context.md documents it.
    public static let standard = RenderContextSchema(entries: [
        Entry(name: "domain", type: "str", summary: "the manifest's `domain`"),
        Entry(name: "title", type: "str", summary: "the manifest's `title`"),
        Entry(name: "description", type: "str", summary: "the manifest's `description`"),
        Entry(name: "template_version", type: "str", summary: "the manifest's `version`"),
        Entry(name: "relna_version", type: "str", summary: "relna-pack's version"),
        Entry(
            name: "package", type: "dict", keys: ["name", "normalized_name", "version"],
            summary: "the distribution's name, normalized name and version"),
        Entry(name: "env_id", type: "str", summary: "the environment chosen"),
        Entry(
            name: "environments", type: "dict",
            keys: ["default", "supported", "action_space", "hyperparameters", "requirements"],
            summary: "the manifest's environments"),
        Entry(name: "framework", type: "str", summary: "the framework chosen"),
        Entry(name: "requirements", type: "list of str", summary: "runtime requirements, deduplicated"),
        Entry(
            name: "hyperparameters", type: "dict",
            summary: "name → dict of \(hyperparameterKeys.joined(separator: ", "))"),
        Entry(
            name: "entry_points", type: "dict",
            summary: "name → dict of \(entryPointKeys.joined(separator: ", "))"),
        Entry(
            name: "agent", type: "dict", keys: ["module", "path", "label", "sha256"],
            summary: "where the agent goes in the package and its digest"),
        Entry(name: "job", type: "dict", summary: "the manifest's `job` values"),
    ])
}
