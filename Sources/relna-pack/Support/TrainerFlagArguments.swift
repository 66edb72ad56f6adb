import TrainerGen

/// `run`'s hyperparameter flags: `--total-steps 5000` before `--` is passed to the trainer when it is
/// one of the flags `explain` lists for the domain; anything else is a usage error that names them.
enum TrainerFlagArguments {
    struct Unknown: Error {
        var message: String
    }

    /// The trainer's arguments from what the parser left over (`unrecognized`): the part after `--` in
    /// `commandLine` as it is, the part before it checked as hyperparameter flags.
    static func split(_ unrecognized: [String], commandLine: [String], manifest: Manifest) throws(Unknown)
        -> [String]
    {
        let passthrough = commandLine.firstIndex(of: "--").map { Array(commandLine[($0 + 1)...]) } ?? []
        // The parser keeps the `--` itself among what it did not recognize.
        var flags = unrecognized
        if flags.count >= passthrough.count, Array(flags.suffix(passthrough.count)) == passthrough {
            flags.removeLast(passthrough.count)
        }
        if flags.last == "--" { flags.removeLast() }
        return try trainerArguments(flags, manifest: manifest) + passthrough
    }

    /// The trainer arguments `arguments` (what the parser did not recognize) stand for: each a known
    /// hyperparameter flag with its value, as `--flag VALUE` or `--flag=VALUE`.
    static func trainerArguments(_ arguments: [String], manifest: Manifest) throws(Unknown) -> [String] {
        let flags = manifest.hyperparameters.map(\.flag)
        var result: [String] = []
        var index = arguments.startIndex
        while index < arguments.endIndex {
            let argument = arguments[index]
            let flag = String(argument.split(separator: "=", maxSplits: 1).first ?? "")
            guard argument.hasPrefix("--"), flags.contains(flag) else {
                throw Unknown(message: unknownMessage(argument, flags: flags, domain: manifest.domain))
            }
            if argument.contains("=") {
                result.append(argument)
                index += 1
                continue
            }
            let next = arguments.index(after: index)
            guard next < arguments.endIndex, !arguments[next].hasPrefix("--") else {
                throw Unknown(message: "\(flag) needs a value, e.g. \(flag) VALUE")
            }
            result += [argument, arguments[next]]
            index = arguments.index(after: next)
        }
        return result
    }

    static func unknownMessage(_ argument: String, flags: [String], domain: String) -> String {
        let name = String(argument.split(separator: "=", maxSplits: 1).first ?? "")
        guard name.hasPrefix("-") else {
            return "unexpected argument '\(argument)'; other trainer arguments go after --"
        }
        return "unknown option '\(name)'\(DidYouMean.phrase(name, among: flags)); the \(domain) trainer's "
            + "hyperparameter flags are \(flags.joined(separator: ", ")) (relna-pack explain --domain \(domain)); "
            + "other trainer arguments go after --"
    }
}
