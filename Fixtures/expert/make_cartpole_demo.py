"""Writes cartpole_demo.npz: CartPole-v1 demonstrations by the scripted expert (docs/expert-data.md).

    .venv/bin/python Fixtures/expert/make_cartpole_demo.py [OUT.npz] [--episodes N]

The expert is the controller the imitation trainer has built in: action = int(θ + 0.5·θ̇ > 0).
Episodes use seeds 7000, 7001, …; the output is the same bytes on every run.
"""
import argparse
import io
import pathlib
import zipfile

import gymnasium as gym
import numpy as np

SEED_BASE = 7000


def expert(observation) -> int:
    _, _, theta, theta_dot = (float(v) for v in observation[:4])
    return int(theta + 0.5 * theta_dot > 0)


def record(episodes: int) -> dict:
    env = gym.make("CartPole-v1")
    observations, actions, starts, returns = [], [], [], []
    for episode in range(episodes):
        observation, _ = env.reset(seed=SEED_BASE + episode)
        total, done, first = 0.0, False, True
        while not done:
            action = expert(observation)
            observations.append(observation)
            actions.append(action)
            starts.append(first)
            first = False
            observation, reward, terminated, truncated, _ = env.step(action)
            total += float(reward)
            done = terminated or truncated
        returns.append(total)
    env.close()
    return {
        "observations": np.asarray(observations, dtype=np.float32),
        "actions": np.asarray(actions, dtype=np.int64),
        "episode_starts": np.asarray(starts, dtype=bool),
        "episode_returns": np.asarray(returns, dtype=np.float32),
        "env_id": np.asarray("CartPole-v1"),
    }


def write_npz(path: pathlib.Path, arrays: dict) -> None:
    """Like np.savez_compressed, but with fixed zip timestamps so the file is reproducible."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, array in arrays.items():
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, np.asanyarray(array), allow_pickle=False)
            info = zipfile.ZipInfo(name + ".npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, buffer.getvalue())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", default=str(pathlib.Path(__file__).with_name("cartpole_demo.npz")))
    parser.add_argument("--episodes", type=int, default=2)
    args = parser.parse_args()
    arrays = record(args.episodes)
    write_npz(pathlib.Path(args.out), arrays)
    print(f"wrote {args.out}: {len(arrays['actions'])} steps, returns {arrays['episode_returns'].tolist()}")


if __name__ == "__main__":
    main()
