/// Lexical facts about a template's source that `template check` needs with a location: where a name
/// is read, which keys of `hyperparameters` and `entry_points` are read by name, where an include
/// names its template, and which names the template binds itself (`for`, `set`, `macro`).
///
/// The engine's analysis says *which* names a template reads; this finds *where*, by looking only
/// inside `{{ … }}` and `{% … %}` (not in comments, raw blocks or literal text) and outside string
/// literals, so a diagnostic can point at the line and column.
struct TemplateSourceScanner {
    struct Token: Hashable {
        enum Kind: Hashable {
            case name
            case string
            case symbol
        }

        var kind: Kind
        /// For strings, the text between the quotes (escapes left as written).
        var text: String
        var line: Int
        var column: Int
    }

    /// The tokens inside expression and statement tags, in source order, with 1-based positions
    /// counted in Unicode scalars (the columns `Diagnostic` uses).
    let tokens: [Token]

    init(source: String) {
        tokens = Self.tokenize(Array(source.unicodeScalars))
    }

    /// The first place `name` is read as a name (not after a `.`), if any.
    func firstUse(of name: String) -> Token? {
        for (index, token) in tokens.enumerated() where token.kind == .name && token.text == name {
            if index > 0, tokens[index - 1].kind == .symbol, tokens[index - 1].text == "." { continue }
            return token
        }
        return nil
    }

    /// Every `base.key`, `base["key"]` or `base['key']` read: the key token (for its location).
    func keysRead(from base: String) -> [Token] {
        var keys: [Token] = []
        for index in tokens.indices where tokens[index].kind == .name && tokens[index].text == base {
            if index > 0, tokens[index - 1].kind == .symbol, tokens[index - 1].text == "." { continue }
            guard index + 2 < tokens.count, tokens[index + 1].kind == .symbol else { continue }
            let next = tokens[index + 2]
            if tokens[index + 1].text == ".", next.kind == .name, !Self.dictionaryMethods.contains(next.text)
            {
                keys.append(next)
            } else if tokens[index + 1].text == "[", next.kind == .string {
                keys.append(next)
            }
        }
        return keys
    }

    /// The string token naming each included template, in order.
    var includes: [Token] {
        var result: [Token] = []
        for index in tokens.indices.dropLast()
        where tokens[index].kind == .name && tokens[index].text == "include" {
            if tokens[index + 1].kind == .string { result.append(tokens[index + 1]) }
        }
        return result
    }

    /// Names the template binds: loop targets, `set` targets, macro names and their parameters.
    var boundNames: Set<String> {
        var names: Set<String> = []
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            guard token.kind == .name else {
                index += 1
                continue
            }
            switch token.text {
            case "for", "set":
                // Every name up to `in` / `=` is a target (tuple unpacking allowed).
                var cursor = index + 1
                while cursor < tokens.count, !(tokens[cursor].text == "in" || tokens[cursor].text == "=") {
                    if tokens[cursor].kind == .name { names.insert(tokens[cursor].text) }
                    cursor += 1
                }
                index = cursor
            case "macro":
                var cursor = index + 1
                while cursor < tokens.count, tokens[cursor].text != ")" {
                    if tokens[cursor].kind == .name, cursor + 1 < tokens.count,
                        tokens[cursor + 1].text != "."
                    {
                        names.insert(tokens[cursor].text)
                    }
                    cursor += 1
                }
                index = cursor
            default:
                index += 1
            }
        }
        return names
    }

    private static let dictionaryMethods: Set<String> = ["items", "keys", "values", "get"]

    private static func tokenize(_ scalars: [Unicode.Scalar]) -> [Token] {
        var tokens: [Token] = []
        var index = 0
        var line = 1
        var column = 1
        func advance() {
            if scalars[index] == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
            index += 1
        }
        func starts(_ text: String) -> Bool {
            var cursor = index
            for scalar in text.unicodeScalars {
                guard cursor < scalars.count, scalars[cursor] == scalar else { return false }
                cursor += 1
            }
            return true
        }
        func skip(past close: String) {
            while index < scalars.count, !starts(close) { advance() }
            for _ in close.unicodeScalars where index < scalars.count { advance() }
        }
        func scanTag(close: String) {
            while index < scalars.count {
                let scalar = scalars[index]
                if starts(close) || (scalar == "-" || scalar == "+") && starts(String(scalar) + close) {
                    if !starts(close) { advance() }
                    advance()
                    advance()
                    return
                }
                if scalar == "\"" || scalar == "'" {
                    let (startLine, startColumn) = (line, column)
                    advance()
                    var text = String.UnicodeScalarView()
                    while index < scalars.count, scalars[index] != scalar, scalars[index] != "\n" {
                        if scalars[index] == "\\", index + 1 < scalars.count {
                            text.append(scalars[index])
                            advance()
                        }
                        text.append(scalars[index])
                        advance()
                    }
                    if index < scalars.count, scalars[index] == scalar { advance() }
                    tokens.append(
                        Token(kind: .string, text: String(text), line: startLine, column: startColumn))
                } else if scalar == "_" || scalar.properties.isAlphabetic {
                    let (startLine, startColumn) = (line, column)
                    var text = String.UnicodeScalarView()
                    while index < scalars.count,
                        scalars[index] == "_" || scalars[index].properties.isAlphabetic
                            || ("0"..."9").contains(scalars[index])
                    {
                        text.append(scalars[index])
                        advance()
                    }
                    tokens.append(
                        Token(kind: .name, text: String(text), line: startLine, column: startColumn))
                } else if scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" {
                    advance()
                } else {
                    tokens.append(Token(kind: .symbol, text: String(scalar), line: line, column: column))
                    advance()
                }
            }
        }
        while index < scalars.count {
            if starts("{#") {
                skip(past: "#}")
            } else if starts("{{") || starts("{%") {
                let close = starts("{{") ? "}}" : "%}"
                advance()
                advance()
                let start = tokens.count
                scanTag(close: close)
                if tokens.count > start, tokens[start].kind == .name, tokens[start].text == "raw" {
                    // Everything up to `{% endraw %}` is literal text.
                    while index < scalars.count {
                        if starts("{%") {
                            var cursor = index + 2
                            while cursor < scalars.count, " -+\t".unicodeScalars.contains(scalars[cursor]) {
                                cursor += 1
                            }
                            if String(
                                String.UnicodeScalarView(scalars[cursor..<min(cursor + 6, scalars.count)]))
                                == "endraw"
                            {
                                break
                            }
                        }
                        advance()
                    }
                }
            } else {
                advance()
            }
        }
        return tokens
    }
}
