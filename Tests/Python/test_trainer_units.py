"""Unit tests of the trainers' Python pieces, imported from a package rendered from Templates/.

One `trainer` package holds the shared runtime and every domain's algorithm module (they are plain
Python copied verbatim into each package), so each piece is tested once, as it ships.
"""
import importlib
import io
import json
import math
import pathlib
import shutil
import sys

import numpy as np
import pytest

import trainer_harness as harness


@pytest.fixture(scope="module")
def trainer(tmp_path_factory):
    root = tmp_path_factory.mktemp("units")
    harness.render_package("dqn", harness.FIXTURES / "agents" / "dqn" / "numpy_cartpole.py", root)
    modules = {"policy_gradient": ["policy_gradient.py"], "imitation": ["experts.py", "imitation.py"]}
    for domain, names in modules.items():
        for module in names:
            shutil.copyfile(harness.TEMPLATES / domain / module, root / "trainer" / module)
    sys.path.insert(0, str(root))
    for name in [n for n in sys.modules if n == "trainer" or n.startswith("trainer.")]:
        del sys.modules[name]
    package = importlib.import_module("trainer")
    yield package
    sys.path.remove(str(root))


def load(trainer, name):
    return importlib.import_module(f"trainer.{name}")


# --- dqn: replay buffer, schedule, TD targets ---------------------------------------------------


def test_replay_buffer_wraps_around_and_samples_what_was_stored(trainer):
    dqn = load(trainer, "dqn")
    buffer = dqn.ReplayBuffer(3, seed=0)
    for i in range(5):
        buffer.add(np.full(2, i, np.float32), i % 2, float(i), np.full(2, i + 1, np.float32), i == 4)
    assert len(buffer) == 3
    observations, actions, rewards, next_observations, terminated = buffer.sample(64)
    assert observations.shape == (64, 2) and observations.dtype == np.float32
    # Only the last three transitions (2, 3, 4) remain, each consistent across its arrays.
    assert set(rewards.tolist()) == {2.0, 3.0, 4.0}
    assert np.all(observations[:, 0] == rewards)
    assert np.all(next_observations[:, 0] == rewards + 1)
    assert np.all(actions == rewards.astype(int) % 2)
    assert np.all(terminated == (rewards == 4.0))


def test_replay_buffer_refuses_empty_sampling_and_zero_capacity(trainer):
    dqn = load(trainer, "dqn")
    with pytest.raises(ValueError):
        dqn.ReplayBuffer(4, seed=0).sample(1)
    with pytest.raises(ValueError):
        dqn.ReplayBuffer(0, seed=0)


def test_replay_buffer_sampling_is_seeded(trainer):
    dqn = load(trainer, "dqn")

    def draw(seed):
        buffer = dqn.ReplayBuffer(100, seed=seed)
        for i in range(100):
            buffer.add([i], 0, float(i), [i], False)
        return buffer.sample(10)[2]

    assert np.array_equal(draw(1), draw(1))
    assert not np.array_equal(draw(1), draw(2))


def test_linear_schedule(trainer):
    dqn = load(trainer, "dqn")
    assert dqn.linear_schedule(1.0, 0.1, 100, 0) == 1.0
    assert dqn.linear_schedule(1.0, 0.1, 100, 50) == pytest.approx(0.55)
    assert dqn.linear_schedule(1.0, 0.1, 100, 100) == pytest.approx(0.1)
    assert dqn.linear_schedule(1.0, 0.1, 100, 10_000) == pytest.approx(0.1)
    assert dqn.linear_schedule(1.0, 0.1, 0, 0) == pytest.approx(0.1)


def test_td_targets_bootstrap_truncation_but_not_termination(trainer):
    dqn = load(trainer, "dqn")
    next_q = np.array([[1.0, 3.0], [5.0, 2.0]])
    targets = dqn.td_targets([1.0, 1.0], next_q, [0.0, 1.0], 0.5)
    assert targets.tolist() == [1.0 + 0.5 * 3.0, 1.0]
    # Double DQN: the online network picks the action, the target network values it.
    online = np.array([[9.0, 0.0], [0.0, 9.0]])
    assert dqn.td_targets([0.0, 0.0], next_q, [0.0, 0.0], 1.0, online).tolist() == [1.0, 2.0]


def test_target_network_copies_and_syncs(trainer):
    dqn = load(trainer, "dqn")
    agent = importlib.import_module("trainer.agent")
    import gymnasium

    env = gymnasium.make("CartPole-v1")
    online = agent.QNetwork(env.observation_space, env.action_space)
    target = dqn.NetworkCopy(online, lambda: agent.QNetwork(env.observation_space, env.action_space))
    x = np.ones((2, 4), np.float32)
    assert np.allclose(target.predict(x), online.predict(x))
    online.update(x, np.array([0, 1]), np.array([10.0, -10.0], np.float32))
    assert not np.allclose(target.predict(x), online.predict(x))
    target.sync()
    assert np.allclose(target.predict(x), online.predict(x))


# --- policy_gradient: reward-to-go, baselines, normalisation ------------------------------------


def test_reward_to_go(trainer):
    pg = load(trainer, "policy_gradient")
    assert pg.reward_to_go([1.0, 1.0, 1.0], 0.5).tolist() == [1.75, 1.5, 1.0]
    assert pg.reward_to_go([1.0, 1.0, 1.0], 1.0).tolist() == [3.0, 2.0, 1.0]
    # A truncated episode is bootstrapped with the value of its last state.
    assert pg.reward_to_go([1.0], 0.5, bootstrap=4.0).tolist() == [3.0]
    assert pg.reward_to_go([], 0.9).tolist() == []


def test_advantage_normalisation(trainer):
    pg = load(trainer, "policy_gradient")
    normalized = pg.normalize([1.0, 2.0, 3.0, 10.0])
    assert normalized.mean() == pytest.approx(0.0, abs=1e-12)
    assert normalized.std() == pytest.approx(1.0)
    assert pg.normalize([5.0, 5.0]).tolist() == [0.0, 0.0]
    assert pg.normalize([]).size == 0


def test_baselines(trainer):
    pg = load(trainer, "policy_gradient")
    returns = np.array([3.0, 2.0, 1.0])
    assert pg.advantages(returns, "mean").tolist() == [1.0, 0.0, -1.0]
    assert pg.advantages(returns, "value", np.array([1.0, 1.0, 1.0])).tolist() == [2.0, 1.0, 0.0]
    assert pg.advantages(returns, "none").tolist() == [3.0, 2.0, 1.0]


# --- imitation: experts, demonstrations, DAgger -------------------------------------------------


def test_cartpole_expert_scores_500(trainer):
    experts = load(trainer, "experts")
    import gymnasium

    env = gymnasium.make("CartPole-v1")
    for seed in range(3):
        observation, _ = env.reset(seed=seed)
        total, done = 0.0, False
        while not done:
            observation, reward, terminated, truncated, _ = env.step(experts.cartpole(observation))
            total += reward
            done = terminated or truncated
        assert total == 500.0


def test_shipped_demonstrations_are_the_experts(trainer):
    experts = load(trainer, "experts")
    import gymnasium

    env = gymnasium.make("CartPole-v1")
    path = str(harness.FIXTURES / "expert" / "cartpole_demo.npz")
    demos = experts.load_demonstrations(path, env.observation_space, env.action_space, discrete=True)
    assert len(demos) == 1000 and demos.episodes() == 2
    assert [experts.cartpole(o) for o in demos.observations] == demos.actions.tolist()
    assert len(demos.head(10)) == 10


def _npz(tmp_path, **arrays):
    path = tmp_path / "demo.npz"
    np.savez(path, **arrays)
    return str(path)


@pytest.mark.parametrize(
    "arrays, message",
    [
        ({"observations": np.zeros((3, 4), np.float32)}, "has no 'actions' array"),
        ({"observations": np.zeros((3, 5), np.float32), "actions": np.zeros(3, np.int64)}, "expected [N, 4]"),
        ({"observations": np.zeros((3, 4), np.float32), "actions": np.zeros(2, np.int64)}, "2 actions for 3"),
        ({"observations": np.zeros((3, 4), np.float32), "actions": np.array([0, 1, 2])}, "must lie in 0..1"),
        ({"observations": np.zeros((3, 4), np.float32), "actions": np.zeros(3, np.float32)}, "must be integers"),
    ],
)
def test_bad_demonstration_files_are_named_errors(trainer, tmp_path, arrays, message):
    experts = load(trainer, "experts")
    import gymnasium

    env = gymnasium.make("CartPole-v1")
    path = _npz(tmp_path, **arrays)
    with pytest.raises(experts.ExpertError) as error:
        experts.load_demonstrations(path, env.observation_space, env.action_space, discrete=True)
    assert message in str(error.value) and path in str(error.value)


def test_not_an_npz_file(trainer, tmp_path):
    experts = load(trainer, "experts")
    import gymnasium

    env = gymnasium.make("CartPole-v1")
    path = tmp_path / "demo.npz"
    path.write_text("not numpy")
    with pytest.raises(experts.ExpertError, match="not a NumPy .npz archive"):
        experts.load_demonstrations(str(path), env.observation_space, env.action_space, discrete=True)


def test_dagger_beta_and_dataset(trainer):
    imitation = load(trainer, "imitation")
    assert imitation.dagger_beta(0.5, 1) == 0.5
    assert imitation.dagger_beta(0.5, 3) == 0.125
    assert imitation.dagger_beta(0.0, 2) == 0.0
    dataset = imitation.Dataset(discrete=True)
    dataset.add(np.zeros((2, 4)), [0, 1])
    dataset.add(np.ones((3, 4)), [1, 1, 1])
    observations, actions = dataset.arrays()
    assert len(dataset) == 5 and observations.shape == (5, 4) and actions.dtype == np.int64


# --- shared: metrics writer, progress log, hyperparameters, storage, actions --------------------


def test_metrics_json_puts_required_keys_first_and_writes_null_for_nan(trainer):
    reporting = load(trainer, "reporting")
    metrics = {key: 1 for key in reversed(reporting.REQUIRED_METRICS)}
    metrics["extra"] = float("nan")
    text = reporting.metrics_json(metrics)
    loaded = json.loads(text)
    assert list(loaded)[: len(reporting.REQUIRED_METRICS)] == list(reporting.REQUIRED_METRICS)
    assert loaded["extra"] is None
    del metrics["provenance"]
    with pytest.raises(KeyError, match="provenance"):
        reporting.metrics_json(metrics)


def test_summarize_is_population_mean_and_std(trainer):
    reporting = load(trainer, "reporting")
    assert reporting.summarize([1.0, 3.0]) == (2.0, 1.0)
    mean, std = reporting.summarize([])
    assert math.isnan(mean) and math.isnan(std)


def test_progress_log_rows_and_lines(trainer):
    reporting = load(trainer, "reporting")
    now = [0.0]
    stream = io.StringIO()
    log = reporting.ProgressLog(interval_s=5.0, stream=stream, clock=lambda: now[0])
    log.episode(10.0, 10)
    now[0] = 6.0
    log.episode(30.0, 30)
    log.add_steps(5)
    assert log.episodes == 2 and log.steps == 45
    assert log.to_csv().splitlines() == [
        "episode,steps,return,wall_time_s",
        "0,10,10.0,0.000",
        "1,40,30.0,6.000",
    ]
    # One line after 5 s: episode, steps, recent mean return, steps per second.
    assert stream.getvalue().splitlines() == ["episode 2  steps 40  mean return (last 2) 20.0  7 steps/s"]


def test_hyperparameter_precedence_and_checks(trainer):
    hp = load(trainer, "hyperparameters")
    specs = {
        "learning_rate": hp.Hyperparameter("float", 0.1, min=0.0, max=1.0),
        "double_q": hp.Hyperparameter("bool", True),
        "baseline": hp.Hyperparameter("str", "auto", choices=("auto", "mean")),
        "batch": hp.Hyperparameter("int", 4, min=1),
    }
    agent_values = {"learning_rate": 0.2, "batch": 8.0, "hidden": 3, "learnin_rate": 1}
    flags = {"learning_rate": "0.3", "double_q": "false"}
    values, warnings = hp.resolve(specs, agent_values, flags)
    assert values == {"learning_rate": 0.3, "double_q": False, "baseline": "auto", "batch": 8}
    assert len(warnings) == 1 and "did you mean 'learning_rate'" in warnings[0]
    for name, value, message in [
        ("learning_rate", "2", "above the maximum"),
        ("batch", "0", "below the minimum"),
        ("baseline", "value", "not one of"),
        ("double_q", "maybe", "expected a bool"),
        ("batch", "1.5", "expected a int"),
    ]:
        with pytest.raises(hp.HyperparameterError, match=message):
            hp.resolve(specs, None, {name: value})
    with pytest.raises(hp.HyperparameterError, match="must be a dict"):
        hp.resolve(specs, [1, 2], {})


def test_flag_text_is_read_with_the_grammar_of_build_set(trainer):
    # The same cases as HyperparameterCoercionTests on the Swift side: one grammar for both.
    hp = load(trainer, "hyperparameters")
    cases = json.loads((harness.FIXTURES / "hyperparameters" / "coercion.json").read_text())["cases"]
    for case in cases:
        spec = hp.Hyperparameter(case["type"], None)
        if case["value"] is None:
            with pytest.raises(hp.HyperparameterError):
                hp.coerce("x", spec, case["text"])
        else:
            value = hp.coerce("x", spec, case["text"])
            assert value == case["value"] and type(value).__name__ == case["type"], case


def test_budgets_are_locked_and_build_set_values_beat_hyperparams(trainer):
    hp = load(trainer, "hyperparameters")
    specs = {
        "total_steps": hp.Hyperparameter("int", 600, min=1, locked=True),
        "gamma": hp.Hyperparameter("float", 0.9, set_by_build=True),
        "learning_rate": hp.Hyperparameter("float", 0.1),
    }
    agent = {"total_steps": 5_000_000, "gamma": 0.5, "learning_rate": 0.05}
    values, warnings = hp.resolve(specs, agent, {})
    assert values == {"total_steps": 600, "gamma": 0.9, "learning_rate": 0.05}
    assert any("total_steps is a budget" in warning for warning in warnings)
    assert any("build --set gamma=0.9 wins" in warning for warning in warnings)
    values, _ = hp.resolve(specs, agent, {"total_steps": "700", "gamma": "0.7"})
    assert values["total_steps"] == 700 and values["gamma"] == 0.7  # a trainer flag beats everything


def test_protocol_batches_arrays_and_spaces_round_trip(trainer):
    protocol = load(trainer, "protocol")
    from gymnasium import spaces

    batch = protocol.Batch()
    observation = np.array([0.5, -1.0, 2.0, 0.0], np.float32)
    batch.reset(0, 7, observation)
    batch.step(0, np.asarray(1), observation, 1.0, False, True)
    batch.close(0)
    records = list(protocol.records(batch.take()))
    assert records[0] == ("reset", 0, 7, protocol.pack_array(observation))
    kind, handle, action, reward, terminated, truncated, seen = records[1]
    assert (kind, handle, int(action), reward, terminated, truncated) == ("step", 0, 1, 1.0, False, True)
    assert seen == protocol.pack_array(observation) and records[2] == ("close", 0)
    with pytest.raises(protocol.ProtocolError):
        list(protocol.records(b"S\x00"))
    with pytest.raises(protocol.ProtocolError):
        protocol.encode(np.array([object()]))
    with pytest.raises(protocol.ProtocolError):
        protocol.decode({"__array__": ["|O", [1], ""]})
    assert protocol.decode(protocol.encode({"a": observation}))["a"].tolist() == observation.tolist()
    for space in [spaces.Discrete(3, start=1), spaces.Box(-1.0, 2.0, (2, 3), np.float32),
                  spaces.MultiDiscrete([2, 3]), spaces.MultiBinary(4)]:
        assert protocol.build_space(protocol.describe_space(space)) == space


def test_job_dir_resolution_and_gs_paths(trainer):
    storage = load(trainer, "storage")
    assert storage.resolve_job_dir("out", {}) == "out"
    assert storage.resolve_job_dir(None, {"AIP_MODEL_DIR": "gs://b/run/model/"}) == "gs://b/run"
    assert storage.resolve_model_dir("gs://b/run", {}) == "gs://b/run/model"
    assert storage.resolve_model_dir("x", {"AIP_MODEL_DIR": "gs://b/m"}) == "gs://b/m"
    assert storage.join("gs://b/run/", "metrics.json") == "gs://b/run/metrics.json"
    with pytest.raises(storage.StorageError, match="--job-dir"):
        storage.resolve_job_dir(None, {})


def test_job_dir_files_are_readable_by_others(trainer, tmp_path):
    storage = load(trainer, "storage")
    target = tmp_path / "job" / "metrics.json"
    storage.write_text(str(target), "{}")
    assert target.read_text() == "{}"
    assert target.stat().st_mode & 0o777 == 0o644


def test_gs_without_the_storage_client_is_a_clear_error(trainer):
    storage = load(trainer, "storage")
    try:
        import google.cloud.storage  # noqa: F401
    except ImportError:
        with pytest.raises(storage.StorageError, match="pip install google-cloud-storage"):
            storage.check_writable("gs://bucket/run")
    else:
        pytest.skip("google-cloud-storage is installed here")


def test_local_writes_are_whole_files(trainer, tmp_path):
    storage = load(trainer, "storage")
    target = tmp_path / "a" / "b" / "metrics.json"
    storage.write_text(str(target), "{}\n")
    assert target.read_text() == "{}\n"
    assert [p.name for p in target.parent.iterdir()] == ["metrics.json"]
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(storage.StorageError, match="cannot"):
        storage.check_writable(str(blocker / "sub"))


def test_actions_are_checked_and_clipped(trainer):
    environments = load(trainer, "environments")
    from gymnasium import spaces

    assert environments.to_env_action(spaces.Discrete(2), np.int64(1)) == 1
    with pytest.raises(environments.AgentError, match="actions 0..1"):
        environments.to_env_action(spaces.Discrete(2), 2)
    with pytest.raises(environments.AgentError, match="one discrete action"):
        environments.to_env_action(spaces.Discrete(2), [0, 1])
    box = spaces.Box(-2.0, 2.0, (1,), np.float32)
    assert environments.to_env_action(box, [5.0]).tolist() == [2.0]
    with pytest.raises(environments.AgentError, match="shape"):
        environments.to_env_action(box, [1.0, 1.0])


def test_evaluation_uses_fixed_seeds(trainer):
    environments = load(trainer, "environments")
    env = environments.make_env("CartPole-v1")
    first = environments.evaluate(env, lambda o: int(o[2] > 0), 3)
    assert first == environments.evaluate(env, lambda o: int(o[2] > 0), 3)
    assert len(first) == 3 and all(r > 0 for r in first)


def test_the_shipped_modules_are_the_templates(trainer):
    root = pathlib.Path(trainer.__file__).parent
    for name in ["runtime.py", "storage.py", "reporting.py", "hyperparameters.py", "environments.py",
                 "protocol.py", "referee.py", "worker.py", "contract.py", "env_server.py", "worker_process.py",
                 "confinement.py", "inprocess.py"]:
        assert (root / name).read_bytes() == (harness.TEMPLATES / "_shared" / name).read_bytes()


# --- the manifest's returns: contract (trainer/contract.py) -------------------------------------


def test_contract_checks_in_words(trainer):
    contract = load(trainer, "contract")
    from gymnasium import spaces

    discrete, box = spaces.Discrete(3), spaces.Box(-1.0, 1.0, (2,), np.float32)
    assert contract.check("action", 2, discrete) is None
    assert contract.check("action", np.int64(1), discrete) is None
    assert contract.check("action", 3, discrete) == "returned int 3; the contract expects an action: one int in 0..2"
    assert contract.check("action", np.zeros(2), box) is None
    assert contract.check("action", np.zeros(3), box).endswith("an array of finite numbers of shape (2,)")
    assert contract.check("loss", np.float32(0.5)) is None and contract.check("loss", [1, 2]) is not None
    assert contract.check("values", np.zeros(4), None, 4) is None
    assert contract.check("values", np.zeros(3), None, 4) == (
        "returned 3 numbers; the contract expects one number per observation (4 numbers)"
    )
    assert contract.check("q_values", np.zeros((4, 3)), discrete, 4) is None
    assert contract.check("q_values", np.zeros((4, 3), object), discrete, 4).startswith("returned a ndarray")
    assert contract.check("weights", None) == "returned None; the contract expects a value (the manifest's `returns: weights`)"


def test_the_algorithm_contract_is_documented_for_template_authors(trainer):
    """docs/templates.md lists every field of TrainContext and TrainResult (issue 14 §7)."""
    import dataclasses

    runtime = load(trainer, "runtime")
    docs = (harness.ROOT / "docs" / "templates.md").read_text()
    assert "`train(context) -> TrainResult`" in docs
    for cls in (runtime.TrainContext, runtime.TrainResult):
        for field in dataclasses.fields(cls):
            assert f"| `{field.name}" in docs, f"docs/templates.md does not document {cls.__name__}.{field.name}"


def test_failure_lines_name_the_file_once_and_the_phase_once(trainer, monkeypatch):
    referee = load(trainer, "referee")
    monkeypatch.delenv("RELNA_AGENT_NAME", raising=False)
    exited = {"reason": "worker_exited", "phase": "training", "entry_point": None, "agent_file": "trainer/agent.py",
              "line": None, "message": "the agent's process exited (status 1) during training",
              "expected": "the agent's process to keep running until the referee ends it"}
    assert referee.failure_lines(exited, False) == [
        "error: agent.py: the agent's process exited (status 1) during training (worker_exited); "
        "expected the agent's process to keep running until the referee ends it"
    ]
    hung = {"reason": "timeout", "phase": "evaluation", "entry_point": "QNetwork.predict", "line": 12,
            "agent_file": "trainer/agent.py", "message": "QNetwork.predict took more than 3 s",
            "expected": "an answer within 3 s"}
    monkeypatch.setenv("RELNA_AGENT_NAME", "work/ada.py")
    assert referee.failure_lines(hung, True) == [
        "error: work/ada.py:12: QNetwork.predict took more than 3 s during evaluation (timeout); "
        "expected an answer within 3 s"
    ]
    assert referee.failure_lines({"reason": "usage", "message": "no expert for X"}, False) == ["error: no expert for X"]
