import RelnaCore

/// The code-generation filters: `pyrepr` (a Python literal), `pyident` (a Python identifier) and
/// `snake_case`. Their output can always be pasted into Python source as is.
enum CodeGeneration {
    /// An ASCII Python identifier (non-ASCII names are valid Python but kept out of generated code).
    static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.utf8.first, Lexer.isNameStart(first) else { return false }
        return text.utf8.allSatisfy { Lexer.isNameStart($0) || ($0 >= 0x30 && $0 <= 0x39) }
    }

    enum Failure: Error {
        case message(String)
    }

    /// `repr(value)` as Python prints it; non-finite floats have no literal and are an error.
    static func pyrepr(_ value: TemplateValue) throws(Failure) -> String {
        var out = ""
        try PythonText.appendRepr(value, to: &out) { (number) throws(Failure) in
            guard number.isFinite else {
                let text = PythonText.floatRepr(number)
                throw .message("pyrepr: \(text) has no Python literal (float('\(text)') is not a constant)")
            }
        }
        return out
    }

    static func pyident(_ text: String) throws(Failure) -> String {
        if PythonKeywords.all.contains(text) {
            throw .message("pyident: '\(text)' is a Python keyword and cannot be used as an identifier")
        }
        guard isIdentifier(text) else {
            var shown = ""
            PythonText.appendStringRepr(text, to: &shown)
            throw .message(
                "pyident: \(shown) is not a valid Python identifier (letters, digits and '_', not starting with a digit)"
            )
        }
        return text
    }

    /// Lower-case words joined by `_`: `HTTPServer2Go` → `http_server2_go`, `learning-rate` → `learning_rate`.
    static func snakeCase(_ text: String) -> String {
        // Work on ASCII letters and digits; every other character separates words.
        let scalars = Array(text.unicodeScalars)
        func isUpper(_ s: Unicode.Scalar) -> Bool { s.value >= 0x41 && s.value <= 0x5A }
        func isLower(_ s: Unicode.Scalar) -> Bool { s.value >= 0x61 && s.value <= 0x7A }
        func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 0x30 && s.value <= 0x39 }
        // 1. `([A-Z]+)([A-Z][a-z])` → `\1_\2`
        var first: [Unicode.Scalar] = []
        var index = 0
        while index < scalars.count {
            if isUpper(scalars[index]) {
                var end = index
                while end < scalars.count, isUpper(scalars[end]) { end += 1 }
                let run = scalars[index..<end]
                if run.count >= 2, end < scalars.count, isLower(scalars[end]) {
                    first += run.dropLast()
                    first.append("_")
                    first.append(run[end - 1])
                } else {
                    first += run
                }
                index = end
            } else {
                first.append(scalars[index])
                index += 1
            }
        }
        // 2. `([a-z0-9])([A-Z])` → `\1_\2`
        var second: [Unicode.Scalar] = []
        for (position, scalar) in first.enumerated() {
            if position > 0, isUpper(scalar), isLower(first[position - 1]) || isDigit(first[position - 1]) {
                second.append("_")
            }
            second.append(scalar)
        }
        // 3. `[^A-Za-z0-9]+` → `_`, then strip `_` and lower-case.
        var out = ""
        var pendingSeparator = false
        for scalar in second {
            if isUpper(scalar) || isLower(scalar) || isDigit(scalar) {
                if pendingSeparator && !out.isEmpty { out += "_" }
                pendingSeparator = false
                out.unicodeScalars.append(
                    isUpper(scalar) ? Unicode.Scalar(scalar.value + 32) ?? scalar : scalar)
            } else {
                pendingSeparator = true
            }
        }
        return out
    }
}
