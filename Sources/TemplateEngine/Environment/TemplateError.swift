/// A syntax or render error, located in a template by line and column.
///
/// The printed form (`description`) is `name:line:column: error: message`, the source line, a caret
/// under the column and, for errors inside included templates, the chain of include sites.
public struct TemplateError: Error, Sendable, CustomStringConvertible, Hashable {
    /// Where a template was included from.
    public struct IncludeSite: Sendable, Hashable {
        public var templateName: String
        public var line: Int
        public var column: Int
    }

    public var templateName: String
    /// 1-based; 0 when the error concerns the template as a whole (for example, it was not found).
    public var line: Int
    /// 1-based, counted in Unicode scalars; 0 with `line` 0.
    public var column: Int
    public var message: String
    /// The text of the offending line, without its newline.
    public var sourceLine = ""
    /// Innermost first: the include statement that included `templateName`, then its includer, ….
    public var includeChain: [IncludeSite] = []
    /// The error says a template name could not be loaded.
    public var isTemplateNotFound = false

    public var description: String { formatted(color: false) }

    public func formatted(color: Bool) -> String {
        func style(_ text: String, _ code: String) -> String {
            color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
        }
        var location = templateName
        if line > 0 { location += ":\(line):\(column)" }
        var out = style(location + ":", "1") + " " + style("error:", "1;31") + " " + style(message, "1")
        if line > 0 {
            out += "\n" + sourceLine
            // Keep tabs so the caret lines up under tab-indented text.
            let pad = String(
                String.UnicodeScalarView(
                    sourceLine.unicodeScalars.prefix(max(0, column - 1)).map {
                        $0 == "\t" ? "\t" : " "
                    }))
            out += "\n" + pad + style("^", "1;32")
        }
        for site in includeChain {
            out += "\n  in template included from \(site.templateName):\(site.line):\(site.column)"
        }
        return out
    }
}

/// Only the engine makes these errors: with the memberwise initializer, or located in a source.
extension TemplateError {
    /// Locates `message` at line and column in `source`.
    init(templateName: String, line: Int, column: Int, message: String, source: String) {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        let text = line >= 1 && line <= lines.count ? String(lines[line - 1]) : ""
        self.init(templateName: templateName, line: line, column: column, message: message, sourceLine: text)
    }

    /// Locates `message` at the UTF-8 byte `offset` of `source`.
    init(templateName: String, offset: Int, message: String, source: SourceText) {
        let (line, column, text) = source.location(of: offset)
        self.init(templateName: templateName, line: line, column: column, message: message, sourceLine: text)
    }
}

/// A template's text as UTF-8 bytes, with line lookup for error locations.
struct SourceText: Sendable {
    let bytes: [UInt8]

    /// 1-based line and column (in Unicode scalars) of a byte offset, and the text of that line.
    func location(of offset: Int) -> (line: Int, column: Int, text: String) {
        let clamped = max(0, min(offset, bytes.count))
        var line = 1
        var lineStart = 0
        var index = 0
        while index < clamped {
            if bytes[index] == 0x0A {
                line += 1
                lineStart = index + 1
            }
            index += 1
        }
        var column = 1
        index = lineStart
        while index < clamped {
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        var lineEnd = lineStart
        while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
        return (line, column, String(decoding: bytes[lineStart..<lineEnd], as: UTF8.self))
    }

    /// "line:column" of an offset, for messages that point elsewhere ("opened at 3:5").
    func position(of offset: Int) -> String {
        let (line, column, _) = location(of: offset)
        return "\(line):\(column)"
    }
}
