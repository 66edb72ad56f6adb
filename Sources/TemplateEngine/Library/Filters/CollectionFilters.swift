/// The filters that read or reshape a collection as a whole, with Jinja2 3.1's semantics.
extension Renderer {
    /// `default` (alias `d`): its input may be undefined, which is what it is for.
    func defaultFilter(_ call: FilterCall) throws(TemplateError) -> Value {
        let args = try bind(call, ["default_value", "boolean"])
        if call.input.isUndefined || (boolArgument(args[1], false) && !PythonOperators.isTrue(call.input)) {
            return args[0] ?? .string("")
        }
        return call.input
    }

    /// `items`: an undefined input is an empty list (Jinja2 3.1's `items` filter).
    func itemsFilter(_ call: FilterCall) throws(TemplateError) -> Value {
        if call.input.isUndefined { return .valueList([]) }
        _ = try bind(call, [])
        guard case .data(.dict(let dictionary)) = call.input else {
            throw fail("filter 'items' expects a dict, got \(call.input.typeName)", at: call.offset)
        }
        return .valueList(dictionary.map { .tuple([.string($0.0), .data($0.1)]) })
    }

    func dictsortFilter(_ call: FilterCall) throws(TemplateError) -> Value {
        let args = try bind(call, ["case_sensitive", "by", "reverse"])
        guard case .data(.dict(let dictionary)) = call.input else {
            throw fail("filter 'dictsort' expects a dict, got \(call.input.typeName)", at: call.offset)
        }
        let by = try stringArgument(args[1], "key", at: call.offset)
        guard by == "key" || by == "value" else {
            throw fail("filter 'dictsort': 'by' must be 'key' or 'value'", at: call.offset)
        }
        let caseSensitive = boolArgument(args[0], false)
        let pairs: [Value] = dictionary.map { .tuple([.string($0.0), .data($0.1)]) }
        let sorted = try sortValues(
            pairs, reverse: boolArgument(args[2], false), at: call.offset,
            key: { pair in
                guard case .tuple(let parts) = pair else { return pair }
                let key = parts[by == "key" ? 0 : 1]
                return caseSensitive ? key : Self.foldCase(key)
            })
        return .valueList(sorted)
    }

    /// `first` and `last`.
    func endFilter(_ call: FilterCall) throws(TemplateError) -> Value {
        _ = try bind(call, [])
        let items = try iterate(call.input, at: call.offset)
        if let item = call.filter == .first ? items.first : items.last { return item }
        return emptySequence(call)
    }

    /// What `first`, `last`, `min` and `max` give for an empty sequence.
    func emptySequence(_ call: FilterCall) -> Value {
        .undefined(
            Undefined(
                reason: .other("no \(call.name) item, the sequence was empty"), offset: call.offset,
                template: body))
    }

    func joinFilter(_ call: FilterCall) throws(TemplateError) -> Value {
        let args = try bind(call, ["d", "attribute"])
        let separator = try stringArgument(args[0], "", at: call.offset)
        var parts: [String] = []
        for item in try iterate(call.input, at: call.offset) {
            let value =
                try args[1].map { path throws(TemplateError) in
                    try attributePath(item, try str(path, at: call.offset), at: call.offset)
                } ?? item
            parts.append(try str(value, at: call.offset))
        }
        return .string(parts.joined(separator: separator))
    }

    /// `length` (alias `count`).
    func lengthFilter(_ call: FilterCall) throws(TemplateError) -> Value {
        _ = try bind(call, [])
        switch call.input {
        case .data(.string(let text)): return .int(text.unicodeScalars.count)
        case .data(.list(let items)): return .int(items.count)
        case .data(.dict(let dictionary)): return .int(dictionary.count)
        case .tuple(let items), .valueList(let items): return .int(items.count)
        default: throw fail("object of type '\(call.input.typeName)' has no len()", at: call.offset)
        }
    }

    func listFilter(_ call: FilterCall) throws(TemplateError) -> Value {
        _ = try bind(call, [])
        return .list(try iterate(call.input, at: call.offset))
    }

    func reverseFilter(_ call: FilterCall) throws(TemplateError) -> Value {
        _ = try bind(call, [])
        if case .data(.string(let text)) = call.input {
            return .string(String(String.UnicodeScalarView(text.unicodeScalars.reversed())))
        }
        let items = try iterate(call.input, at: call.offset)
        if case .tuple = call.input { return .tuple(items.reversed()) }
        return .list(items.reversed())
    }
}
