/// The filters that write code: JSON (`tojson`) and Python (`pyrepr`, `pyident`, `snake_case`).
extension Renderer {
    func tojsonFilter(_ call: FilterCall) throws(TemplateError) -> Value {
        let args = try bind(call, ["indent"])
        var indent: Int? = nil
        if let value = args[0], !(value.isNone) {
            indent = try intArgument(value, 0, "indent", at: call.offset)
            guard (indent ?? 0) <= 100 else { throw fail("indent is too large", at: call.offset) }
        }
        var out = ""
        try appendJSON(call.input, indent: indent, level: 0, to: &out, at: call.offset)
        return .string(out)
    }

    func pyreprFilter(_ call: FilterCall) throws(TemplateError) -> Value {
        _ = try bind(call, [])
        let offset = call.offset
        do {
            if case .tuple(let items) = call.input {
                var parts: [String] = []
                for item in items { parts.append(try CodeGeneration.pyrepr(try data(item, at: offset))) }
                return .string(
                    items.count == 1 ? "(\(parts[0]),)" : "(" + parts.joined(separator: ", ") + ")")
            }
            return .string(try CodeGeneration.pyrepr(try data(call.input, at: offset)))
        } catch let failure as CodeGeneration.Failure {
            if case .message(let message) = failure { throw fail(message, at: offset) }
            throw fail("pyrepr failed", at: offset)
        } catch let error as TemplateError {
            throw error
        } catch {
            throw fail("pyrepr failed", at: offset)
        }
    }

    func pyidentFilter(_ call: FilterCall) throws(TemplateError) -> Value {
        _ = try bind(call, [])
        guard case .data(.string(let text)) = call.input else {
            throw fail("pyident expects a string, got \(call.input.typeName)", at: call.offset)
        }
        do {
            return .string(try CodeGeneration.pyident(text))
        } catch {
            if case .message(let message) = error { throw fail(message, at: call.offset) }
            throw fail("pyident failed", at: call.offset)
        }
    }

    func snakeCaseFilter(_ call: FilterCall) throws(TemplateError) -> Value {
        _ = try bind(call, [])
        return .string(CodeGeneration.snakeCase(try str(call.input, at: call.offset)))
    }
}
