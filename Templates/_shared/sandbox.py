"""How the worker is launched: under bubblewrap (`--sandbox bubblewrap`), as another user, with limits.

The referee stays outside: it builds the worker's command line here, `prefix + [python, -m,
trainer.worker, ...]`, and keeps the job dir to itself. Under bubblewrap the worker has no network (a
new network namespace), a read-only view of the system and of the Python it runs, its package's
`trainer/` folder, and one writable folder, its scratch; not `$HOME`, the job dir or other runs.
Resource limits (CPU time from the budget, memory, processes, file size) are applied by the worker to
itself before it imports the agent (`apply_limits`), so the agent cannot raise them.

When the trainer runs as root (a cloud job's container), the worker runs as another user
(`WORKER_UID`): without bubblewrap it is a plain setuid, so it cannot read the referee's files (the job
dir is made private); under bubblewrap it is uid 65534 in the sandbox's user namespace, with no
capabilities.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

CHOICES = ("none", "bubblewrap")
WORKER_UID = 65534  # "nobody" on Debian and in the cloud images
DEFAULT_MEMORY_MIB = 4096
# CPU seconds the worker may use: a floor for imports, plus so much per training or evaluation step.
_CPU_FLOOR_S, _CPU_PER_STEP_S, _EVAL_STEPS_PER_EPISODE = 120, 0.02, 1000
_EXTRA_PROCESSES = 256  # above what the worker's user already runs: threads count as processes too
_MAX_FILE_BYTES = 2**30
_FIX = "install it (Debian/Ubuntu: apt-get install bubblewrap; scripts/setup does) or run without --sandbox"
# What the worker needs of /etc: the loader's cache, users, time zone; not the whole folder.
_ETC = ("ld.so.cache", "ld.so.conf", "ld.so.conf.d", "passwd", "group", "nsswitch.conf", "localtime", "ssl")


class SandboxError(Exception):
    """`--sandbox bubblewrap` cannot work here; the message says how to fix it."""


def check(kind: str) -> None:
    """Raises SandboxError unless `kind` can run here (bubblewrap installed and able to make namespaces)."""
    if kind == "none":
        return
    if not sys.platform.startswith("linux"):
        raise SandboxError("--sandbox bubblewrap needs Linux")
    bwrap = shutil.which("bwrap")
    if bwrap is None:
        raise SandboxError(f"--sandbox bubblewrap: bwrap was not found on PATH; {_FIX}")
    probe = [bwrap, *_namespace_flags(), "--ro-bind", "/", "/", "--", "true"]
    try:
        done = subprocess.run(probe, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError) as error:
        raise SandboxError(f"--sandbox bubblewrap: cannot run {bwrap}: {error}") from error
    if done.returncode != 0:
        reason = done.stderr.strip().splitlines()[-1:] or ["no message"]
        raise SandboxError(
            f"--sandbox bubblewrap: bwrap cannot create namespaces here ({reason[0]}); allow unprivileged "
            "user namespaces (sysctl kernel.unprivileged_userns_clone=1, or "
            "kernel.apparmor_restrict_unprivileged_userns=0) or run without --sandbox"
        )


def _namespace_flags() -> list:
    flags = ["--unshare-all", "--die-with-parent", "--new-session"]
    if os.geteuid() == 0:  # root: a user namespace of its own, as uid 65534, without capabilities
        flags += ["--unshare-user", "--uid", str(WORKER_UID), "--gid", str(WORKER_UID), "--cap-drop", "ALL"]
    return flags


def prefix(kind: str, scratch: str, package_root: str, private: list) -> list:
    """The command the worker's own command line follows: [] without a sandbox, else bwrap's.

    `private` lists folders the worker must not see (the job dir): no bound folder may contain them.
    """
    if kind == "none":
        return []
    home = os.path.realpath(os.path.expanduser("~"))
    hidden = [os.path.realpath(path) for path in private if path] + [home]
    command = [shutil.which("bwrap") or "bwrap", *_namespace_flags()]
    command += ["--ro-bind", "/usr", "/usr"]
    for folder in ("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"):
        if os.path.islink(folder):
            command += ["--symlink", os.readlink(folder), folder]
        elif os.path.isdir(folder):
            command += ["--ro-bind", folder, folder]
    for name in _ETC:
        command += ["--ro-bind-try", "/etc/" + name, "/etc/" + name]
    command += ["--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"]
    bound = ["/usr"]
    for path in _python_paths(package_root):
        real = os.path.realpath(path)
        if any(_contains(outer, real) for outer in bound) or any(_contains(real, secret) for secret in hidden):
            continue
        bound.append(real)
        command += ["--ro-bind", real, real]
        if real != path and not os.path.islink(os.path.dirname(path)):
            command += ["--symlink", real, path]
    trainer = os.path.join(package_root, "trainer")
    command += ["--ro-bind", trainer, trainer]
    command += ["--bind", scratch, scratch, "--chdir", scratch, "--"]
    return command


def _python_paths(package_root: str) -> list:
    """The interpreter, its standard library and every import path but the package's own folder."""
    paths = [sys.prefix, sys.base_prefix, sys.exec_prefix, os.path.dirname(os.path.realpath(sys.executable))]
    paths += [entry for entry in sys.path if entry and os.path.isabs(entry)]
    paths += [entry for entry in os.environ.get("PYTHONPATH", "").split(os.pathsep) if os.path.isabs(entry)]
    root = os.path.realpath(package_root)
    found = []
    for path in paths:
        if os.path.exists(path) and os.path.realpath(path) != root and path not in found:
            found.append(path)
    return sorted(found, key=len)


def _contains(outer: str, inner: str) -> bool:
    return inner == outer or inner.startswith(outer.rstrip("/") + "/")


def limits(total_steps: int, eval_episodes: int, memory_mib: int) -> dict:
    """The worker's resource limits under the sandbox, from the run's budget."""
    steps = total_steps + eval_episodes * _EVAL_STEPS_PER_EPISODE
    return {
        "cpu_s": int(_CPU_FLOOR_S + steps * _CPU_PER_STEP_S),
        "memory_bytes": int(memory_mib) * 2**20,
        "processes": _processes_of(os.geteuid() if os.geteuid() != 0 else WORKER_UID) + _EXTRA_PROCESSES,
        "file_bytes": _MAX_FILE_BYTES,
    }


def _processes_of(uid: int) -> int:
    """How many tasks (threads included, as RLIMIT_NPROC counts them) `uid` runs now."""
    count = 0
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                if os.stat(f"/proc/{name}").st_uid == uid:
                    count += len(os.listdir(f"/proc/{name}/task"))
            except OSError:
                continue
    return count


def apply_limits(encoded: str | None) -> None:
    """Called by the worker before it imports the agent: soft and hard limits, so they stay."""
    if not encoded:
        return
    import resource

    values = json.loads(encoded)
    settings = (
        (resource.RLIMIT_CPU, values["cpu_s"]),
        (resource.RLIMIT_AS, values["memory_bytes"]),
        (resource.RLIMIT_NPROC, values["processes"]),
        (resource.RLIMIT_FSIZE, values["file_bytes"]),
    )
    for limit, value in settings:
        resource.setrlimit(limit, (int(value), int(value)))


def separate_user(kind: str) -> int | None:
    """The uid the worker runs as when it is not ours to keep: root's worker outside a sandbox, on a cloud
    job. None keeps the referee's user (bubblewrap maps root to uid 65534 itself)."""
    if os.geteuid() != 0 or kind != "none" or not on_cloud_job():
        return None
    return WORKER_UID


def on_cloud_job() -> bool:
    """Vertex AI and AI Platform set these in every training job's container."""
    return any(key in os.environ for key in ("CLOUD_ML_JOB_ID", "AIP_MODEL_DIR", "AIP_JOB_NAME"))
