#!/usr/bin/env bash
# Regenerates Fixtures/runs/real/: brief runs of the real dqn trainer with the numpy CartPole fixture
# agent (three seeds, one run with another learning rate, one on Acrobot-v1), kept small for the rank
# tests. The package is rendered with Tests/Python/trainer_harness.py (Jinja2, the reference renderer)
# until `relna-pack build` lands; the trainer code is the same. Runs take a few seconds each.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
export RELNA_PYTHON=${RELNA_PYTHON:-$root/.venv/bin/python}
out=$root/Fixtures/runs/real
agent=$root/Fixtures/agents/dqn/numpy_cartpole.py
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

run() {  # run NAME TRAINER-ARGS…
    local name=$1
    shift
    "$RELNA_PYTHON" "$root/Tests/Python/trainer_harness.py" dqn "$agent" "$work/pkg-$name" \
        --job-dir "$work/$name" --eval-episodes 10 --progress-interval 60 "$@" >/dev/null
    mkdir -p "$out/$name"
    # The saved model is not read by rank; leave it out to keep the fixtures small.
    cp "$work/$name/metrics.json" "$work/$name/progress.csv" "$out/$name/"
}

rm -rf "$out"
for seed in 0 1 2; do
    run "dqn-cartpole-seed$seed" --env CartPole-v1 --seed "$seed" --total-steps 6000
done
run dqn-cartpole-lr0.003-seed0 --env CartPole-v1 --seed 0 --total-steps 6000 --learning-rate 0.003
run dqn-acrobot-seed0 --env Acrobot-v1 --seed 0 --total-steps 4000
echo "wrote $out" >&2
