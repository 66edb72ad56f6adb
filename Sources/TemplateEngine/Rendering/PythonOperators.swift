import Foundation

/// Python's semantics for the operators the template language shares with it.
enum PythonOperators {
    enum Number {
        case int(Int)
        case double(Double)

        var asDouble: Double {
            switch self {
            case .int(let value): return Double(value)
            case .double(let value): return value
            }
        }
    }

    /// An int, float or bool (Python's bool is an int) as a number.
    static func number(_ value: Value) -> Number? {
        guard case .data(let data) = value else { return nil }
        switch data {
        case .int(let number): return .int(number)
        case .double(let number): return .double(number)
        case .bool(let flag): return .int(flag ? 1 : 0)
        default: return nil
        }
    }

    struct Failure: Error {
        let message: String
    }

    static func unsupported(_ op: String, _ left: Value, _ right: Value) -> Failure {
        Failure(message: "unsupported operand types for \(op): '\(left.typeName)' and '\(right.typeName)'")
    }

    static func overflow() -> Failure { Failure(message: "integer result is too large") }

    static func binary(_ op: BinaryOperator, _ left: Value, _ right: Value, sizeLimit: Int) throws(Failure)
        -> Value
    {
        if let a = number(left), let b = number(right) { return .data(try arithmetic(op, a, b)) }
        switch (op, left, right) {
        case (.add, .data(.string(let a)), .data(.string(let b))):
            guard a.utf8.count + b.utf8.count <= sizeLimit else { throw tooLarge(sizeLimit) }
            return .string(a + b)
        case (.add, .data(.list(let a)), .data(.list(let b))): return .data(.list(a + b))
        case (.add, .tuple(let a), .tuple(let b)): return .tuple(a + b)
        case (.add, _, _) where isList(left) && isList(right): return .list(items(left) + items(right))
        case (.multiply, .data(.string(let text)), _), (.multiply, _, .data(.string(let text))):
            guard let count = repeatCount(left, right) else { throw unsupported("*", left, right) }
            guard count <= 0 || text.utf8.count <= sizeLimit / count else { throw tooLarge(sizeLimit) }
            return .string(count <= 0 ? "" : String(repeating: text, count: count))
        case (.multiply, _, _) where isList(left) || isList(right) || isTuple(left) || isTuple(right):
            guard let count = repeatCount(left, right) else { throw unsupported("*", left, right) }
            let sequence = isList(left) || isTuple(left) ? left : right
            let base = items(sequence)
            guard count <= 0 || base.count <= sizeLimit / max(count, 1) else { throw tooLarge(sizeLimit) }
            var result: [Value] = []
            if count > 0 { for _ in 0..<count { result += base } }
            return isTuple(sequence) ? .tuple(result) : .list(result)
        default:
            throw unsupported(op.rawValue, left, right)
        }
    }

    static func tooLarge(_ limit: Int) -> Failure {
        Failure(message: "the result is larger than the output limit of \(limit) bytes")
    }

    private static func isList(_ value: Value) -> Bool {
        switch value {
        case .data(.list), .valueList: return true
        default: return false
        }
    }

    private static func isTuple(_ value: Value) -> Bool {
        if case .tuple = value { return true }
        return false
    }

    static func items(_ value: Value) -> [Value] {
        switch value {
        case .data(.list(let items)): return items.map(Value.data)
        case .valueList(let items), .tuple(let items): return items
        default: return []
        }
    }

    private static func repeatCount(_ left: Value, _ right: Value) -> Int? {
        if case .data(.int(let count)) = right { return count }
        if case .data(.bool(let flag)) = right { return flag ? 1 : 0 }
        if case .data(.int(let count)) = left { return count }
        if case .data(.bool(let flag)) = left { return flag ? 1 : 0 }
        return nil
    }

    static func arithmetic(_ op: BinaryOperator, _ a: Number, _ b: Number) throws(Failure) -> TemplateValue {
        if case .int(let x) = a, case .int(let y) = b { return try integerArithmetic(op, x, y) }
        return try floatArithmetic(op, a.asDouble, b.asDouble)
    }

    /// Python's int operators, with overflow an error (Python's ints are unbounded; ours are not).
    private static func integerArithmetic(_ op: BinaryOperator, _ x: Int, _ y: Int) throws(Failure)
        -> TemplateValue
    {
        switch op {
        case .add:
            let (result, overflow) = x.addingReportingOverflow(y)
            if overflow { throw Self.overflow() }
            return .int(result)
        case .subtract:
            let (result, overflow) = x.subtractingReportingOverflow(y)
            if overflow { throw Self.overflow() }
            return .int(result)
        case .multiply:
            let (result, overflow) = x.multipliedReportingOverflow(by: y)
            if overflow { throw Self.overflow() }
            return .int(result)
        case .divide:
            guard y != 0 else { throw Failure(message: "division by zero") }
            return .double(Double(x) / Double(y))
        case .floorDivide:
            guard y != 0 else { throw Failure(message: "integer division or modulo by zero") }
            if x == Int.min && y == -1 { throw overflow() }
            var quotient = x / y
            if x % y != 0 && ((x < 0) != (y < 0)) { quotient -= 1 }
            return .int(quotient)
        case .modulo:
            guard y != 0 else { throw Failure(message: "integer division or modulo by zero") }
            if y == -1 { return .int(0) }
            var remainder = x % y
            if remainder != 0 && ((remainder < 0) != (y < 0)) { remainder += y }
            return .int(remainder)
        case .power:
            if y < 0 {
                guard x != 0 else { throw Failure(message: "0.0 cannot be raised to a negative power") }
                return .double(Foundation.pow(Double(x), Double(y)))
            }
            return .int(try integerPower(x, y))
        }
    }

    /// `x ** y` for `y >= 0` by repeated squaring.
    private static func integerPower(_ x: Int, _ y: Int) throws(Failure) -> Int {
        var result = 1
        var base = x
        var exponent = y
        while exponent > 0 {
            if exponent & 1 == 1 {
                let (product, overflow) = result.multipliedReportingOverflow(by: base)
                if overflow { throw Self.overflow() }
                result = product
            }
            exponent >>= 1
            if exponent > 0 {
                let (square, overflow) = base.multipliedReportingOverflow(by: base)
                if overflow { throw Self.overflow() }
                base = square
            }
        }
        return result
    }

    /// Python's float operators (an int operand converted), with CPython's error messages.
    private static func floatArithmetic(_ op: BinaryOperator, _ x: Double, _ y: Double) throws(Failure)
        -> TemplateValue
    {
        switch op {
        case .add: return .double(x + y)
        case .subtract: return .double(x - y)
        case .multiply: return .double(x * y)
        case .divide:
            guard y != 0 else { throw Failure(message: "float division by zero") }
            return .double(x / y)
        case .floorDivide:
            guard y != 0 else { throw Failure(message: "float floor division by zero") }
            return .double(floatDivmod(x, y).quotient)
        case .modulo:
            guard y != 0 else { throw Failure(message: "float modulo by zero") }
            return .double(floatDivmod(x, y).remainder)
        case .power:
            if x == 0 && y < 0 { throw Failure(message: "0.0 cannot be raised to a negative power") }
            if x < 0 && y != y.rounded() {
                throw Failure(message: "negative number cannot be raised to a fractional power")
            }
            let result = Foundation.pow(x, y)
            if result.isInfinite && x.isFinite && y.isFinite {
                throw Failure(message: "numerical result out of range")
            }
            return .double(result)
        }
    }

    /// CPython's float_divmod.
    static func floatDivmod(_ vx: Double, _ wx: Double) -> (quotient: Double, remainder: Double) {
        var remainder = fmod(vx, wx)
        var division = (vx - remainder) / wx
        if remainder != 0 {
            if (wx < 0) != (remainder < 0) {
                remainder += wx
                division -= 1
            }
        } else {
            remainder = copysign(0, wx)
        }
        var quotient: Double
        if division != 0 {
            quotient = floor(division)
            if division - quotient > 0.5 { quotient += 1 }
        } else {
            quotient = copysign(0, vx / wx)
        }
        return (quotient, remainder)
    }

    /// Python's truth value (undefined values are rejected before this).
    static func isTrue(_ value: Value) -> Bool {
        switch value {
        case .data(let data):
            switch data {
            case .none: return false
            case .bool(let flag): return flag
            case .int(let number): return number != 0
            case .double(let number): return number != 0
            case .string(let text): return !text.isEmpty
            case .list(let items): return !items.isEmpty
            case .dict(let dictionary): return !dictionary.isEmpty
            }
        case .tuple(let items), .valueList(let items): return !items.isEmpty
        case .undefined: return false
        case .macro, .loop, .method, .function: return true
        }
    }

    /// Python's `==`.
    static func equals(_ left: Value, _ right: Value) -> Bool {
        if let a = number(left), let b = number(right) {
            switch (a, b) {
            case (.int(let x), .int(let y)): return x == y
            default: return a.asDouble == b.asDouble
            }
        }
        switch (left, right) {
        case (.data(let a), .data(let b)): return dataEquals(a, b)
        case (.tuple(let a), .tuple(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { equals($0, $1) }
        case (.valueList, _), (_, .valueList):
            guard isList(left), isList(right) else { return false }
            let a = items(left)
            let b = items(right)
            return a.count == b.count && zip(a, b).allSatisfy { equals($0, $1) }
        default: return false
        }
    }

    static func dataEquals(_ a: TemplateValue, _ b: TemplateValue) -> Bool {
        if let m = number(.data(a)), let n = number(.data(b)) {
            if case .int(let x) = m, case .int(let y) = n { return x == y }
            return m.asDouble == n.asDouble
        }
        switch (a, b) {
        case (.none, .none): return true
        case (.string(let x), .string(let y)): return x.utf8.elementsEqual(y.utf8)
        case (.list(let x), .list(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { dataEquals($0, $1) }
        case (.dict(let x), .dict(let y)):
            guard x.count == y.count else { return false }
            for (key, value) in x {
                guard let other = y[key], dataEquals(value, other) else { return false }
            }
            return true
        default: return false
        }
    }

    /// Python's ordering (`<`); nil when the types cannot be ordered.
    static func less(_ left: Value, _ right: Value) -> Bool? {
        if let a = number(left), let b = number(right) {
            switch (a, b) {
            case (.int(let x), .int(let y)): return x < y
            default: return a.asDouble < b.asDouble
            }
        }
        switch (left, right) {
        case (.data(.string(let a)), .data(.string(let b))):
            return a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars)
        case (.tuple(let a), .tuple(let b)): return sequenceLess(a, b)
        default:
            if isList(left) && isList(right) { return sequenceLess(items(left), items(right)) }
            return nil
        }
    }

    private static func sequenceLess(_ a: [Value], _ b: [Value]) -> Bool? {
        for (x, y) in zip(a, b) where !equals(x, y) { return less(x, y) }
        return a.count < b.count
    }

    /// `needle in haystack`; nil when the haystack does not support `in`.
    static func contains(_ haystack: Value, _ needle: Value) -> Bool? {
        switch haystack {
        case .data(.string(let text)):
            guard case .data(.string(let part)) = needle else { return nil }
            return part.isEmpty || text.utf8.firstRange(of: part.utf8) != nil
        case .data(.list(let items)):
            return items.contains { equals(.data($0), needle) }
        case .tuple(let items), .valueList(let items):
            return items.contains { equals($0, needle) }
        case .data(.dict(let dictionary)):
            guard case .data(.string(let key)) = needle else { return false }
            return dictionary[key] != nil
        default: return nil
        }
    }
}
