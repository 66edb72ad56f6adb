/// The text of the `tojson` filter.
extension Renderer {
    /// `json.dumps(value, sort_keys=True, indent=…)` made HTML-safe, as Jinja2's `tojson`.
    func appendJSON(_ value: Value, indent: Int?, level: Int, to out: inout String, at offset: Int)
        throws(TemplateError)
    {
        func newline(_ depth: Int) {
            if let indent {
                out += "\n"
                out += String(repeating: " ", count: indent * depth)
            }
        }
        let itemSeparator = indent == nil ? ", " : ","
        switch value {
        case .data(.none): out += "null"
        case .data(.bool(let flag)): out += flag ? "true" : "false"
        case .data(.int(let number)): out += String(number)
        case .data(.double(let number)):
            out +=
                number.isNaN
                ? "NaN"
                : number.isInfinite ? (number < 0 ? "-Infinity" : "Infinity") : PythonText.floatRepr(number)
        case .data(.string(let text)): PythonText.appendJSONString(text, to: &out)
        case .data(.list), .tuple, .valueList:
            let items = PythonOperators.items(value)
            if items.isEmpty {
                out += "[]"
                return
            }
            out += "["
            for (position, item) in items.enumerated() {
                if position > 0 { out += itemSeparator }
                newline(level + 1)
                try appendJSON(item, indent: indent, level: level + 1, to: &out, at: offset)
            }
            newline(level)
            out += "]"
        case .data(.dict(let dictionary)):
            if dictionary.isEmpty {
                out += "{}"
                return
            }
            out += "{"
            let keys = dictionary.keys.sorted {
                $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars)
            }
            for (position, key) in keys.enumerated() {
                if position > 0 { out += itemSeparator }
                newline(level + 1)
                PythonText.appendJSONString(key, to: &out)
                out += ": "
                try appendJSON(
                    .data(dictionary[key] ?? .none), indent: indent, level: level + 1, to: &out, at: offset)
            }
            newline(level)
            out += "}"
        case .undefined(let undefined): throw fail(undefined)
        default: throw fail("Object of type \(value.typeName) is not JSON serializable", at: offset)
        }
    }
}
