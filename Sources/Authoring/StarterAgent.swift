import Build
import Manifest
import RelnaCore

/// The agent file `relna-pack init` writes: the domain's starter for one framework
/// (`<domain>/starters/<framework>.py`), which `template check` proves passes `check` and builds.
public struct StarterAgent: Sendable, Hashable {
    public enum Problem: Error, Sendable, Hashable, CustomStringConvertible {
        /// The framework is not one the domain declares.
        case unknownFramework(String, domain: String, declared: [String])
        /// The domain declares the framework but ships no starter for it (a template bug).
        case missingStarter(path: String)

        public var description: String {
            switch self {
            case .unknownFramework(let name, let domain, let declared):
                return "domain '\(domain)' has no framework '\(name)'"
                    + DidYouMean.phrase(name, among: declared)
                    + " (it has: \(declared.joined(separator: ", ")))"
            case .missingStarter(let path):
                return "the domain declares this framework but has no starter agent at \(path)"
            }
        }
    }

    public var domain: String
    public var framework: String
    /// The relative path inside the template root, e.g. `dqn/starters/numpy.py`.
    public var path: String
    public var text: String

    /// The framework `init` uses when none is asked for: numpy when the domain has it (it needs no
    /// deep-learning install), else the manifest's first.
    public static func defaultFramework(of manifest: Manifest) -> String? {
        manifest.framework(named: "numpy")?.name ?? manifest.frameworks.first?.name
    }

    public static func load(manifest: Manifest, framework requested: String?, root: TemplateRoot)
        throws(Problem) -> StarterAgent
    {
        let declared = manifest.frameworks.map(\.name)
        guard let framework = requested ?? defaultFramework(of: manifest), declared.contains(framework)
        else {
            throw .unknownFramework(requested ?? "", domain: manifest.domain, declared: declared)
        }
        let path = "\(manifest.domain)/starters/\(framework).py"
        guard let bytes = root.read(path) else { throw .missingStarter(path: root.displayPath(path)) }
        return StarterAgent(
            domain: manifest.domain, framework: framework, path: path,
            text: String(decoding: bytes, as: UTF8.self))
    }
}
