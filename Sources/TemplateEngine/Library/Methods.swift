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

extension Renderer {
    func callMethod(
        _ receiver: Value, _ name: String, _ positional: [Value], _ keywords: [(name: String, value: Value)],
        at offset: Int
    ) throws(TemplateError) -> Value {
        for argument in positional { _ = try defined(argument) }
        for keyword in keywords { _ = try defined(keyword.value) }
        func expectArguments(_ range: ClosedRange<Int>) throws(TemplateError) {
            guard keywords.isEmpty, range.contains(positional.count) else {
                throw fail(
                    "\(name)() takes \(range.lowerBound)–\(range.upperBound) positional argument(s)",
                    at: offset)
            }
        }
        func stringArgument(_ index: Int) throws(TemplateError) -> String? {
            guard index < positional.count else { return nil }
            if case .data(.none) = positional[index] { return nil }
            guard case .data(.string(let text)) = positional[index] else {
                throw fail(
                    "\(name)() expects a string argument, got \(positional[index].typeName)", at: offset)
            }
            return text
        }
        switch receiver {
        case .data(.dict(let dictionary)):
            switch name {
            case "items":
                try expectArguments(0...0)
                return .valueList(dictionary.map { .tuple([.string($0.0), .data($0.1)]) })
            case "keys":
                try expectArguments(0...0)
                return .data(.list(dictionary.keys.map { .string($0) }))
            case "values":
                try expectArguments(0...0)
                return .data(.list(dictionary.values))
            default:
                try expectArguments(1...2)
                guard case .data(.string(let key)) = positional[0] else {
                    return positional.count > 1 ? positional[1] : .none
                }
                return dictionary[key].map(Value.data) ?? (positional.count > 1 ? positional[1] : .none)
            }
        case .data(.string(let text)):
            switch name {
            case "upper":
                try expectArguments(0...0)
                return .string(text.uppercased())
            case "lower":
                try expectArguments(0...0)
                return .string(text.lowercased())
            case "strip", "lstrip", "rstrip":
                try expectArguments(0...1)
                return .string(
                    TextFunctions.strip(
                        text, characters: try stringArgument(0), leading: name != "rstrip",
                        trailing: name != "lstrip"))
            case "startswith", "endswith":
                try expectArguments(1...1)
                var candidates: [String] = []
                if case .tuple(let items) = positional[0] {
                    for item in items {
                        guard case .data(.string(let text)) = item else {
                            throw fail("\(name)() expects strings", at: offset)
                        }
                        candidates.append(text)
                    }
                } else if let single = try stringArgument(0) {
                    candidates = [single]
                }
                let scalars = Array(text.unicodeScalars)
                return .bool(
                    candidates.contains { candidate in
                        let part = Array(candidate.unicodeScalars)
                        return name == "startswith"
                            ? scalars.starts(with: part) : scalars.reversed().starts(with: part.reversed())
                    })
            case "split":
                guard positional.count <= 2 else {
                    throw fail("split() takes at most 2 arguments", at: offset)
                }
                var maxSplit = -1
                if positional.count == 2, case .int(let count)? = PythonOperators.number(positional[1]) {
                    maxSplit = count
                }
                return .data(
                    .list(
                        TextFunctions.split(text, separator: try stringArgument(0), maxSplit: maxSplit).map {
                            .string($0)
                        }))
            case "replace":
                guard positional.count == 2 || positional.count == 3, let old = try stringArgument(0),
                    let new = try stringArgument(1)
                else { throw fail("replace() takes 2 or 3 string arguments", at: offset) }
                var count = -1
                if positional.count == 3, case .int(let limit)? = PythonOperators.number(positional[2]) {
                    count = limit
                }
                guard TextFunctions.replaceFits(text, old, new, count: count, limit: limits.outputBytes)
                else {
                    throw fail("the result is larger than the output limit", at: offset)
                }
                return .string(TextFunctions.replace(text, old, new, count: count))
            case "title":
                try expectArguments(0...0)
                return .string(TextFunctions.pythonTitle(text))
            case "capitalize":
                try expectArguments(0...0)
                return .string(TextFunctions.capitalize(text))
            case "join":
                try expectArguments(1...1)
                var parts: [String] = []
                for item in try iterate(positional[0], at: offset) {
                    guard case .data(.string(let part)) = item else {
                        throw fail("join() expects strings, got \(item.typeName)", at: offset)
                    }
                    parts.append(part)
                }
                return .string(parts.joined(separator: text))
            case "count", "find":
                try expectArguments(1...1)
                guard let part = try stringArgument(0) else {
                    throw fail("\(name)() expects a string", at: offset)
                }
                let haystack = Array(text.unicodeScalars)
                let needle = Array(part.unicodeScalars)
                if name == "find" {
                    if needle.isEmpty { return .int(0) }
                    if needle.count <= haystack.count {
                        for start in 0...(haystack.count - needle.count)
                        where haystack[start..<start + needle.count].elementsEqual(needle) {
                            return .int(start)
                        }
                    }
                    return .int(-1)
                }
                if needle.isEmpty { return .int(haystack.count + 1) }
                var found = 0
                var start = 0
                while start + needle.count <= haystack.count {
                    if haystack[start..<start + needle.count].elementsEqual(needle) {
                        found += 1
                        start += needle.count
                    } else {
                        start += 1
                    }
                }
                return .int(found)
            case "isdigit":
                try expectArguments(0...0)
                return .bool(
                    !text.isEmpty
                        && text.unicodeScalars.allSatisfy {
                            $0.properties.numericType == .digit || $0.properties.numericType == .decimal
                        })
            case "isalpha":
                try expectArguments(0...0)
                return .bool(!text.isEmpty && text.unicodeScalars.allSatisfy { $0.properties.isAlphabetic })
            default:
                try expectArguments(0...0)
                return .bool(CodeGeneration.isIdentifier(text))
            }
        case .data(.list), .tuple, .valueList:
            try expectArguments(1...1)
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
}
