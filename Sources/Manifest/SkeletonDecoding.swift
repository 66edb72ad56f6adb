import RelnaYAML

extension ManifestDecoder {
    static func decodeSkeleton(_ node: YAMLNode, agentPath: String?, _ reader: inout NodeReader)
        -> [SkeletonFile]?
    {
        guard let items = reader.sequence(node, "skeleton") else { return nil }
        var result: [SkeletonFile] = []
        var outputs: [String: Int] = [:]
        var ok = true
        for (index, item) in items.enumerated() {
            let path = "skeleton[\(index)]"
            guard
                let map = reader.mapping(
                    item, path, known: ["source", "shared", "output", "render"], required: ["output"])
            else {
                ok = false
                continue
            }
            var source: SkeletonFile.Source?
            switch (map["source"], map["shared"]) {
            case (let node?, nil):
                source = relativePath(node, "\(path).source", &reader).map(SkeletonFile.Source.domain)
            case (nil, let node?):
                source = relativePath(node, "\(path).shared", &reader).map(SkeletonFile.Source.shared)
            case (_?, let node?):
                reader.error("manifest-value", node, path, "give either source or shared, not both")
            case (nil, nil):
                reader.error(
                    "manifest-missing-key", item, "\(path).source", "required key is missing (or shared)")
            }
            let sourceNode = map["source"] ?? map["shared"] ?? item
            let output = map["output"].flatMap { relativePath($0, "\(path).output", &reader) }
            let render = map["render"].map { reader.bool($0, "\(path).render") }
            // Outputs are checked even when the source is wrong, so every clash is reported at once.
            if let output, let outputNode = map["output"] {
                if let first = outputs[output] {
                    reader.error(
                        "manifest-duplicate-output", outputNode, "\(path).output",
                        "'\(output)' is already the output of skeleton[\(first)]")
                    ok = false
                } else if reservedOutputs.contains(output) || output == agentPath {
                    reader.error(
                        "manifest-duplicate-output", outputNode, "\(path).output",
                        "'\(output)' is written by relna-pack itself and cannot come from the skeleton")
                    ok = false
                } else if !output.hasPrefix("trainer/") {
                    reader.error(
                        "manifest-bad-path", outputNode, "\(path).output",
                        "'\(output)' must be inside the trainer/ package")
                    ok = false
                }
                outputs[output] = outputs[output] ?? index
            }
            guard let source, let output, render != .some(nil) else {
                ok = false
                continue
            }
            result.append(
                SkeletonFile(
                    source: source, output: output, render: (render ?? nil) ?? source.path.hasSuffix(".j2"),
                    line: sourceNode.line, column: sourceNode.column))
        }
        return ok ? result : nil
    }

    private static func relativePath(_ node: YAMLNode, _ path: String, _ reader: inout NodeReader) -> String?
    {
        guard let text = reader.line(node, path) else { return nil }
        guard Names.isSafeRelativePath(text) else {
            reader.error(
                "manifest-bad-path", node, path,
                "'\(text)' must be a relative path that stays inside its folder (no leading '/', no '..')")
            return nil
        }
        return text
    }
}
