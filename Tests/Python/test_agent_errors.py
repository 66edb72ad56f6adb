"""Runtime errors point at the student's line (issue 14 §3): real runs of packages whose agent returns
what the manifest's contract does not allow, or raises. The student reads their file and line, the
entry point and what the contract expected in one sentence; the traceback only with --traceback."""
import json
import pathlib
import re
import subprocess

import pytest

import trainer_harness as harness

STARTERS = harness.TEMPLATES


def agent_variant(tmp_path, domain, old, new, name="agent.py"):
    source = (STARTERS / domain / "starters" / "numpy.py").read_text()
    assert old in source, f"the {domain} starter changed: {old!r} is gone"
    path = tmp_path / name
    path.write_text(source.replace(old, new))
    line = next(number for number, text in enumerate(path.read_text().splitlines(), 1) if new.strip() in text)
    return path, line


def def_line(path, method):
    return next(n for n, text in enumerate(path.read_text().splitlines(), 1) if text.strip().startswith(f"def {method}("))


def run(tmp_path, domain, agent, *flags, name=None):
    package = harness.render_package(domain, agent, tmp_path / "package")
    env = harness.trainer_environment()
    env["PYTHONPATH"] = str(package)
    env.pop("RELNA_AGENT_NAME", None)
    if name is not None:
        env["RELNA_AGENT_NAME"] = name
    job = tmp_path / "job"
    result = subprocess.run(
        [harness.python(), "-m", "trainer.task", "--job-dir", str(job), "--total-steps", "1500",
         "--eval-episodes", "2", *flags],
        cwd=package, env=env, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    return result.stderr, json.loads((job / "failure.json").read_text())


def test_an_act_that_returns_none_names_the_def_line_and_the_expected_action(tmp_path):
    agent, _ = agent_variant(
        tmp_path, "policy_gradient", "return int(np.random.choice(self.n_actions, p=p[0]))",
        "action = int(np.random.choice(self.n_actions, p=p[0]))",
    )
    stderr, failure = run(tmp_path, "policy_gradient", agent)
    line = def_line(agent, "act")
    assert (
        f"error: agent.py:{line}: Policy.act returned None during training; "
        "the contract expects an action: one int in 0..1\n"
    ) in stderr, stderr
    assert "Traceback" not in stderr and "environments.py" not in stderr and "TypeError" not in stderr
    assert (failure["reason"], failure["entry_point"], failure["line"]) == ("contract", "Policy.act", line)


def test_q_values_of_the_wrong_shape_are_caught_on_the_first_call(tmp_path):
    agent, _ = agent_variant(tmp_path, "dqn", "return self._forward(x)[2]\n", "return self._forward(x)[2][:, 0]\n")
    stderr, failure = run(tmp_path, "dqn", agent, "--learning-starts", "200")
    line = def_line(agent, "predict")
    assert (
        f"error: agent.py:{line}: QNetwork.predict returned an array of shape (1,) during training; "
        "the contract expects Q-values: an array of numbers of shape (1, 2)\n"
    ) in stderr, stderr
    assert "Traceback" not in stderr and failure["reason"] == "contract"


def test_a_loss_that_is_not_a_number_is_caught(tmp_path):
    agent, _ = agent_variant(
        tmp_path, "policy_gradient", "return float(-np.mean(np.log(p[rows, actions] + 1e-12) * advantages))",
        'return "small"',
    )
    stderr, _ = run(tmp_path, "policy_gradient", agent)
    line = def_line(agent, "update")
    assert (
        f"error: agent.py:{line}: Policy.update returned str 'small' during training; "
        "the contract expects the loss: one number\n"
    ) in stderr, stderr


def test_a_raise_names_the_raising_line_and_the_traceback_comes_only_on_request(tmp_path):
    agent, line = agent_variant(
        tmp_path, "policy_gradient", "        rows = np.arange(len(actions))\n",
        "        rows = np.arange(len(actions)) / 0 + undefined_name\n",
    )
    stderr, failure = run(tmp_path, "policy_gradient", agent, name="students/ada_agent.py")
    assert (
        f"error: students/ada_agent.py:{line}: Policy.update raised NameError: name 'undefined_name' is not "
        "defined during training; expected Policy.update to return the loss: one number\n"
    ) in stderr, stderr
    assert "Traceback" not in stderr and "--traceback" in stderr
    assert failure["reason"] == "agent_raised" and failure["line"] == line
    assert failure["agent_file"] == "trainer/agent.py" and "Traceback" in failure["traceback"]

    again, _ = run(tmp_path, "policy_gradient", agent, "--traceback")
    assert f"error: agent.py:{line}: Policy.update raised NameError" in again
    assert "Traceback (most recent call last):" in again and re.search(r"agent\.py\", line \d+, in update", again)
