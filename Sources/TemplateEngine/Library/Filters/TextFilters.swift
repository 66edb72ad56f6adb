/// The filters that make text from text, with Jinja2 3.1's semantics (its `filters.py`).
extension Renderer {
    func capitalizeFilter(_ call: FilterCall) throws(TemplateError) -> Value {
        _ = try bind(call, [])
        return .string(TextFunctions.capitalize(try str(call.input, at: call.offset)))
    }

    func centerFilter(_ call: FilterCall) throws(TemplateError) -> Value {
        let args = try bind(call, ["width"])
        let width = try intArgument(args[0], 80, "width", at: call.offset)
        guard width <= limits.outputBytes else {
            throw fail("width is larger than the output limit", at: call.offset)
        }
        return .string(TextFunctions.center(try str(call.input, at: call.offset), width: width))
    }

    func formatFilter(_ call: FilterCall) throws(TemplateError) -> Value {
        let offset = call.offset
        guard call.positional.isEmpty || call.keywords.isEmpty else {
            throw fail("filter 'format' takes positional or keyword arguments, not both", at: offset)
        }
        let format = try str(call.input, at: offset)
        if !call.keywords.isEmpty {
            var mapping = TemplateDictionary()
            for keyword in call.keywords { mapping[keyword.name] = try data(keyword.value, at: offset) }
            return .string(try percentFormat(format, arguments: .data(.dict(mapping)), at: offset))
        }
        return .string(try percentFormat(format, arguments: .tuple(call.positional), at: offset))
    }

    func indentFilter(_ call: FilterCall) throws(TemplateError) -> Value {
        let args = try bind(call, ["width", "first", "blank"])
        var indentation = "    "
        if let width = args[0] {
            if case .data(.string(let text)) = width {
                indentation = text
            } else {
                let count = try intArgument(width, 4, "width", at: call.offset)
                guard count <= 10_000 else { throw fail("indent width is too large", at: call.offset) }
                indentation = String(repeating: " ", count: max(0, count))
            }
        }
        let text = try str(call.input, at: call.offset) + "\n"
        var lines = TextFunctions.splitLines(text)
        var result: String
        if boolArgument(args[2], false) {
            result = lines.joined(separator: "\n" + indentation)
        } else {
            result = lines.isEmpty ? "" : lines.removeFirst()
            if !lines.isEmpty {
                result += "\n" + lines.map { $0.isEmpty ? $0 : indentation + $0 }.joined(separator: "\n")
            }
        }
        if boolArgument(args[1], false) { result = indentation + result }
        return .string(result)
    }

    func lowerFilter(_ call: FilterCall) throws(TemplateError) -> Value {
        _ = try bind(call, [])
        return .string(try str(call.input, at: call.offset).lowercased())
    }

    func upperFilter(_ call: FilterCall) throws(TemplateError) -> Value {
        _ = try bind(call, [])
        return .string(try str(call.input, at: call.offset).uppercased())
    }

    func replaceFilter(_ call: FilterCall) throws(TemplateError) -> Value {
        let offset = call.offset
        let args = try bind(call, ["old", "new", "count"])
        guard let old = args[0], let new = args[1] else {
            throw fail("filter 'replace' needs the old and the new text", at: offset)
        }
        let count =
            try args[2].map { value throws(TemplateError) in
                try intArgument(value, -1, "count", at: offset)
            } ?? -1
        let (text, oldText, newText) = (
            try str(call.input, at: offset), try str(old, at: offset), try str(new, at: offset)
        )
        guard TextFunctions.replaceFits(text, oldText, newText, count: count, limit: limits.outputBytes)
        else {
            throw fail("the result is larger than the output limit", at: offset)
        }
        return .string(TextFunctions.replace(text, oldText, newText, count: count))
    }

    func stringFilter(_ call: FilterCall) throws(TemplateError) -> Value {
        _ = try bind(call, [])
        return .string(try str(call.input, at: call.offset))
    }

    func titleFilter(_ call: FilterCall) throws(TemplateError) -> Value {
        _ = try bind(call, [])
        return .string(TextFunctions.jinjaTitle(try str(call.input, at: call.offset)))
    }

    func trimFilter(_ call: FilterCall) throws(TemplateError) -> Value {
        let args = try bind(call, ["chars"])
        let characters = try args[0].flatMap { value throws(TemplateError) in
            value.isNone ? nil : try str(value, at: call.offset)
        }
        return .string(TextFunctions.strip(try str(call.input, at: call.offset), characters: characters))
    }

    func truncateFilter(_ call: FilterCall) throws(TemplateError) -> Value {
        let offset = call.offset
        let args = try bind(call, ["length", "killwords", "end", "leeway"])
        let length = try intArgument(args[0], 255, "length", at: offset)
        let end = try stringArgument(args[2], "...", at: offset)
        let leeway = try intArgument(args[3], 5, "leeway", at: offset)
        let endLength = end.unicodeScalars.count
        guard length >= endLength else {
            throw fail("expected length >= \(endLength), got \(length)", at: offset)
        }
        guard leeway >= 0 else { throw fail("expected leeway >= 0, got \(leeway)", at: offset) }
        let text = try str(call.input, at: offset)
        let scalars = Array(text.unicodeScalars)
        if scalars.count <= length + leeway { return .string(text) }
        var kept = String(String.UnicodeScalarView(scalars.prefix(length - endLength)))
        if !boolArgument(args[1], false) {
            if let space = kept.unicodeScalars.lastIndex(of: " ") {
                kept = String(kept.unicodeScalars[..<space])
            }
        }
        return .string(kept + end)
    }

    func wordcountFilter(_ call: FilterCall) throws(TemplateError) -> Value {
        _ = try bind(call, [])
        var count = 0
        var inWord = false
        for scalar in try str(call.input, at: call.offset).unicodeScalars {
            let isWord = TextFunctions.isWordCharacter(scalar)
            if isWord && !inWord { count += 1 }
            inWord = isWord
        }
        return .int(count)
    }
}
