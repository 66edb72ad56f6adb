"""The worker's process as the referee sees it: started in its own session, killed with all it left.

The worker gets a private scratch folder (its HOME, TMPDIR and working directory) and an environment
without the job's private variables; its command line follows the sandbox's prefix and ends with what
it applies to itself before the agent runs (limits, the user it becomes; trainer/sandbox.py). Its stdout and stderr are relayed, up to a limit. `kill` ends its
process group and every process it left behind: the referee is a child subreaper, so daemons that
started their own session are re-parented to it and found.
"""
from __future__ import annotations

import ctypes
import json
import os
import signal
import subprocess
import sys
import threading
import time

from trainer import protocol, runtime

MAX_OUTPUT_BYTES = 4 * 2**20  # of the worker's stdout and of its stderr, each; the rest is dropped
_PR_SET_CHILD_SUBREAPER = 36
# Variables the agent's process does not get: Vertex's output locations and the job's credentials.
_PRIVATE_VARIABLES = ("AIP_", "GOOGLE_APPLICATION_CREDENTIALS", "CLOUDSDK_", runtime.IN_PROCESS_VARIABLE)
# One BLAS / OpenMP / TensorFlow thread unless the job sets its own: the starters' networks are small,
# and on a busy 2-core machine a 128-unit NumPy layer ran 13x slower with OpenBLAS's two threads than
# with one (torch reads OMP_NUM_THREADS).
_THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "TF_NUM_INTRAOP_THREADS",
                     "TF_NUM_INTEROP_THREADS")


class WorkerProcess:
    """The agent's process: its own session (process group), a scratch folder, a trimmed environment."""

    def __init__(self, scratch: str, prefix: list = (), user: int | None = None, limits: dict | None = None):
        self.scratch = scratch
        self.uid = os.geteuid() if user is None else user  # the user the agent's code runs as
        self.limits = limits
        to_worker_read, to_worker_write = os.pipe()
        from_worker_read, from_worker_write = os.pipe()
        package_root = os.path.dirname(os.path.dirname(os.path.abspath(runtime.__file__)))
        env = {key: value for key, value in os.environ.items() if not key.startswith(_PRIVATE_VARIABLES)}
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH")]))
        env.update(HOME=scratch, TMPDIR=scratch, XDG_CACHE_HOME=os.path.join(scratch, ".cache"))
        for name in _THREAD_VARIABLES:
            env.setdefault(name, "1")
        self._relays = []
        streams = []
        for target in (sys.stdout, sys.stderr):
            read_end, write_end = os.pipe()
            streams.append(write_end)
            relay = threading.Thread(target=_relay, args=(read_end, target), daemon=True)
            self._relays.append(relay)
        command = [*prefix, sys.executable, "-m", "trainer.worker", str(to_worker_read), str(from_worker_write)]
        if limits or user is not None:
            command.append(json.dumps({"limits": limits, "user": user}))
        if user is not None:
            # The worker's own; root's group keeps access for bubblewrap, which drops root's capabilities.
            os.chown(scratch, user, 0)
            os.chmod(scratch, 0o770)
        self.process = subprocess.Popen(
            command,
            pass_fds=(to_worker_read, from_worker_write),
            stdin=subprocess.DEVNULL,
            stdout=streams[0],
            stderr=streams[1],
            cwd=scratch,
            env=env,
            start_new_session=True,
        )
        for fd in (to_worker_read, from_worker_write, *streams):
            os.close(fd)
        for relay in self._relays:
            relay.start()
        self.channel = protocol.Channel(from_worker_read, to_worker_write)
        self._killed = False

    def exit_code(self):
        try:
            return self.process.wait(timeout=2)
        except subprocess.TimeoutExpired:
            return None

    def kill(self) -> None:
        """Kills the worker's process group, then every process it left behind (adopted by us)."""
        if self._killed:
            return
        self._killed = True
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        self.process.wait()
        for _ in range(100):
            stray = _descendants(os.getpid())
            if not stray:
                break
            for pid in stray:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            _reap()
        for relay in self._relays:
            relay.join(timeout=5)
        for fd in (self.channel.read_fd, self.channel.write_fd):
            try:
                os.close(fd)
            except OSError:
                pass


def _relay(fd: int, target) -> None:
    """Copies the worker's output to ours, up to MAX_OUTPUT_BYTES, and drops the rest."""
    written = 0
    sink = getattr(target, "buffer", None)
    try:
        while True:
            chunk = os.read(fd, 65536)
            if not chunk:
                break
            if written < MAX_OUTPUT_BYTES:
                part = chunk[: MAX_OUTPUT_BYTES - written]
                written += len(part)
                try:
                    target.flush()
                    if sink is not None:
                        sink.write(part)
                        sink.flush()
                    else:
                        target.write(part.decode("utf-8", "replace"))
                except (OSError, ValueError):
                    pass
                if written >= MAX_OUTPUT_BYTES:
                    print(f"[the agent's output beyond {MAX_OUTPUT_BYTES} bytes is dropped]", file=target, flush=True)
    finally:
        os.close(fd)


def become_subreaper() -> None:
    """Orphans of the worker (daemons that left its session) become our children, so `kill` finds them."""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
        except (OSError, AttributeError):
            pass


def _descendants(root: int) -> list:
    children: dict = {}
    try:
        names = os.listdir("/proc")
    except OSError:
        return []
    for name in names:
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as stream:
                stat = stream.read()
        except OSError:
            continue
        fields = stat[stat.rfind(b")") + 2 :].split()
        if fields and fields[0] != b"Z":
            children.setdefault(int(fields[1]), []).append(int(name))
    found, queue = [], list(children.get(root, []))
    while queue:
        pid = queue.pop()
        found.append(pid)
        queue.extend(children.get(pid, []))
    return found


def _reap() -> None:
    for _ in range(1000):
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            if not _descendants(os.getpid()):
                return
            time.sleep(0.01)
