/// The Python methods templates call on values: `dict.items()`, `str.startswith()`, `loop.cycle()`, ….
enum Methods {
    static let string: Set<String> = [
        "upper", "lower", "strip", "lstrip", "rstrip", "startswith", "endswith", "split", "replace", "title",
        "capitalize", "join", "count", "find", "isdigit", "isalpha", "isidentifier",
    ]

    /// Called on every `a.b`, so it avoids hashing: most names are short and compare quickly.
    static func has(_ receiver: Value, _ name: String) -> Bool {
        switch receiver {
        case .data(.dict):
            switch name {
            case "items", "keys", "values", "get": return true
            default: return false
            }
        case .data(.string): return string.contains(name)
        case .data(.list), .tuple, .valueList: return name == "index" || name == "count"
        case .loop: return name == "cycle"
        default: return false
        }
    }
}

/// One method call, as each method receives it: arguments are checked to be defined.
struct MethodCall {
    let name: String
    let positional: [Value]
    let keywords: [(name: String, value: Value)]
    let offset: Int
}

extension Renderer {
    func callMethod(
        _ receiver: Value, _ name: String, _ positional: [Value], _ keywords: [(name: String, value: Value)],
        at offset: Int
    ) throws(TemplateError) -> Value {
        for argument in positional { _ = try defined(argument) }
        for keyword in keywords { _ = try defined(keyword.value) }
        let call = MethodCall(name: name, positional: positional, keywords: keywords, offset: offset)
        switch receiver {
        case .data(.dict(let dictionary)):
            return try dictMethod(dictionary, call)
        case .data(.string(let text)):
            return try stringMethod(text, call)
        case .data(.list), .tuple, .valueList:
            try expectArguments(call, 1...1)
            let items = PythonOperators.items(receiver)
            if name == "count" {
                return .int(items.filter { PythonOperators.equals($0, positional[0]) }.count)
            }
            guard let position = items.firstIndex(where: { PythonOperators.equals($0, positional[0]) }) else {
                throw fail("index(): the value is not in the list", at: offset)
            }
            return .int(position)
        case .loop(let state):
            guard !positional.isEmpty else { throw fail("loop.cycle() needs at least one value", at: offset) }
            return positional[state.index0 % positional.count]
        default:
            throw fail("'\(receiver.typeName)' object has no method '\(name)'", at: offset)
        }
    }

    /// `items()`, `keys()`, `values()` and `get()`.
    private func dictMethod(_ dictionary: TemplateDictionary, _ call: MethodCall) throws(TemplateError)
        -> Value
    {
        let positional = call.positional
        switch call.name {
        case "items":
            try expectArguments(call, 0...0)
            return .valueList(dictionary.map { .tuple([.string($0.0), .data($0.1)]) })
        case "keys":
            try expectArguments(call, 0...0)
            return .data(.list(dictionary.keys.map { .string($0) }))
        case "values":
            try expectArguments(call, 0...0)
            return .data(.list(dictionary.values))
        default:
            try expectArguments(call, 1...2)
            guard case .data(.string(let key)) = positional[0] else {
                return positional.count > 1 ? positional[1] : .none
            }
            return dictionary[key].map(Value.data) ?? (positional.count > 1 ? positional[1] : .none)
        }
    }

    func expectArguments(_ call: MethodCall, _ range: ClosedRange<Int>) throws(TemplateError) {
        guard call.keywords.isEmpty, range.contains(call.positional.count) else {
            throw fail(
                "\(call.name)() takes \(range.lowerBound)–\(range.upperBound) positional argument(s)",
                at: call.offset)
        }
    }

    /// The string at `index`, `nil` when it is absent or `None`.
    func stringArgument(_ call: MethodCall, _ index: Int) throws(TemplateError) -> String? {
        guard index < call.positional.count else { return nil }
        if case .data(.none) = call.positional[index] { return nil }
        guard case .data(.string(let text)) = call.positional[index] else {
            throw fail(
                "\(call.name)() expects a string argument, got \(call.positional[index].typeName)",
                at: call.offset)
        }
        return text
    }
}
