/// One token of a template, as Jinja2's lexer produces them (with trim_blocks and lstrip_blocks applied).
enum Token: Sendable, Equatable {
    case text(String)
    case variableBegin
    case variableEnd
    case blockBegin
    case blockEnd
    case name(String)
    case string(String)
    case integer(Int)
    case float(Double)
    case op(String)
    case end

    /// How the token reads in "expected …, got …" messages.
    var described: String {
        switch self {
        case .text: return "template text"
        case .variableBegin: return "'{{'"
        case .variableEnd: return "end of print statement '}}'"
        case .blockBegin: return "'{%'"
        case .blockEnd: return "end of statement block '%}'"
        case .name(let name): return "'\(name)'"
        case .string: return "string literal"
        case .integer(let value): return "'\(value)'"
        case .float: return "float literal"
        case .op(let op): return "'\(op)'"
        case .end: return "end of template"
        }
    }
}

struct Lexeme: Sendable {
    let token: Token
    /// UTF-8 byte offset in the (newline-normalized) source.
    let offset: Int
}
