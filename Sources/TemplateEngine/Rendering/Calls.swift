import RelnaCore

/// Calling a value: macros, methods and the globals `range` and `dict`.
extension Renderer {
    func call(
        _ function: Value, _ positional: [Value], _ keywords: [(name: String, value: Value)], at offset: Int
    )
        throws(TemplateError) -> Value
    {
        switch function {
        case .macro(let macro):
            return try callMacro(macro, positional, keywords, at: offset)
        case .method(let method):
            return try callMethod(method.receiver, method.name, positional, keywords, at: offset)
        case .function("range"):
            guard keywords.isEmpty, (1...3).contains(positional.count) else {
                throw fail("range expects 1 to 3 integer arguments", at: offset)
            }
            var bounds: [Int] = []
            for argument in positional {
                guard case .int(let number)? = PythonOperators.number(try defined(argument)) else {
                    throw fail("range expects integers, got \(argument.typeName)", at: offset)
                }
                bounds.append(number)
            }
            let (start, stop, step) =
                bounds.count == 1
                ? (0, bounds[0], 1) : (bounds[0], bounds[1], bounds.count == 3 ? bounds[2] : 1)
            guard step != 0 else { throw fail("range() arg 3 must not be zero", at: offset) }
            let (span, overflow) =
                step > 0 ? stop.subtractingReportingOverflow(start) : start.subtractingReportingOverflow(stop)
            let stride = step.magnitude
            let length = overflow ? Int.max : span <= 0 ? 0 : Int((UInt(span) + stride - 1) / stride)
            guard length <= limits.loopIterations else {
                throw fail(
                    "range of \(length) items exceeds the loop limit of \(limits.loopIterations)", at: offset)
            }
            return .data(.list((0..<length).map { .int(start + $0 * step) }))
        case .function("dict"):
            guard positional.isEmpty else { throw fail("dict() takes keyword arguments only", at: offset) }
            var dictionary = TemplateDictionary()
            for keyword in keywords { dictionary[keyword.name] = try data(keyword.value, at: offset) }
            return .data(.dict(dictionary))
        default:
            throw fail("'\(function.typeName)' object is not callable", at: offset)
        }
    }

    func callMacro(
        _ macro: Macro, _ positional: [Value], _ keywords: [(name: String, value: Value)], at offset: Int
    )
        throws(TemplateError) -> Value
    {
        let definition = macro.definition
        guard positional.count <= definition.parameters.count else {
            throw fail(
                "macro '\(definition.name)' takes at most \(definition.parameters.count) argument(s), got \(positional.count)",
                at: offset)
        }
        if callDepth >= limits.recursionDepth {
            throw fail("macro calls are nested deeper than the limit of \(limits.recursionDepth)", at: offset)
        }
        let frame = Scope(parent: macro.closure)
        var given: [Value?] = Array(repeating: nil, count: definition.parameters.count)
        for (position, value) in positional.enumerated() { given[position] = value }
        for keyword in keywords {
            guard let position = definition.parameters.firstIndex(of: keyword.name) else {
                var message = "macro '\(definition.name)' has no parameter '\(keyword.name)'"
                if let suggestion = DidYouMean.suggest(keyword.name, among: definition.parameters) {
                    message += "; did you mean '\(suggestion)'?"
                }
                throw fail(message, at: offset)
            }
            if given[position] != nil {
                throw fail("macro '\(definition.name)' got parameter '\(keyword.name)' twice", at: offset)
            }
            given[position] = keyword.value
        }
        let savedBody = body
        body = macro.template
        callDepth += 1
        defer {
            body = savedBody
            callDepth -= 1
        }
        let firstDefault = definition.parameters.count - definition.defaults.count
        for (position, parameter) in definition.parameters.enumerated() {
            if let value = given[position] {
                frame.set(parameter, value)
            } else if position >= firstDefault {
                frame.set(parameter, try eval(definition.defaults[position - firstDefault], frame))
            } else {
                frame.set(
                    parameter,
                    .undefined(
                        Undefined(
                            reason: .other(
                                "parameter '\(parameter)' was not provided to macro '\(definition.name)'"),
                            offset: offset, template: savedBody)))
            }
        }
        let text = try capture { () throws(TemplateError) in try render(definition.body, frame) }
        return .string(text)
    }
}
