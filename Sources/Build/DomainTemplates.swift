import RelnaCore
import TemplateEngine

/// Template errors, each as a diagnostic located in its template file.
struct TemplateFailure: Error {
    var diagnostics: [Diagnostic]
}

/// A domain's rendered skeleton files, parsed once by the template engine and rendered per build.
struct DomainTemplates: Sendable {
    let environment: TemplateEnvironment
    /// Template name → the path diagnostics show.
    let displayPaths: [String: String]

    init(
        _ sources: [SkeletonSource], includable: [String: [UInt8]] = [:],
        displayPath: (String) -> String = { $0 }
    ) throws(TemplateFailure) {
        var texts = includable.mapValues { String(decoding: $0, as: UTF8.self) }
        var paths: [String: String] = [:]
        for name in includable.keys { paths[name] = displayPath(name) }
        for source in sources {
            texts[source.name] = String(decoding: source.bytes, as: UTF8.self)
            paths[source.name] = displayPath(source.name)
        }
        environment = TemplateEnvironment(loader: DictionaryLoader(texts))
        displayPaths = paths
        var problems: [Diagnostic] = []
        for source in sources {
            do {
                _ = try environment.template(named: source.name)
            } catch {
                problems.append(diagnostic(error))
            }
        }
        guard problems.isEmpty else { throw TemplateFailure(diagnostics: problems) }
    }

    func render(_ name: String, context: TemplateDictionary) throws(TemplateFailure) -> String {
        do {
            return try environment.render(named: name, context: context)
        } catch {
            throw TemplateFailure(diagnostics: [diagnostic(error)])
        }
    }

    func diagnostic(_ error: TemplateError) -> Diagnostic {
        Diagnostic(
            severity: .error, code: "template-error",
            file: displayPaths[error.templateName] ?? error.templateName,
            line: error.line, column: error.column, message: error.message)
    }
}
