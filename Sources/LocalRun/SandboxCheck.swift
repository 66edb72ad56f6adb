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
        var probe = [bwrap, "--die-with-parent", "--new-session"]
        if geteuid() == 0 {
            // As the trainer runs it for root: no user namespace, only the capabilities to change user.
            probe += [
                "--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts", "--unshare-cgroup-try",
                "--cap-drop", "ALL", "--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID",
            ]
        } else {
            probe.append("--unshare-all")
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
