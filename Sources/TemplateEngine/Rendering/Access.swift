import RelnaCore

/// `a.b`, `a[k]` and `a[i:j:k]`, with Jinja2's lookup order: `a.b` prefers a method of the
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
}
