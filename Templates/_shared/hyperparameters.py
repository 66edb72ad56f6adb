"""The domain's hyperparameters: typed, bounded, settable three ways.

Precedence, lowest first: the manifest default (already overridden by `relna-pack build --set`), the
agent's optional HYPERPARAMS dict, then a command-line flag (what a tuning job passes).
"""
from __future__ import annotations

import argparse
import difflib
import math
from dataclasses import dataclass, field


class HyperparameterError(Exception):
    """A value of the wrong type or out of bounds, named by its hyperparameter."""


@dataclass(frozen=True)
class Hyperparameter:
    type: str
    default: object
    help: str = ""
    min: object = None
    max: object = None
    choices: tuple = field(default_factory=tuple)


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def coerce(name: str, spec: Hyperparameter, value: object) -> object:
    """Converts a flag string or a HYPERPARAMS value to the declared type and checks its bounds."""
    try:
        if spec.type == "bool":
            if isinstance(value, bool):
                result: object = value
            elif isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
                result = value.strip().lower() in _TRUE
            else:
                raise ValueError(value)
        elif spec.type == "int":
            if isinstance(value, bool):
                raise ValueError(value)
            if isinstance(value, float):
                if not value.is_integer():
                    raise ValueError(value)
                value = int(value)
            result = int(value)  # type: ignore[arg-type]
        elif spec.type == "float":
            if isinstance(value, bool):
                raise ValueError(value)
            result = float(value)  # type: ignore[arg-type]
            if not math.isfinite(result):
                raise ValueError(value)
        else:
            if not isinstance(value, str):
                raise ValueError(value)
            result = value
    except (TypeError, ValueError):
        raise HyperparameterError(f"{name}: expected a {spec.type}, got {value!r}") from None
    if spec.min is not None and result < spec.min:  # type: ignore[operator]
        raise HyperparameterError(f"{name}: {result!r} is below the minimum {spec.min!r}")
    if spec.max is not None and result > spec.max:  # type: ignore[operator]
        raise HyperparameterError(f"{name}: {result!r} is above the maximum {spec.max!r}")
    if spec.choices and result not in spec.choices:
        allowed = ", ".join(repr(choice) for choice in spec.choices)
        raise HyperparameterError(f"{name}: {result!r} is not one of {allowed}")
    return result


def flag_name(name: str) -> str:
    return "--" + name.replace("_", "-")


def add_flags(parser: argparse.ArgumentParser, specs: dict) -> None:
    """One flag per hyperparameter; both --learning-rate and --learning_rate (tuning jobs pass the latter)."""
    group = parser.add_argument_group("hyperparameters")
    for name, spec in specs.items():
        spellings = [flag_name(name)]
        if "_" in name:
            spellings.append("--" + name)
        bounds = []
        if spec.min is not None:
            bounds.append(f"min {spec.min}")
        if spec.max is not None:
            bounds.append(f"max {spec.max}")
        if spec.choices:
            bounds.append("one of " + ", ".join(str(choice) for choice in spec.choices))
        extra = f" ({'; '.join(bounds)})" if bounds else ""
        group.add_argument(
            *spellings,
            dest="hp_" + name,
            default=None,
            metavar=spec.type.upper(),
            help=f"{spec.help}{extra} [default: {spec.default!r}]".replace("%", "%%"),
        )


def resolve(specs: dict, agent_overrides: object, flag_values: dict) -> tuple[dict, list[str]]:
    """The effective values, and warnings about agent HYPERPARAMS keys the domain does not know."""
    warnings: list[str] = []
    values = {name: coerce(name, spec, spec.default) for name, spec in specs.items()}
    if agent_overrides is not None:
        if not isinstance(agent_overrides, dict):
            raise HyperparameterError(
                f"HYPERPARAMS in the agent must be a dict, not {type(agent_overrides).__name__}"
            )
        for name, value in agent_overrides.items():
            if name in specs:
                values[name] = coerce(name, specs[name], value)
            else:
                # Keys of the agent's own are fine; a near miss of a domain name is likely a typo.
                close = difflib.get_close_matches(str(name), list(specs), n=1, cutoff=0.8)
                if close:
                    warnings.append(
                        f"HYPERPARAMS[{name!r}] is not a hyperparameter of this domain "
                        f"(did you mean {close[0]!r}?); the trainer ignores it"
                    )
    for name, value in flag_values.items():
        if value is not None and name in specs:
            values[name] = coerce(name, specs[name], value)
    return values, warnings
