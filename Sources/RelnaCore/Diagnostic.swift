import Foundation

/// One finding about a user's input (agent file, manifest, template, flag), located in its file.
///
/// Shared by every checker so that the command line prints them one way (`path:line:column: error: …`,
/// the source line, a caret, the hint) and `--json` reports them with the same fields.
public struct Diagnostic: Sendable, Hashable, Codable {
    public enum Severity: String, Sendable, Hashable, Codable, Comparable {
        case error
        case warning
        case note

        private var rank: Int {
            switch self {
            case .error: 0
            case .warning: 1
            case .note: 2
            }
        }

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    public var severity: Severity
    /// A stable identifier scripts can match on, e.g. `missing-entry-point`, `manifest-unknown-key`.
    public var code: String
    /// The path as the user named it (or `<stdin>`).
    public var file: String
    /// 1-based; 0 when the finding is about the file as a whole.
    public var line: Int
    /// 1-based, counted in Unicode scalars; 0 when the finding is about the file or line as a whole.
    public var column: Int
    public var message: String
    /// What to write instead, when there is a concrete suggestion.
    public var hint: String?

    public init(
        severity: Severity, code: String, file: String, line: Int, column: Int, message: String,
        hint: String? = nil
    ) {
        self.severity = severity
        self.code = code
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.hint = hint
    }

    /// `file:line:column: severity: message`, then the source line with a caret and the hint.
    ///
    /// `source` is the text of `file`, used to show the offending line; pass nil when unavailable.
    public func formatted(source: String?, color: Bool = false) -> String {
        let style = TerminalStyle(enabled: color)
        var location = file
        if line > 0 {
            location += ":\(line)"
            if column > 0 { location += ":\(column)" }
        }
        let label: String
        switch severity {
        case .error: label = style.red("error:")
        case .warning: label = style.magenta("warning:")
        case .note: label = style.cyan("note:")
        }
        var out = style.bold("\(location):") + " " + label + " " + style.bold(message)
        if line > 0, let source, let text = Diagnostic.line(line, of: source) {
            out += "\n" + text
            if column > 0 {
                let prefix = text.unicodeScalars.prefix(column - 1)
                // Keep tabs so the caret lines up under tab-indented code.
                let pad = String(String.UnicodeScalarView(prefix.map { $0 == "\t" ? "\t" : " " }))
                out += "\n" + pad + style.green("^")
            }
        }
        if let hint { out += "\n" + style.cyan("hint:") + " " + hint }
        return out
    }

    /// The 1-based line `number` of `source`, without its line terminator (\n, \r\n or \r).
    public static func line(_ number: Int, of source: String) -> String? {
        guard number > 0 else { return nil }
        var current = 1
        var start = source.unicodeScalars.startIndex
        let scalars = source.unicodeScalars
        var index = start
        while index < scalars.endIndex {
            let scalar = scalars[index]
            if scalar == "\n" || scalar == "\r" {
                if current == number { return String(scalars[start..<index]) }
                var next = scalars.index(after: index)
                if scalar == "\r", next < scalars.endIndex, scalars[next] == "\n" {
                    next = scalars.index(after: next)
                }
                current += 1
                start = next
                index = next
                continue
            }
            index = scalars.index(after: index)
        }
        return current == number && start < scalars.endIndex ? String(scalars[start...]) : nil
    }
}

/// ANSI styling that is a no-op unless enabled (only on a terminal, never with NO_COLOR).
public struct TerminalStyle: Sendable {
    public var enabled: Bool

    public init(enabled: Bool) { self.enabled = enabled }

    /// Colour for a stream: a terminal, and NO_COLOR unset (https://no-color.org).
    public static func forStream(fileDescriptor: Int32) -> TerminalStyle {
        let noColor = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        return TerminalStyle(enabled: !noColor && isatty(fileDescriptor) == 1)
    }

    private func wrap(_ text: String, _ code: String) -> String {
        enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    public func bold(_ text: String) -> String { wrap(text, "1") }
    public func red(_ text: String) -> String { wrap(text, "1;31") }
    public func green(_ text: String) -> String { wrap(text, "1;32") }
    public func magenta(_ text: String) -> String { wrap(text, "1;35") }
    public func cyan(_ text: String) -> String { wrap(text, "1;36") }
}
