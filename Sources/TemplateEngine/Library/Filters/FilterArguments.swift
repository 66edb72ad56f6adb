import RelnaCore

/// Binding filter arguments to parameters, as Python binds a call.
extension Renderer {
    /// Arguments bound to a filter's parameters by position or keyword.
    struct Bound {
        var values: [Value?]
        subscript(_ index: Int) -> Value? { index < values.count ? values[index] : nil }
    }

    func bind(
        _ name: String, _ parameters: [String], _ positional: [Value],
        _ keywords: [(name: String, value: Value)],
        at offset: Int, variadic: Bool = false
    ) throws(TemplateError) -> Bound {
        if positional.isEmpty && keywords.isEmpty { return Bound(values: []) }
        guard variadic || positional.count <= parameters.count else {
            throw fail(
                "filter '\(name)' takes at most \(parameters.count) argument(s), got \(positional.count)",
                at: offset)
        }
        var values: [Value?] = Array(repeating: nil, count: parameters.count)
        for (position, value) in positional.enumerated() where position < parameters.count {
            values[position] = try defined(value)
        }
        for keyword in keywords {
            guard let position = parameters.firstIndex(of: keyword.name) else {
                var message = "filter '\(name)' has no parameter '\(keyword.name)'"
                if let suggestion = DidYouMean.suggest(keyword.name, among: parameters) {
                    message += "; did you mean '\(suggestion)'?"
                }
                throw fail(message, at: offset)
            }
            guard values[position] == nil else {
                throw fail("filter '\(name)' got parameter '\(keyword.name)' twice", at: offset)
            }
            values[position] = try defined(keyword.value)
        }
        return Bound(values: values)
    }

    func intArgument(_ value: Value?, _ defaultValue: Int, _ what: String, at offset: Int)
        throws(TemplateError) -> Int
    {
        guard let value else { return defaultValue }
        guard case .int(let number)? = PythonOperators.number(value) else {
            throw fail("\(what) must be an integer, got \(value.typeName)", at: offset)
        }
        return number
    }

    func stringArgument(_ value: Value?, _ defaultValue: String, at offset: Int) throws(TemplateError)
        -> String
    {
        guard let value else { return defaultValue }
        return try str(value, at: offset)
    }

    func boolArgument(_ value: Value?, _ defaultValue: Bool) -> Bool {
        guard let value else { return defaultValue }
        return PythonOperators.isTrue(value)
    }

    /// Jinja2's `make_attrgetter`: dotted path, integer parts index.
    func attributePath(_ start: Value, _ path: String, at offset: Int) throws(TemplateError) -> Value {
        var value = start
        for part in path.split(separator: ".", omittingEmptySubsequences: false) {
            let key: Value = Int(part).map { .int($0) } ?? .string(String(part))
            value = try self.item(try defined(value), key, at: offset)
        }
        return value
    }
}
