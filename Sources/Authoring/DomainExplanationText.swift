import Foundation

extension DomainExplanation {
    /// The contract as a student reads it: Python signatures first, because that is what they write.
    public var text: String {
        var lines: [String] = []
        var heading = "\(domain) — \(title) (template \(version)"
        if let origin { heading += ", \(origin)" }
        lines.append(heading + ")")
        lines.append("")
        lines += Self.wrap(description, width: 96, indent: "")
        lines.append("")
        lines.append(
            "Your agent file (copied to \(agentPath); at most \(maxLines) lines that are not blank or comments)"
        )
        lines.append("defines:")
        for entry in entryPoints {
            lines.append("")
            lines.append("    " + entry.signature + "    # " + (entry.required ? "required" : "optional"))
            for doc in Self.wrap(entry.doc, width: 88, indent: "        # ") { lines.append(doc) }
            for method in entry.methods {
                var notes: [String] = []
                if let returns = method.returns, !returns.isEmpty { notes.append("-> \(returns)") }
                if !method.required { notes.append("optional") }
                lines.append(
                    "        " + method.signature
                        + (notes.isEmpty ? "" : "  # " + notes.joined(separator: ", ")))
                for doc in Self.wrap(method.doc, width: 84, indent: "            # ") { lines.append(doc) }
            }
        }
        if !hyperparameters.isEmpty {
            lines.append("")
            lines.append(
                "Hyperparameters (trainer flags; `relna-pack build --set NAME=VALUE` changes a default):")
            lines.append(
                "  which value wins: manifest default < the environment's own default < the agent's HYPERPARAMS"
            )
            lines.append("  < build --set < trainer flag;")
            lines.append("  a budget is never the agent's: its HYPERPARAMS value is ignored.")
            let width = hyperparameters.map(\.flag.count).max() ?? 0
            let perEnvironment = Set(environments.settings.flatMap { $0.defaults.map(\.name) })
            for hp in hyperparameters {
                var facts = ["\(hp.type)", "default \(hp.default)"]
                let low = hp.min.map { Self.bound($0, type: hp.type) }
                let high = hp.max.map { Self.bound($0, type: hp.type) }
                switch (low, high) {
                case (let low?, let high?): facts.append("in [\(low), \(high)]")
                case (let low?, nil): facts.append(">= \(low)")
                case (nil, let high?): facts.append("<= \(high)")
                case (nil, nil): break
                }
                if let scale = hp.scale { facts.append("\(scale) scale") }
                if hp.budget { facts.append("budget: not the agent's HYPERPARAMS") }
                if perEnvironment.contains(hp.name) {
                    facts.append("some environments set their own (below)")
                }
                if !hp.choices.isEmpty {
                    facts.append("one of " + hp.choices.map(\.description).joined(separator: ", "))
                }
                let flag = hp.flag.padding(toLength: width, withPad: " ", startingAt: 0)
                lines.append("    \(flag)  " + facts.joined(separator: ", "))
                for help in Self.wrap(hp.help, width: 88, indent: "        ") { lines.append(help) }
            }
        }
        lines.append("")
        let others = environments.supported.filter { $0 != environments.default }
        lines.append(
            "Environments (\(environments.actionSpace) actions): \(environments.default) (default)"
                + others.map { ", " + $0 }.joined())
        for setting in environments.settings {
            var facts = setting.defaults.map { "\($0.name) \($0.value)" }.joined(separator: ", ")
            if !setting.requirements.isEmpty {
                facts +=
                    (facts.isEmpty ? "" : "; ") + "installs " + setting.requirements.joined(separator: ", ")
            }
            let line = "    \(setting.env): \(facts)"
            if line.count <= 100 {
                lines.append(line)
            } else {
                lines.append("    \(setting.env):")
                lines += Self.wrap(facts, width: 88, indent: "        ")
            }
        }
        lines.append("")
        lines.append("Frameworks (chosen by your imports, or --framework):")
        for framework in frameworks {
            let selector =
                framework.imports.isEmpty
                ? "the fallback" : "import " + framework.imports.joined(separator: " or ")
            lines.append(
                "    \(framework.name): \(selector); installs " + framework.installs.joined(separator: ", "))
        }
        lines.append("")
        let templates = templatesOption.map { " --templates " + Self.shellWord($0) } ?? ""
        lines.append("Start from a working file: relna-pack init --domain \(domain)\(templates) > agent.py")
        return lines.joined(separator: "\n") + "\n"
    }

    /// `word` as one shell word: as it is when it is plain, else in single quotes.
    static func shellWord(_ word: String) -> String {
        let plain =
            !word.isEmpty
            && word.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_./+:@%".contains($0)) }
        return plain ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// An int hyperparameter's bound as an integer (`1`, not `1.0`).
    static func bound(_ value: Double, type: String) -> String {
        if type == "int", let integer = Int(exactly: value) { return "\(integer)" }
        return "\(value)"
    }

    /// Greedy word wrap; each line gets `indent`. Empty text gives no lines.
    static func wrap(_ text: String, width: Int, indent: String) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            if !current.isEmpty, current.count + 1 + word.count > width {
                lines.append(indent + current)
                current = ""
            }
            current += (current.isEmpty ? "" : " ") + word
        }
        if !current.isEmpty { lines.append(indent + current) }
        return lines
    }
}
