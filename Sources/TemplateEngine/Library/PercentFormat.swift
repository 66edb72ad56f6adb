import Foundation

/// Python's printf-style formatting (`"%s=%.2f" % (a, b)`, the `format` filter).
extension Renderer {
    func percentFormat(_ format: String, arguments: Value, at offset: Int) throws(TemplateError) -> String {
        var positional: [Value]
        var mapping: TemplateDictionary? = nil
        switch arguments {
        case .tuple(let items): positional = items
        case .data(.dict(let dictionary)):
            mapping = dictionary
            positional = [arguments]
        default: positional = [arguments]
        }
        let scalars = Array(format.unicodeScalars)
        var out = ""
        var index = 0
        var next = 0
        func fail(_ message: String) -> TemplateError { self.fail(message, at: offset) }
        func nextArgument() throws(TemplateError) -> Value {
            guard next < positional.count else { throw fail("not enough arguments for format string") }
            next += 1
            return positional[next - 1]
        }
        var usedMapping = false
        while index < scalars.count {
            let scalar = scalars[index]
            guard scalar == "%" else {
                out.unicodeScalars.append(scalar)
                index += 1
                continue
            }
            index += 1
            guard index < scalars.count else { throw fail("incomplete format") }
            var keyed: Value? = nil
            if scalars[index] == "(" {
                guard let mapping else { throw fail("format requires a mapping") }
                var end = index + 1
                while end < scalars.count, scalars[end] != ")" { end += 1 }
                guard end < scalars.count else { throw fail("incomplete format key") }
                var key = String.UnicodeScalarView()
                key.append(contentsOf: scalars[(index + 1)..<end])
                guard let value = mapping[String(key)] else {
                    throw fail("format key '\(String(key))' is missing")
                }
                keyed = .data(value)
                usedMapping = true
                index = end + 1
            }
            var flags = ""
            while index < scalars.count, "-+ #0".unicodeScalars.contains(scalars[index]) {
                flags.unicodeScalars.append(scalars[index])
                index += 1
            }
            var width: Int? = nil
            if index < scalars.count, scalars[index] == "*" {
                guard case .int(let number)? = PythonOperators.number(try nextArgument()) else {
                    throw fail("* wants int")
                }
                width = number
                index += 1
            } else {
                var digits = ""
                while index < scalars.count, ("0"..."9").contains(scalars[index]) {
                    digits.unicodeScalars.append(scalars[index])
                    index += 1
                }
                if !digits.isEmpty {
                    guard let number = Int(digits), number < 10_000 else { throw fail("width too big") }
                    width = number
                }
            }
            var precision: Int? = nil
            if index < scalars.count, scalars[index] == "." {
                index += 1
                var digits = ""
                while index < scalars.count, ("0"..."9").contains(scalars[index]) {
                    digits.unicodeScalars.append(scalars[index])
                    index += 1
                }
                guard let number = Int(digits.isEmpty ? "0" : digits), number < 10_000 else {
                    throw fail("precision too big")
                }
                precision = number
            }
            while index < scalars.count, "hlL".unicodeScalars.contains(scalars[index]) { index += 1 }
            guard index < scalars.count else { throw fail("incomplete format") }
            let conversion = scalars[index]
            index += 1
            if conversion == "%" {
                out += "%"
                continue
            }
            let argument: Value
            if let keyed { argument = keyed } else { argument = try nextArgument() }
            _ = try defined(argument)
            var body: String
            switch conversion {
            case "s", "r", "a":
                body = conversion == "s" ? try str(argument, at: offset) : try repr(argument, at: offset)
                if let precision {
                    body = String(String.UnicodeScalarView(body.unicodeScalars.prefix(precision)))
                }
            case "d", "i", "u", "x", "X", "o", "c":
                var integer: Int
                switch PythonOperators.number(argument) {
                case .int(let number)?: integer = number
                case .double(let number)?:
                    guard conversion == "d" || conversion == "i" || conversion == "u", number.isFinite,
                        abs(number) < 9.2e18
                    else { throw fail("%\(Character(conversion)) format: an integer is required, not float") }
                    integer = Int(number)
                case nil:
                    throw fail(
                        "%\(Character(conversion)) format: a real number is required, not \(argument.typeName)"
                    )
                }
                if conversion == "c" {
                    guard let character = Unicode.Scalar(UInt32(clamping: max(0, integer))) else {
                        throw fail("%c arg not in range")
                    }
                    body = String(Character(character))
                    break
                }
                let radix = conversion == "x" || conversion == "X" ? 16 : conversion == "o" ? 8 : 10
                var digits = String(integer.magnitude, radix: radix, uppercase: conversion == "X")
                if let precision, digits.count < precision {
                    digits = String(repeating: "0", count: precision - digits.count) + digits
                }
                if flags.contains("#") && radix != 10 {
                    digits = (radix == 16 ? (conversion == "X" ? "0X" : "0x") : "0o") + digits
                }
                let sign = integer < 0 ? "-" : flags.contains("+") ? "+" : flags.contains(" ") ? " " : ""
                body = pad(sign: sign, digits: digits, width: width, flags: flags)
                out += body
                continue
            case "f", "F", "e", "E", "g", "G":
                guard let number = PythonOperators.number(argument)?.asDouble else {
                    throw fail("must be real number, not \(argument.typeName)")
                }
                let digits: String
                if !number.isFinite {
                    digits = number.isNaN ? "nan" : "inf"
                } else {
                    var spec = "%"
                    if flags.contains("#") { spec += "#" }
                    spec += ".\(precision ?? 6)" + String(Character(conversion))
                    digits = String(format: spec, number.magnitude)
                }
                let shown =
                    conversion == "F" || conversion == "E" || conversion == "G" ? digits.uppercased() : digits
                let sign =
                    number.sign == .minus && !(number.isNaN)
                    ? "-" : flags.contains("+") ? "+" : flags.contains(" ") ? " " : ""
                out += pad(
                    sign: sign, digits: shown, width: width,
                    flags: number.isFinite ? flags : flags.replacingZero())
                continue
            default:
                throw fail("unsupported format character '\(Character(conversion))'")
            }
            if let width, body.unicodeScalars.count < width {
                let padding = String(repeating: " ", count: width - body.unicodeScalars.count)
                body = flags.contains("-") ? body + padding : padding + body
            }
            out += body
        }
        if mapping == nil || !usedMapping, next < positional.count, mapping == nil {
            throw fail("not all arguments converted during string formatting")
        }
        return out
    }

    private func pad(sign: String, digits: String, width: Int?, flags: String) -> String {
        guard let width, sign.count + digits.count < width else { return sign + digits }
        let fill = width - sign.count - digits.count
        if flags.contains("-") { return sign + digits + String(repeating: " ", count: fill) }
        if flags.contains("0") { return sign + String(repeating: "0", count: fill) + digits }
        return String(repeating: " ", count: fill) + sign + digits
    }
}

extension String {
    fileprivate func replacingZero() -> String { String(filter { $0 != "0" }) }
}
