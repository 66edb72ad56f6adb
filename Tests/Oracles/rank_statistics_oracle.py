"""Oracle for the leaderboard's per-seed statistics (Sources/Ranking/SeedStatistics.swift).

Reads lines of numbers on stdin, one sample per line, and prints per sample one line of floats (repr):
numpy's mean and std, the IQM, scipy's trim_mean, numpy's percentiles at PERCENTILES, then the 95%
percentile-bootstrap intervals of the mean and of the IQM, from a re-implementation of the Swift side's
SplitMix64 stream. usage: oracle.py SEED RESAMPLES

The IQM is rliable's aggregate_iqm, scipy.stats.trim_mean(x, 0.25): ⌊n/4⌋ values cut at each end. scipy
cuts with np.partition and sums the middle in the order that leaves, so from 7 values on its last bit
can differ from the mean of the sorted middle; the sorted middle is the exact oracle here, and scipy's
own value (printed when scipy can be imported, else the sorted one again) is compared within rounding.
"""

import sys

import numpy as np


def iqm(values):
    ordered = np.sort(np.asarray(values, dtype=np.float64))
    cut = int(0.25 * len(ordered))
    return np.mean(ordered[cut:len(ordered) - cut])


try:
    from scipy.stats import trim_mean
except ImportError:  # the project venv has no scipy
    def trim_mean(values, proportiontocut):
        return iqm(values)

PERCENTILES = [0, 2.5, 25, 33.3, 50, 97.5, 100]
MASK = (1 << 64) - 1


class SplitMix64:
    def __init__(self, seed):
        self.state = seed

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def index(self, count):
        return (self.next() * count) >> 64


def bootstrap(scores, seed, resamples):
    generator = SplitMix64(seed)
    n = len(scores)
    means, iqms = [], []
    for _ in range(resamples):
        sample = scores[[generator.index(n) for _ in range(n)]]
        means.append(np.mean(sample))
        iqms.append(iqm(sample))
    return [*np.percentile(means, [2.5, 97.5]), *np.percentile(iqms, [2.5, 97.5])]


def main():
    seed, resamples = int(sys.argv[1]), int(sys.argv[2])
    for line in sys.stdin:
        scores = np.array([float(word) for word in line.split()], dtype=np.float64)
        values = [np.mean(scores), np.std(scores), iqm(scores), trim_mean(scores, 0.25)]
        values += list(np.percentile(scores, PERCENTILES))
        values += bootstrap(scores, seed, resamples) if resamples else []
        print(" ".join(repr(float(value)) for value in values))


if __name__ == "__main__":
    main()
