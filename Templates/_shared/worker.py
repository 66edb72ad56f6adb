"""The worker: the process that imports the agent and runs the domain's algorithm.

The referee (trainer/referee.py) starts it as `python -m trainer.worker READ_FD WRITE_FD [LAUNCH]`
(LAUNCH: JSON, the resource limits and the user it becomes before the agent is imported;
trainer/sandbox.py). Its environments have Gymnasium's API; each is a replica of one of the referee's,
which replays every reset and step, counts them against the budget and checks that the replica
behaved as its own environment did. Whatever the agent patches here changes only this process.
"""
from __future__ import annotations

import importlib
import inspect
import os
import sys
import traceback

import numpy as np

from trainer import confinement, contract, environments, hyperparameters, protocol, reporting, runtime, sandbox, storage

# Errors that are the run's settings, not the agent's code: one line, no traceback.
_USAGE_ERRORS = (runtime.UsageError, hyperparameters.HyperparameterError, storage.StorageError)


class BudgetSpent(Exception):
    """The referee refused a step: the run's training budget is spent."""


class ReplicaEnv:
    """A Gymnasium environment for the algorithm: a replica of one of the referee's environments.

    Every reset and step is recorded and sent to the referee in batches; it replays them on its own
    environment, counts them against the budget and fails the run if the replica behaved differently.
    """

    metadata: dict = {}
    render_mode = None
    spec = None

    def __init__(self, link: "Worker", handle: int, made: dict):
        self._link = link
        self._handle = handle
        self.observation_space = protocol.build_space(made["observation_space"])
        self.action_space = protocol.build_space(made["action_space"])
        self._env = environments.make_env(made["env_id"])
        self._first_seed = int(made["first_seed"])
        self._closed = False

    @property
    def unwrapped(self):
        return self

    def reset(self, *, seed=None, options=None):
        if seed is None and self._first_seed is not None:
            seed = self._first_seed
        self._first_seed = None
        seed = None if seed is None else int(seed)
        observation, info = self._env.reset(seed=seed)
        self._link.batch.reset(self._handle, seed, observation)
        return observation, info

    def step(self, action):
        self._link.spend_step()
        action = environments.to_env_action(self.action_space, action, "the action sent to step()")
        observation, reward, terminated, truncated, info = self._env.step(action)
        self._link.batch.step(self._handle, np.asarray(action), observation, reward, terminated, truncated)
        self._link.flush_if_full()
        return observation, reward, terminated, truncated, info

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._env.close()
            self._link.batch.close(self._handle)


def _reply(channel: protocol.Channel) -> dict:
    reply = protocol.decode(channel.receive())
    if reply["type"] == "error":
        if reply.get("kind") == "budget":
            raise BudgetSpent(reply["message"])
        raise environments.AgentError(reply["message"])
    return reply


class Worker:
    BATCH_RECORDS = 256  # steps per batch: few messages, and the referee replays while training goes on

    def __init__(self, channel: protocol.Channel):
        self.channel = channel
        self.agent = None
        self.agent_file = None
        self.batch = protocol.Batch()
        self.budget = 0
        self.steps = 0
        self.action_space = None  # the first environment's, for the contract's checks
        self.contracts = {}

    def make_env(self, role: str = "train"):
        if role not in ("train", "check"):
            raise ValueError(f"unknown environment role {role!r}")
        made = self._ask({"type": "make", "role": role})
        env = ReplicaEnv(self, int(made["env"]), made)
        if self.action_space is None:
            self.action_space = env.action_space
        return env

    def count_offline_steps(self, count: int) -> None:
        self._ask({"type": "offline_steps", "count": int(count)})
        self.steps += int(count)

    def spend_step(self) -> None:
        """Refuses a step beyond the budget here, before the referee would (it checks again)."""
        if self.steps >= self.budget:
            raise BudgetSpent(
                f"the training budget of {self.budget} environment steps is spent; the referee serves no more"
            )
        self.steps += 1

    def flush_if_full(self) -> None:
        if self.batch.records >= self.BATCH_RECORDS:
            self.flush()

    def flush(self) -> None:
        if self.batch.records:
            self.channel.send_frame(protocol.BATCH, self.batch.take())

    def _ask(self, message: dict) -> dict:
        self.flush()
        self.channel.send(message)
        return _reply(self.channel)

    def run(self) -> None:
        init = self.channel.receive()
        if init.get("type") != "init" or init.get("protocol") != protocol.VERSION:
            raise protocol.ProtocolError(f"expected protocol {protocol.VERSION}, got {init!r:.200}")
        try:
            confinement.confine(init.get("scratch"))
        except confinement.ConfinementError as error:
            self._fail("start", error, expected="Landlock, which the referee found available")
        environments.seed_everything(init["seed"])
        self.agent = self._import_agent(init["agent_module"], init["framework"])
        environments.seed_everything(init["seed"])  # the frameworks the agent imported
        self.agent_file = getattr(self.agent, "__file__", None)
        contracts = init.get("contracts")
        self.contracts = contracts if isinstance(contracts, dict) else {}
        contract.watch(self.agent, self.contracts, lambda: self.action_space)
        own = getattr(self.agent, "HYPERPARAMS", None)
        self.channel.send({"type": "agent", "hyperparams": _plain_hyperparams(own, init["names"])})
        start = self.channel.receive()
        if start["type"] != "train":
            return
        values = start["hyperparameters"]
        self.budget = int(start["total_steps"])
        self.agent.HYPERPARAMS = {**(own if isinstance(own, dict) else {}), **values}
        algorithm = importlib.import_module(init["algorithm_module"])
        context = runtime.TrainContext(
            env_id=start["env_id"],
            seed=start["seed"],
            hyperparameters=values,
            agent=self.agent,
            progress=reporting.ProgressLog(interval_s=float("inf")),
            total_steps=int(start["total_steps"]),
            make_env=self.make_env,
            count_offline_steps=self.count_offline_steps,
        )
        result = self._guard("training", None, lambda: algorithm.train(context))
        self.flush()
        model = runtime.pickle_model(result.model) or b""
        entry = {"entry_point": result.entry_point, "line": _definition_line(self.agent, result.entry_point)}
        selected = result.selected_act is not None
        self.channel.send(
            {
                "type": "trained",
                "extra": _plain_extra(result.extra),
                "model_size": len(model),
                "selected": selected,
                **entry,
            },
            model,
        )
        while True:
            message = self.channel.receive()
            if message["type"] != "act":
                return
            observation = protocol.decode(message["observation"])
            if observation.ndim == 0 and observation.dtype.kind in "iu":
                observation = int(observation)  # a Discrete observation, as the environment hands it out
            act = result.selected_act if selected and message.get("policy") == "selected" else result.act
            action = self._guard("evaluation", result.entry_point, lambda: act(observation))
            try:
                value = np.asarray(action)
                self.channel.send({"type": "action", "action": value})
            except (TypeError, ValueError, protocol.ProtocolError):
                self._fail(
                    "evaluation",
                    environments.AgentError(
                        f"{result.entry_point} must return a number or an array of numbers, "
                        f"got {type(action).__name__}",
                        result.entry_point,
                    ),
                )

    def _import_agent(self, module: str, framework: str):
        try:
            return importlib.import_module(module)
        except ModuleNotFoundError as error:
            if error.name and error.name.split(".")[0] != "trainer":
                self._fail(
                    "start",
                    runtime.UsageError(
                        f"the agent imports {error.name!r}, which is not installed here "
                        f"(this package was built for the {framework} framework: pip install its requirements)"
                    ),
                )
            self._fail("start", error)
        except BaseException as error:  # the agent's module-level code raised
            self._fail("start", error)

    def _guard(self, phase: str, entry_point, call):
        try:
            return call()
        except protocol.ProtocolError:
            raise
        except BaseException as error:  # the agent's code raised, or the algorithm found its output wrong
            self._fail(phase, error, entry_point=entry_point)

    def _fail(self, phase: str, error: BaseException, entry_point=None, expected=None):
        """Tells the referee why the run failed, where in the agent's file, then stops.

        The traceback goes to the referee in the record; it prints it only with --traceback.
        """
        if isinstance(error, _USAGE_ERRORS):
            record = {"reason": "usage", "message": str(error)[:2000], "expected": None}
        else:
            record = describe(error, self.agent, self.agent_file, entry_point, self.contracts, self.action_space)
        record["phase"] = phase
        if expected is not None:
            record["expected"] = expected
        self.flush()  # the steps taken so far count, and are checked
        self.channel.send({"type": "failed", **record})
        os._exit(1)


def describe(error: BaseException, agent, agent_file, entry_point=None, contracts=None, action_space=None) -> dict:
    """Where the agent's code failed (file, line, entry point) and what the contract expected."""
    agent_frames = []
    tb = error.__traceback__
    while tb is not None:
        code = tb.tb_frame.f_code
        if agent_file and os.path.abspath(code.co_filename) == os.path.abspath(agent_file):
            agent_frames.append((getattr(code, "co_qualname", code.co_name), tb.tb_lineno))
        tb = tb.tb_next
    if isinstance(error, environments.AgentError) and error.entry_point:
        entry_point = error.entry_point
    if agent_frames and not entry_point:
        entry_point = agent_frames[0][0]
    line = agent_frames[-1][1] if agent_frames else _definition_line(agent, entry_point)
    if isinstance(error, BudgetSpent):
        reason, expected = "budget", "at most the training budget of environment steps"
    elif isinstance(error, environments.AgentError):
        reason, expected = "contract", str(error)
    else:
        reason = "agent_raised"
        word = (contracts or {}).get(entry_point)
        promised = contract.expectation(word, action_space) if word else "normally"
        expected = f"{entry_point or 'the agent'} to return {promised}"
    message = f"{type(error).__name__}: {error}"
    return {
        "reason": reason,
        "message": message[:2000],
        "entry_point": entry_point,
        "agent_file": _package_relative(agent_file),
        "line": line,
        "expected": expected[:2000],
        "traceback": "".join(traceback.format_exception(type(error), error, error.__traceback__))[-8000:],
    }


def _definition_line(agent, entry_point):
    """The line where the agent defines `entry_point` ("Policy.act"), when it can be found."""
    target = agent
    for part in (entry_point or "").split("."):
        target = getattr(target, part, None)
        if target is None:
            return None
    try:
        return inspect.getsourcelines(target)[1]
    except (OSError, TypeError):
        return None


def _package_relative(path):
    if not path:
        return None
    package_root = os.path.dirname(os.path.dirname(os.path.abspath(runtime.__file__)))
    absolute = os.path.abspath(path)
    return os.path.relpath(absolute, package_root) if absolute.startswith(package_root + os.sep) else absolute


def _plain_hyperparams(own, names):
    """The agent's HYPERPARAMS as plain data: the domain's keys with their values, and all key names."""
    if own is None:
        return None
    if not isinstance(own, dict):
        return {"not_a_dict": type(own).__name__}
    values = {str(key): _plain(value) for key, value in own.items() if key in names}
    return {"values": values, "keys": [str(key) for key in list(own)[:1000]]}


def _plain_extra(extra) -> dict:
    return {str(key): _plain(value) for key, value in extra.items()} if isinstance(extra, dict) else {}


def _plain(value):
    try:
        return protocol.encode(value)
    except protocol.ProtocolError:
        return {"__repr__": repr(value)[:200]}


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    channel = protocol.Channel(int(argv[0]), int(argv[1]))
    sandbox.apply(argv[2] if len(argv) > 2 else None)
    try:
        Worker(channel).run()
    except protocol.ProtocolError:
        return 2  # the referee went away or ended the run: nothing to tell it
    return 0


if __name__ == "__main__":
    os._exit(main())
