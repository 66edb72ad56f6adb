import PythonInspector
import RelnaCore
import RelnaYAML

/// A manifest that could not be used: every problem found, each located in manifest.yaml.
public struct ManifestError: Error, Sendable, Hashable {
    public var diagnostics: [Diagnostic]

    public init(diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
}

/// Decodes and validates `manifest.yaml` into a `Manifest`, reporting all problems at once.
public enum ManifestDecoder {
    static let topKeys = [
        "domain", "title", "description", "version", "agent", "hyperparameters", "environments",
        "requirements", "frameworks", "skeleton", "job",
    ]
    /// Output paths the package writer produces itself; a skeleton entry may not claim them.
    public static let reservedOutputs: Set<String> = [
        "PKG-INFO", "setup.py", "pyproject.toml", "setup.cfg", "trainer/provenance.json",
    ]

    /// - Parameters:
    ///   - file: the path to print in diagnostics.
    ///   - folderName: the domain folder's name, which `domain` must equal (nil: not checked).
    public static func decode(_ bytes: [UInt8], file: String, folderName: String? = nil) throws(ManifestError)
        -> Manifest
    {
        let root: YAMLNode
        do {
            root = try YAMLReader().parse(bytes)
        } catch {
            throw ManifestError(diagnostics: [
                Diagnostic(
                    severity: .error, code: "manifest-yaml", file: file, line: error.line,
                    column: error.column,
                    message: error.message)
            ])
        }
        var reader = NodeReader(file: file)
        let manifest = decode(root, reader: &reader, folderName: folderName)
        if let manifest, reader.diagnostics.isEmpty { return manifest }
        throw ManifestError(diagnostics: reader.diagnostics)
    }

    private static func decode(_ root: YAMLNode, reader: inout NodeReader, folderName: String?) -> Manifest? {
        guard
            let top = reader.mapping(
                root, "", known: topKeys,
                required: [
                    "domain", "title", "description", "version", "agent", "environments", "frameworks",
                    "skeleton",
                ])
        else { return nil }

        var domain: String?
        if let node = top["domain"], let text = reader.line(node, "domain") {
            if !isDomainName(text) {
                reader.error(
                    "manifest-value", node, "domain", "'\(text)' is not a domain name ([a-z][a-z0-9_]*)")
            } else if let folderName, folderName != text {
                reader.error(
                    "manifest-domain-mismatch", node, "domain",
                    "'\(text)' does not match its folder '\(folderName)'")
            } else {
                domain = text
            }
        }
        let title = top["title"].flatMap { reader.line($0, "title") }
        let description = top["description"].flatMap { reader.string($0, "description") }
        let version = top["version"].flatMap { reader.line($0, "version") }
        let agent = top["agent"].flatMap { decodeAgent($0, &reader) }
        let hyperparameters = top["hyperparameters"].map { decodeHyperparameters($0, &reader) } ?? []
        let environments = top["environments"].flatMap {
            decodeEnvironments($0, hyperparameters: hyperparameters, &reader)
        }
        let requirements =
            top["requirements"].flatMap { decodeRequirements($0, "requirements", &reader) } ?? []
        let frameworks = top["frameworks"].flatMap { decodeFrameworks($0, &reader) }
        let skeleton = top["skeleton"].flatMap { decodeSkeleton($0, agentPath: agent?.path, &reader) }
        let job = top["job"].flatMap { decodeJob($0, &reader) } ?? ManifestJob(values: [])

        guard let domain, let title, let description, let version, let agent, let environments,
            let frameworks,
            let skeleton
        else { return nil }
        return Manifest(
            domain: domain, title: title, description: description, version: version, agent: agent,
            hyperparameters: hyperparameters, environments: environments, requirements: requirements,
            frameworks: frameworks, skeleton: skeleton, job: job)
    }

    package static func isDomainName(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return text.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_"
        }
    }

    // MARK: agent

    private static func decodeAgent(_ node: YAMLNode, _ reader: inout NodeReader) -> AgentContract? {
        guard let map = reader.mapping(node, "agent", known: ["path", "max_lines", "entry_points"]) else {
            return nil
        }
        var path = "trainer/agent.py"
        var ok = true
        if let pathNode = map["path"] {
            if let text = reader.line(pathNode, "agent.path") {
                if !Names.isSafeRelativePath(text) || !text.hasSuffix(".py") {
                    reader.error(
                        "manifest-bad-path", pathNode, "agent.path",
                        "'\(text)' must be a relative .py path inside the package (no '..', no leading '/')")
                    ok = false
                } else if !text.hasPrefix("trainer/") || !text.dropFirst(8).allSatisfy({ $0 != "/" })
                    || !Names.isIdentifier(String(text.dropFirst(8).dropLast(3)))
                {
                    reader.error(
                        "manifest-bad-path", pathNode, "agent.path",
                        "'\(text)' must be a module directly inside the trainer package, like trainer/agent.py"
                    )
                    ok = false
                } else {
                    path = text
                }
            } else {
                ok = false
            }
        }
        var maxLines = 100
        if let limitNode = map["max_lines"] {
            if let value = reader.int(limitNode, "agent.max_lines") {
                if value < 1 || value > 100_000 {
                    reader.error(
                        "manifest-value", limitNode, "agent.max_lines", "must be between 1 and 100000")
                    ok = false
                } else {
                    maxLines = value
                }
            } else {
                ok = false
            }
        }
        var entryPoints: [EntryPointSpec] = []
        if let list = map["entry_points"], let items = reader.sequence(list, "agent.entry_points") {
            entryPoints = decodeNamed(
                items, "agent.entry_points", "entry point", name: \.name, &reader, complete: &ok,
                decodeEntryPoint)
        }
        return ok ? AgentContract(path: path, maxLines: maxLines, entryPoints: entryPoints) : nil
    }

    private static func decodeEntryPoint(_ node: YAMLNode, _ path: String, _ reader: inout NodeReader)
        -> EntryPointSpec?
    {
        guard
            let map = reader.mapping(
                node, path, known: ["name", "kind", "required", "doc", "call", "methods"],
                required: ["name", "kind"])
        else { return nil }
        var ok = true
        let name = identifier(map["name"], "\(path).name", &reader)
        let kind = map["kind"].flatMap { reader.choice($0, "\(path).kind", EntryPointSpec.Kind.self) }
        let required = map["required"].map { reader.bool($0, "\(path).required") } ?? true
        let doc = map["doc"].map { reader.string($0, "\(path).doc", allowEmpty: true) } ?? ""
        let call = map["call"].map { decodeCall($0, "\(path).call", &reader) } ?? CallSpec()
        var methods: [MethodSpec] = []
        if let methodsNode = map["methods"] {
            if kind != nil, kind != .class {
                reader.error(
                    "manifest-value", methodsNode, "\(path).methods", "only a class entry point has methods")
                ok = false
            } else if let items = reader.sequence(methodsNode, "\(path).methods") {
                methods = decodeNamed(
                    items, "\(path).methods", "method", name: \.name, &reader, complete: &ok, decodeMethod)
            }
        }
        if kind == .constant, let callNode = map["call"] {
            reader.error("manifest-value", callNode, "\(path).call", "a constant entry point is not called")
            ok = false
        }
        guard ok, let name, let kind, let required, let doc, let call else { return nil }
        return EntryPointSpec(
            name: name, kind: kind, required: required, doc: doc, call: call, methods: methods)
    }

    /// The items of the list at `path` that `decode` reads, each name once: a name declared again is
    /// reported (`noun` says what it names) and left out. `complete` turns false when any item is.
    static func decodeNamed<Item>(
        _ items: [YAMLNode], _ path: String, _ noun: String, name: KeyPath<Item, String>,
        _ reader: inout NodeReader, complete: inout Bool,
        _ decode: (YAMLNode, String, inout NodeReader) -> Item?
    ) -> [Item] {
        var result: [Item] = []
        var seen: Set<String> = []
        for (index, item) in items.enumerated() {
            let itemPath = "\(path)[\(index)]"
            guard let value = decode(item, itemPath, &reader) else {
                complete = false
                continue
            }
            guard seen.insert(value[keyPath: name]).inserted else {
                reader.error(
                    "manifest-duplicate", item, "\(itemPath).name",
                    "\(noun) '\(value[keyPath: name])' is declared twice")
                complete = false
                continue
            }
            result.append(value)
        }
        return result
    }

    private static func decodeMethod(_ node: YAMLNode, _ path: String, _ reader: inout NodeReader)
        -> MethodSpec?
    {
        guard
            let map = reader.mapping(
                node, path, known: ["name", "required", "doc", "call", "returns"], required: ["name"])
        else { return nil }
        let name = identifier(map["name"], "\(path).name", &reader)
        let required = map["required"].map { reader.bool($0, "\(path).required") } ?? true
        let doc = map["doc"].map { reader.string($0, "\(path).doc", allowEmpty: true) } ?? ""
        let call = map["call"].map { decodeCall($0, "\(path).call", &reader) } ?? CallSpec()
        let returns = map["returns"].map { reader.line($0, "\(path).returns") }
        guard let name, let required, let doc, let call else { return nil }
        if let returns, returns == nil { return nil }
        return MethodSpec(name: name, required: required, doc: doc, call: call, returns: returns ?? nil)
    }

    private static func decodeCall(_ node: YAMLNode, _ path: String, _ reader: inout NodeReader) -> CallSpec?
    {
        guard let map = reader.mapping(node, path, known: ["args", "kwargs"]) else { return nil }
        let args = map["args"].map { identifiers($0, "\(path).args", &reader) } ?? []
        let kwargs = map["kwargs"].map { identifiers($0, "\(path).kwargs", &reader) } ?? []
        guard let args, let kwargs else { return nil }
        return CallSpec(args: args, kwargs: kwargs)
    }

    static func identifier(_ node: YAMLNode?, _ path: String, _ reader: inout NodeReader) -> String? {
        guard let node, let text = reader.line(node, path) else { return nil }
        guard Names.isIdentifier(text) else {
            reader.error("manifest-value", node, path, "'\(text)' is not a Python identifier")
            return nil
        }
        return text
    }

    private static func identifiers(_ node: YAMLNode, _ path: String, _ reader: inout NodeReader) -> [String]?
    {
        guard let items = reader.sequence(node, path) else { return nil }
        var result: [String] = []
        var ok = true
        for (index, item) in items.enumerated() {
            if let name = identifier(item, "\(path)[\(index)]", &reader) {
                result.append(name)
            } else {
                ok = false
            }
        }
        return ok ? result : nil
    }

    // MARK: requirements, frameworks, job

    static func decodeRequirements(_ node: YAMLNode, _ path: String, _ reader: inout NodeReader)
        -> [String]?
    {
        guard let items = reader.sequence(node, path) else { return nil }
        var result: [String] = []
        var ok = true
        for (index, item) in items.enumerated() {
            let itemPath = "\(path)[\(index)]"
            guard let text = reader.line(item, itemPath) else {
                ok = false
                continue
            }
            if let problem = Requirement.problem(text) {
                reader.error(
                    "manifest-value", item, itemPath, "'\(text)' is not a PEP 508 requirement: \(problem)")
                ok = false
            } else {
                result.append(text)
            }
        }
        return ok ? result : nil
    }

    private static func decodeFrameworks(_ node: YAMLNode, _ reader: inout NodeReader) -> [Framework]? {
        guard let pairs = reader.pairs(node, "frameworks") else { return nil }
        if pairs.isEmpty {
            reader.error("manifest-value", node, "frameworks", "must declare at least one framework")
            return nil
        }
        var result: [Framework] = []
        var ok = true
        var fallback: String?
        for (key, value) in pairs {
            guard let name = identifier(key, "frameworks", &reader) else {
                ok = false
                continue
            }
            let path = "frameworks.\(name)"
            guard
                let map = reader.mapping(
                    value, path,
                    known: ["imports", "requirements", "runtime_version", "python_version", "executor_image"])
            else {
                ok = false
                continue
            }
            let imports =
                map["imports"].map { node -> [String]? in
                    guard let list = reader.lines(node, "\(path).imports") else { return nil }
                    for (index, module) in list.enumerated() where !Names.isModulePath(module) {
                        reader.error(
                            "manifest-value", node, "\(path).imports[\(index)]",
                            "'\(module)' is not a module name")
                        return nil
                    }
                    return list
                } ?? []
            let requirements =
                map["requirements"].map { decodeRequirements($0, "\(path).requirements", &reader) } ?? []
            let runtime = map["runtime_version"].map { reader.line($0, "\(path).runtime_version") }
            let python = map["python_version"].map { reader.line($0, "\(path).python_version") }
            let image = map["executor_image"].map { reader.line($0, "\(path).executor_image") }
            guard let imports, let requirements, runtime != .some(nil), python != .some(nil),
                image != .some(nil)
            else {
                ok = false
                continue
            }
            if imports.isEmpty {
                if let fallback {
                    reader.error(
                        "manifest-value", key, path,
                        "only one framework may be the fallback (no imports); '\(fallback)' already is")
                    ok = false
                }
                fallback = name
            }
            result.append(
                Framework(
                    name: name, imports: imports, requirements: requirements, runtimeVersion: runtime ?? nil,
                    pythonVersion: python ?? nil, executorImage: image ?? nil))
        }
        return ok ? result : nil
    }

    static let jobKeys = [
        "python_module", "region", "scale_tier", "master_type", "machine_type", "accelerator_type",
        "accelerator_count", "replica_count", "tuning_metric", "tuning_goal", "max_trials", "parallel_trials",
    ]
    static let scaleTiers = ["BASIC", "STANDARD_1", "PREMIUM_1", "BASIC_GPU", "BASIC_TPU", "CUSTOM"]

    private static func decodeJob(_ node: YAMLNode, _ reader: inout NodeReader) -> ManifestJob? {
        guard case .mapping(let pairs) = node.content, reader.mapping(node, "job", known: jobKeys) != nil
        else {
            return nil
        }
        var values: [(key: String, value: String)] = []
        var ok = true
        for (key, value) in pairs {
            guard let name = key.scalarText, jobKeys.contains(name),
                let text = reader.line(value, "job.\(name)")
            else {
                ok = false
                continue
            }
            if name == "python_module", !Names.isModulePath(text) {
                reader.error("manifest-value", value, "job.python_module", "'\(text)' is not a module path")
                ok = false
            }
            if name == "scale_tier", !scaleTiers.contains(text) {
                reader.error(
                    "manifest-value", value, "job.scale_tier",
                    "expected one of \(scaleTiers.joined(separator: ", ")), found '\(text)'"
                        + DidYouMean.phrase(text, among: scaleTiers))
                ok = false
            }
            values.append((name, text))
        }
        return ok ? ManifestJob(values: values) : nil
    }

    static func firstDuplicate(_ list: [String]) -> String? {
        var seen: Set<String> = []
        return list.first { !seen.insert($0).inserted }
    }
}
