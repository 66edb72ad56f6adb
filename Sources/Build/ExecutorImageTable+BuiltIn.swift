import Jobs
import Manifest

/// The image table compiled into relna-pack with the built-in domains.
extension ExecutorImageTable {
    /// `Templates/_shared/executor-images.yaml` as it was when relna-pack was built.
    public static let builtIn: ExecutorImageTable = {
        guard let bytes = BuiltInTemplates.file(fileName),
            let table = try? ExecutorImageTable(yaml: String(decoding: bytes, as: UTF8.self))
        else {
            // The file is part of the repository; ExecutorImageBuildTests build with it.
            return ExecutorImageTable(source: "", read: "", fallback: nil, frameworks: [:])
        }
        return table
    }()

    /// The built-in table's image for `framework`, given the package's Requires-Python.
    public static func builtInChoice(for framework: Framework?) -> String? {
        builtIn.choose(
            framework: framework?.name ?? "", requiresPython: BuildPipeline.minimumPython(framework))?.uri
    }
}

extension JobDefaults {
    /// The manifest's job defaults with the built-in image table's choice of executor image.
    public init(manifest: Manifest, framework: Framework?) {
        self.init(
            manifest: manifest, framework: framework,
            chosenImage: ExecutorImageTable.builtInChoice(for: framework))
    }
}

extension BuildPipeline {
    /// The executor image a build of `framework` writes: the manifest's, else the built-in table's.
    public static func executorImage(for framework: Framework?) -> String? {
        framework?.executorImage ?? ExecutorImageTable.builtInChoice(for: framework)
    }
}
