import Foundation

/// The filters, with Jinja2 3.1's semantics (its `filters.py` is the reference).
extension Renderer {
    func applyFilter(
        _ filter: Filter, _ rawInput: Value, _ positional: [Value],
        _ keywords: [(name: String, value: Value)],
        at offset: Int
    ) throws(TemplateError) -> Value {
        let name = filter.rawValue
        if filter == .default {
            let args = try bind(name, ["default_value", "boolean"], positional, keywords, at: offset)
            if rawInput.isUndefined || (boolArgument(args[1], false) && !PythonOperators.isTrue(rawInput)) {
                return args[0] ?? .string("")
            }
            return rawInput
        }
        if filter == .items, rawInput.isUndefined { return .valueList([]) }
        let input = try defined(rawInput)
        switch filter {
        case .default, .items:
            _ = try bind(name, [], positional, keywords, at: offset)
            guard case .data(.dict(let dictionary)) = input else {
                throw fail("filter 'items' expects a dict, got \(input.typeName)", at: offset)
            }
            return .valueList(dictionary.map { .tuple([.string($0.0), .data($0.1)]) })
        case .abs:
            _ = try bind(name, [], positional, keywords, at: offset)
            switch PythonOperators.number(input) {
            case .int(let number)?:
                guard number != Int.min else { throw fail("integer result is too large", at: offset) }
                return .int(Swift.abs(number))
            case .double(let number)?: return .double(Swift.abs(number))
            case nil: throw fail("bad operand type for abs(): '\(input.typeName)'", at: offset)
            }
        case .capitalize:
            _ = try bind(name, [], positional, keywords, at: offset)
            return .string(TextFunctions.capitalize(try str(input, at: offset)))
        case .center:
            let args = try bind(name, ["width"], positional, keywords, at: offset)
            let width = try intArgument(args[0], 80, "width", at: offset)
            guard width <= limits.outputBytes else {
                throw fail("width is larger than the output limit", at: offset)
            }
            return .string(TextFunctions.center(try str(input, at: offset), width: width))
        case .dictsort:
            let args = try bind(name, ["case_sensitive", "by", "reverse"], positional, keywords, at: offset)
            guard case .data(.dict(let dictionary)) = input else {
                throw fail("filter 'dictsort' expects a dict, got \(input.typeName)", at: offset)
            }
            let by = try stringArgument(args[1], "key", at: offset)
            guard by == "key" || by == "value" else {
                throw fail("filter 'dictsort': 'by' must be 'key' or 'value'", at: offset)
            }
            let caseSensitive = boolArgument(args[0], false)
            let pairs: [Value] = dictionary.map { .tuple([.string($0.0), .data($0.1)]) }
            let sorted = try sortValues(
                pairs, reverse: boolArgument(args[2], false), at: offset,
                key: { pair in
                    guard case .tuple(let parts) = pair else { return pair }
                    let key = parts[by == "key" ? 0 : 1]
                    return caseSensitive ? key : Self.foldCase(key)
                })
            return .valueList(sorted)
        case .first, .last:
            _ = try bind(name, [], positional, keywords, at: offset)
            let items = try iterate(input, at: offset)
            if let item = filter == .first ? items.first : items.last { return item }
            return .undefined(
                Undefined(
                    reason: .other("no \(name) item, the sequence was empty"), offset: offset, template: body)
            )
        case .float:
            let args = try bind(name, ["default"], positional, keywords, at: offset)
            let fallback = args[0] ?? .double(0)
            switch input {
            case .data(.double): return input
            case .data(.int(let number)): return .double(Double(number))
            case .data(.bool(let flag)): return .double(flag ? 1 : 0)
            case .data(.string(let text)): return TextFunctions.parseFloat(text).map(Value.double) ?? fallback
            default: return fallback
            }
        case .int:
            let args = try bind(name, ["default", "base"], positional, keywords, at: offset)
            let fallback = args[0] ?? .int(0)
            let base = try intArgument(args[1], 10, "base", at: offset)
            switch input {
            case .data(.int): return input
            case .data(.bool(let flag)): return .int(flag ? 1 : 0)
            case .data(.double(let number)):
                guard number.isFinite, Swift.abs(number) < 9.2e18 else { return fallback }
                return .int(Int(number))
            case .data(.string(let text)):
                if let value = TextFunctions.parseInt(text, base: base) { return .int(value) }
                if let value = TextFunctions.parseFloat(text), value.isFinite, Swift.abs(value) < 9.2e18 {
                    return .int(Int(value))
                }
                return fallback
            default: return fallback
            }
        case .format:
            guard positional.isEmpty || keywords.isEmpty else {
                throw fail("filter 'format' takes positional or keyword arguments, not both", at: offset)
            }
            let format = try str(input, at: offset)
            if !keywords.isEmpty {
                var mapping = TemplateDictionary()
                for keyword in keywords { mapping[keyword.name] = try data(keyword.value, at: offset) }
                return .string(try percentFormat(format, arguments: .data(.dict(mapping)), at: offset))
            }
            return .string(try percentFormat(format, arguments: .tuple(positional), at: offset))
        case .indent:
            let args = try bind(name, ["width", "first", "blank"], positional, keywords, at: offset)
            var indentation = "    "
            if let width = args[0] {
                if case .data(.string(let text)) = width {
                    indentation = text
                } else {
                    let count = try intArgument(width, 4, "width", at: offset)
                    guard count <= 10_000 else { throw fail("indent width is too large", at: offset) }
                    indentation = String(repeating: " ", count: max(0, count))
                }
            }
            let text = try str(input, at: offset) + "\n"
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
        case .join:
            let args = try bind(name, ["d", "attribute"], positional, keywords, at: offset)
            let separator = try stringArgument(args[0], "", at: offset)
            var parts: [String] = []
            for item in try iterate(input, at: offset) {
                let value =
                    try args[1].map { path throws(TemplateError) in
                        try attributePath(item, try str(path, at: offset), at: offset)
                    } ?? item
                parts.append(try str(value, at: offset))
            }
            return .string(parts.joined(separator: separator))
        case .length:
            _ = try bind(name, [], positional, keywords, at: offset)
            switch input {
            case .data(.string(let text)): return .int(text.unicodeScalars.count)
            case .data(.list(let items)): return .int(items.count)
            case .data(.dict(let dictionary)): return .int(dictionary.count)
            case .tuple(let items), .valueList(let items): return .int(items.count)
            default: throw fail("object of type '\(input.typeName)' has no len()", at: offset)
            }
        case .list:
            _ = try bind(name, [], positional, keywords, at: offset)
            return .list(try iterate(input, at: offset))
        case .lower:
            _ = try bind(name, [], positional, keywords, at: offset)
            return .string(try str(input, at: offset).lowercased())
        case .upper:
            _ = try bind(name, [], positional, keywords, at: offset)
            return .string(try str(input, at: offset).uppercased())
        case .map:
            let items = try iterate(input, at: offset)
            if positional.isEmpty, keywords.contains(where: { $0.name == "attribute" }) {
                let args = try bind(name, ["attribute", "default"], [], keywords, at: offset)
                let path = try stringArgument(args[0], "", at: offset)
                var result: [Value] = []
                for item in items {
                    let value = try attributePath(item, path, at: offset)
                    if value.isUndefined, let fallback = args[1] {
                        result.append(fallback)
                    } else {
                        result.append(value)
                    }
                }
                return .list(result)
            }
            guard let first = positional.first, case .data(.string(let filterName)) = first else {
                throw fail("filter 'map' needs a filter name or attribute=", at: offset)
            }
            guard let mapped = Filter.named(filterName) else {
                throw fail("filter '\(filterName)' does not exist", at: offset)
            }
            let rest = Array(positional.dropFirst())
            var result: [Value] = []
            for item in items { result.append(try applyFilter(mapped, item, rest, keywords, at: offset)) }
            return .list(result)
        case .max, .min:
            let args = try bind(name, ["case_sensitive", "attribute"], positional, keywords, at: offset)
            let caseSensitive = boolArgument(args[0], false)
            let path = try args[1].map { value throws(TemplateError) in try str(value, at: offset) }
            var best: (item: Value, key: Value)? = nil
            for item in try iterate(input, at: offset) {
                var key = item
                if let path { key = try defined(try attributePath(item, path, at: offset)) }
                if !caseSensitive { key = Self.foldCase(key) }
                if let current = best {
                    guard
                        let less = PythonOperators.less(
                            filter == .max ? current.key : key, filter == .max ? key : current.key)
                    else {
                        throw fail(
                            "'<' not supported between instances of '\(key.typeName)' and '\(current.key.typeName)'",
                            at: offset)
                    }
                    if less { best = (item, key) }
                } else {
                    best = (item, key)
                }
            }
            if let best { return best.item }
            return .undefined(
                Undefined(
                    reason: .other("no \(name) item, the sequence was empty"), offset: offset, template: body)
            )
        case .select, .reject, .selectattr, .rejectattr:
            let byAttribute = filter == .selectattr || filter == .rejectattr
            let expected = filter == .select || filter == .selectattr
            var arguments = positional
            var path: String? = nil
            if byAttribute {
                guard !arguments.isEmpty else {
                    throw fail("filter '\(name)' needs an attribute name", at: offset)
                }
                path = try str(try defined(arguments.removeFirst()), at: offset)
            }
            var test: TestKind? = nil
            if !arguments.isEmpty {
                let testName = try str(try defined(arguments.removeFirst()), at: offset)
                guard let found = TestKind.named(testName) else {
                    throw fail("test '\(testName)' does not exist", at: offset)
                }
                test = found
            }
            var result: [Value] = []
            for item in try iterate(input, at: offset) {
                let subject =
                    try path.map { path throws(TemplateError) in try attributePath(item, path, at: offset) }
                    ?? item
                let passed: Bool
                if let test {
                    passed = try applyTest(test, subject, arguments, keywords, at: offset)
                } else {
                    passed = try truth(subject, at: offset)
                }
                if passed == expected { result.append(item) }
            }
            return .list(result)
        case .replace:
            let args = try bind(name, ["old", "new", "count"], positional, keywords, at: offset)
            guard let old = args[0], let new = args[1] else {
                throw fail("filter 'replace' needs the old and the new text", at: offset)
            }
            let count =
                try args[2].map { value throws(TemplateError) in
                    try intArgument(value, -1, "count", at: offset)
                } ?? -1
            let (text, oldText, newText) = (
                try str(input, at: offset), try str(old, at: offset), try str(new, at: offset)
            )
            guard TextFunctions.replaceFits(text, oldText, newText, count: count, limit: limits.outputBytes)
            else {
                throw fail("the result is larger than the output limit", at: offset)
            }
            return .string(TextFunctions.replace(text, oldText, newText, count: count))
        case .reverse:
            _ = try bind(name, [], positional, keywords, at: offset)
            if case .data(.string(let text)) = input {
                return .string(String(String.UnicodeScalarView(text.unicodeScalars.reversed())))
            }
            let items = try iterate(input, at: offset)
            if case .tuple = input { return .tuple(items.reversed()) }
            return .list(items.reversed())
        case .round:
            let args = try bind(name, ["precision", "method"], positional, keywords, at: offset)
            let precision = try intArgument(args[0], 0, "precision", at: offset)
            let method = try stringArgument(args[1], "common", at: offset)
            guard ["common", "ceil", "floor"].contains(method) else {
                throw fail("method must be 'common', 'ceil' or 'floor'", at: offset)
            }
            guard let number = PythonOperators.number(input) else {
                throw fail("filter 'round' expects a number, got \(input.typeName)", at: offset)
            }
            if method == "common" {
                if case .int(let integer) = number, precision >= 0 { return .int(integer) }
                return .double(Self.pythonRound(number.asDouble, precision))
            }
            let scale = Foundation.pow(10.0, Double(precision))
            let scaled = number.asDouble * scale
            return .double((method == "ceil" ? Foundation.ceil(scaled) : Foundation.floor(scaled)) / scale)
        case .sort:
            let args = try bind(
                name, ["reverse", "case_sensitive", "attribute"], positional, keywords, at: offset)
            let caseSensitive = boolArgument(args[1], false)
            let path = try args[2].map { value throws(TemplateError) in try str(value, at: offset) }
            var keys: [Value] = []
            let items = try iterate(input, at: offset)
            for item in items {
                var key = item
                if let path {
                    // Jinja2 allows comma-separated attributes; each becomes one element of the key.
                    let parts = path.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                    if parts.count > 1 {
                        var tuple: [Value] = []
                        for part in parts {
                            tuple.append(try defined(try attributePath(item, part, at: offset)))
                        }
                        key = .tuple(caseSensitive ? tuple : tuple.map(Self.foldCase))
                        keys.append(key)
                        continue
                    }
                    key = try defined(try attributePath(item, path, at: offset))
                }
                keys.append(caseSensitive ? key : Self.foldCase(key))
            }
            let order = try sortedOrder(keys, reverse: boolArgument(args[0], false), at: offset)
            return .list(order.map { items[$0] })
        case .string:
            _ = try bind(name, [], positional, keywords, at: offset)
            return .string(try str(input, at: offset))
        case .sum:
            let args = try bind(name, ["attribute", "start"], positional, keywords, at: offset)
            var total = args[1] ?? .int(0)
            let path = try args[0].map { value throws(TemplateError) in try str(value, at: offset) }
            for item in try iterate(input, at: offset) {
                let value = try defined(
                    try path.map { path throws(TemplateError) in try attributePath(item, path, at: offset) }
                        ?? item)
                do {
                    total = try PythonOperators.binary(.add, total, value, sizeLimit: limits.outputBytes)
                } catch {
                    throw fail(error.message, at: offset)
                }
            }
            return total
        case .title:
            _ = try bind(name, [], positional, keywords, at: offset)
            return .string(TextFunctions.jinjaTitle(try str(input, at: offset)))
        case .tojson:
            let args = try bind(name, ["indent"], positional, keywords, at: offset)
            var indent: Int? = nil
            if let value = args[0], !(value.isNone) {
                indent = try intArgument(value, 0, "indent", at: offset)
                guard (indent ?? 0) <= 100 else { throw fail("indent is too large", at: offset) }
            }
            var out = ""
            try appendJSON(input, indent: indent, level: 0, to: &out, at: offset)
            return .string(out)
        case .trim:
            let args = try bind(name, ["chars"], positional, keywords, at: offset)
            let characters = try args[0].flatMap { value throws(TemplateError) in
                value.isNone ? nil : try str(value, at: offset)
            }
            return .string(TextFunctions.strip(try str(input, at: offset), characters: characters))
        case .truncate:
            let args = try bind(
                name, ["length", "killwords", "end", "leeway"], positional, keywords, at: offset)
            let length = try intArgument(args[0], 255, "length", at: offset)
            let end = try stringArgument(args[2], "...", at: offset)
            let leeway = try intArgument(args[3], 5, "leeway", at: offset)
            let endLength = end.unicodeScalars.count
            guard length >= endLength else {
                throw fail("expected length >= \(endLength), got \(length)", at: offset)
            }
            guard leeway >= 0 else { throw fail("expected leeway >= 0, got \(leeway)", at: offset) }
            let text = try str(input, at: offset)
            let scalars = Array(text.unicodeScalars)
            if scalars.count <= length + leeway { return .string(text) }
            var kept = String(String.UnicodeScalarView(scalars.prefix(length - endLength)))
            if !boolArgument(args[1], false) {
                if let space = kept.unicodeScalars.lastIndex(of: " ") {
                    kept = String(kept.unicodeScalars[..<space])
                }
            }
            return .string(kept + end)
        case .unique:
            let args = try bind(name, ["case_sensitive", "attribute"], positional, keywords, at: offset)
            let caseSensitive = boolArgument(args[0], false)
            let path = try args[1].map { value throws(TemplateError) in try str(value, at: offset) }
            var seen: [Value] = []
            var result: [Value] = []
            for item in try iterate(input, at: offset) {
                var key = try defined(
                    try path.map { path throws(TemplateError) in try attributePath(item, path, at: offset) }
                        ?? item)
                if !caseSensitive { key = Self.foldCase(key) }
                if seen.contains(where: { PythonOperators.equals($0, key) }) { continue }
                seen.append(key)
                result.append(item)
            }
            return .list(result)
        case .wordcount:
            _ = try bind(name, [], positional, keywords, at: offset)
            var count = 0
            var inWord = false
            for scalar in try str(input, at: offset).unicodeScalars {
                let isWord = TextFunctions.isWordCharacter(scalar)
                if isWord && !inWord { count += 1 }
                inWord = isWord
            }
            return .int(count)
        case .pyrepr:
            _ = try bind(name, [], positional, keywords, at: offset)
            do {
                if case .tuple(let items) = input {
                    var parts: [String] = []
                    for item in items { parts.append(try CodeGeneration.pyrepr(try data(item, at: offset))) }
                    return .string(
                        items.count == 1 ? "(\(parts[0]),)" : "(" + parts.joined(separator: ", ") + ")")
                }
                return .string(try CodeGeneration.pyrepr(try data(input, at: offset)))
            } catch let failure as CodeGeneration.Failure {
                if case .message(let message) = failure { throw fail(message, at: offset) }
                throw fail("pyrepr failed", at: offset)
            } catch let error as TemplateError {
                throw error
            } catch {
                throw fail("pyrepr failed", at: offset)
            }
        case .pyident:
            _ = try bind(name, [], positional, keywords, at: offset)
            guard case .data(.string(let text)) = input else {
                throw fail("pyident expects a string, got \(input.typeName)", at: offset)
            }
            do {
                return .string(try CodeGeneration.pyident(text))
            } catch {
                if case .message(let message) = error { throw fail(message, at: offset) }
                throw fail("pyident failed", at: offset)
            }
        case .snakeCase:
            _ = try bind(name, [], positional, keywords, at: offset)
            return .string(CodeGeneration.snakeCase(try str(input, at: offset)))
        }
    }
}

extension Value {
    var isNone: Bool {
        if case .data(.none) = self { return true }
        return false
    }
}
