import Foundation
import RelnaCore

/// What `template check` found in one domain folder: every diagnostic, and what was checked.
public struct TemplateCheckReport: Sendable, Encodable {
    /// The domain's name, once the manifest could be read.
    public var domain: String?
    /// The folder as the user named it.
    public var directory: String
    public var diagnostics: [Diagnostic]
    /// Templates parsed (skeleton templates and the templates they include).
    public var templates: Int
    /// Frameworks rendered with their starters.
    public var frameworks: [String]
    /// Generated and copied files checked as Python, over all frameworks.
    public var generatedFiles: Int
    /// The text of each file a diagnostic names, when it is not a file on disk (generated output),
    /// so that the command line can show the offending line. Keyed by `Diagnostic.file`.
    public var generatedSources: [String: String]

    public init(directory: String) {
        self.directory = directory
        diagnostics = []
        templates = 0
        frameworks = []
        generatedFiles = 0
        generatedSources = [:]
    }

    public var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }
    public var warningCount: Int { diagnostics.filter { $0.severity == .warning }.count }
    /// Clean: no errors (warnings and notes allowed).
    public var ok: Bool { errorCount == 0 }

    enum CodingKeys: String, CodingKey {
        case domain, directory, ok, errors, warnings, templates, frameworks, diagnostics
        case generatedFiles = "generated_files"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(domain, forKey: .domain)
        try container.encode(directory, forKey: .directory)
        try container.encode(ok, forKey: .ok)
        try container.encode(errorCount, forKey: .errors)
        try container.encode(warningCount, forKey: .warnings)
        try container.encode(templates, forKey: .templates)
        try container.encode(frameworks, forKey: .frameworks)
        try container.encode(generatedFiles, forKey: .generatedFiles)
        try container.encode(diagnostics, forKey: .diagnostics)
    }

    /// `template check: DIR: 1 error, 2 warnings (4 templates, 3 frameworks, 9 generated files)`.
    public var summary: String {
        func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }
        let outcome =
            errorCount == 0 && warningCount == 0
            ? "ok" : [count(errorCount, "error"), count(warningCount, "warning")].joined(separator: ", ")
        return "template check: \(directory): \(outcome) (\(count(templates, "template")), "
            + "\(count(frameworks.count, "framework")), \(count(generatedFiles, "generated file")))"
    }
}

extension TemplateCheckReport {
    /// The report as one JSON document (docs/templates.md, section 4).
    public var jsonText: String { JSONValueEncoder.text(self) }

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
