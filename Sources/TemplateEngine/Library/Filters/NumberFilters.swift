import Foundation

/// The filters that convert to and round numbers, with Jinja2 3.1's semantics (its `filters.py`).
extension Renderer {
    func absFilter(_ call: FilterCall) throws(TemplateError) -> Value {
        _ = try bind(call, [])
        switch PythonOperators.number(call.input) {
        case .int(let number)?:
            guard number != Int.min else { throw fail("integer result is too large", at: call.offset) }
            return .int(Swift.abs(number))
        case .double(let number)?: return .double(Swift.abs(number))
        case nil: throw fail("bad operand type for abs(): '\(call.input.typeName)'", at: call.offset)
        }
    }

    func floatFilter(_ call: FilterCall) throws(TemplateError) -> Value {
        let args = try bind(call, ["default"])
        let fallback = args[0] ?? .double(0)
        switch call.input {
        case .data(.double): return call.input
        case .data(.int(let number)): return .double(Double(number))
        case .data(.bool(let flag)): return .double(flag ? 1 : 0)
        case .data(.string(let text)): return TextFunctions.parseFloat(text).map(Value.double) ?? fallback
        default: return fallback
        }
    }

    func intFilter(_ call: FilterCall) throws(TemplateError) -> Value {
        let args = try bind(call, ["default", "base"])
        let fallback = args[0] ?? .int(0)
        let base = try intArgument(args[1], 10, "base", at: call.offset)
        switch call.input {
        case .data(.int): return call.input
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
    }

    func roundFilter(_ call: FilterCall) throws(TemplateError) -> Value {
        let args = try bind(call, ["precision", "method"])
        let precision = try intArgument(args[0], 0, "precision", at: call.offset)
        let method = try stringArgument(args[1], "common", at: call.offset)
        guard ["common", "ceil", "floor"].contains(method) else {
            throw fail("method must be 'common', 'ceil' or 'floor'", at: call.offset)
        }
        guard let number = PythonOperators.number(call.input) else {
            throw fail("filter 'round' expects a number, got \(call.input.typeName)", at: call.offset)
        }
        if method == "common" {
            if case .int(let integer) = number, precision >= 0 { return .int(integer) }
            return .double(Self.pythonRound(number.asDouble, precision))
        }
        let scale = Foundation.pow(10.0, Double(precision))
        let scaled = number.asDouble * scale
        return .double((method == "ceil" ? Foundation.ceil(scaled) : Foundation.floor(scaled)) / scale)
    }

    /// Python's `round(x, n)`: correctly rounded, halves to even.
    static func pythonRound(_ value: Double, _ precision: Int) -> Double {
        guard value.isFinite else { return value }
        if precision == 0 { return value.rounded(.toNearestOrEven) }
        if precision > 22 { return value }
        if precision < 0 {
            let scale = Foundation.pow(10.0, Double(-precision))
            return (value / scale).rounded(.toNearestOrEven) * scale
        }
        // printf rounds the exact binary value half-to-even, as CPython's round does.
        return Double(String(format: "%.\(precision)f", value)) ?? value
    }
}
