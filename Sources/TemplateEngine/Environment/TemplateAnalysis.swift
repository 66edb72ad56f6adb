/// What a template uses, read from its syntax tree without rendering it: the names it reads from
/// its context (as `jinja2.meta.find_undeclared_variables` finds them) and where, the filters and
/// tests it applies, the templates it includes, and the keys it reads by name.
public struct TemplateAnalysis: Sendable, Hashable {
    /// A name and where it is written: 1-based line and column, the column counted in Unicode
    /// scalars (as `TemplateError` counts them).
    public struct Use: Sendable, Hashable {
        public var name: String
        public var line: Int
        public var column: Int
    }

    /// A `base.key` or `base["key"]` read: where `key` is written.
    struct KeyRead: Sendable, Hashable {
        var base: String
        var key: Use
    }

    /// Each of `Template.freeVariables`, at the first place it is read unbound; sorted by name.
    public var freeVariables: [Use]
    /// Every name read as a variable, in source order (bound names and globals too).
    public var variables: [Use]
    /// Every attribute read (`x.name`, the name's position) and every literal key read
    /// (`x["key"]`, the string's position), in source order.
    public var attributes: [Use]
    /// Every string literal in the template's expressions (`hp.get("gamma")`), in source order.
    public var strings: [Use]
    /// Every filter applied, by its canonical name (`default` for `d`), in source order.
    public var filters: [Use]
    /// Every test applied (`x is name`), by its canonical name, in source order.
    public var tests: [Use]
    /// Each `include` of a literal template name, at the name's string, in source order.
    public var includes: [Use]
    /// The names the template binds: `for` and `set` targets, macros and their parameters.
    public var boundNames: Set<String>
    /// The template's literal text at its own lines: every tag is blanked, except that each
    /// `{{ … }}` leaves a `_` where it starts, so the text around it still reads as code.
    public var literalText: String
    var keyReads: [KeyRead]

    /// The keys read from the variable `base` by name: `base.key` (not `items`, `keys`, `values`
    /// or `get`, which are dictionary methods) and `base["key"]`.
    public func keysRead(from base: String) -> [Use] {
        keyReads.filter { $0.base == base && !Self.dictionaryMethods.contains($0.key.name) }.map(\.key)
    }

    private static let dictionaryMethods: Set<String> = ["items", "keys", "values", "get"]

    init(body: TemplateBody) {
        let uses = SyntaxUses(source: body.source, nodes: body.nodes)
        let lines = LineMap(body.source.bytes)
        func located(_ use: SyntaxUses.Use) -> Use {
            let (line, column) = lines.location(of: use.offset)
            return Use(name: use.name, line: line, column: column)
        }
        func ordered(_ list: [SyntaxUses.Use]) -> [Use] {
            list.sorted { $0.offset < $1.offset }.map(located)
        }
        freeVariables = FreeVariables.located(body.nodes).sorted { $0.key < $1.key }.map { name, offset in
            offset.map { located(SyntaxUses.Use(name: name, offset: $0)) }
                ?? Use(name: name, line: 0, column: 0)
        }
        variables = ordered(uses.variables)
        attributes = ordered(uses.attributes)
        strings = ordered(uses.strings)
        filters = ordered(uses.filters)
        tests = ordered(uses.tests)
        includes = ordered(uses.includes)
        boundNames = uses.boundNames
        keyReads = uses.keyReads.sorted { $0.key.offset < $1.key.offset }.map {
            KeyRead(base: $0.base, key: located($0.key))
        }
        literalText = Self.literalText(of: body)
    }

    private static func literalText(of body: TemplateBody) -> String {
        let bytes = body.source.bytes
        var text = bytes.map { $0 == 0x0A ? $0 : UInt8(ascii: " ") }
        var lexer = Lexer(source: body.source, name: body.name)
        // The template parsed, so its source lexes.
        let lexemes = (try? lexer.tokenize()) ?? []
        for lexeme in lexemes {
            switch lexeme.token {
            case .text(let literal):
                for (index, byte) in literal.utf8.enumerated() where lexeme.offset + index < text.count {
                    text[lexeme.offset + index] = byte
                }
            case .variableBegin where lexeme.offset < text.count:
                text[lexeme.offset] = UInt8(ascii: "_")
            default: break
            }
        }
        return String(decoding: text, as: UTF8.self)
    }
}

/// Lines and columns of byte offsets, for many lookups in one source.
private struct LineMap {
    let bytes: [UInt8]
    /// The offset where each line starts.
    let starts: [Int]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        for (index, byte) in bytes.enumerated() where byte == 0x0A { starts.append(index + 1) }
        self.starts = starts
    }

    func location(of offset: Int) -> (line: Int, column: Int) {
        let clamped = max(0, min(offset, bytes.count))
        var low = 0
        var high = starts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if starts[middle] <= clamped { low = middle } else { high = middle - 1 }
        }
        var column = 1
        for index in starts[low]..<clamped where bytes[index] & 0xC0 != 0x80 { column += 1 }
        return (low + 1, column)
    }
}

extension Template {
    /// What the template uses and where (see `TemplateAnalysis`); walks the tree on each call.
    public func analysis() -> TemplateAnalysis { TemplateAnalysis(body: body) }
}
