import Build
import Foundation
import Jobs
import RelnaCore

/// The pieces of `relna-pack run` around the trainer process: its job dir, its command line, and
/// the summary of the metrics.json it writes.
public enum LocalTraining {
    /// `runs/<domain>-<env>-<UTC yyyyMMdd-HHmmss>` under `base` (the current folder).
    public static func defaultJobDirectory(domain: String, envId: String, now: Date, base: String) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: now)
        func pad(_ value: Int?, _ width: Int) -> String {
            let text = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        let stamp =
            pad(parts.year, 4) + pad(parts.month, 2) + pad(parts.day, 2) + "-" + pad(parts.hour, 2)
            + pad(parts.minute, 2) + pad(parts.second, 2)
        // An env id is a Gymnasium id (letters, digits, '-', '/', ':'); keep the folder name flat.
        let env = String(envId.map { $0 == "/" || $0 == ":" || $0 == " " ? "_" : $0 })
        return base + "/runs/\(domain)-\(env)-\(stamp)"
    }

    /// The variable that tells the trainer the agent's file name as the student gave it
    /// (`trainer/runtime.py`'s `AGENT_NAME_VARIABLE`), for its error messages only.
    public static let agentNameVariable = "RELNA_AGENT_NAME"

    /// `python -u -m trainer.task --env=ID --job-dir=DIR [--seed=N] [--sandbox=bubblewrap] [--set flags]
    /// [extra]`.
    public static func trainerCommand(
        python: String, module: String = "trainer.task", envId: String, jobDirectory: String, seed: Int?,
        sandbox: Bool = false, settings: [JobRequestInput.Setting], extraArgs: [String]
    ) -> [String] {
        var command = [python, "-u", "-m", module, "--env=\(envId)", "--job-dir=\(jobDirectory)"]
        if let seed { command.append("--seed=\(seed)") }
        if sandbox { command.append("--sandbox=bubblewrap") }
        command += settings.map { "\($0.flag)=\($0.value)" }
        return command + extraArgs
    }

    /// A few lines summarising `<jobDirectory>/metrics.json`, or nil when it is missing or unreadable.
    public static func metricsSummary(jobDirectory: String) -> String? {
        let path = jobDirectory + "/metrics.json"
        guard let data = FileManager.default.contents(atPath: path),
            let object = try? LocatedJSON.parse([UInt8](data)), case .object = object.value
        else { return nil }
        func number(_ key: String) -> String? {
            guard let double = object[key]?.double, double.isFinite else { return nil }
            return double == double.rounded() && abs(double) < 1e15
                ? String(Int(double)) : String(format: "%.3f", double)
        }
        var lines = ["final metrics (\(path)):"]
        if let mean = number("eval_mean_return") {
            var line = "  evaluation return: \(mean)"
            if let std = number("eval_std_return") { line += " ± \(std)" }
            if let episodes = number("eval_episodes") { line += " over \(episodes) episodes" }
            lines.append(line)
        }
        let rest: [(String, String)] = [
            ("train_episodes", "training episodes"), ("train_steps", "training steps"),
            ("wall_time_s", "wall time (s)"), ("steps_per_second", "steps per second"),
        ]
        for (key, label) in rest {
            if let value = number(key) { lines.append("  \(label): \(value)") }
        }
        return lines.count > 1 ? lines.joined(separator: "\n") : nil
    }
}

extension LocalTraining {
    /// Finds or makes the cached environment for a built package and installs the package into a
    /// fresh folder of this run's own.
    public static func install(
        _ product: BuildProduct, base: VirtualEnvironment.BaseInterpreter,
        cacheRoot: String,
        progress: (String) -> Void
    ) throws(LocalRunError) -> LocalInstallation {
        let manifest = product.manifest
        let requirements =
            manifest.framework(named: product.framework).map {
                FrameworkSelection.requirements(manifest, $0, env: product.env)
            } ?? manifest.requirements + manifest.environments.requirements(for: product.env)
        let environment = try VirtualEnvironment.prepare(
            requirements: requirements, base: base, cacheRoot: cacheRoot, progress: progress)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "relna-run-\(UUID().uuidString)")
        let installation = LocalInstallation(environment: environment, folder: folder.path)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw .io("cannot create \(folder.path): \(error.localizedDescription)")
        }
        let sdist = folder.appendingPathComponent(product.fileName)
        guard FileManager.default.createFile(atPath: sdist.path, contents: Data(product.archive)) else {
            installation.remove()
            throw .io("cannot write \(sdist.path)")
        }
        do {
            try environment.install(sdist: sdist.path, into: installation.site, progress: progress)
        } catch {
            installation.remove()
            throw error
        }
        return installation
    }
}
