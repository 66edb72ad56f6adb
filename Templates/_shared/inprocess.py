"""The in-process reference run: the agent in the trainer's own process, as before the referee.

Only the referee's benchmark selects it (RELNA_REFEREE=in-process, read before any agent code runs);
the agent can patch anything here, so metrics.json records the run as not isolated.
"""
from __future__ import annotations

import importlib
import sys
import time

from trainer import environments, hyperparameters, reporting, runtime


def import_agent(spec: runtime.TrainerSpec):
    """The agent module; a missing framework is a usage error that says what to install."""
    try:
        return importlib.import_module(spec.agent_module)
    except ModuleNotFoundError as error:
        if not error.name or error.name.split(".")[0] == "trainer":
            raise
        raise runtime.UsageError(
            f"the agent imports {error.name!r}, which is not installed here "
            f"(this package was built for the {spec.framework} framework: pip install its requirements)"
        ) from error


def run(spec: runtime.TrainerSpec, args, flags: dict, setup: runtime.RunSetup) -> int:
    environments.seed_everything(args.seed)
    agent = import_agent(spec)
    environments.seed_everything(args.seed)  # the frameworks the agent imported
    own = getattr(agent, "HYPERPARAMS", None)
    values, warnings = hyperparameters.resolve(spec.hyperparameters, own, flags)
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    agent.HYPERPARAMS = {**(own if isinstance(own, dict) else {}), **values}
    total_steps = int(values.get("total_steps", 100_000))
    runtime.announce(spec, args, total_steps)
    progress = reporting.ProgressLog(interval_s=args.progress_interval)
    envs = [setup.train_env]

    def make_env(role: str = "train"):
        if envs:
            return envs.pop()
        return environments.make_env(args.env)

    algorithm = importlib.import_module(spec.algorithm_module)
    context = runtime.TrainContext(
        env_id=args.env,
        seed=args.seed,
        hyperparameters=values,
        agent=agent,
        progress=progress,
        total_steps=total_steps,
        make_env=make_env,
        count_offline_steps=progress.add_steps,
    )
    result = algorithm.train(context)
    train_wall = progress.elapsed()
    eval_start = time.monotonic()
    returns = environments.evaluate(setup.eval_env, result.act, args.eval_episodes, result.entry_point)
    selected = None
    if result.selected_act is not None:
        selected = environments.evaluate(setup.eval_env, result.selected_act, args.eval_episodes, result.entry_point)
    setup.eval_env.close()
    outcome = {
        "returns": returns,
        "selected_returns": selected,
        "progress": progress,
        "steps": progress.steps,
        "train_wall": train_wall,
        "eval_wall": time.monotonic() - eval_start,
        "hyperparameters": values,
        "extra": result.extra,
        "model": runtime.pickle_model(result.model),
        "referee": {"isolated": False, "sandbox": "none", "budget": total_steps, "steps_served": None},
    }
    return runtime.write_results(spec, args, setup, outcome)
