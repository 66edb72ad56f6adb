import RelnaCore

/// A value while rendering: context data plus what only exists inside a template (tuples,
/// undefined values, macros, the `loop` object, bound methods, builtin functions).
enum Value {
    case data(TemplateValue)
    /// A Python tuple (`(a, b)`, `dict.items()` pairs), or a list holding non-data values.
    case tuple([Value])
    case valueList([Value])
    case undefined(Undefined)
    case macro(Macro)
    case loop(LoopState)
    case method(BoundMethod)
    case function(String)

    /// `receiver.name` before the call. Payloads are classes to keep `Value` small and cheap to copy.
    final class BoundMethod {
        let receiver: Value
        let name: String
        init(_ receiver: Value, _ name: String) {
            self.receiver = receiver
            self.name = name
        }
    }

    static var none: Value { .data(.none) }

    static func bool(_ value: Bool) -> Value { .data(.bool(value)) }
    static func int(_ value: Int) -> Value { .data(.int(value)) }
    static func double(_ value: Double) -> Value { .data(.double(value)) }
    static func string(_ value: String) -> Value { .data(.string(value)) }

    /// A list, as data when every item is data.
    static func list(_ items: [Value]) -> Value {
        var data: [TemplateValue] = []
        data.reserveCapacity(items.count)
        for item in items {
            guard case .data(let value) = item else { return .valueList(items) }
            data.append(value)
        }
        return .data(.list(data))
    }

    var isUndefined: Bool {
        if case .undefined = self { return true }
        return false
    }

    /// Python's type name, for messages.
    var typeName: String {
        switch self {
        case .data(let value):
            switch value {
            case .none: return "NoneType"
            case .bool: return "bool"
            case .int: return "int"
            case .double: return "float"
            case .string: return "str"
            case .list: return "list"
            case .dict: return "dict"
            }
        case .tuple: return "tuple"
        case .valueList: return "list"
        case .undefined: return "undefined"
        case .macro: return "macro"
        case .loop: return "loop"
        case .method: return "method"
        case .function: return "function"
        }
    }
}

/// A name or attribute that does not exist. Only `is defined`, `is undefined` and `default`
/// accept it; any other use is an error located where the name was read.
final class Undefined {
    enum Reason {
        case variable(String, scope: WeakScope, contextKeys: [String])
        case key(String, available: [String], typeName: String)
        case attribute(String, typeName: String)
        case other(String)
    }

    let reason: Reason
    let offset: Int
    /// The template the undefined value was read in.
    let template: TemplateBody

    init(reason: Reason, offset: Int, template: TemplateBody) {
        self.reason = reason
        self.offset = offset
        self.template = template
    }

    var message: String {
        switch reason {
        case .variable(let name, let scope, let contextKeys):
            let visible = (scope.scope?.visibleNames ?? []) + contextKeys + ["range", "dict"]
            var text = "undefined variable '\(name)'"
            if let suggestion = DidYouMean.suggest(name, among: visible) {
                text += "; did you mean '\(suggestion)'?"
            }
            return text
        case .key(let key, let available, let typeName):
            var text = "\(typeName) has no key '\(key)'"
            if let suggestion = DidYouMean.suggest(key, among: available) {
                text += "; did you mean '\(suggestion)'?"
            }
            return text
        case .attribute(let name, let typeName):
            return "'\(typeName)' object has no attribute '\(name)'"
        case .other(let text):
            return text
        }
    }
}

/// A scope held without keeping it alive (an undefined value stored in its own scope would leak).
struct WeakScope {
    weak var scope: Scope?
}

/// A macro defined in a template, with the scope it was defined in.
final class Macro {
    let definition: MacroDefinition
    let closure: Scope
    /// The template the macro's body belongs to (for error locations).
    let template: TemplateBody

    init(definition: MacroDefinition, closure: Scope, template: TemplateBody) {
        self.definition = definition
        self.closure = closure
        self.template = template
    }
}

/// What `loop` holds in a `for` body.
final class LoopState {
    let index0: Int
    let items: [Value]
    let depth: Int

    init(index0: Int, items: [Value], depth: Int) {
        self.index0 = index0
        self.items = items
        self.depth = depth
    }

    var length: Int { items.count }
}

extension Value {
    var isNone: Bool {
        if case .data(.none) = self { return true }
        return false
    }
}
