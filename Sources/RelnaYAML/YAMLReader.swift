import CYAML

/// The one YAML reader: libyaml's event API into `YAMLNode` trees, for manifests and job files alike.
///
/// Aliases are resolved by sharing the anchored subtree, and the number of nodes the stream would
/// have once every alias is expanded is bounded (`maxNodes`), so a "billion laughs" document is an
/// error instead of an explosion for whoever walks the tree. Nesting depth and input size are
/// bounded too. `parse` reads one document (a second one is an error); `documents` reads a stream.
public struct YAMLReader: Sendable {
    public var maxNodes: Int
    public var maxDepth: Int
    public var maxBytes: Int

    public init(maxNodes: Int = 100_000, maxDepth: Int = 64, maxBytes: Int = 1 << 20) {
        self.maxNodes = maxNodes
        self.maxDepth = maxDepth
        self.maxBytes = maxBytes
    }

    /// The one document of `bytes` (an empty input is an empty plain scalar).
    public func parse(_ bytes: [UInt8]) throws(YAMLError) -> YAMLNode {
        try read(bytes, manyDocuments: false).first ?? YAMLNode(.scalar("", .plain), line: 1, column: 1)
    }

    public func parse(_ text: String) throws(YAMLError) -> YAMLNode {
        try parse(Array(text.utf8))
    }

    /// Every document of a stream, in order (none for an empty input).
    public func documents(_ text: String) throws(YAMLError) -> [YAMLNode] {
        try read(Array(text.utf8), manyDocuments: true)
    }

    private func read(_ bytes: [UInt8], manyDocuments: Bool) throws(YAMLError) -> [YAMLNode] {
        guard bytes.count <= maxBytes else {
            throw YAMLError(line: 1, column: 1, message: "document is larger than \(maxBytes) bytes")
        }
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            throw YAMLError(line: 1, column: 1, message: "cannot initialize the YAML parser")
        }
        defer { yaml_parser_delete(&parser) }
        return try bytes.withUnsafeBufferPointer { (buffer) throws(YAMLError) -> [YAMLNode] in
            // libyaml reads from the pointer without copying; it stays valid in this closure.
            let base = buffer.baseAddress ?? UnsafePointer<UInt8>(bitPattern: 1)
            guard let base else { throw YAMLError(line: 1, column: 1, message: "empty document") }
            yaml_parser_set_input_string(&parser, base, buffer.count)
            var builder = TreeBuilder(limits: self, manyDocuments: manyDocuments)
            return try builder.run(&parser)
        }
    }
}

/// Builds the trees from events; one instance per stream.
private struct TreeBuilder {
    enum Frame {
        case sequence(YAMLNode, [YAMLNode], anchor: String?, size: Int)
        case mapping(
            YAMLNode, [(key: YAMLNode, value: YAMLNode)], pendingKey: YAMLNode?, anchor: String?, size: Int)
    }

    let limits: YAMLReader
    let manyDocuments: Bool
    var anchors: [String: (node: YAMLNode, size: Int)] = [:]
    var stack: [Frame] = []
    var root: YAMLNode?
    var roots: [YAMLNode] = []
    var expanded = 0
    var documents = 0

    init(limits: YAMLReader, manyDocuments: Bool) {
        self.limits = limits
        self.manyDocuments = manyDocuments
    }

    mutating func run(_ parser: inout yaml_parser_t) throws(YAMLError) -> [YAMLNode] {
        while true {
            var event = yaml_event_t()
            guard yaml_parser_parse(&parser, &event) == 1 else {
                let mark = parser.problem_mark
                let problem = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
                var message = problem
                if let context = parser.context.map({ String(cString: $0) }) {
                    message = "\(context), \(problem)"
                }
                throw YAMLError(line: Int(mark.line) + 1, column: Int(mark.column) + 1, message: message)
            }
            defer { yaml_event_delete(&event) }
            let line = Int(event.start_mark.line) + 1
            let column = Int(event.start_mark.column) + 1
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return roots
            case YAML_DOCUMENT_END_EVENT:
                roots.append(root ?? YAMLNode(.scalar("", .plain), line: line, column: column))
                root = nil
                anchors = [:]
            case YAML_DOCUMENT_START_EVENT:
                documents += 1
                if documents > 1 && !manyDocuments {
                    throw YAMLError(
                        line: line, column: column, message: "expected one YAML document, found a second")
                }
            case YAML_SCALAR_EVENT:
                let scalar = event.data.scalar
                let text = Self.string(scalar.value, length: scalar.length)
                let tag = scalar.tag.map { String(cString: $0) }
                let style: YAMLNode.ScalarStyle =
                    scalar.style == YAML_PLAIN_SCALAR_STYLE && tag != "tag:yaml.org,2002:str"
                    ? .plain : .string
                let node = YAMLNode(.scalar(text, style), line: line, column: column)
                try add(node, size: 1, anchor: Self.optionalString(scalar.anchor), line: line, column: column)
            case YAML_ALIAS_EVENT:
                let name = Self.optionalString(event.data.alias.anchor) ?? ""
                guard let target = anchors[name] else {
                    throw YAMLError(line: line, column: column, message: "unknown alias '*\(name)'")
                }
                try add(target.node, size: target.size, anchor: nil, line: line, column: column)
            case YAML_SEQUENCE_START_EVENT:
                try push(line: line, column: column)
                let placeholder = YAMLNode(.sequence([]), line: line, column: column)
                stack.append(
                    .sequence(
                        placeholder, [], anchor: Self.optionalString(event.data.sequence_start.anchor),
                        size: 1))
            case YAML_MAPPING_START_EVENT:
                try push(line: line, column: column)
                let placeholder = YAMLNode(.mapping([]), line: line, column: column)
                stack.append(
                    .mapping(
                        placeholder, [], pendingKey: nil,
                        anchor: Self.optionalString(event.data.mapping_start.anchor),
                        size: 1))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                guard let frame = stack.popLast() else { break }
                switch frame {
                case .sequence(var node, let items, let anchor, let size):
                    node.content = .sequence(items)
                    try add(
                        node, size: size, anchor: anchor, line: node.line, column: node.column, counted: true)
                case .mapping(var node, let pairs, _, let anchor, let size):
                    node.content = .mapping(pairs)
                    try add(
                        node, size: size, anchor: anchor, line: node.line, column: node.column, counted: true)
                }
            default:
                break
            }
        }
    }

    private mutating func push(line: Int, column: Int) throws(YAMLError) {
        guard stack.count < limits.maxDepth else {
            throw YAMLError(
                line: line, column: column, message: "nesting deeper than \(limits.maxDepth) levels")
        }
    }

    /// Attaches a finished node to its parent. `size` is the node's expanded size (aliases count in
    /// full), so the running total bounds what a full walk of the tree would visit.
    private mutating func add(
        _ node: YAMLNode, size: Int, anchor: String?, line: Int, column: Int, counted: Bool = false
    ) throws(YAMLError) {
        if !counted {
            expanded += size
            guard expanded <= limits.maxNodes else {
                throw YAMLError(
                    line: line, column: column,
                    message: "document expands to more than \(limits.maxNodes) nodes (aliases are bounded)")
            }
        }
        if let anchor { anchors[anchor] = (node, size) }
        guard let parent = stack.popLast() else {
            root = node
            return
        }
        switch parent {
        case .sequence(let container, var items, let parentAnchor, let parentSize):
            items.append(node)
            stack.append(.sequence(container, items, anchor: parentAnchor, size: parentSize + size))
        case .mapping(let container, var pairs, let pendingKey, let parentAnchor, let parentSize):
            if let key = pendingKey {
                pairs.append((key, node))
                stack.append(
                    .mapping(container, pairs, pendingKey: nil, anchor: parentAnchor, size: parentSize + size)
                )
            } else {
                if let text = node.scalarText, pairs.contains(where: { $0.key.scalarText == text }) {
                    throw YAMLError(line: line, column: column, message: "duplicate key '\(text)'")
                }
                stack.append(
                    .mapping(
                        container, pairs, pendingKey: node, anchor: parentAnchor, size: parentSize + size))
            }
        }
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?, length: Int) -> String {
        guard let pointer else { return "" }
        return String(decoding: UnsafeBufferPointer(start: pointer, count: length), as: UTF8.self)
    }

    private static func optionalString(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }
}
