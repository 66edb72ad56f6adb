import Foundation

/// The one JSON document an authoring command prints with `--json`: keys sorted, so the output is
/// the same bytes for the same input, and slashes left alone, so paths stay readable.
enum JSONText {
    static func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding these plain value types cannot fail; an empty object keeps stdout valid JSON if it did.
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}

extension TemplateCheckReport {
    /// The report as one JSON document (docs/templates.md, section 4).
    public var jsonText: String { JSONText.encode(self) }

    /// Every diagnostic as the command line prints it: location, message, the source line with a
    /// caret, and the hint. Source lines come from the generated text or the file on disk.
    public func formattedDiagnostics(color: Bool) -> String {
        diagnostics.map { diagnostic in
            let source =
                generatedSources[diagnostic.file]
                ?? (diagnostic.line > 0
                    ? FileManager.default.contents(atPath: diagnostic.file).map {
                        String(decoding: $0, as: UTF8.self)
                    } : nil)
            return diagnostic.formatted(source: source, color: color)
        }.joined(separator: "\n")
    }
}

extension DomainExplanation {
    public var jsonText: String { JSONText.encode(self) }
}
