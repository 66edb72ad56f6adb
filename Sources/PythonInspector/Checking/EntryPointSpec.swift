/// What a domain's trainer calls in the agent file, as declared under `agent.entry_points` in the
/// manifest (docs/manifest.md). The manifest decoder produces these; the entry-point checker holds
/// the agent's scanned structure against them; `explain` and `init` print them.
public struct EntryPointSpec: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case function
        case `class`
        case constant
    }

    public var name: String
    public var kind: Kind
    public var required: Bool
    public var doc: String
    /// The call the trainer makes: the function call, or the constructor call for a class.
    public var call: CallSpec
    /// For classes: the methods the trainer calls on an instance.
    public var methods: [MethodSpec]

    public init(
        name: String, kind: Kind, required: Bool = true, doc: String = "", call: CallSpec = CallSpec(),
        methods: [MethodSpec] = []
    ) {
        self.name = name
        self.kind = kind
        self.required = required
        self.doc = doc
        self.call = call
        self.methods = methods
    }
}

/// A call as the trainer makes it: positional arguments (by their names in the docs), then keywords.
public struct CallSpec: Sendable, Hashable, Codable {
    public var args: [String]
    public var kwargs: [String]

    public init(args: [String] = [], kwargs: [String] = []) {
        self.args = args
        self.kwargs = kwargs
    }
}

public struct MethodSpec: Sendable, Hashable, Codable {
    public var name: String
    public var required: Bool
    public var doc: String
    public var call: CallSpec
    /// What the trainer expects back, in words (for docs and `explain`).
    public var returns: String?

    public init(
        name: String, required: Bool = true, doc: String = "", call: CallSpec = CallSpec(),
        returns: String? = nil
    ) {
        self.name = name
        self.required = required
        self.doc = doc
        self.call = call
        self.returns = returns
    }
}
