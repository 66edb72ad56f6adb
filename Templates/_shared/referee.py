"""The referee: the process that decides a run's result, with the agent in a worker process.

It owns every environment (training and evaluation), counts the steps it serves against the budget,
evaluates on the fixed seeds asking the worker only for actions, kills the worker's whole process
tree, and only then writes metrics.json, progress.csv and the model. It never imports the agent: only
plain data crosses (trainer/protocol.py). A failed run gets failure.json instead (docs/integrity.md).
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import sys
import tempfile
import time

import numpy as np

from trainer import confinement, environments, hyperparameters, protocol, reporting, runtime, sandbox, storage
from trainer.env_server import EnvServer, Refusal
from trainer.worker_process import WorkerProcess, become_subreaper

MAX_MODEL_BYTES = 2 * 2**30


class RunFailed(Exception):
    """The run ends without a score; `record` is what failure.json says."""

    def __init__(self, record: dict):
        super().__init__(record.get("message", "the run failed"))
        self.record = record


def run(spec: runtime.TrainerSpec, args, flags: dict, setup: runtime.RunSetup) -> int:
    become_subreaper()
    confined = confinement.available()
    scratch = tempfile.mkdtemp(prefix="relna-worker-")
    worker = _start_worker(spec, args, flags, setup, scratch)
    referee = Referee(spec, args, setup, worker, confined)
    referee.summary["sandbox"] = args.sandbox
    referee.summary["worker_uid"] = worker.uid
    try:
        return referee.run(flags)
    except RunFailed as failure:
        worker.kill()
        return referee.record_failure(failure.record)
    finally:
        worker.kill()
        shutil.rmtree(scratch, ignore_errors=True)


def _start_worker(spec, args, flags: dict, setup: runtime.RunSetup, scratch: str) -> WorkerProcess:
    """The worker under the run's sandbox, as another user when the referee is root on a cloud job."""
    private = [] if storage.is_gcs(setup.job_dir) else [setup.job_dir]
    package_root = os.path.dirname(os.path.dirname(os.path.abspath(runtime.__file__)))
    user = sandbox.separate_user(args.sandbox, package_root)
    if user is not None:
        for folder in private:
            os.chmod(folder, 0o700)  # the referee's (root's) files: not the worker's to read
    limits = None
    if args.sandbox != "none":
        # The budget is locked: the agent's HYPERPARAMS cannot change it, so it is known before the agent runs.
        values, _ = hyperparameters.resolve(spec.hyperparameters, None, flags)
        limits = sandbox.limits(int(values.get("total_steps", 100_000)), args.eval_episodes, args.sandbox_memory)
    return WorkerProcess(scratch, sandbox.prefix(args.sandbox, scratch, package_root, private), user, limits)


class Referee:
    def __init__(self, spec, args, setup: runtime.RunSetup, worker, confined: str):
        self.spec, self.args, self.setup, self.worker = spec, args, setup, worker
        self.channel = worker.channel
        self.summary = {
            "isolated": True,
            "sandbox": "none",
            "confinement": confined,
            "budget": None,
            "steps_served": 0,
            "protocol": protocol.VERSION,
        }
        self.phase = "start"
        self.entry_point = None
        self.entry_line = None
        self.server = None

    def run(self, flags: dict) -> int:
        spec, args = self.spec, self.args
        self.channel.send(
            {
                "type": "init",
                "protocol": protocol.VERSION,
                "agent_module": spec.agent_module,
                "algorithm_module": spec.algorithm_module,
                "framework": spec.framework,
                "seed": args.seed,
                "names": list(spec.hyperparameters),
                "contracts": dict(spec.contracts),
                "scratch": self.worker.scratch if self.summary["confinement"] != "none" else None,
            }
        )
        message = self.receive(args.worker_timeout, "agent")
        values, warnings = hyperparameters.resolve(spec.hyperparameters, _agent_values(message), flags)
        for warning in warnings:
            print(f"warning: {warning}", file=sys.stderr, flush=True)
        total_steps = int(values.get("total_steps", 100_000))
        self.summary["budget"] = total_steps
        runtime.announce(spec, args, total_steps)
        self.channel.send(
            {
                "type": "train",
                "hyperparameters": values,
                "total_steps": total_steps,
                "env_id": args.env,
                "seed": args.seed,
            }
        )
        self.phase = "training"
        progress = reporting.ProgressLog(interval_s=args.progress_interval)
        server = self.server = EnvServer(self.setup.train_env, args.env, args.seed, total_steps, progress)
        trained = self._serve(server)
        server.close_all()
        self.summary["steps_served"] = server.steps
        train_wall = progress.elapsed()
        model = self._receive_model(trained)
        self.phase = "evaluation"
        self.entry_point = str(trained.get("entry_point") or "act")[:200]
        line = trained.get("line")
        self.entry_line = line if isinstance(line, int) and not isinstance(line, bool) else None
        eval_start = time.monotonic()
        returns = self._evaluate(self._act)
        # A checkpoint selected during training (keep_best) is evaluated too, on the same seeds.
        selected = self._evaluate(self._act_selected) if trained.get("selected") is True else None
        eval_wall = time.monotonic() - eval_start
        self.worker.kill()  # nothing the agent started may write after this point
        extra = trained.get("extra")
        outcome = {
            "returns": returns,
            "selected_returns": selected,
            "progress": progress,
            "steps": server.steps + server.offline_steps,
            "train_wall": train_wall,
            "eval_wall": eval_wall,
            "hyperparameters": values,
            "extra": extra if isinstance(extra, dict) else {},
            "model": model,
            "referee": self.summary,
        }
        return runtime.write_results(spec, args, self.setup, outcome)

    def _serve(self, server: EnvServer) -> dict:
        """Replays the worker's batches and answers its requests until it reports that training is done."""
        channel = self.channel
        while True:
            kind, body = self._guarded(lambda: channel.receive_frame(self.args.worker_timeout))
            try:
                if kind == protocol.BATCH:
                    server.replay(body)
                    continue
                message = self._message(kind, body)
                if message["type"] == "trained":
                    return message
                if message["type"] == "make":
                    channel.send(server.make(message.get("role")))
                elif message["type"] == "offline_steps":
                    channel.send(server.count_offline(message.get("count")))
                else:
                    raise protocol.ProtocolError(f"unknown request {message['type']!r}")
            except Refusal as refusal:
                raise RunFailed(self._failure(refusal.reason, str(refusal), expected=refusal.expected)) from None
            except protocol.ProtocolError as error:
                raise RunFailed(self._failure("protocol", str(error))) from None

    def _receive_model(self, trained: dict):
        size = trained.get("model_size")
        if not isinstance(size, int) or isinstance(size, bool) or not 0 <= size <= MAX_MODEL_BYTES:
            raise RunFailed(self._failure("protocol", f"a model of {size!r} bytes"))
        return self._guarded(lambda: self.channel.receive_bytes(size, self.args.worker_timeout)) or None

    def _evaluate(self, act) -> list:
        try:
            return environments.evaluate(self.setup.eval_env, act, self.args.eval_episodes, self.entry_point)
        except environments.AgentError as error:
            raise RunFailed(self._failure("invalid_action", str(error), expected=str(error))) from None

    def _act(self, observation, policy: str = "final"):
        self.channel.send({"type": "act", "observation": np.asarray(observation), "policy": policy})
        reply = self.receive(self.args.act_timeout, "action")
        return protocol.decode(reply.get("action"))

    def _act_selected(self, observation):
        return self._act(observation, "selected")

    def receive(self, timeout: float, expected: str | None = None) -> dict:
        kind, body = self._guarded(lambda: self.channel.receive_frame(timeout))
        message = self._message(kind, body)
        if expected is not None and message["type"] != expected:
            raise RunFailed(self._failure("protocol", f"expected a {expected!r} message, got {message['type']!r}"))
        return message

    def _message(self, kind: bytes, body: bytes) -> dict:
        if kind != protocol.JSON:
            raise RunFailed(self._failure("protocol", f"a frame of kind {kind!r} out of place"))
        message = self._guarded(lambda: protocol.parse(body))
        if message["type"] == "failed":
            raise RunFailed(self._worker_failure(message))
        return message

    def _guarded(self, call):
        try:
            return call()
        except protocol.Timeout:
            limit = self.args.act_timeout if self.phase == "evaluation" else self.args.worker_timeout
            what = f"{self.entry_point} took" if self.phase == "evaluation" else "the agent's process was silent for"
            raise RunFailed(
                self._failure("timeout", f"{what} more than {limit:g} s", expected=f"an answer within {limit:g} s")
            ) from None
        except protocol.Closed:
            code = self.worker.exit_code()
            message = f"the agent's process exited (status {code}) during {self.phase}"
            cpu = (self.worker.limits or {}).get("cpu_s")
            # SIGXCPU: the kernel's answer to the sandbox's CPU limit (bubblewrap reports it as 128 + 24).
            if cpu and code in (-signal.SIGXCPU, 128 + signal.SIGXCPU):
                message = f"the agent's process used up its CPU time limit ({cpu} s under --sandbox) during {self.phase}"
            elif cpu and code in (-signal.SIGKILL, 128 + signal.SIGKILL):
                message = (
                    f"the agent's process was killed during {self.phase} (past its CPU time limit of {cpu} s "
                    "under --sandbox, or the machine ran out of memory)"
                )
            raise RunFailed(
                self._failure(
                    "worker_exited", message, expected="the agent's process to keep running until the referee ends it"
                )
            ) from None
        except protocol.ProtocolError as error:
            raise RunFailed(self._failure("protocol", str(error))) from None

    def _failure(self, reason: str, message: str, expected: str | None = None) -> dict:
        return {
            "reason": reason,
            "phase": self.phase,
            "message": message,
            "entry_point": self.entry_point,
            "agent_file": _agent_path(self.spec),
            "line": self.entry_line,
            "expected": expected,
        }

    def _worker_failure(self, message: dict) -> dict:
        """The worker's own account of its failure, kept to plain strings and numbers."""
        record = self._failure("agent_raised", "the agent failed")
        for key, kind in (
            ("reason", str),
            ("message", str),
            ("entry_point", str),
            ("agent_file", str),
            ("line", int),
            ("expected", str),
            ("traceback", str),
        ):
            value = message.get(key)
            if isinstance(value, kind) and not isinstance(value, bool):
                record[key] = value[:8000] if isinstance(value, str) else value
        if record["reason"] not in ("agent_raised", "contract", "budget", "usage"):
            record["reason"] = "agent_raised"
        if record["reason"] == "budget":
            self.summary["budget_exceeded"] = True
        return record

    def record_failure(self, record: dict) -> int:
        """failure.json in the job dir, and no metrics.json: `rank` sees no score for a failed run."""
        job_dir = self.setup.job_dir
        if self.server is not None:
            self.summary["steps_served"] = self.server.steps
        record = {"status": "failed", **record, "referee": self.summary, "provenance": self.setup.provenance}
        if not storage.is_gcs(job_dir):
            for name in ("metrics.json", "progress.csv"):
                path = os.path.join(job_dir, name)
                if os.path.lexists(path):
                    os.unlink(path)
        storage.write_text(storage.join(job_dir, "failure.json"), json.dumps(record, indent=2) + "\n")
        for line in failure_lines(record, self.args.traceback):
            print(line, file=sys.stderr, flush=True)
        print(f"wrote {storage.join(job_dir, 'failure.json')}", flush=True)
        return 1


def failure_lines(record: dict, traceback: bool) -> list:
    """What the student reads: their file and line, the entry point and what the contract expected,
    in one sentence; the traceback only when asked for (it runs through the trainer's own files)."""
    if record["reason"] == "usage":
        return [f"error: {record['message']}"]
    location = display_name(record.get("agent_file"))
    if record.get("line"):
        location += f":{record['line']}"
    message, entry_point = record.get("message") or "the run failed", record.get("entry_point")
    phase, expected = record.get("phase") or "the run", record.get("expected")
    if record["reason"] in ("contract", "invalid_action"):
        # The message names the entry point and what it returned (environments.AgentError).
        said, _, rest = message.removeprefix("AgentError: ").partition("; ")
        sentence = f"{said} during {phase}" + (f"; {rest}" if rest else "")
        if expected and expected not in message:
            sentence += f"; expected {expected}"
    elif record["reason"] == "agent_raised":
        sentence = f"{entry_point or 'the agent'} raised {message} during {phase}"
        sentence += f"; expected {expected}" if expected else ""
    else:
        subject = f"{entry_point}: " if entry_point and entry_point not in message else ""
        when = "" if " during " in message else f" during {phase}"
        sentence = f"{subject}{message}{when} ({record['reason']})"
        sentence += f"; expected {expected}" if expected else ""
    lines = [f"error: {location}: {sentence}"]
    if record.get("traceback") and (traceback or record["reason"] == "agent_raised"):
        if traceback:
            lines.append(record["traceback"].rstrip("\n"))
        else:
            lines.append("note: the full Python traceback is in failure.json, or printed with --traceback")
    return lines


def display_name(agent_file) -> str:
    """The agent's file as the student named it: `relna-pack run` sets RELNA_AGENT_NAME (the package
    itself does not hold the name, so that one agent gives one package); else the file's own name."""
    given = os.environ.get(runtime.AGENT_NAME_VARIABLE, "").strip()
    return given or os.path.basename(agent_file or "agent.py")


def _agent_values(message: dict):
    """The agent's HYPERPARAMS as the worker described them (plain data), for `hyperparameters.resolve`."""
    described = message.get("hyperparams")
    if described is None:
        return None
    if not isinstance(described, dict) or "not_a_dict" in described:
        name = described.get("not_a_dict") if isinstance(described, dict) else "?"
        raise hyperparameters.HyperparameterError(f"HYPERPARAMS in the agent must be a dict, not {name}")
    values = described.get("values") if isinstance(described.get("values"), dict) else {}
    keys = described.get("keys") if isinstance(described.get("keys"), list) else []
    # Keys of the agent's own only matter for the typo warning: their values stay in the worker.
    merged = {key: None for key in keys if isinstance(key, str)}
    for key, value in values.items():
        if isinstance(value, dict) and "__repr__" in value:
            value = str(value["__repr__"])
        merged[key] = protocol.decode(value)
    return merged


def _agent_path(spec) -> str:
    return spec.agent_module.replace(".", "/") + ".py"
