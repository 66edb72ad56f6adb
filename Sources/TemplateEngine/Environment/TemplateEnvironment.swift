import Foundation

/// Loads, caches and renders templates by name; safe to share between threads.
public final class TemplateEnvironment: Sendable {
    public let loader: any TemplateLoader
    public let limits: TemplateLimits
    private let cache = Cache()

    /// Parsed templates by name, behind a lock.
    private final class Cache: @unchecked Sendable {
        private let lock = NSLock()
        private var templates: [String: Template] = [:]

        func get(_ name: String) -> Template? {
            lock.lock()
            defer { lock.unlock() }
            return templates[name]
        }

        func put(_ template: Template) {
            lock.lock()
            defer { lock.unlock() }
            templates[template.name] = template
        }
    }

    public init(loader: any TemplateLoader, limits: TemplateLimits = .default) {
        self.loader = loader
        self.limits = limits
    }

    /// The parsed template `named`, from the cache or freshly loaded and parsed.
    public func template(named name: String) throws(TemplateError) -> Template {
        if let cached = cache.get(name) { return cached }
        let source = try loader.source(named: name)
        let template = try Template(source: source, name: name)
        cache.put(template)
        return template
    }

    public func render(named name: String, context: TemplateDictionary) throws(TemplateError) -> String {
        try render(try template(named: name), context: context)
    }

    public func render(_ template: Template, context: TemplateDictionary) throws(TemplateError) -> String {
        try Renderer(body: template.body, context: context, environment: self, limits: limits).render()
    }
}
