/// A parsed template: its name, its source (for error locations) and its syntax tree.
final class TemplateBody: Sendable {
    let name: String
    let source: SourceText
    let nodes: [Node]

    init(name: String, source: SourceText, nodes: [Node]) {
        self.name = name
        self.source = source
        self.nodes = nodes
    }
}
