"""The trainer contract, on packages rendered by the harness with small budgets: flags, outputs,
AI Platform / Vertex variables, hypertune, clear errors, and seeded reproducibility."""
import csv
import json
import os
import pathlib
import subprocess

import pytest

import trainer_harness as harness

AGENTS = harness.FIXTURES / "agents"
QUICK = {
    "dqn": ["--total-steps", "1500", "--learning-starts", "200", "--check-interval", "500"],
    "policy_gradient": ["--total-steps", "1500"],
    "imitation": ["--total-steps", "1500", "--demo-episodes", "1", "--dagger-iterations", "1"],
}


@pytest.fixture(scope="module")
def packages(tmp_path_factory):
    root = tmp_path_factory.mktemp("contract")
    return {
        domain: harness.render_package(domain, AGENTS / domain / "numpy_cartpole.py", root / domain)
        for domain in harness.DOMAINS
    }


def run(package, args, env_extra=None, env_drop=("AIP_MODEL_DIR",)):
    env = {k: v for k, v in os.environ.items() if k not in env_drop}
    env["PYTHONPATH"] = os.pathsep.join([str(package), *env_extra.pop("PYTHONPATH", [])]) if env_extra else str(package)
    env.update(env_extra or {})
    return subprocess.run(
        [harness.python(), "-m", "trainer.task", *args], cwd=package, env=env, capture_output=True, text=True,
        timeout=300,
    )


def comparable(job_dir: pathlib.Path):
    metrics = json.loads((job_dir / "metrics.json").read_text())
    for key in ("wall_time_s", "eval_wall_time_s", "steps_per_second"):
        metrics.pop(key)
    with open(job_dir / "progress.csv", newline="") as stream:
        rows = [row[:3] for row in csv.reader(stream)]
    return metrics, rows


@pytest.mark.parametrize("domain", harness.DOMAINS)
def test_same_seed_same_metrics(packages, domain, tmp_path):
    for name in ("a", "b"):
        args = ["--job-dir", str(tmp_path / name), "--seed", "3", "--eval-episodes", "3", *QUICK[domain]]
        result = run(packages[domain], args)
        assert result.returncode == 0, result.stderr
    first, second = comparable(tmp_path / "a"), comparable(tmp_path / "b")
    assert first == second
    assert first[0]["train_steps"] <= 1500 and first[0]["eval_episodes"] == 3
    other = run(packages[domain], ["--job-dir", str(tmp_path / "c"), "--seed", "4", "--eval-episodes", "3", *QUICK[domain]])
    assert other.returncode == 0, other.stderr
    if domain != "imitation":  # the CartPole expert scores 500 from every start: nothing to tell apart
        assert comparable(tmp_path / "c")[1] != first[1]


def test_help_lists_the_contract_flags(packages):
    result = run(packages["dqn"], ["--help"])
    assert result.returncode == 0
    for flag in ["--env", "--job-dir", "--seed", "--eval-episodes", "--total-steps", "--learning-rate",
                 "--target-update-interval", "--exploration-fraction"]:
        assert flag in result.stdout


def test_vertex_output_variables(packages, tmp_path):
    model_dir = tmp_path / "base" / "model"
    result = run(packages["imitation"], ["--eval-episodes", "2", *QUICK["imitation"]],
                 env_extra={"AIP_MODEL_DIR": str(model_dir)}, env_drop=())
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "base" / "metrics.json").exists() and (tmp_path / "base" / "progress.csv").exists()
    assert (model_dir / "agent.pkl").exists()


def test_tuning_metric_goes_to_hypertune(packages, tmp_path):
    fake = tmp_path / "fake"
    fake.mkdir()
    record = tmp_path / "hypertune.json"
    (fake / "hypertune.py").write_text(
        "import json\n"
        "class HyperTune:\n"
        "    def report_hyperparameter_tuning_metric(self, **kwargs):\n"
        f"        open({str(record)!r}, 'w').write(json.dumps(kwargs))\n"
    )
    result = run(packages["imitation"], ["--job-dir", str(tmp_path / "job"), "--eval-episodes", "2", *QUICK["imitation"]],
                 env_extra={"PYTHONPATH": [str(fake)]})
    assert result.returncode == 0, result.stderr
    reported = json.loads(record.read_text())
    metrics = json.loads((tmp_path / "job" / "metrics.json").read_text())
    assert reported == {"hyperparameter_metric_tag": "eval_mean_return",
                        "metric_value": metrics["eval_mean_return"], "global_step": metrics["train_steps"]}


def test_learning_rate_reaches_the_agent_and_flags_win(packages, tmp_path):
    result = run(packages["policy_gradient"], ["--job-dir", str(tmp_path), "--learning-rate", "0.003",
                                               "--batch_episodes", "2", *QUICK["policy_gradient"]])
    assert result.returncode == 0, result.stderr
    metrics = json.loads((tmp_path / "metrics.json").read_text())
    assert metrics["hyperparameters"]["learning_rate"] == 0.003
    assert metrics["hyperparameters"]["batch_episodes"] == 2


def test_imitation_spends_its_whole_budget(packages, tmp_path):
    """DAgger rounds go on until total_steps is spent (issue 14: 4 rounds used 3,885 of 20,000)."""
    result = run(packages["imitation"], ["--job-dir", str(tmp_path), "--total-steps", "3000",
                                         "--demo-episodes", "1", "--eval-episodes", "1"])
    assert result.returncode == 0, result.stderr
    metrics = json.loads((tmp_path / "metrics.json").read_text())
    assert metrics["train_steps"] == 3000
    assert metrics["dagger_iterations"] >= 3


def test_env_takes_its_own_defaults_below_the_flags(packages, tmp_path):
    """A package built for CartPole-v1 trains Acrobot-v1 with Acrobot-v1's own defaults (manifest
    environments.settings); a trainer flag still wins over them."""
    own = harness.load_manifest("policy_gradient")["environments"]["settings"]["Acrobot-v1"]["hyperparameters"]
    result = run(packages["policy_gradient"], ["--env", "Acrobot-v1", "--job-dir", str(tmp_path),
                                               "--total-steps", "1000", "--eval-episodes", "1"])
    assert result.returncode == 0, result.stderr
    values = json.loads((tmp_path / "metrics.json").read_text())["hyperparameters"]
    assert values["total_steps"] == 1000
    assert values["batch_episodes"] == own["batch_episodes"]
    # The fixture agent's HYPERPARAMS sets learning_rate: it wins over the environment's default.
    assert values["learning_rate"] == 0.01 != own["learning_rate"]


@pytest.mark.parametrize(
    "domain, args, message",
    [
        ("dqn", ["--job-dir", "gs://bucket/run"], "pip install google-cloud-storage"),
        ("dqn", ["--gamma", "2"], "gamma: 2.0 is above the maximum 1.0"),
        ("dqn", ["--double-q", "perhaps"], "double_q: expected a bool"),
        ("policy_gradient", ["--baseline", "value"], "needs a ValueFunction"),
        ("dqn", ["--env", "Pendulum-v1"], "Pendulum-v1 has a continuous action space; the dqn domain needs discrete"),
        ("imitation", ["--env", "MountainCarContinuous-v0"], "no built-in expert for MountainCarContinuous-v0"),
        ("imitation", ["--expert-data", "/nonexistent/demo.npz"], "cannot read /nonexistent/demo.npz"),
        ("dqn", ["--env", "NoSuchEnv-v0"], "cannot make environment 'NoSuchEnv-v0'"),
    ],
)
def test_bad_runs_end_with_one_clear_error(packages, tmp_path, domain, args, message):
    if "gs://" in " ".join(args):
        try:
            import google.cloud.storage  # noqa: F401

            pytest.skip("google-cloud-storage is installed here")
        except ImportError:
            pass
    full = (["--job-dir", str(tmp_path / "job")] if "--job-dir" not in args else []) + args + QUICK[domain]
    result = run(packages[domain], full)
    assert result.returncode == 1
    assert message in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "job" / "metrics.json").exists()


def test_no_job_dir_is_a_usage_error(packages):
    result = run(packages["dqn"], QUICK["dqn"])
    assert result.returncode == 1 and "pass --job-dir" in result.stderr


def test_imitation_from_the_shipped_demonstrations(packages, tmp_path):
    demo = harness.FIXTURES / "expert" / "cartpole_demo.npz"
    result = run(packages["imitation"], ["--job-dir", str(tmp_path), "--expert-data", str(demo),
                                         "--dagger-iterations", "0", "--eval-episodes", "5"])
    assert result.returncode == 0, result.stderr
    metrics = json.loads((tmp_path / "metrics.json").read_text())
    assert metrics["train_steps"] == 1000 and metrics["train_episodes"] == 0
    assert metrics["expert"] == f"data:{demo}" and metrics["eval_mean_return"] >= 475


def test_dqn_reports_the_final_network_and_a_selected_checkpoint_beside_it(packages, tmp_path):
    """eval_* is always the final network's; keep_best adds eval_best_* on the same seeds, and its
    greedy checks spend the same budget."""
    common = ["--seed", "1", "--eval-episodes", "3", *QUICK["dqn"]]
    plain = run(packages["dqn"], ["--job-dir", str(tmp_path / "final"), *common])
    assert plain.returncode == 0, plain.stderr
    final = json.loads((tmp_path / "final" / "metrics.json").read_text())
    assert final["hyperparameters"]["keep_best"] is False
    assert "eval_best_mean_return" not in final and final["check_steps"] == 0
    assert final["eval_seeds"] == [1_000_000, 1_000_001, 1_000_002]
    kept = run(packages["dqn"], ["--job-dir", str(tmp_path / "best"), "--keep-best", "true", *common])
    assert kept.returncode == 0, kept.stderr
    metrics = json.loads((tmp_path / "best" / "metrics.json").read_text())
    assert metrics["greedy_checks"] and metrics["check_steps"] > 0
    assert metrics["train_steps"] <= 1500
    assert len(metrics["eval_best_returns"]) == metrics["eval_episodes"] == 3
    assert metrics["eval_best_mean_return"] == sum(metrics["eval_best_returns"]) / 3
    assert metrics["eval_mean_return"] == sum(metrics["eval_returns"]) / 3
    assert "eval_best_mean_return" in kept.stdout


def test_progress_lines(packages, tmp_path):
    result = run(packages["policy_gradient"], ["--job-dir", str(tmp_path), "--progress-interval", "0",
                                               "--eval-episodes", "1", *QUICK["policy_gradient"]])
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if line.startswith("episode ")]
    assert lines and "steps" in lines[0] and "mean return" in lines[0] and lines[0].endswith("steps/s")


def test_policy_gradient_continuous_actions_on_pendulum(tmp_path):
    agent = AGENTS / "policy_gradient" / "numpy_pendulum.py"
    package = harness.render_package("policy_gradient", agent, tmp_path / "pkg", env_id="Pendulum-v1")
    result = run(package, ["--env", "Pendulum-v1", "--job-dir", str(tmp_path / "job"), "--total-steps", "2000",
                           "--eval-episodes", "2"])
    assert result.returncode == 0, result.stderr
    metrics = json.loads((tmp_path / "job" / "metrics.json").read_text())
    assert metrics["env"] == "Pendulum-v1" and metrics["baseline"] == "value"
    assert metrics["policy_updates"] == 3  # 10 episodes of 200 steps, in batches of 4
    assert metrics["train_steps"] == 2000 and metrics["eval_mean_return"] < 0


def test_an_agent_framework_that_is_not_installed_is_named(tmp_path):
    agent = tmp_path / "agent.py"
    agent.write_text(
        (AGENTS / "dqn" / "numpy_cartpole.py").read_text().replace("import numpy as np", "import numpy as np\nimport torchy_not_installed")
    )
    package = harness.render_package("dqn", agent, tmp_path / "pkg", framework="torch")
    result = run(package, ["--job-dir", str(tmp_path / "job"), *QUICK["dqn"]])
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "the agent imports 'torchy_not_installed', which is not installed" in result.stderr
    assert "torch framework" in result.stderr

