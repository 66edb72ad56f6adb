"""The trainer's main program, the same for every domain: flags, agent, training, evaluation, output.

task.py (rendered per package) describes the domain in a TrainerSpec and hands its algorithm's
`train(context)` to `main`. The agent module is imported here, on purpose: this is the package the
student asked to run.
"""
from __future__ import annotations

import argparse
import importlib
import json
import pickle
import pkgutil
import platform
import sys
import time
from dataclasses import dataclass, field

from trainer import environments, hyperparameters, reporting, storage


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
    hyperparameters: dict


@dataclass
class TrainContext:
    """What an algorithm's `train` gets. It must not take more than `total_steps` environment steps."""

    env_id: str
    seed: int
    hyperparameters: dict
    agent: object  # the imported agent module
    progress: reporting.ProgressLog
    total_steps: int
    log: object = print


@dataclass
class TrainResult:
    act: object  # observation -> action, used for the evaluation
    model: object = None  # what is saved to the model dir (pickled when it can be)
    extra: dict = field(default_factory=dict)


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


def main(spec: TrainerSpec, train, argv=None) -> int:
    parser = build_parser(spec)
    args = parser.parse_args(argv)
    flags = {name: getattr(args, "hp_" + name) for name in spec.hyperparameters}
    try:
        return _run(spec, train, args, flags)
    except (
        storage.StorageError,
        hyperparameters.HyperparameterError,
        environments.AgentError,
        UsageError,
    ) as failure:
        return _error(str(failure))


def _run(spec: TrainerSpec, train, args, flags: dict) -> int:
    if args.eval_episodes < 1:
        raise UsageError("--eval-episodes must be at least 1")
    job_dir = storage.resolve_job_dir(args.job_dir)
    storage.check_writable(job_dir)
    if args.env not in spec.supported_envs:
        print(
            f"warning: {args.env} is not among this domain's environments ({', '.join(spec.supported_envs)})",
            file=sys.stderr,
        )
    provenance = load_provenance()
    environments.seed_everything(args.seed)
    try:
        agent = importlib.import_module(spec.agent_module)
    except ModuleNotFoundError as error:
        if not error.name or error.name.split(".")[0] == "trainer":
            raise
        raise UsageError(
            f"the agent imports {error.name!r}, which is not installed here "
            f"(this package was built for the {spec.framework} framework: pip install its requirements)"
        ) from error
    environments.seed_everything(args.seed)  # the frameworks the agent imported
    values, warnings = hyperparameters.resolve(
        spec.hyperparameters, getattr(agent, "HYPERPARAMS", None), flags
    )
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    # The agent reads its effective hyperparameters (learning rate…) from HYPERPARAMS at construction;
    # keys of its own that the domain does not know stay there for it.
    own = getattr(agent, "HYPERPARAMS", None)
    agent.HYPERPARAMS = {**(own if isinstance(own, dict) else {}), **values}
    _check_env(spec, args.env)

    progress = reporting.ProgressLog(interval_s=args.progress_interval)
    total_steps = int(values.get("total_steps", 100_000))
    print(
        f"{spec.domain}: training on {args.env} with seed {args.seed}, at most {total_steps} steps",
        flush=True,
    )
    context = TrainContext(
        env_id=args.env,
        seed=args.seed,
        hyperparameters=values,
        agent=agent,
        progress=progress,
        total_steps=total_steps,
    )
    result = train(context)
    train_wall = progress.elapsed()
    eval_start = time.monotonic()
    returns = environments.evaluate(args.env, result.act, args.eval_episodes)
    mean, std = reporting.summarize(returns)
    metrics = {
        "domain": spec.domain,
        "env": args.env,
        "seed": args.seed,
        "eval_mean_return": mean,
        "eval_std_return": std,
        "eval_episodes": len(returns),
        "train_episodes": progress.episodes,
        "train_steps": progress.steps,
        "wall_time_s": round(train_wall, 3),
        "provenance": provenance,
        "eval_returns": returns,
        "eval_seeds": [environments.EVAL_SEED_BASE + i for i in range(len(returns))],
        "eval_wall_time_s": round(time.monotonic() - eval_start, 3),
        "steps_per_second": round(progress.steps / max(train_wall, 1e-9), 1),
        "framework": spec.framework,
        "hyperparameters": values,
        "python": platform.python_version(),
    }
    metrics.update(result.extra)
    storage.write_text(storage.join(job_dir, "progress.csv"), progress.to_csv())
    storage.write_text(storage.join(job_dir, "metrics.json"), reporting.metrics_json(metrics))
    _save_model(result.model, storage.resolve_model_dir(job_dir))
    tuned = metrics.get(spec.tuning_metric, mean)
    if reporting.report_tuning_metric(spec.tuning_metric, tuned, progress.steps):
        print(f"reported {spec.tuning_metric} to hypertune", flush=True)
    print(
        f"evaluation: mean return {mean:.1f} ± {std:.1f} over {len(returns)} episodes; "
        f"{progress.episodes} training episodes, {progress.steps} steps, {train_wall:.1f} s",
        flush=True,
    )
    print(f"wrote {storage.join(job_dir, 'metrics.json')}", flush=True)
    return 0


def _check_env(spec: TrainerSpec, env_id: str) -> None:
    try:
        env = environments.make_env(env_id)
    except Exception as error:  # gymnasium raises several kinds for unknown or unavailable ids
        raise UsageError(f"cannot make environment {env_id!r}: {error}") from error
    kind = environments.action_kind(env.action_space)
    env.close()
    if spec.action_space != "any" and kind != spec.action_space:
        raise UsageError(
            f"{env_id} has a {kind} action space; the {spec.domain} domain needs {spec.action_space}"
        )


def _save_model(model, model_dir: str) -> None:
    """Pickles the trained agent object to the model dir; a model that cannot be pickled is skipped."""
    if model is None:
        return
    try:
        data = pickle.dumps(model)
    except Exception as error:  # frameworks raise their own kinds for unpicklable state
        print(f"warning: the trained agent cannot be pickled ({error}); no model saved", file=sys.stderr)
        return
    storage.write_bytes(storage.join(model_dir, "agent.pkl"), data)

