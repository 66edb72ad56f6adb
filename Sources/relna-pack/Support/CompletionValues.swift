import ArgumentParser
import Foundation
import TrainerGen

/// What the shell completes for the domain flags (`--generate-completion-script`): the domains on
/// the search path, and the environments, frameworks and hyperparameter keys of the domain the
/// command line names so far (`--domain`, else the built-in `dqn`'s for `explain DOMAIN`).
/// The shell runs relna-pack to ask; a domain it cannot read completes nothing.
enum CompletionValues {
    static let domains = CompletionKind.custom { words, _, _ in
        searchPath(words).map { $0.domains.map { $0.name } } ?? []
    }

    static let environments = CompletionKind.custom { words, _, _ in
        manifest(words)?.environments.supported ?? []
    }

    static let frameworks = CompletionKind.custom { words, _, _ in
        manifest(words)?.frameworks.map(\.name) ?? []
    }

    /// `KEY=DEFAULT`, a whole word to edit: bash puts a space after a completion, so `KEY=` alone
    /// would leave `--set KEY= VALUE`, two words.
    static let settings = CompletionKind.custom { words, _, _ in
        manifest(words)?.hyperparameters.map { "\($0.name)=\($0.defaultValue.description)" } ?? []
    }

    /// The agent argument: Python files (and folders to walk into).
    static let agentFile = CompletionKind.file(extensions: ["py"])

    /// The value after `flag` in the words typed so far (`--flag VALUE` or `--flag=VALUE`).
    static func value(of flag: String, in words: [String]) -> String? {
        var found: String?
        for (index, word) in words.enumerated() {
            if word == flag, index + 1 < words.count {
                found = words[index + 1]
            } else if word.hasPrefix(flag + "=") {
                found = String(word.dropFirst(flag.count + 1))
            }
        }
        return found
    }

    static func searchPath(_ words: [String]) -> TemplateSearchPath? {
        try? DomainFlags.searchPath(templates: value(of: "--templates", in: words))
    }

    /// The manifest of the domain the words name: `--domain D`, else `explain D`.
    static func manifest(_ words: [String]) -> Manifest? {
        guard let searchPath = searchPath(words) else { return nil }
        var name = value(of: "--domain", in: words)
        if name == nil, let explain = words.firstIndex(of: "explain"), explain + 1 < words.count {
            name = words[explain + 1]
        }
        guard let name else { return nil }
        return try? DomainLoader.find(name, searchPath: searchPath).manifest
    }
}
