import Manifest
import PythonInspector
import TemplateEngine

/// The names a domain reads as code, for the unused-hyperparameter check. Templates: the names,
/// attributes and string literals of their expressions (`hp.get("gamma")`), and their literal text
/// read as Python when they make a Python file. Copied Python files and the starter agents (which
/// read `HYPERPARAMS`): their code, through the Python tokenizer. A docstring or a comment never
/// counts as a read.
enum SkeletonReads {
    static func names(of stage: TemplateStage, sources: [SkeletonFile: String]) -> Set<String> {
        var names: Set<String> = []
        var pythonTemplates: Set<String> = []
        for file in stage.manifest.skeleton {
            let isPython = file.output.hasSuffix(".py")
            if file.render {
                if isPython { pythonTemplates.insert(stage.templateName(of: file)) }
            } else if let source = sources[file] {
                names.formUnion(code(source, isPython: isPython))
            }
        }
        for template in stage.parsed {
            let analysis = template.analysis
            names.formUnion(analysis.variables.map(\.name))
            names.formUnion(analysis.attributes.map(\.name))
            names.formUnion(analysis.strings.map(\.name))
            let isPython =
                pythonTemplates.contains(template.name)
                || template.name.hasSuffix(".py") || template.name.hasSuffix(".py.j2")
            names.formUnion(code(analysis.literalText, isPython: isPython))
        }
        // A template that does not parse may read any word of its text.
        for source in stage.unparsedSources { names.formUnion(PythonCodeNames.identifierWords(in: source)) }
        for framework in stage.manifest.frameworks {
            if let starter = stage.folder.read("starters/\(framework.name).py") {
                names.formUnion(PythonCodeNames.of(starter))
            }
        }
        return names
    }

    private static func code(_ text: String, isPython: Bool) -> Set<String> {
        isPython ? PythonCodeNames.of(Array(text.utf8)) : PythonCodeNames.identifierWords(in: text)
    }
}
