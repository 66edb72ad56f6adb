"""What a run reports: progress lines, progress.csv, metrics.json and the tuning metric.

`relna-pack rank` reads metrics.json and progress.csv, so their key names and columns are a contract.
"""
from __future__ import annotations

import collections
import json
import math
import sys
import time

PROGRESS_COLUMNS = ("episode", "steps", "return", "wall_time_s")
REQUIRED_METRICS = (
    "domain",
    "env",
    "seed",
    "eval_mean_return",
    "eval_std_return",
    "eval_episodes",
    "train_episodes",
    "train_steps",
    "wall_time_s",
    "provenance",
)


class ProgressLog:
    """One row per training episode, and a progress line on stdout every `interval_s` seconds."""

    def __init__(self, interval_s: float = 5.0, window: int = 20, stream=None, clock=time.monotonic):
        self.rows: list[tuple[int, int, float, float]] = []
        self.steps = 0
        self.interval_s = interval_s
        self._recent = collections.deque(maxlen=window)
        self._stream = sys.stdout if stream is None else stream
        self._clock = clock
        self._start = clock()
        self._last_print = self._start
        self._steps_at_last_print = 0

    @property
    def episodes(self) -> int:
        return len(self.rows)

    def elapsed(self) -> float:
        return self._clock() - self._start

    def add_steps(self, count: int) -> None:
        """Counts environment steps that belong to no recorded episode (e.g. loaded demonstrations)."""
        self.steps += int(count)

    def episode(self, episode_return: float, length: int) -> None:
        self.steps += int(length)
        now = self._clock()
        self.rows.append((len(self.rows), self.steps, float(episode_return), now - self._start))
        self._recent.append(float(episode_return))
        if now - self._last_print >= self.interval_s:
            self._print(now)

    def recent_mean(self) -> float:
        return sum(self._recent) / len(self._recent) if self._recent else float("nan")

    def _print(self, now: float) -> None:
        span = max(now - self._last_print, 1e-9)
        rate = (self.steps - self._steps_at_last_print) / span
        print(
            f"episode {len(self.rows)}  steps {self.steps}  "
            f"mean return (last {len(self._recent)}) {self.recent_mean():.1f}  {rate:.0f} steps/s",
            file=self._stream,
            flush=True,
        )
        self._last_print = now
        self._steps_at_last_print = self.steps

    def to_csv(self) -> str:
        lines = [",".join(PROGRESS_COLUMNS)]
        for index, steps, episode_return, wall in self.rows:
            lines.append(f"{index},{steps},{_number(episode_return)},{wall:.3f}")
        return "\n".join(lines) + "\n"


def _number(value: float) -> str:
    return repr(float(value)) if math.isfinite(value) else "nan"


def summarize(returns) -> tuple[float, float]:
    """Mean and population standard deviation of evaluation returns."""
    values = [float(r) for r in returns]
    if not values:
        return float("nan"), float("nan")
    mean = sum(values) / len(values)
    variance = sum((v - mean) ** 2 for v in values) / len(values)
    return mean, math.sqrt(variance)


def metrics_json(metrics: dict) -> str:
    """metrics.json text: the required keys first, checked present, then the rest in order."""
    missing = [key for key in REQUIRED_METRICS if key not in metrics]
    if missing:
        raise KeyError(f"metrics lack {', '.join(missing)}")
    ordered = {key: metrics[key] for key in REQUIRED_METRICS}
    ordered.update((key, value) for key, value in metrics.items() if key not in ordered)
    return json.dumps(_finite(ordered), indent=2, sort_keys=False) + "\n"


def _finite(value):
    # JSON has no NaN or infinity; readers get null instead of a parse error.
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {key: _finite(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite(item) for item in value]
    return value


def report_tuning_metric(tag: str, value: float, step: int) -> bool:
    """Reports the tuning metric through cloudml-hypertune when it is installed."""
    try:
        import hypertune  # type: ignore[import-not-found]
    except ImportError:
        return False
    hypertune.HyperTune().report_hyperparameter_tuning_metric(
        hyperparameter_metric_tag=tag, metric_value=float(value), global_step=int(step)
    )
    return True
