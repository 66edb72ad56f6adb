/// The names a Python source uses as code, read from its tokens: every NAME, and every string
/// literal that spells an identifier (`hp["gamma"]`, `HYPERPARAMS.get("gamma")`,
/// `getattr(agent, "QNetwork")`) or, in an f-string, the words of its `{…}` fields. Comments and
/// docstrings (a statement that is only a string) say nothing about what the code reads.
public enum PythonCodeNames {
    public static func of(_ bytes: [UInt8]) -> Set<String> {
        let stream = PythonTokenizer.tokenize(bytes)
        let tokens = stream.tokens.filter { $0.kind != .comment && $0.kind != .nl }
        var names: Set<String> = []
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            if token.kind == .name {
                names.insert(stream.text(token))
            } else if token.kind == .string {
                // Adjacent literals are one expression: a docstring is such a run alone in its statement.
                var end = index
                while end + 1 < tokens.count, tokens[end + 1].kind == .string { end += 1 }
                let statementStart =
                    index == 0 || [.newline, .indent, .dedent].contains(tokens[index - 1].kind)
                    || stream.token(tokens[index - 1], is: ";")
                let statementEnd =
                    end + 1 >= tokens.count || [.newline, .endmarker].contains(tokens[end + 1].kind)
                    || stream.token(tokens[end + 1], is: ";")
                if !(statementStart && statementEnd) {
                    for literal in tokens[index...end] { names.formUnion(literalNames(stream.text(literal))) }
                }
                index = end
            }
            index += 1
        }
        // Past a tokenizer error the rest is taken word by word: a use is never missed.
        if let error = stream.error {
            let rest = String(decoding: bytes, as: UTF8.self).split(
                separator: "\n", omittingEmptySubsequences: false
            )
            .dropFirst(max(0, error.line - 1)).joined(separator: "\n")
            names.formUnion(identifierWords(in: rest))
        }
        return names
    }

    /// The identifier a literal spells, or the words of an f-string's fields.
    static func literalNames(_ literal: String) -> Set<String> {
        let scalars = Array(literal.unicodeScalars)
        var start = 0
        var isFormat = false
        while start < scalars.count, scalars[start] != "\"", scalars[start] != "'" {
            if scalars[start] == "f" || scalars[start] == "F" { isFormat = true }
            start += 1
        }
        guard start < scalars.count else { return [] }
        let quote = scalars[start]
        let triple = start + 2 < scalars.count && scalars[start + 1] == quote && scalars[start + 2] == quote
        let width = triple ? 3 : 1
        guard scalars.count >= start + 2 * width else { return [] }
        let content = String(String.UnicodeScalarView(scalars[(start + width)..<(scalars.count - width)]))
        if isFormat { return identifierWords(in: fields(of: content)) }
        let words = identifierWords(in: content)
        return words.count == 1 && words.first == content ? words : []
    }

    /// The text inside an f-string's replacement fields (`{{` is a literal brace).
    private static func fields(of content: String) -> String {
        let scalars = Array(content.unicodeScalars)
        var out = String.UnicodeScalarView()
        var depth = 0
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            let doubled = index + 1 < scalars.count && scalars[index + 1] == scalar
            if depth == 0, scalar == "{" || scalar == "}", doubled {
                index += 2
                continue
            }
            if scalar == "{" {
                depth += 1
            } else if scalar == "}" {
                depth = max(0, depth - 1)
            }
            out.append(depth > 0 && scalar != "{" ? scalar : " ")
            index += 1
        }
        return String(out)
    }

    /// Every maximal run of identifier characters (ASCII letters, digits, `_`, non-ASCII letters).
    public static func identifierWords(in text: String) -> Set<String> {
        var words: Set<String> = []
        var current = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar == "_" || scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                current.append(scalar)
            } else if !current.isEmpty {
                words.insert(String(current))
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { words.insert(String(current)) }
        return words
    }
}
