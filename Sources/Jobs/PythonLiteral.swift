import RelnaCore
import RelnaYAML

/// A document tree written as a Python expression (dicts, lists, `str`, `int`, `float`, `bool`,
/// `None`) that evaluates to the same values, for Python files relna-pack writes (`pipeline.py`).
/// Mappings take one line per key, so the file reads like the job file; lists of scalars stay on one line.
enum PythonLiteral {
    /// Appends `node` to `out`; `indent` is the current line's indentation, `key` renames mapping keys.
    static func append(
        _ node: YAMLNode, indent: String = "", key rename: (String) -> String = { $0 }, to out: inout String
    ) {
        switch node.content {
        case .scalar(let text, let style):
            out += scalar(YAMLScalar.resolve(text, style: style))
        case .sequence(let items):
            let inline = items.allSatisfy { $0.scalarText != nil }
            if inline || items.isEmpty {
                out += "["
                for (index, item) in items.enumerated() {
                    if index > 0 { out += ", " }
                    append(item, indent: indent, key: rename, to: &out)
                }
                out += "]"
                return
            }
            out += "[\n"
            for item in items {
                out += indent + "    "
                append(item, indent: indent + "    ", key: rename, to: &out)
                out += ",\n"
            }
            out += indent + "]"
        case .mapping(let pairs):
            guard !pairs.isEmpty else {
                out += "{}"
                return
            }
            out += "{\n"
            for pair in pairs {
                out += indent + "    "
                PythonStringLiteral.append(rename(pair.key.scalarText ?? ""), to: &out)
                out += ": "
                append(pair.value, indent: indent + "    ", key: rename, to: &out)
                out += ",\n"
            }
            out += indent + "}"
        }
    }

    private static func scalar(_ value: YAMLScalar) -> String {
        switch value {
        case .null: return "None"
        case .bool(let flag): return flag ? "True" : "False"
        case .int(let number): return String(number)
        case .double(let number):
            if number.isNaN { return "float(\"nan\")" }
            if number.isInfinite { return number < 0 ? "float(\"-inf\")" : "float(\"inf\")" }
            return "\(number)"
        case .string(let text): return PythonStringLiteral.quoted(text)
        }
    }

    /// `workerPoolSpecs` → `worker_pool_specs`: a REST (JSON) field name as the proto field name,
    /// which is what the Vertex Python client takes in a dict.
    static func snakeCase(_ name: String) -> String {
        var out = ""
        for scalar in name.unicodeScalars {
            if ("A"..."Z").contains(scalar) {
                out += "_"
                out.unicodeScalars.append(Unicode.Scalar(scalar.value + 32) ?? scalar)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
