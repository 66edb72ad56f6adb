import Foundation
import TrainerGen

/// `build`'s common command lines read without ArgumentParser, whose reflection-driven setup was a
/// fifth of a whole `relna-pack build` (issue 11's benchmark). Narrow on purpose: the agent, and the
/// flags below as `--flag value` or `--flag=value`, each at most once (`--set` any number of times).
/// Anything else (help, `--`, a repeated or unknown flag, a value that looks like a flag, a bad
/// number, flags that do not go together) returns nil, and ArgumentParser parses the line as ever,
/// errors and all. `BuildFastPathTests` holds every accepted line against ArgumentParser's reading.
enum BuildFastPath {
    /// Each accepted spelling and the flag it is.
    private static let flags: [String: Flag] = [
        "--domain": .domain, "--env": .env, "--framework": .framework, "--set": .set,
        "--templates": .templates, "--name": .name, "--package-version": .packageVersion, "--label": .label,
        "--output-dir": .outputDir, "-o": .output, "--output": .output, "--bucket": .bucket,
        "--region": .region, "--machine-type": .machineType, "--image": .image, "--executor-image": .image,
        "--seed": .seed, "--job-target": .jobTarget,
    ]

    private enum Flag {
        case domain, env, framework, set, templates, name, packageVersion, label, outputDir, output
        case bucket, region, machineType, image, seed, jobTarget
    }

    static func invocation(_ arguments: [String]) -> BuildInvocation? {
        guard arguments.first == "build" else { return nil }
        var agent: String?
        var json = false
        var settings: [String] = []
        var values: [Flag: String] = [:]
        var index = 1
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if argument == "--json" {
                guard !json else { return nil }
                json = true
            } else if isValue(argument) {
                guard agent == nil else { return nil }
                agent = argument
            } else {
                var name = argument
                let value: String
                if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                    name = String(argument[..<equals])
                    value = String(argument[argument.index(after: equals)...])
                    // ArgumentParser takes `--flag=` for a missing value.
                    guard !value.isEmpty else { return nil }
                } else {
                    guard index < arguments.count, isValue(arguments[index]) else { return nil }
                    value = arguments[index]
                    index += 1
                }
                guard let flag = flags[name] else { return nil }
                if flag == .set {
                    settings.append(value)
                } else {
                    guard values[flag] == nil else { return nil }
                    values[flag] = value
                }
            }
        }
        guard let agent, let domain = values[.domain] else { return nil }
        var seed: Int?
        if let text = values[.seed] {
            guard let number = Int(text) else { return nil }
            seed = number
        }
        var targets = JobTargetSelection.vertex
        if let text = values[.jobTarget] {
            guard let target = JobOptions.Target(rawValue: text) else { return nil }
            targets = JobTargetSelection(rawValue: target.rawValue) ?? .both
        }
        let invocation = BuildInvocation(
            options: DomainFlagValues(
                agent: agent, domain: domain, env: values[.env], framework: values[.framework],
                settings: settings, templates: values[.templates], json: json),
            name: values[.name], packageVersion: values[.packageVersion], legacyVersion: nil,
            label: values[.label], outputDir: values[.outputDir] ?? "dist", output: values[.output],
            job: JobFile.Options(
                targets: targets, bucket: values[.bucket], region: values[.region],
                machineType: values[.machineType], executorImage: values[.image], seed: seed,
                today: JobOptions.today(ProcessInfo.processInfo.environment)))
        return invocation.problem == nil ? invocation : nil
    }

    /// A positional argument or an option's value: `-` (standard input) or text not starting with `-`.
    private static func isValue(_ argument: String) -> Bool {
        argument == "-" || !argument.hasPrefix("-")
    }
}
