import Foundation

/// Python's printf-style formatting (`"%s=%.2f" % (a, b)`, the `format` filter).
extension Renderer {
    func percentFormat(_ format: String, arguments: Value, at offset: Int) throws(TemplateError) -> String {
        var formatter = PercentFormatter(renderer: self, format: format, arguments: arguments, offset: offset)
        return try formatter.run()
    }
}

/// One conversion specifier: `%(key)-08.3f`.
struct PercentSpec {
    /// The mapping's value for `%(key)…`.
    var keyed: Value?
    var flags = ""
    var width: Int?
    var precision: Int?
    var conversion: Unicode.Scalar = "%"
}

/// Reads a format string from left to right, taking arguments as its specifiers ask for them.
struct PercentFormatter {
    let renderer: Renderer
    let scalars: [Unicode.Scalar]
    let offset: Int
    let positional: [Value]
    let mapping: TemplateDictionary?
    var index = 0
    var next = 0
    var usedMapping = false

    init(renderer: Renderer, format: String, arguments: Value, offset: Int) {
        self.renderer = renderer
        self.offset = offset
        scalars = Array(format.unicodeScalars)
        switch arguments {
        case .tuple(let items):
            positional = items
            mapping = nil
        case .data(.dict(let dictionary)):
            mapping = dictionary
            positional = [arguments]
        default:
            positional = [arguments]
            mapping = nil
        }
    }

    func fail(_ message: String) -> TemplateError { renderer.fail(message, at: offset) }

    mutating func nextArgument() throws(TemplateError) -> Value {
        guard next < positional.count else { throw fail("not enough arguments for format string") }
        next += 1
        return positional[next - 1]
    }

    mutating func run() throws(TemplateError) -> String {
        var out = ""
        while index < scalars.count {
            let scalar = scalars[index]
            guard scalar == "%" else {
                out.unicodeScalars.append(scalar)
                index += 1
                continue
            }
            index += 1
            let spec = try parseSpec()
            if spec.conversion == "%" {
                out += "%"
                continue
            }
            let argument: Value
            if let keyed = spec.keyed { argument = keyed } else { argument = try nextArgument() }
            _ = try renderer.defined(argument)
            out += try convert(argument, spec)
        }
        if mapping == nil || !usedMapping, next < positional.count, mapping == nil {
            throw fail("not all arguments converted during string formatting")
        }
        return out
    }

    // MARK: - The specifier

    private mutating func parseSpec() throws(TemplateError) -> PercentSpec {
        guard index < scalars.count else { throw fail("incomplete format") }
        var spec = PercentSpec()
        if scalars[index] == "(" { spec.keyed = try parseKey() }
        while index < scalars.count, "-+ #0".unicodeScalars.contains(scalars[index]) {
            spec.flags.unicodeScalars.append(scalars[index])
            index += 1
        }
        spec.width = try parseWidth()
        spec.precision = try parsePrecision()
        while index < scalars.count, "hlL".unicodeScalars.contains(scalars[index]) { index += 1 }
        guard index < scalars.count else { throw fail("incomplete format") }
        spec.conversion = scalars[index]
        index += 1
        return spec
    }

    private mutating func parseKey() throws(TemplateError) -> Value {
        guard let mapping else { throw fail("format requires a mapping") }
        var end = index + 1
        while end < scalars.count, scalars[end] != ")" { end += 1 }
        guard end < scalars.count else { throw fail("incomplete format key") }
        var key = String.UnicodeScalarView()
        key.append(contentsOf: scalars[(index + 1)..<end])
        guard let value = mapping[String(key)] else {
            throw fail("format key '\(String(key))' is missing")
        }
        usedMapping = true
        index = end + 1
        return .data(value)
    }

    private mutating func parseWidth() throws(TemplateError) -> Int? {
        if index < scalars.count, scalars[index] == "*" {
            guard case .int(let number)? = PythonOperators.number(try nextArgument()) else {
                throw fail("* wants int")
            }
            index += 1
            return number
        }
        let digits = readDigits()
        guard !digits.isEmpty else { return nil }
        guard let number = Int(digits), number < 10_000 else { throw fail("width too big") }
        return number
    }

    private mutating func parsePrecision() throws(TemplateError) -> Int? {
        guard index < scalars.count, scalars[index] == "." else { return nil }
        index += 1
        let digits = readDigits()
        guard let number = Int(digits.isEmpty ? "0" : digits), number < 10_000 else {
            throw fail("precision too big")
        }
        return number
    }

    private mutating func readDigits() -> String {
        var digits = ""
        while index < scalars.count, ("0"..."9").contains(scalars[index]) {
            digits.unicodeScalars.append(scalars[index])
            index += 1
        }
        return digits
    }

    // MARK: - Conversions

    private func convert(_ argument: Value, _ spec: PercentSpec) throws(TemplateError) -> String {
        switch spec.conversion {
        case "s", "r", "a":
            var body =
                spec.conversion == "s"
                ? try renderer.str(argument, at: offset) : try renderer.repr(argument, at: offset)
            if let precision = spec.precision {
                body = String(String.UnicodeScalarView(body.unicodeScalars.prefix(precision)))
            }
            return padded(body, spec)
        case "d", "i", "u", "x", "X", "o", "c":
            return try formatInteger(argument, spec)
        case "f", "F", "e", "E", "g", "G":
            return try formatFloat(argument, spec)
        default:
            throw fail("unsupported format character '\(Character(spec.conversion))'")
        }
    }

    private func formatInteger(_ argument: Value, _ spec: PercentSpec) throws(TemplateError) -> String {
        let conversion = spec.conversion
        let integer: Int
        switch PythonOperators.number(argument) {
        case .int(let number)?: integer = number
        case .double(let number)?:
            guard conversion == "d" || conversion == "i" || conversion == "u", number.isFinite,
                abs(number) < 9.2e18
            else { throw fail("%\(Character(conversion)) format: an integer is required, not float") }
            integer = Int(number)
        case nil:
            throw fail(
                "%\(Character(conversion)) format: a real number is required, not \(argument.typeName)")
        }
        if conversion == "c" {
            guard let character = Unicode.Scalar(UInt32(clamping: max(0, integer))) else {
                throw fail("%c arg not in range")
            }
            return padded(String(Character(character)), spec)
        }
        let flags = spec.flags
        let radix = conversion == "x" || conversion == "X" ? 16 : conversion == "o" ? 8 : 10
        var digits = String(integer.magnitude, radix: radix, uppercase: conversion == "X")
        if let precision = spec.precision, digits.count < precision {
            digits = String(repeating: "0", count: precision - digits.count) + digits
        }
        if flags.contains("#") && radix != 10 {
            digits = (radix == 16 ? (conversion == "X" ? "0X" : "0x") : "0o") + digits
        }
        let sign = integer < 0 ? "-" : flags.contains("+") ? "+" : flags.contains(" ") ? " " : ""
        return pad(sign: sign, digits: digits, width: spec.width, flags: flags)
    }

    private func formatFloat(_ argument: Value, _ spec: PercentSpec) throws(TemplateError) -> String {
        let (conversion, flags) = (spec.conversion, spec.flags)
        guard let number = PythonOperators.number(argument)?.asDouble else {
            throw fail("must be real number, not \(argument.typeName)")
        }
        let digits: String
        if !number.isFinite {
            digits = number.isNaN ? "nan" : "inf"
        } else {
            var format = "%"
            if flags.contains("#") { format += "#" }
            format += ".\(spec.precision ?? 6)" + String(Character(conversion))
            digits = String(format: format, number.magnitude)
        }
        let shown = conversion == "F" || conversion == "E" || conversion == "G" ? digits.uppercased() : digits
        let sign =
            number.sign == .minus && !(number.isNaN)
            ? "-" : flags.contains("+") ? "+" : flags.contains(" ") ? " " : ""
        return pad(
            sign: sign, digits: shown, width: spec.width,
            flags: number.isFinite ? flags : flags.replacingZero())
    }

    /// Text conversions pad with spaces, on the left unless the `-` flag asks for the right.
    private func padded(_ body: String, _ spec: PercentSpec) -> String {
        guard let width = spec.width, body.unicodeScalars.count < width else { return body }
        let padding = String(repeating: " ", count: width - body.unicodeScalars.count)
        return spec.flags.contains("-") ? body + padding : padding + body
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
