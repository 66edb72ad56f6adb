"""How the worker is launched: under bubblewrap (`--sandbox bubblewrap`), as another user, with limits.

The referee stays outside: it builds the worker's command line here, `prefix + [python, -m,
trainer.worker, READ_FD, WRITE_FD, LAUNCH]`, and keeps the job dir to itself. Under bubblewrap the
worker has no network (a new network namespace), a read-only view of the system and of the Python it
runs, its package's `trainer/` folder, and one writable folder, its scratch; not `$HOME`, the job dir
or other runs. LAUNCH (JSON) carries what the worker applies to itself before it imports the agent,
so the agent cannot undo it: resource limits (CPU time from the budget, memory, processes, file size)
and, when the trainer runs as root under the sandbox or on a cloud job, the user it becomes
(`WORKER_UID`, with no supplementary groups and no capabilities).
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
# Above what the worker's user already runs; threads count as processes too (a framework's pool per core).
_EXTRA_PROCESSES = 64
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
    flags = ["--die-with-parent", "--new-session"]
    if os.geteuid() != 0:
        return ["--unshare-all", *flags]
    # Root: no user namespace (inside one, root would stay root outside, where process limits do not
    # bind it); the worker keeps only the capabilities to become WORKER_UID, and does so at once.
    flags += ["--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts", "--unshare-cgroup-try"]
    return flags + ["--cap-drop", "ALL", "--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID"]


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
    bound, mounts = ["/usr"], []
    for path in _python_paths(package_root):
        real = os.path.realpath(path)
        if any(_contains(outer, real) for outer in bound) or any(_contains(real, secret) for secret in hidden):
            continue
        bound.append(real)
        mounts += [("--ro-bind", real, real)]
        if real != path and not os.path.islink(os.path.dirname(path)):
            mounts += [("--symlink", real, path)]
    trainer = os.path.join(package_root, "trainer")
    mounts += [("--ro-bind", trainer, trainer), ("--bind", scratch, scratch)]
    # The folders leading to each mount: bubblewrap would make them root's alone (mode 0700).
    parents = {parent for _, _, target in mounts for parent in _ancestors(target)}
    for parent in sorted(parents, key=lambda path: (path.count("/"), path)):
        command += ["--perms", "0755", "--dir", parent]
    for mount in mounts:
        command += list(mount)
    return command + ["--chdir", scratch, "--"]


def _ancestors(path: str) -> list:
    """`/a/b/c` → `/a`, `/a/b`: the folders a mount at `path` needs, but the system's own."""
    parts = path.strip("/").split("/")[:-1]
    found = ["/" + "/".join(parts[: count + 1]) for count in range(len(parts))]
    return [folder for folder in found if folder not in ("/usr", "/proc", "/dev", "/etc") and not folder.startswith("/usr/")]


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
        "processes": _processes_of(os.geteuid() if os.geteuid() != 0 else WORKER_UID)
        + _EXTRA_PROCESSES
        + 2 * (os.cpu_count() or 1),
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


def _apply_limits(values: dict) -> None:
    import resource

    settings = (
        (resource.RLIMIT_CPU, values["cpu_s"]),
        (resource.RLIMIT_AS, values["memory_bytes"]),
        (resource.RLIMIT_NPROC, values["processes"]),
        (resource.RLIMIT_FSIZE, values["file_bytes"]),
    )
    for limit, value in settings:
        # CPU: SIGXCPU at the limit, SIGKILL 10 s later for an agent that ignores it.
        hard = int(value) + 10 if limit == resource.RLIMIT_CPU else int(value)
        resource.setrlimit(limit, (int(value), hard))


def separate_user(kind: str, package_root: str) -> int | None:
    """The uid the worker becomes: WORKER_UID when the referee is root under the sandbox or on a cloud
    job (whose container runs as root); None keeps the referee's user. Outside the sandbox the package
    must be readable by that user (it is when pip installed it); if not, the worker keeps root, with a
    warning, rather than fail to import its own code."""
    if os.geteuid() != 0 or (kind == "none" and not on_cloud_job()):
        return None
    # What the worker imports must stay readable after the switch: its own code and the installed
    # libraries (a venv in a private folder is not, and gymnasium imports its environments lazily).
    import sysconfig

    paths = sysconfig.get_paths()
    needed = [os.path.join(package_root, "trainer"), paths["purelib"], paths["platlib"]]
    closed = next((path for path in needed if os.path.isdir(path) and not _open_to_others(path)), None)
    if kind == "none" and closed is not None:
        print(
            f"warning: the worker keeps root: {closed} is not readable by uid {WORKER_UID} "
            "(install the package and its Python where every user can read them)",
            file=sys.stderr,
            flush=True,
        )
        return None
    return WORKER_UID


def _open_to_others(folder: str) -> bool:
    """Whether every folder down to `folder` can be entered, and its files read, by any user."""
    import stat

    path = os.path.realpath(folder)
    parts = path.strip("/").split("/")
    for count in range(len(parts) + 1):
        step = "/" + "/".join(parts[:count])
        try:
            if not os.stat(step).st_mode & stat.S_IXOTH:
                return False
        except OSError:
            return False
    try:
        names = os.listdir(path)
    except OSError:
        return False
    return all(
        os.stat(os.path.join(path, name)).st_mode & stat.S_IROTH
        for name in names
        if name.endswith(".py") or name.endswith(".json")
    )


def on_cloud_job() -> bool:
    """Vertex AI and AI Platform set these in every training job's container."""
    return any(key in os.environ for key in ("CLOUD_ML_JOB_ID", "AIP_MODEL_DIR", "AIP_JOB_NAME"))


def apply(launch: str | None) -> None:
    """Called by the worker before it imports the agent: the limits (soft and hard, so they stay), then
    the user it becomes, for good."""
    if not launch:
        return
    settings = json.loads(launch)
    if settings.get("limits"):
        _apply_limits(settings["limits"])
    if settings.get("user") is not None:
        _become(int(settings["user"]))


def _become(uid: int) -> None:
    os.setgroups([])
    os.setgid(uid)
    os.setuid(uid)
    try:
        os.setuid(0)
    except PermissionError:
        return
    raise OSError(f"the worker could not give up root (still able to become uid 0 after uid {uid})")
