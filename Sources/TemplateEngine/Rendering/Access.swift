import RelnaCore

/// `a.b`, `a[k]`, `a[i:j:k]` and calls, with Jinja2's lookup order: `a.b` prefers a method of the
/// same name (as Python's getattr does), `a[k]` prefers the item.
extension Renderer {
    func attribute(_ receiver: Value, _ name: String, at offset: Int) throws(TemplateError) -> Value {
        if Methods.has(receiver, name) { return .method(Value.BoundMethod(receiver, name)) }
        switch receiver {
        case .data(.dict(let dictionary)):
            if let value = dictionary[name] { return .data(value) }
            return .undefined(
                Undefined(
                    reason: .key(name, available: dictionary.keys, typeName: "dict"), offset: offset,
                    template: body))
        case .loop(let state):
            if let value = loopAttribute(state, name) { return value }
        default:
            break
        }
        return .undefined(
            Undefined(reason: .attribute(name, typeName: receiver.typeName), offset: offset, template: body))
    }

    private func loopAttribute(_ state: LoopState, _ name: String) -> Value? {
        switch name {
        case "index": return .int(state.index0 + 1)
        case "index0": return .int(state.index0)
        case "revindex": return .int(state.length - state.index0)
        case "revindex0": return .int(state.length - state.index0 - 1)
        case "first": return .bool(state.index0 == 0)
        case "last": return .bool(state.index0 == state.length - 1)
        case "length": return .int(state.length)
        case "depth": return .int(state.depth)
        case "depth0": return .int(state.depth - 1)
        case "previtem":
            return state.index0 > 0
                ? state.items[state.index0 - 1]
                : .undefined(
                    Undefined(reason: .other("there is no previous item"), offset: 0, template: body))
        case "nextitem":
            return state.index0 + 1 < state.length
                ? state.items[state.index0 + 1]
                : .undefined(Undefined(reason: .other("there is no next item"), offset: 0, template: body))
        default: return nil
        }
    }

    func item(_ container: Value, _ key: Value, at offset: Int) throws(TemplateError) -> Value {
        switch (container, key) {
        case (.data(.dict(let dictionary)), .data(.string(let name))):
            if let value = dictionary[name] { return .data(value) }
            if Methods.has(container, name) { return .method(Value.BoundMethod(container, name)) }
            return .undefined(
                Undefined(
                    reason: .key(name, available: dictionary.keys, typeName: "dict"), offset: offset,
                    template: body))
        case (.data(.list), _), (.tuple, _), (.valueList, _), (.data(.string), _):
            if case .int(let position)? = PythonOperators.number(key) {
                let items: [Value]
                if case .data(.string(let text)) = container {
                    items = text.unicodeScalars.map { .string(String(Character($0))) }
                } else {
                    items = PythonOperators.items(container)
                }
                let index = position < 0 ? items.count + position : position
                if index >= 0 && index < items.count { return items[index] }
                return .undefined(
                    Undefined(
                        reason: .other(
                            "\(container.typeName) index \(position) is out of range (length \(items.count))"),
                        offset: offset, template: body))
            }
            if case .data(.string(let name)) = key { return try attribute(container, name, at: offset) }
            throw fail("\(container.typeName) indices must be integers, not \(key.typeName)", at: offset)
        case (_, .data(.string(let name))):
            return try attribute(container, name, at: offset)
        default:
            return .undefined(
                Undefined(
                    reason: .other("'\(container.typeName)' object has no item \(try repr(key, at: offset))"),
                    offset: offset, template: body))
        }
    }

    func slice(_ container: Value, _ start: Int?, _ stop: Int?, _ step: Int?, at offset: Int)
        throws(TemplateError)
        -> Value
    {
        let step = step ?? 1
        guard step != 0 else { throw fail("slice step cannot be zero", at: offset) }
        let items: [Value]
        var characters: [Unicode.Scalar] = []
        switch container {
        case .data(.string(let text)):
            characters = Array(text.unicodeScalars)
            items = []
        case .data(.list), .tuple, .valueList:
            items = PythonOperators.items(container)
        default:
            throw fail("'\(container.typeName)' object is not subscriptable", at: offset)
        }
        let isText = { if case .data(.string) = container { return true } else { return false } }()
        let count = isText ? characters.count : items.count
        // CPython's PySlice_AdjustIndices.
        func adjust(_ value: Int?, _ defaultValue: Int) -> Int {
            guard var value else { return defaultValue }
            if value < 0 {
                value += count
                if value < 0 { value = step < 0 ? -1 : 0 }
            } else if value >= count {
                value = step < 0 ? count - 1 : count
            }
            return value
        }
        let first = adjust(start, step < 0 ? count - 1 : 0)
        let last = adjust(stop, step < 0 ? -1 : count)
        var indices: [Int] = []
        var position = first
        while step > 0 ? position < last : position > last {
            indices.append(position)
            position += step
        }
        if isText {
            var view = String.UnicodeScalarView()
            for index in indices { view.append(characters[index]) }
            return .string(String(view))
        }
        let picked = indices.map { items[$0] }
        if case .tuple = container { return .tuple(picked) }
        return .list(picked)
    }

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
