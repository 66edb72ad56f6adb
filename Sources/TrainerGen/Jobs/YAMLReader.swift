import CYAML

/// Reads YAML documents (as written by `YAMLWriter`, or edited by hand) back into `YAMLValue`s with
/// libyaml. Quoted scalars are strings; plain scalars resolve by the YAML 1.2 core schema.
public enum YAMLReader {
    public struct Failure: Error, Sendable, Hashable, CustomStringConvertible {
        /// 1-based; 0 when unknown.
        public var line: Int
        public var column: Int
        public var message: String

        public var description: String { "\(line):\(column): \(message)" }
    }

    /// Every document of `text`, in order.
    public static func documents(_ text: String) throws(Failure) -> [YAMLValue] {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            throw Failure(line: 0, column: 0, message: "cannot initialise the YAML parser")
        }
        defer { yaml_parser_delete(&parser) }
        let bytes = Array(text.utf8)
        return try bytes.withUnsafeBufferPointer { (buffer) throws(Failure) -> [YAMLValue] in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var reader = EventReader(parser: parser)
            defer { parser = reader.parser }
            return try reader.stream()
        }
    }

    /// Resolves a plain scalar by the core schema, as the manifest reader does.
    static func resolvePlain(_ text: String) -> YAMLValue {
        switch YAMLScalar.resolve(text, style: .plain) {
        case .null: .null
        case .bool(let flag): .bool(flag)
        case .int(let number): .int(number)
        case .double(let number): .double(number)
        case .string(let text): .string(text)
        }
    }
}

/// Walks libyaml's event stream into values. Anchors and aliases are refused: job files have none,
/// and refusing them rules out alias bombs.
private struct EventReader {
    var parser: yaml_parser_t

    mutating func next() throws(YAMLReader.Failure) -> yaml_event_t {
        var event = yaml_event_t()
        guard yaml_parser_parse(&parser, &event) == 1 else {
            let problem = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
            throw YAMLReader.Failure(
                line: Int(parser.problem_mark.line) + 1, column: Int(parser.problem_mark.column) + 1,
                message: problem)
        }
        return event
    }

    private func failure(_ event: yaml_event_t, _ message: String) -> YAMLReader.Failure {
        YAMLReader.Failure(
            line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1, message: message)
    }

    mutating func stream() throws(YAMLReader.Failure) -> [YAMLValue] {
        var documents: [YAMLValue] = []
        while true {
            var event = try next()
            defer { yaml_event_delete(&event) }
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return documents
            case YAML_DOCUMENT_START_EVENT:
                var first = try next()
                defer { yaml_event_delete(&first) }
                documents.append(try value(first))
                var end = try next()
                yaml_event_delete(&end)
            default:
                continue
            }
        }
    }

    mutating func value(_ event: yaml_event_t) throws(YAMLReader.Failure) -> YAMLValue {
        switch event.type {
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            let text =
                scalar.value.map { pointer in
                    String(decoding: UnsafeBufferPointer(start: pointer, count: scalar.length), as: UTF8.self)
                } ?? ""
            return scalar.style == YAML_PLAIN_SCALAR_STYLE ? YAMLReader.resolvePlain(text) : .string(text)
        case YAML_SEQUENCE_START_EVENT:
            var items: [YAMLValue] = []
            while true {
                var item = try next()
                defer { yaml_event_delete(&item) }
                if item.type == YAML_SEQUENCE_END_EVENT { return .sequence(items) }
                items.append(try value(item))
            }
        case YAML_MAPPING_START_EVENT:
            var entries: [YAMLEntry] = []
            while true {
                var keyEvent = try next()
                defer { yaml_event_delete(&keyEvent) }
                if keyEvent.type == YAML_MAPPING_END_EVENT { return .mapping(entries) }
                guard case .string(let key) = try stringKey(keyEvent) else {
                    throw failure(keyEvent, "a mapping key must be a string")
                }
                if entries.contains(where: { $0.key == key }) {
                    throw failure(keyEvent, "duplicate key '\(key)'")
                }
                var valueEvent = try next()
                defer { yaml_event_delete(&valueEvent) }
                entries.append(YAMLEntry(key, try value(valueEvent)))
            }
        case YAML_ALIAS_EVENT:
            throw failure(event, "aliases are not supported in job files")
        default:
            throw failure(event, "unexpected YAML event")
        }
    }

    private mutating func stringKey(_ event: yaml_event_t) throws(YAMLReader.Failure) -> YAMLValue {
        guard event.type == YAML_SCALAR_EVENT else { return .null }
        let scalar = event.data.scalar
        let text =
            scalar.value.map { pointer in
                String(decoding: UnsafeBufferPointer(start: pointer, count: scalar.length), as: UTF8.self)
            } ?? ""
        return .string(text)
    }
}
