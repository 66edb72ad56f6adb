"""The job requests `relna-pack build` writes, held against the documented API field sets.

The schema below is written from Google's API references: AI Platform Training `Job`
(`trainingInput`, `HyperparameterSpec`, `ParameterSpec`) and Vertex AI `CustomJobSpec`,
`WorkerPoolSpec`, `PythonPackageSpec`, `HyperparameterTuningJob`, `StudySpec`. Every key must be
known, every required key present, and every value of the right type.

Run as a script (`python test_job_schema.py FILE…`), it validates each FILE and prints a JSON list
of verdicts (document kinds, documents, violations): the Swift tests use it as their oracle.
"""
import json
import os
import pathlib
import re
import subprocess
import sys

import yaml

STR, INT, NUMBER, BOOL = "str", "int", "number", "bool"
SCALE_TYPES = {"UNIT_LINEAR_SCALE", "UNIT_LOG_SCALE", "UNIT_REVERSE_LOG_SCALE"}
GOALS = {"MAXIMIZE", "MINIMIZE"}
SCALE_TIERS = {"BASIC", "STANDARD_1", "PREMIUM_1", "BASIC_GPU", "BASIC_TPU", "CUSTOM"}
PACKAGE_URI = re.compile(r"^gs://[a-z0-9][a-z0-9._-]*[a-z0-9]/relna/packages/[0-9a-f]{64}/[A-Za-z0-9_.-]+\.tar\.gz$")


def seq(item):
    return ("seq", item)


def obj(fields, check=None):
    """fields: name -> (schema, required)."""
    return ("obj", fields, check)


def _one_of_value_specs(value, path, errors):
    present = [key for key in value if key.endswith("ValueSpec")]
    if len(present) != 1:
        errors.append(f"{path}: exactly one of the *ValueSpec keys expected, found {present}")


def _aip_param_check(value, path, errors):
    kind = value.get("type")
    if kind not in {"DOUBLE", "INTEGER", "CATEGORICAL", "DISCRETE"}:
        errors.append(f"{path}.type: {kind!r} is not a ParameterType")
        return
    if kind in {"DOUBLE", "INTEGER"}:
        for key in ("minValue", "maxValue"):
            if key not in value:
                errors.append(f"{path}: {key} is required for {kind}")
        if "minValue" in value and "maxValue" in value and value["minValue"] > value["maxValue"]:
            errors.append(f"{path}: minValue > maxValue")
        if kind == "INTEGER" and not all(isinstance(value.get(k, 0), int) for k in ("minValue", "maxValue")):
            errors.append(f"{path}: INTEGER bounds must be integers")
    else:
        for key in ("minValue", "maxValue"):
            if key in value:
                errors.append(f"{path}: {key} must be unset for {kind}")
    if kind == "CATEGORICAL" and not value.get("categoricalValues"):
        errors.append(f"{path}: categoricalValues is required for CATEGORICAL")
    if kind == "DISCRETE":
        values = value.get("discreteValues") or []
        if not values or any(b <= a for a, b in zip(values, values[1:])):
            errors.append(f"{path}: discreteValues must be a non-empty, strictly increasing list")
    if value.get("scaleType") == "UNIT_LOG_SCALE" and value.get("minValue", 1) <= 0:
        errors.append(f"{path}: a log scale needs a positive minValue")


def _scale_type_check(value, path, errors):
    if "scaleType" in value and value["scaleType"] not in SCALE_TYPES:
        errors.append(f"{path}.scaleType: {value['scaleType']!r} is not a ScaleType")


def _both(*checks):
    def run(value, path, errors):
        for check in checks:
            check(value, path, errors)

    return run


def _goal_check(value, path, errors):
    if value.get("goal") not in GOALS:
        errors.append(f"{path}.goal: {value.get('goal')!r} is not MAXIMIZE or MINIMIZE")


def _training_input_check(value, path, errors):
    tier = value.get("scaleTier")
    if tier not in SCALE_TIERS:
        errors.append(f"{path}.scaleTier: {tier!r} is not a ScaleTier")
    if (tier == "CUSTOM") != ("masterType" in value):
        errors.append(f"{path}: masterType is required with, and only with, scaleTier CUSTOM")
    for uri in value.get("packageUris", []):
        if not PACKAGE_URI.match(uri) and "YOUR_BUCKET" not in uri:
            errors.append(f"{path}.packageUris: {uri!r} is not gs://BUCKET/relna/packages/<sha256>/<file>")


AIP_PARAM = obj(
    {
        "parameterName": (STR, True),
        "type": (STR, True),
        "minValue": (NUMBER, False),
        "maxValue": (NUMBER, False),
        "categoricalValues": (seq(STR), False),
        "discreteValues": (seq(NUMBER), False),
        "scaleType": (STR, False),
    },
    _both(_aip_param_check, _scale_type_check),
)
AIP_HYPERPARAMETERS = obj(
    {
        "goal": (STR, True),
        "params": (seq(AIP_PARAM), True),
        "maxTrials": (INT, True),
        "maxParallelTrials": (INT, True),
        "hyperparameterMetricTag": (STR, True),
    },
    _goal_check,
)
AIP_JOB = obj(
    {
        "jobId": (STR, True),
        "trainingInput": (
            obj(
                {
                    "scaleTier": (STR, True),
                    "masterType": (STR, False),
                    "packageUris": (seq(STR), True),
                    "pythonModule": (STR, True),
                    "region": (STR, True),
                    "jobDir": (STR, True),
                    "runtimeVersion": (STR, True),
                    "pythonVersion": (STR, True),
                    "args": (seq(STR), True),
                    "hyperparameters": (AIP_HYPERPARAMETERS, False),
                },
                _training_input_check,
            ),
            True,
        ),
    },
    lambda value, path, errors: None
    if re.fullmatch(r"[A-Za-z][A-Za-z0-9_]{0,127}", value.get("jobId", ""))
    else errors.append(f"{path}.jobId: {value.get('jobId')!r} is not a valid AI Platform job id"),
)

CUSTOM_JOB_SPEC = obj(
    {
        "workerPoolSpecs": (
            seq(
                obj(
                    {
                        "machineSpec": (obj({"machineType": (STR, True)}), True),
                        "replicaCount": (INT, True),
                        "pythonPackageSpec": (
                            obj(
                                {
                                    "executorImageUri": (STR, True),
                                    "packageUris": (seq(STR), True),
                                    "pythonModule": (STR, True),
                                    "args": (seq(STR), True),
                                }
                            ),
                            True,
                        ),
                    }
                )
            ),
            True,
        ),
        "baseOutputDirectory": (obj({"outputUriPrefix": (STR, True)}), True),
    }
)
BOUNDS_DOUBLE = obj({"minValue": (NUMBER, True), "maxValue": (NUMBER, True)})
BOUNDS_INT = obj({"minValue": (INT, True), "maxValue": (INT, True)})
STUDY_PARAMETER = obj(
    {
        "parameterId": (STR, True),
        "doubleValueSpec": (BOUNDS_DOUBLE, False),
        "integerValueSpec": (BOUNDS_INT, False),
        "categoricalValueSpec": (obj({"values": (seq(STR), True)}), False),
        "discreteValueSpec": (obj({"values": (seq(NUMBER), True)}), False),
        "scaleType": (STR, False),
    },
    _both(_one_of_value_specs, _scale_type_check),
)
HP_TUNING_JOB = obj(
    {
        "studySpec": (
            obj(
                {
                    "metrics": (seq(obj({"metricId": (STR, True), "goal": (STR, True)}, _goal_check)), True),
                    "parameters": (seq(STUDY_PARAMETER), True),
                }
            ),
            True,
        ),
        "maxTrialCount": (INT, True),
        "parallelTrialCount": (INT, True),
        "trialJobSpec": (CUSTOM_JOB_SPEC, True),
    }
)


def validate(value, schema, path="$"):
    """The list of schema violations of `value` (empty when it conforms)."""
    errors = []
    _validate(value, schema, path, errors)
    return errors


def _validate(value, schema, path, errors):
    if schema == STR:
        if not isinstance(value, str):
            errors.append(f"{path}: expected a string, got {type(value).__name__} {value!r}")
    elif schema == INT:
        if isinstance(value, bool) or not isinstance(value, int):
            errors.append(f"{path}: expected an integer, got {type(value).__name__} {value!r}")
    elif schema == NUMBER:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            errors.append(f"{path}: expected a number, got {type(value).__name__} {value!r}")
    elif schema == BOOL:
        if not isinstance(value, bool):
            errors.append(f"{path}: expected a boolean, got {value!r}")
    elif schema[0] == "seq":
        if not isinstance(value, list):
            errors.append(f"{path}: expected a list, got {type(value).__name__}")
            return
        for index, item in enumerate(value):
            _validate(item, schema[1], f"{path}[{index}]", errors)
    else:
        _, fields, check = schema
        if not isinstance(value, dict):
            errors.append(f"{path}: expected a mapping, got {type(value).__name__}")
            return
        for key in value:
            if key not in fields:
                errors.append(f"{path}: unknown key {key!r}")
            elif not re.fullmatch(r"[a-z][A-Za-z0-9]*", key):
                errors.append(f"{path}: key {key!r} is not camelCase")
        for key, (child, required) in fields.items():
            if key in value:
                _validate(value[key], child, f"{path}.{key}", errors)
            elif required:
                errors.append(f"{path}: missing required key {key!r}")
        if check is not None:
            check(value, path, errors)


def schema_for(document):
    """AI Platform Job, Vertex CustomJobSpec or Vertex HyperparameterTuningJob, by the top-level keys."""
    if isinstance(document, dict) and "trainingInput" in document:
        return "aiplatform", AIP_JOB
    if isinstance(document, dict) and "trialJobSpec" in document:
        return "vertex-tuning", HP_TUNING_JOB
    return "vertex", CUSTOM_JOB_SPEC


def validate_file(text):
    """(kinds, documents, errors) for a job file's text."""
    documents = list(yaml.safe_load_all(text))
    kinds, errors = [], []
    for index, document in enumerate(documents):
        kind, schema = schema_for(document)
        kinds.append(kind)
        errors += validate(document, schema, f"document {index + 1} ({kind})")
    return kinds, documents, errors


# ---- tests against relna-pack build (every domain, both targets) -------------------------------

ROOT = pathlib.Path(__file__).resolve().parents[2]
DOMAINS = sorted(
    path.parent.name for path in (ROOT / "Templates").glob("*/manifest.yaml") if not path.parent.name.startswith("_")
)


def _starter(domain):
    """The domain's numpy starter, else its numpy fixture agent."""
    starter = ROOT / "Templates" / domain / "starters" / "numpy.py"
    return starter if starter.exists() else ROOT / "Fixtures" / "agents" / domain / "numpy_cartpole.py"


def _build(relna_pack, tmp_path, domain, *flags):
    out = tmp_path / "dist"
    result = subprocess.run(
        [relna_pack, "build", str(_starter(domain)), "--domain", domain, "--output-dir", str(out), *flags],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert result.returncode == 0, result.stderr
    sdists = list(out.glob("*.tar.gz"))
    assert len(sdists) == 1, list(out.iterdir())
    job_file = sdists[0].with_name(sdists[0].name[: -len(".tar.gz")] + ".job.yaml")
    return sdists[0], job_file.read_text(encoding="utf-8")


def _check(text, expected_kinds):
    kinds, documents, errors = validate_file(text)
    assert errors == [], "\n".join(errors)
    assert kinds == expected_kinds
    return documents


import pytest  # noqa: E402  (the script mode above needs only PyYAML)


@pytest.mark.parametrize("domain", DOMAINS)
def test_build_writes_both_documents_that_match_the_schema(relna_pack, tmp_path, domain):
    sdist, text = _build(relna_pack, tmp_path / "default", domain, "--bucket", "gs://relna-test", "--seed", "3")
    (only,) = _check(text, ["vertex"])  # Vertex AI alone by default
    sdist, text = _build(
        relna_pack, tmp_path, domain, "--bucket", "gs://relna-test", "--seed", "3", "--job-target", "both")
    vertex, aip = _check(text, ["vertex", "aiplatform"])
    assert only == vertex
    import hashlib

    digest = hashlib.sha256(sdist.read_bytes()).hexdigest()
    uri = f"gs://relna-test/relna/packages/{digest}/{sdist.name}"
    assert aip["trainingInput"]["packageUris"] == [uri]
    assert vertex["workerPoolSpecs"][0]["pythonPackageSpec"]["packageUris"] == [uri]
    assert aip["trainingInput"]["pythonModule"] == "trainer.task"
    assert "--seed=3" in aip["trainingInput"]["args"]
    assert aip["trainingInput"]["args"] == vertex["workerPoolSpecs"][0]["pythonPackageSpec"]["args"]


def test_param_picks_the_searched_hyperparameters_in_order(relna_pack, tmp_path):
    _, text = _build(
        relna_pack, tmp_path, "dqn", "--job-target", "aiplatform", "--tune", "eval_mean_return",
        "--param", "gamma", "--param", "batch_size,double_q", "--tune-goal", "minimize",
    )
    (document,) = _check(text, ["aiplatform"])
    spec = document["trainingInput"]["hyperparameters"]
    assert [p["parameterName"] for p in spec["params"]] == ["gamma", "batch_size", "double_q"]
    assert spec["goal"] == "MINIMIZE"
    assert spec["params"][2] == {"parameterName": "double_q", "type": "CATEGORICAL", "categoricalValues": ["true", "false"]}


def test_flags_override_the_manifest_defaults(relna_pack, tmp_path):
    _, text = _build(
        relna_pack, tmp_path, "dqn", "--region", "europe-west4", "--machine-type", "n1-highcpu-16",
        "--runtime-version", "2.8", "--python-version", "3.7", "--executor-image", "europe-docker.pkg.dev/x/y:1",
        "--env", "Acrobot-v1", "--set", "gamma=0.9", "--job-target", "both",
    )
    vertex, aip = _check(text, ["vertex", "aiplatform"])
    training = aip["trainingInput"]
    assert (training["region"], training["scaleTier"], training["masterType"]) == (
        "europe-west4", "CUSTOM", "n1-highcpu-16")
    assert (training["runtimeVersion"], training["pythonVersion"]) == ("2.8", "3.7")
    assert training["args"] == ["--env=Acrobot-v1", "--gamma=0.9"]
    pool = vertex["workerPoolSpecs"][0]
    assert pool["machineSpec"] == {"machineType": "n1-highcpu-16"}
    assert pool["pythonPackageSpec"]["executorImageUri"] == "europe-docker.pkg.dev/x/y:1"


def test_json_report_names_the_job_file_and_o_file_writes_none(relna_pack, tmp_path):
    result = subprocess.run(
        [relna_pack, "build", str(_starter("dqn")), "--domain", "dqn", "--output-dir", str(tmp_path / "d"), "--json"],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    job_file = pathlib.Path(report["job_file"])
    assert job_file.parent == tmp_path / "d" and job_file.name.endswith(".job.yaml") and job_file.exists()
    assert "gs://YOUR_BUCKET/relna/packages/" + report["package"]["sha256"] in job_file.read_text()
    single = tmp_path / "one.tar.gz"
    result = subprocess.run(
        [relna_pack, "build", str(_starter("dqn")), "--domain", "dqn", "-o", str(single), "--json"],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["job_file"] is None
    assert sorted(path.name for path in tmp_path.iterdir()) == ["d", "one.tar.gz"]


def test_bad_job_flags_are_usage_errors(relna_pack, tmp_path):
    for flags, message in [
        (["--bucket", "gs://UPPER"], "is not a Cloud Storage bucket"),
        (["--tune", "eval_mean_return", "--param", "total_steps"], "no range to search"),
        (["--tune", "eval_mean_return", "--param", "gama"], "not a hyperparameter"),
        (["--max-trials", "3"], "need --tune"),
    ]:
        result = subprocess.run(
            [relna_pack, "build", str(_starter("dqn")), "--domain", "dqn", "--output-dir", str(tmp_path), *flags],
            capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"},
        )
        assert result.returncode == 64, (flags, result.stderr)
        assert message in result.stderr, (flags, result.stderr)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("domain", DOMAINS)
@pytest.mark.parametrize("target", ["aiplatform", "vertex"])
def test_tuning_jobs_match_the_schema(relna_pack, tmp_path, domain, target):
    _, text = _build(
        relna_pack, tmp_path, domain, "--job-target", target, "--tune", "eval_mean_return",
        "--max-trials", "6", "--parallel-trials", "2",
    )
    (document,) = _check(text, ["aiplatform" if target == "aiplatform" else "vertex-tuning"])
    if target == "aiplatform":
        spec = document["trainingInput"]["hyperparameters"]
        assert (spec["maxTrials"], spec["maxParallelTrials"], spec["hyperparameterMetricTag"]) == (
            6, 2, "eval_mean_return")
        assert spec["params"]
    else:
        assert (document["maxTrialCount"], document["parallelTrialCount"]) == (6, 2)
        assert document["studySpec"]["metrics"] == [{"metricId": "eval_mean_return", "goal": "MAXIMIZE"}]


def test_the_schema_rejects_what_the_apis_reject():
    good = {
        "jobId": "relna_dqn",
        "trainingInput": {
            "scaleTier": "BASIC", "packageUris": ["gs://b12/relna/packages/" + "0" * 64 + "/p.tar.gz"],
            "pythonModule": "trainer.task", "region": "us-central1", "jobDir": "gs://b12/x",
            "runtimeVersion": "2.11", "pythonVersion": "3.7", "args": [],
        },
    }
    assert validate(good, AIP_JOB) == []
    snake = json.loads(json.dumps(good))
    snake["trainingInput"]["python_module"] = snake["trainingInput"].pop("pythonModule")
    assert any("unknown key 'python_module'" in e for e in validate(snake, AIP_JOB))
    custom = json.loads(json.dumps(good))
    custom["trainingInput"]["scaleTier"] = "CUSTOM"
    assert any("masterType" in e for e in validate(custom, AIP_JOB))
    typed = json.loads(json.dumps(good))
    typed["trainingInput"]["runtimeVersion"] = 2.11
    assert any("expected a string" in e for e in validate(typed, AIP_JOB))


if __name__ == "__main__":
    verdicts = []
    for name in sys.argv[1:]:
        kinds, documents, errors = validate_file(pathlib.Path(name).read_text(encoding="utf-8"))
        verdicts.append({"kinds": kinds, "documents": documents, "errors": errors})
    print(json.dumps(verdicts))
