/// The methods of `str` that templates call, with Python's semantics.
extension Renderer {
    func stringMethod(_ text: String, _ call: MethodCall) throws(TemplateError) -> Value {
        switch call.name {
        case "upper":
            try expectArguments(call, 0...0)
            return .string(text.uppercased())
        case "lower":
            try expectArguments(call, 0...0)
            return .string(text.lowercased())
        case "strip", "lstrip", "rstrip":
            try expectArguments(call, 0...1)
            return .string(
                TextFunctions.strip(
                    text, characters: try stringArgument(call, 0), leading: call.name != "rstrip",
                    trailing: call.name != "lstrip"))
        case "startswith", "endswith": return try affixMethod(text, call)
        case "split": return try splitMethod(text, call)
        case "replace": return try replaceMethod(text, call)
        case "title":
            try expectArguments(call, 0...0)
            return .string(TextFunctions.pythonTitle(text))
        case "capitalize":
            try expectArguments(call, 0...0)
            return .string(TextFunctions.capitalize(text))
        case "join": return try joinMethod(text, call)
        case "count", "find": return try searchMethod(text, call)
        case "isdigit":
            try expectArguments(call, 0...0)
            return .bool(
                !text.isEmpty
                    && text.unicodeScalars.allSatisfy {
                        $0.properties.numericType == .digit || $0.properties.numericType == .decimal
                    })
        case "isalpha":
            try expectArguments(call, 0...0)
            return .bool(!text.isEmpty && text.unicodeScalars.allSatisfy { $0.properties.isAlphabetic })
        default:
            try expectArguments(call, 0...0)
            return .bool(CodeGeneration.isIdentifier(text))
        }
    }

    /// `startswith` and `endswith`, with one string or a tuple of them.
    private func affixMethod(_ text: String, _ call: MethodCall) throws(TemplateError) -> Value {
        try expectArguments(call, 1...1)
        var candidates: [String] = []
        if case .tuple(let items) = call.positional[0] {
            for item in items {
                guard case .data(.string(let text)) = item else {
                    throw fail("\(call.name)() expects strings", at: call.offset)
                }
                candidates.append(text)
            }
        } else if let single = try stringArgument(call, 0) {
            candidates = [single]
        }
        let scalars = Array(text.unicodeScalars)
        return .bool(
            candidates.contains { candidate in
                let part = Array(candidate.unicodeScalars)
                return call.name == "startswith"
                    ? scalars.starts(with: part) : scalars.reversed().starts(with: part.reversed())
            })
    }

    private func splitMethod(_ text: String, _ call: MethodCall) throws(TemplateError) -> Value {
        let positional = call.positional
        guard positional.count <= 2 else {
            throw fail("split() takes at most 2 arguments", at: call.offset)
        }
        var maxSplit = -1
        if positional.count == 2, case .int(let count)? = PythonOperators.number(positional[1]) {
            maxSplit = count
        }
        let separator = try stringArgument(call, 0)
        return .data(
            .list(TextFunctions.split(text, separator: separator, maxSplit: maxSplit).map { .string($0) }))
    }

    private func replaceMethod(_ text: String, _ call: MethodCall) throws(TemplateError) -> Value {
        let positional = call.positional
        guard positional.count == 2 || positional.count == 3, let old = try stringArgument(call, 0),
            let new = try stringArgument(call, 1)
        else { throw fail("replace() takes 2 or 3 string arguments", at: call.offset) }
        var count = -1
        if positional.count == 3, case .int(let limit)? = PythonOperators.number(positional[2]) {
            count = limit
        }
        guard TextFunctions.replaceFits(text, old, new, count: count, limit: limits.outputBytes) else {
            throw fail("the result is larger than the output limit", at: call.offset)
        }
        return .string(TextFunctions.replace(text, old, new, count: count))
    }

    private func joinMethod(_ text: String, _ call: MethodCall) throws(TemplateError) -> Value {
        try expectArguments(call, 1...1)
        var parts: [String] = []
        for item in try iterate(call.positional[0], at: call.offset) {
            guard case .data(.string(let part)) = item else {
                throw fail("join() expects strings, got \(item.typeName)", at: call.offset)
            }
            parts.append(part)
        }
        return .string(parts.joined(separator: text))
    }

    /// `count` (non-overlapping occurrences) and `find` (the first one's index, or -1).
    private func searchMethod(_ text: String, _ call: MethodCall) throws(TemplateError) -> Value {
        try expectArguments(call, 1...1)
        guard let part = try stringArgument(call, 0) else {
            throw fail("\(call.name)() expects a string", at: call.offset)
        }
        let haystack = Array(text.unicodeScalars)
        let needle = Array(part.unicodeScalars)
        if call.name == "find" {
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
        return .int(TextFunctions.occurrences(of: needle, in: haystack))
    }
}
