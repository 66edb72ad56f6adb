import Foundation
import RelnaCore

/// Whether `relna-pack run --sandbox` can work here: bubblewrap installed and able to create the
/// namespaces the trainer's `--sandbox bubblewrap` asks for (trainer/sandbox.py probes the same way).
public enum SandboxCheck {
    /// Nil when bwrap runs here; else what is wrong and how to fix it (a usage error, exit 64).
    public static func problem(environment: [String: String]) -> String? {
        guard let bwrap = ExecutableSearch.find("bwrap", path: environment["PATH"]) else {
            return "--sandbox needs bubblewrap, and bwrap was not found on PATH; install it "
                + "(Debian/Ubuntu: apt-get install bubblewrap; scripts/setup does) or run without --sandbox"
        }
        var probe = [bwrap, "--unshare-all", "--die-with-parent", "--new-session"]
        if geteuid() == 0 {
            probe += ["--unshare-user", "--uid", "65534", "--gid", "65534", "--cap-drop", "ALL"]
        }
        probe += ["--ro-bind", "/", "/", "--", "true"]
        let result: (status: Int32, output: String)
        do {
            result = try ChildProcess.capture(probe, environment: environment)
        } catch {
            return "--sandbox: cannot run \(bwrap): \(error.description)"
        }
        guard result.status != 0 else { return nil }
        let reason = result.output.split(separator: "\n").last.map(String.init) ?? "exit \(result.status)"
        return "--sandbox: bubblewrap cannot create namespaces here (\(reason)); allow unprivileged user "
            + "namespaces (sysctl kernel.unprivileged_userns_clone=1, or "
            + "kernel.apparmor_restrict_unprivileged_userns=0) or run without --sandbox"
    }
}
