"""The trainer's main program, the same for every domain: flags, then the referee runs the agent.

task.py (rendered per package) describes the domain in a TrainerSpec and calls `main`. The result is
decided by the referee (trainer/referee.py, this process), which never imports the agent: the agent
and the domain's algorithm (`train(context)`) run in a worker process (trainer/worker.py).
Setting RELNA_REFEREE=in-process runs everything in this process instead; it exists for the
referee's benchmark only, and such a run is recorded as not isolated.
"""
from __future__ import annotations

import argparse
import json
import os
import pkgutil
import sys
from dataclasses import dataclass, field, replace

from trainer import environments, hyperparameters, reporting, sandbox, storage

# The environment variable, read before any agent code runs, that selects the in-process reference run.
IN_PROCESS_VARIABLE = "RELNA_REFEREE"
IN_PROCESS_VALUE = "in-process"
# The agent's file name as the student gave it (`relna-pack run` sets it), for error messages only.
AGENT_NAME_VARIABLE = "RELNA_AGENT_NAME"


@dataclass(frozen=True)
class TrainerSpec:
    domain: str
    title: str
    template_version: str
    relna_version: str
    framework: str
    default_env: str
    supported_envs: tuple
    action_space: str
    tuning_metric: str
    agent_module: str
    algorithm_module: str
    hyperparameters: dict
    # "Class.method" -> the manifest's `returns:` word; the worker checks each one's first result.
    contracts: dict = field(default_factory=dict)
    # env id -> {name: default}: the manifest's per-environment defaults (environments.settings).
    env_defaults: dict = field(default_factory=dict)

    def for_env(self, env_id: str) -> "TrainerSpec":
        """This spec with `env_id`'s own defaults in place of the build's, below every other layer."""
        own = self.env_defaults.get(env_id, {})
        specs = {
            name: replace(spec, default=own[name]) if name in own and not spec.set_by_build else spec
            for name, spec in self.hyperparameters.items()
        }
        return replace(self, hyperparameters=specs)


@dataclass
class TrainContext:
    """What an algorithm's `train` gets. Its environments come from `make_env`; the referee serves
    them and stops at `total_steps` steps, greedy checks included."""

    env_id: str
    seed: int
    hyperparameters: dict
    agent: object  # the imported agent module
    progress: reporting.ProgressLog
    total_steps: int
    make_env: object = None  # make_env(role="train" | "check") -> a Gymnasium environment
    count_offline_steps: object = None  # count_offline_steps(n): demonstrations spend the budget too
    log: object = print


@dataclass
class TrainResult:
    act: object  # observation -> action, used for the evaluation
    model: object = None  # what is saved to the model dir (pickled when it can be)
    extra: dict = field(default_factory=dict)
    entry_point: str = "act"  # the agent's function behind `act`, named in failure records
    # observation -> action of a checkpoint the algorithm selected during training (DQN's keep_best);
    # evaluated on the same seeds after `act` and reported as eval_best_*, never in place of it.
    selected_act: object = None


class UsageError(Exception):
    pass


def build_parser(spec: TrainerSpec) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m trainer.task",
        description=f"{spec.title}: train the packaged agent and write metrics.json and progress.csv.",
    )
    parser.add_argument("--env", default=spec.default_env, help=f"Gymnasium id [default: {spec.default_env}]")
    parser.add_argument(
        "--job-dir",
        "--job_dir",
        dest="job_dir",
        default=None,
        help="output folder, local or gs:// [default: the parent of AIP_MODEL_DIR when set]",
    )
    parser.add_argument("--seed", type=int, default=0, help="training seed [default: 0]")
    parser.add_argument(
        "--eval-episodes",
        "--eval_episodes",
        dest="eval_episodes",
        type=int,
        default=20,
        help="evaluation episodes after training, on fixed seeds [default: 20]",
    )
    parser.add_argument(
        "--progress-interval",
        dest="progress_interval",
        type=float,
        default=5.0,
        help="seconds between progress lines [default: 5]",
    )
    parser.add_argument(
        "--act-timeout",
        dest="act_timeout",
        type=float,
        default=30.0,
        help="seconds the agent may take for one evaluation action [default: 30]",
    )
    parser.add_argument(
        "--worker-timeout",
        dest="worker_timeout",
        type=float,
        default=1800.0,
        help="seconds the agent's process may stay silent while training [default: 1800]",
    )
    parser.add_argument(
        "--sandbox",
        choices=sandbox.CHOICES,
        default="none",
        help="run the agent's process under bubblewrap: no network, no home folder or job dir, limits "
        "(docs/integrity.md) [default: none]",
    )
    parser.add_argument(
        "--sandbox-memory",
        dest="sandbox_memory",
        type=int,
        default=sandbox.DEFAULT_MEMORY_MIB,
        metavar="MIB",
        help=f"the agent's address-space limit under --sandbox, in MiB [default: {sandbox.DEFAULT_MEMORY_MIB}]",
    )
    parser.add_argument(
        "--traceback",
        action="store_true",
        help="when the agent fails, also print the full Python traceback [default: the agent's line only]",
    )
    hyperparameters.add_flags(parser, spec.hyperparameters)
    return parser


def load_provenance() -> dict:
    """The package's provenance.json, written by `relna-pack build`: the one record of what was built."""
    try:
        data = pkgutil.get_data("trainer", "provenance.json")
        loaded = json.loads(data.decode("utf-8")) if data else None
    except (OSError, ValueError):
        loaded = None
    if not isinstance(loaded, dict):
        raise UsageError("this package has no readable trainer/provenance.json: build it with relna-pack build")
    return loaded


def _error(message: str) -> int:
    print(f"error: {message}", file=sys.stderr, flush=True)
    return 1


def main(spec: TrainerSpec, argv=None) -> int:
    args = build_parser(spec).parse_args(argv)
    spec = spec.for_env(args.env)
    flags = {name: getattr(args, "hp_" + name) for name in spec.hyperparameters}
    in_process = os.environ.get(IN_PROCESS_VARIABLE) == IN_PROCESS_VALUE
    try:
        run = prepare(spec, args)
        if in_process:
            from trainer import inprocess

            return inprocess.run(spec, args, flags, run)
        from trainer import referee

        return referee.run(spec, args, flags, run)
    except (
        storage.StorageError,
        hyperparameters.HyperparameterError,
        environments.AgentError,
        UsageError,
    ) as failure:
        return _error(str(failure))


@dataclass
class RunSetup:
    """What is checked before any agent code runs: the job dir, the provenance, the environments."""

    job_dir: str
    provenance: dict
    train_env: object  # made now, so the environment's code is loaded before the worker starts
    eval_env: object


def prepare(spec: TrainerSpec, args) -> RunSetup:
    if args.eval_episodes < 1:
        raise UsageError("--eval-episodes must be at least 1")
    if args.act_timeout <= 0 or args.worker_timeout <= 0:
        raise UsageError("--act-timeout and --worker-timeout must be positive")
    if args.sandbox_memory < 256:
        raise UsageError("--sandbox-memory must be at least 256 (MiB)")
    try:
        sandbox.check(args.sandbox)
    except sandbox.SandboxError as error:
        raise UsageError(str(error)) from None
    job_dir = storage.resolve_job_dir(args.job_dir)
    storage.check_writable(job_dir)
    if args.env not in spec.supported_envs:
        print(
            f"warning: {args.env} is not among this domain's environments ({', '.join(spec.supported_envs)})",
            file=sys.stderr,
        )
    provenance = load_provenance()
    train_env = _make_checked_env(spec, args.env)
    return RunSetup(job_dir, provenance, train_env, environments.make_env(args.env))


def _make_checked_env(spec: TrainerSpec, env_id: str):
    try:
        env = environments.make_env(env_id)
    except Exception as error:  # gymnasium raises several kinds for unknown or unavailable ids
        raise UsageError(f"cannot make environment {env_id!r}: {error}") from error
    kind = environments.action_kind(env.action_space)
    if spec.action_space != "any" and kind != spec.action_space:
        env.close()
        raise UsageError(
            f"{env_id} has a {kind} action space; the {spec.domain} domain needs {spec.action_space}"
        )
    return env


def announce(spec: TrainerSpec, args, total_steps: int) -> None:
    print(
        f"{spec.domain}: training on {args.env} with seed {args.seed}, at most {total_steps} steps",
        flush=True,
    )


def write_results(spec: TrainerSpec, args, setup: RunSetup, outcome: dict) -> int:
    """Writes progress.csv, metrics.json and the model, then reports the tuning metric.

    `outcome` holds what the run measured: returns (of the final network), selected_returns (of a
    checkpoint the algorithm selected, or None), progress, train_wall, eval_wall, hyperparameters,
    extra (the algorithm's own figures, which never replace the referee's keys), model (bytes or
    None) and referee (how the run was refereed).
    """
    returns, progress = outcome["returns"], outcome["progress"]
    mean, std = reporting.summarize(returns)
    train_wall = outcome["train_wall"]
    steps = outcome["steps"]
    metrics = {
        "domain": spec.domain,
        "env": args.env,
        "seed": args.seed,
        "eval_mean_return": mean,
        "eval_std_return": std,
        "eval_episodes": len(returns),
        "train_episodes": progress.episodes,
        "train_steps": steps,
        "wall_time_s": round(train_wall, 3),
        "provenance": setup.provenance,
        "eval_returns": returns,
        "eval_seeds": [environments.EVAL_SEED_BASE + i for i in range(len(returns))],
        "eval_wall_time_s": round(outcome["eval_wall"], 3),
        "steps_per_second": round(steps / max(train_wall, 1e-9), 1),
        "framework": spec.framework,
        "hyperparameters": outcome["hyperparameters"],
        "python": _python_version(),
        "referee": outcome["referee"],
    }
    selected = outcome.get("selected_returns")
    if selected is not None:
        best_mean, best_std = reporting.summarize(selected)
        metrics.update(eval_best_mean_return=best_mean, eval_best_std_return=best_std, eval_best_returns=selected)
    for key, value in outcome["extra"].items():
        metrics.setdefault(key, value)
    storage.write_text(storage.join(setup.job_dir, "progress.csv"), progress.to_csv())
    storage.write_text(storage.join(setup.job_dir, "metrics.json"), reporting.metrics_json(metrics))
    if outcome["model"] is not None:
        model_dir = storage.resolve_model_dir(setup.job_dir)
        storage.write_bytes(storage.join(model_dir, "agent.pkl"), outcome["model"])
    tuned = metrics.get(spec.tuning_metric, mean)
    if not isinstance(tuned, (int, float)) or isinstance(tuned, bool):
        tuned = mean
    if reporting.report_tuning_metric(spec.tuning_metric, tuned, steps):
        print(f"reported {spec.tuning_metric} to hypertune", flush=True)
    print(
        f"evaluation: mean return {mean:.1f} ± {std:.1f} over {len(returns)} episodes; "
        f"{progress.episodes} training episodes, {steps} steps, {train_wall:.1f} s",
        flush=True,
    )
    if selected is not None:
        print(f"selected checkpoint: mean return {best_mean:.1f} ± {best_std:.1f} (eval_best_mean_return)", flush=True)
    print(f"wrote {storage.join(setup.job_dir, 'metrics.json')}", flush=True)
    return 0


def _python_version() -> str:
    import platform

    return platform.python_version()


def pickle_model(model) -> bytes | None:
    """The trained agent object pickled for the model dir; None (with a warning) when it cannot be."""
    import pickle

    if model is None:
        return None
    try:
        return pickle.dumps(model)
    except Exception as error:  # frameworks raise their own kinds for unpicklable state
        print(f"warning: the trained agent cannot be pickled ({error}); no model saved", file=sys.stderr)
        return None
