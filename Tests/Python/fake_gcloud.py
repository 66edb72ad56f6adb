"""A stateful stand-in for the Google Cloud CLI, for relna-pack's tests of `submit`, `jobs` and `rank gs://`.

It answers only the commands relna-pack may use (anything else exits 2, so a test notices a new one):
`storage cp|ls`, `ai custom-jobs create|describe|stream-logs|cancel|list`, `ai hp-tuning-jobs
create|describe`. Its state lives in $FAKE_GCLOUD_ROOT:

    buckets/<bucket>/<object path>   Cloud Storage
    jobs/<id>.json                   the CustomJob resource (what describe prints) and the worker's pid
    jobs/<id>.log                    the job's log lines (what stream-logs prints)
    calls.jsonl                      every call's arguments, one JSON array per line
    config.json                      what to misbehave on (written by the tests, all optional):
        {"auth_error": true}              every command fails as gcloud does without credentials
        {"quota_failures": N}             the next N creates answer RESOURCE_EXHAUSTED (429)
        {"malformed": ["describe"]}       those commands print broken JSON
        {"lose_output": true}             jobs write their results outside the bucket

A job goes QUEUED -> (first describe) RUNNING -> SUCCEEDED or FAILED. Running means a detached worker
that really pip-installs the uploaded package into its own folder and runs `python -m trainer.task`
with the job's args and AIP_MODEL_DIR=<baseOutputDirectory>/model/, the bucket being a local folder.
Like the real stream-logs, this one never stops by itself for a job that was running when it started.
"""
import datetime
import json
import os
import pathlib
import signal
import subprocess
import sys
import tempfile
import time

import yaml

ROOT = pathlib.Path(os.environ.get("FAKE_GCLOUD_ROOT", "")).resolve()
PROJECT_NUMBER = "123456789012"
FINAL = {"JOB_STATE_SUCCEEDED", "JOB_STATE_FAILED", "JOB_STATE_CANCELLED"}


def now() -> str:
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def error(command: str, message: str, status: int = 1) -> "NoReturn":
    sys.stderr.write(f"ERROR: (gcloud.{command}) {message}\n")
    sys.exit(status)


def config() -> dict:
    path = ROOT / "config.json"
    return json.loads(path.read_text()) if path.exists() else {}


def write_json(path: pathlib.Path, value) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent)
    with os.fdopen(handle, "w") as stream:
        json.dump(value, stream, indent=2)
    os.replace(temporary, path)


def split(arguments: list[str]) -> tuple[list[str], dict]:
    """Positionals and --flag=value / --flag flags."""
    positionals, flags = [], {}
    for argument in arguments:
        if argument.startswith("--"):
            name, _, value = argument[2:].partition("=")
            flags[name] = value if _ else True
        elif argument in ("-r", "-R"):
            flags["recursive"] = True
        else:
            positionals.append(argument)
    return positionals, flags


def local(uri: str) -> pathlib.Path:
    assert uri.startswith("gs://"), uri
    return ROOT / "buckets" / uri[len("gs://"):]


# Cloud Storage -------------------------------------------------------------------------------------

def storage_cp(arguments: list[str]) -> None:
    positionals, flags = split(arguments)
    *sources, destination = positionals
    for source in sources:
        if source.startswith("gs://"):
            path = local(source)
            if not path.is_file():
                error("storage.cp", f"The following URLs matched no objects or files:\n-{source}")
            target = pathlib.Path(destination)
            if destination.endswith("/") or target.is_dir():
                target = target / path.name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
        else:
            target = local(destination)
            if destination.endswith("/"):
                target = target / pathlib.Path(source).name
            if flags.get("no-clobber") and target.exists():
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(pathlib.Path(source).read_bytes())


def storage_ls(arguments: list[str]) -> None:
    positionals, flags = split(arguments)
    if "format" in flags:
        error("storage.ls", "--format only accepts gsutil; use --json", status=2)
    items = []
    for uri in positionals:
        if not uri.endswith("**"):
            error("storage.ls", "the fake lists only PREFIX** patterns", status=2)
        base = local(uri[:-2])
        found = sorted(p for p in base.rglob("*") if p.is_file()) if base.is_dir() else []
        if not found:
            error("storage.ls", "One or more URLs matched no objects.")
        bucket_root = ROOT / "buckets"
        items += [{"url": "gs://" + p.relative_to(bucket_root).as_posix(), "type": "cloud_object",
                   "metadata": {"size": p.stat().st_size}} for p in found]
    if flags.get("json"):
        print(json.dumps(items, indent=2) if items else "")
    else:
        print("\n".join(item["url"] for item in items))


# Vertex AI jobs ------------------------------------------------------------------------------------

def job_path(reference: str, flags: dict) -> pathlib.Path:
    job_id = reference.rsplit("/", 1)[-1]
    if "/" not in reference and "region" not in flags:
        error("ai.custom-jobs", "--region is required for a job id", status=2)
    path = ROOT / "jobs" / f"{job_id}.json"
    if not path.exists():
        error("ai.custom-jobs.describe", f"NOT_FOUND: CustomJob {reference} does not exist.")
    return path


def emit(command: str, job: dict, flags: dict) -> None:
    public = {k: v for k, v in job.items() if not k.startswith("_")}
    if command in config().get("malformed", []):
        print('{"name": "' + public["name"] + '", "state": ')  # cut short, as a broken pipe would
    elif flags.get("format") == "json":
        print(json.dumps(public, indent=2))
    else:
        print(yaml.safe_dump(public))


def create(kind: str, arguments: list[str]) -> None:
    _, flags = split(arguments)
    counters_path = ROOT / "counters.json"
    counters = json.loads(counters_path.read_text()) if counters_path.exists() else {}
    if counters.get("quota_answers", 0) < config().get("quota_failures", 0):
        counters["quota_answers"] = counters.get("quota_answers", 0) + 1
        write_json(counters_path, counters)
        error(f"ai.{kind}.create", "RESOURCE_EXHAUSTED: Quota exceeded for quota metric 'Job or long-running "
              "operation submission requests' and limit 'per minute per region' of service "
              "'aiplatform.googleapis.com' for consumer 'project_number:123456789012'. [429]")
    spec = yaml.safe_load(pathlib.Path(flags["config"]).read_text())
    counters["next_id"] = counters.get("next_id", 4026903526469795840) + 1
    write_json(counters_path, counters)
    job_id = str(counters["next_id"])
    collection = "customJobs" if kind == "custom-jobs" else "hyperparameterTuningJobs"
    job = {
        "name": f"projects/{PROJECT_NUMBER}/locations/{flags['region']}/{collection}/{job_id}",
        "displayName": flags["display-name"],
        "state": "JOB_STATE_QUEUED" if kind == "custom-jobs" else "JOB_STATE_PENDING",
        "createTime": now(),
        "updateTime": now(),
    }
    if kind == "custom-jobs":
        job["jobSpec"] = spec
    else:
        job["trialJobSpec"] = spec["trialJobSpec"]
        job["studySpec"] = spec["studySpec"]
    write_json(ROOT / "jobs" / f"{job_id}.json", job)
    sys.stderr.write(f"CustomJob [{job['name']}] is submitted successfully.\n")
    emit("create", job, flags)


def describe(arguments: list[str]) -> None:
    positionals, flags = split(arguments)
    path = job_path(positionals[0], flags)
    job = json.loads(path.read_text())
    if job["state"] == "JOB_STATE_QUEUED":
        job["state"] = "JOB_STATE_RUNNING"
        job["startTime"] = now()
        worker = subprocess.Popen([sys.executable, __file__, "__worker", str(path)], start_new_session=True,
                                  stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        job["_worker"] = worker.pid
        write_json(path, job)
    elif job["state"] == "JOB_STATE_PENDING":  # a tuning job: the fake runs no trials
        job.update(state="JOB_STATE_SUCCEEDED", endTime=now())
        write_json(path, job)
    emit("describe", job, flags)


def cancel(arguments: list[str]) -> None:
    positionals, flags = split(arguments)
    path = job_path(positionals[0], flags)
    job = json.loads(path.read_text())
    if job["state"] not in FINAL:
        if job.get("_worker"):
            try:
                os.killpg(job["_worker"], signal.SIGTERM)
            except ProcessLookupError:
                pass
        job.update(state="JOB_STATE_CANCELLED", endTime=now(), error={"code": 1, "message": "CANCELED"})
        write_json(path, job)
    sys.stderr.write(f"Request to cancel CustomJob [{job['name']}] has been sent.\n")


def stream_logs(arguments: list[str]) -> None:
    positionals, flags = split(arguments)
    path = job_path(positionals[0], flags)
    log = path.with_suffix(".log")
    # Like gcloud: whether to stop is decided once, from the state when the command starts.
    ended = json.loads(path.read_text())["state"] in FINAL
    printed = 0
    while True:
        lines = log.read_text().splitlines() if log.exists() else []
        for line in lines[printed:]:
            print(f"INFO\t{now()}\tworkerpool0-0\t{line}", flush=True)
        printed = len(lines)
        if ended:
            return
        time.sleep(0.2)


def list_jobs(arguments: list[str]) -> None:
    _, flags = split(arguments)
    jobs = [json.loads(p.read_text()) for p in sorted((ROOT / "jobs").glob("*.json"))]
    print(json.dumps([{k: v for k, v in j.items() if not k.startswith("_")} for j in jobs], indent=2))


def worker(path_text: str) -> None:
    """Runs one job to its end: pip install the package, then python -m trainer.task."""
    path = pathlib.Path(path_text)
    job = json.loads(path.read_text())
    pool = job["jobSpec"]["workerPoolSpecs"][0]["pythonPackageSpec"]
    output = job["jobSpec"]["baseOutputDirectory"]["outputUriPrefix"].rstrip("/") + "/"
    job_dir = local(output)
    if config().get("lose_output"):
        job_dir = ROOT / "lost" / path.stem
    site = ROOT / "sites" / path.stem
    with open(path.with_suffix(".log"), "w") as log:
        steps = [
            [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
             "--target", str(site), str(local(pool["packageUris"][0]))],
            [sys.executable, "-u", "-m", pool["pythonModule"], *pool.get("args", [])],
        ]
        environment = dict(os.environ, PYTHONPATH=str(site), AIP_MODEL_DIR=str(job_dir / "model") + "/",
                           CLOUD_ML_JOB_ID=path.stem, PYTHONSAFEPATH="1")
        status = 0
        with tempfile.TemporaryDirectory() as scratch:
            for step in steps:
                log.write("+ " + " ".join(step) + "\n")
                log.flush()
                status = subprocess.run(step, stdout=log, stderr=subprocess.STDOUT, cwd=scratch,
                                        env=environment).returncode
                if status != 0:
                    break
    job = json.loads(path.read_text())
    if job["state"] != "JOB_STATE_RUNNING":
        return  # cancelled meanwhile
    job["endTime"] = now()
    if status == 0:
        job["state"] = "JOB_STATE_SUCCEEDED"
    else:
        job["state"] = "JOB_STATE_FAILED"
        job["error"] = {"code": 3, "message": f"The replica workerpool0-0 exited with a non-zero status of "
                                              f"{status}. To find out more about why your job exited "
                                              "please check the logs"}
    write_json(path, job)


def main(arguments: list[str]) -> None:
    if arguments[:1] == ["__worker"]:
        return worker(arguments[1])
    (ROOT / "jobs").mkdir(parents=True, exist_ok=True)
    with open(ROOT / "calls.jsonl", "a") as calls:
        calls.write(json.dumps(arguments) + "\n")
    if config().get("auth_error"):
        error(".".join(arguments[:3]), "You do not currently have an active account selected.\n"
              "Please run:\n\n  $ gcloud auth login\n\nto obtain new credentials.")
    group, rest = arguments[:3], arguments[3:]
    handlers = {
        ("storage", "cp"): lambda: storage_cp(arguments[2:]),
        ("storage", "ls"): lambda: storage_ls(arguments[2:]),
        ("ai", "custom-jobs", "create"): lambda: create("custom-jobs", rest),
        ("ai", "custom-jobs", "describe"): lambda: describe(rest),
        ("ai", "custom-jobs", "stream-logs"): lambda: stream_logs(rest),
        ("ai", "custom-jobs", "cancel"): lambda: cancel(rest),
        ("ai", "custom-jobs", "list"): lambda: list_jobs(rest),
        ("ai", "hp-tuning-jobs", "create"): lambda: create("hp-tuning-jobs", rest),
        ("ai", "hp-tuning-jobs", "describe"): lambda: describe(rest),
    }
    handler = handlers.get(tuple(group)) or handlers.get(tuple(arguments[:2]))
    if handler is None:
        error("fake", f"relna-pack may not run `gcloud {' '.join(arguments)}`", status=2)
    handler()


if __name__ == "__main__":
    main(sys.argv[1:])
