import RelnaYAML

/// Where things are declared in a manifest's YAML, so that `template check` can point a finding about
/// a hyperparameter, an entry point or a framework at the line that declares it.
struct ManifestLocator {
    struct Location: Hashable {
        var line: Int
        var column: Int
    }

    private let root: YAMLNode?

    init(text: String) {
        root = try? YAMLReader().parse(text)
    }

    /// The `name:` value of the list item under `section` (a dotted key path) whose name is `name`.
    func namedItem(_ name: String, under section: String) -> Location? {
        guard case .sequence(let items)? = node(at: section)?.content else { return nil }
        for item in items {
            if let value = Self.value(of: "name", in: item), value.scalarText == name {
                return Location(line: value.line, column: value.column)
            }
        }
        return nil
    }

    /// The key node `key` inside the mapping at `section` (e.g. a framework under `frameworks`).
    func key(_ key: String, under section: String) -> Location? {
        guard case .mapping(let pairs)? = node(at: section)?.content else { return nil }
        guard let pair = pairs.first(where: { $0.key.scalarText == key }) else { return nil }
        return Location(line: pair.key.line, column: pair.key.column)
    }

    /// The node at a dotted path of mapping keys and list indices (`agent.entry_points.0.methods`).
    func node(at path: String) -> YAMLNode? {
        var current = root
        for component in path.split(separator: ".") {
            guard let node = current else { return nil }
            if let index = Int(component), case .sequence(let items) = node.content {
                current = items.indices.contains(index) ? items[index] : nil
            } else {
                current = Self.value(of: String(component), in: node)
            }
        }
        return current
    }

    private static func value(of key: String, in node: YAMLNode) -> YAMLNode? {
        guard case .mapping(let pairs) = node.content else { return nil }
        return pairs.first { $0.key.scalarText == key }?.value
    }
}
