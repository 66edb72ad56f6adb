"""The domain's hyperparameters: typed, bounded, settable three ways.

Precedence, lowest first: the manifest default (or the environment's own, `environments.settings`,
which TrainerSpec.for_env puts in its place), the agent's optional HYPERPARAMS dict, a value set by
`relna-pack build --set` (task.py renders it as the default and marks it `set_by_build`), then a
command-line flag (what a tuning job passes). Budget hyperparameters (`locked`: total_steps…) are not
the agent's to set: HYPERPARAMS values for them are ignored with a warning.

Text (a flag, a string in HYPERPARAMS) is read with the grammar of `relna-pack build --set`
(HyperparameterSettings.parse in relna-pack): one grammar, tested on both sides with the cases in
Fixtures/hyperparameters/coercion.json.
"""
from __future__ import annotations

import argparse
import difflib
import math
import re
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
    locked: bool = False  # a budget: the agent's HYPERPARAMS cannot change it
    set_by_build: bool = False  # the default is a `relna-pack build --set` value, above HYPERPARAMS


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}
# Decimal digits with an optional sign (underscores are dropped first), as Swift's Int(String) reads them.
_INT = re.compile(r"[+-]?[0-9]+")
# What Swift's Double(String) reads once `--set` has limited the characters to 0-9 . e E + -.
_FLOAT = re.compile(r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?")
_INT_RANGE = (-(2**63), 2**63 - 1)


def parse_text(text: str, type_name: str) -> object:
    """A value of `type_name` from text, exactly as `relna-pack build --set` reads it; ValueError if not."""
    if type_name == "str":
        return text
    trimmed = text.strip(" \t")
    if type_name == "bool":
        lowered = trimmed.lower()
        if lowered in _TRUE | _FALSE:
            return lowered in _TRUE
    elif type_name == "int":
        digits = trimmed.replace("_", "")
        if _INT.fullmatch(digits) and _INT_RANGE[0] <= int(digits) <= _INT_RANGE[1]:
            return int(digits)
    elif type_name == "float":
        if _FLOAT.fullmatch(trimmed) and math.isfinite(float(trimmed)):
            return float(trimmed)
    raise ValueError(text)


def coerce(name: str, spec: Hyperparameter, value: object) -> object:
    """Converts a flag string or a HYPERPARAMS value to the declared type and checks its bounds."""
    try:
        if isinstance(value, str):
            result: object = parse_text(value, spec.type)
        elif spec.type == "bool" and isinstance(value, bool):
            result = value
        elif spec.type == "int" and isinstance(value, int) and not isinstance(value, bool):
            result = value
        elif spec.type == "int" and isinstance(value, float) and value.is_integer():
            result = int(value)
        elif spec.type == "float" and isinstance(value, (int, float)) and not isinstance(value, bool):
            result = float(value)
            if not math.isfinite(result):
                raise ValueError(value)
        else:
            raise ValueError(value)
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
        if spec.locked:
            bounds.append("a budget: the agent's HYPERPARAMS cannot set it")
        extra = f" ({'; '.join(bounds)})" if bounds else ""
        group.add_argument(
            *spellings,
            dest="hp_" + name,
            default=None,
            metavar=spec.type.upper(),
            help=f"{spec.help}{extra} [default: {spec.default!r}]".replace("%", "%%"),
        )


def resolve(specs: dict, agent_overrides: object, flag_values: dict) -> tuple[dict, list[str]]:
    """The effective values, and warnings: agent values that lose (budgets, `--set`) and likely typos."""
    warnings: list[str] = []
    values = {name: coerce(name, spec, spec.default) for name, spec in specs.items()}
    if agent_overrides is not None:
        if not isinstance(agent_overrides, dict):
            raise HyperparameterError(
                f"HYPERPARAMS in the agent must be a dict, not {type(agent_overrides).__name__}"
            )
        for name, value in agent_overrides.items():
            spec = specs.get(name)
            if spec is None:
                # Keys of the agent's own are fine; a near miss of a domain name is likely a typo.
                close = difflib.get_close_matches(str(name), list(specs), n=1, cutoff=0.8)
                if close:
                    warnings.append(
                        f"HYPERPARAMS[{name!r}] is not a hyperparameter of this domain "
                        f"(did you mean {close[0]!r}?); the trainer ignores it"
                    )
            elif spec.locked:
                warnings.append(
                    f"HYPERPARAMS[{name!r}] is ignored: {name} is a budget the agent cannot set "
                    f"(the run uses {values[name]!r}; set it with {flag_name(name)})"
                )
            elif spec.set_by_build:
                warnings.append(
                    f"HYPERPARAMS[{name!r}] is ignored: relna-pack build --set {name}={spec.default!r} wins"
                )
            else:
                values[name] = coerce(name, spec, value)
    for name, value in flag_values.items():
        if value is not None and name in specs:
            values[name] = coerce(name, specs[name], value)
    return values, warnings
