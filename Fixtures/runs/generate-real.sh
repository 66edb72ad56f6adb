#!/usr/bin/env bash
# Regenerates Fixtures/runs/real/: brief runs of the real dqn trainer built by `relna-pack build` from the
# numpy CartPole fixture agent — three seeds, one run of the same package with another learning rate
# (a tuning trial), and one package built for Acrobot-v1 — kept small for the rank tests.
# The sdist is unpacked and run with `python -m trainer.task` on PYTHONPATH (the .venv has gymnasium and
# numpy, the package's only requirements). Takes about half a minute.
# RELNA_PACK selects the binary (default: the debug build's); RELNA_PYTHON the Python (default: .venv).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
python=${RELNA_PYTHON:-$root/.venv/bin/python}
relna=${RELNA_PACK:-$(swift build --show-bin-path)/relna-pack}
out=$root/Fixtures/runs/real
agent=Fixtures/agents/dqn/numpy_cartpole.py
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

package() {  # package NAME ENV: build the sdist and unpack it into $work/NAME
    "$relna" build "$agent" --domain dqn --env "$2" --output-dir "$work/dist-$1" >/dev/null
    mkdir -p "$work/$1"
    tar -xzf "$work/dist-$1"/*.tar.gz -C "$work/$1" --strip-components=1
}

run() {  # run PACKAGE NAME TRAINER-ARGS…
    local package=$1 name=$2
    shift 2
    PYTHONPATH="$work/$package" "$python" -m trainer.task --job-dir "$work/runs/$name" --eval-episodes 10 \
        --progress-interval 60 "$@" >/dev/null
    mkdir -p "$out/$name"
    # The saved model is not read by rank; leave it out to keep the fixtures small.
    cp "$work/runs/$name/metrics.json" "$work/runs/$name/progress.csv" "$out/$name/"
}

package cartpole CartPole-v1
package acrobot Acrobot-v1
rm -rf "$out"
for seed in 0 1 2; do
    run cartpole "dqn-cartpole-seed$seed" --env CartPole-v1 --seed "$seed" --total-steps 6000
done
run cartpole dqn-cartpole-lr0.003-seed0 --env CartPole-v1 --seed 0 --total-steps 6000 --learning-rate 0.003
run acrobot dqn-acrobot-seed0 --env Acrobot-v1 --seed 0 --total-steps 4000
echo "wrote $out" >&2
