"""Where a run's files go: a local folder, or gs:// through the Google Cloud storage client.

AI Platform passes `--job-dir`; Vertex AI sets AIP_MODEL_DIR (and AIP_CHECKPOINT_DIR,
AIP_TENSORBOARD_LOG_DIR) under the job's base output directory. The job dir is `--job-dir` when
given, else the parent of AIP_MODEL_DIR (Vertex's baseOutputDirectory).
"""
from __future__ import annotations

import os
import tempfile


class StorageError(Exception):
    """The job dir cannot be written (a clear message for the user, no traceback)."""


def resolve_job_dir(flag_value: str | None, environ=None) -> str:
    environ = os.environ if environ is None else environ
    if flag_value:
        return flag_value
    model_dir = environ.get("AIP_MODEL_DIR", "")
    if model_dir:
        return parent(model_dir)
    raise StorageError("no job dir: pass --job-dir DIR (a local folder or gs://bucket/path)")


def resolve_model_dir(job_dir: str, environ=None) -> str:
    """Vertex's AIP_MODEL_DIR when set, else `<job dir>/model`."""
    environ = os.environ if environ is None else environ
    return environ.get("AIP_MODEL_DIR") or join(job_dir, "model")


def check_writable(job_dir: str) -> None:
    """Fails before any training when the job dir cannot be written (no storage client, a file…)."""
    if is_gcs(job_dir):
        _split_gcs(join(job_dir, "metrics.json"))
        _gcs_client()
        return
    try:
        os.makedirs(job_dir, exist_ok=True)
    except OSError as error:
        raise StorageError(f"cannot create the job dir {job_dir}: {error.strerror or error}") from error


def is_gcs(path: str) -> bool:
    return path.startswith("gs://")


def join(base: str, name: str) -> str:
    if is_gcs(base):
        return base.rstrip("/") + "/" + name
    return os.path.join(base, name)


def parent(path: str) -> str:
    if is_gcs(path):
        trimmed = path.rstrip("/")
        head = trimmed.rsplit("/", 1)[0]
        return head if head != "gs:" else trimmed
    return os.path.dirname(os.path.normpath(path)) or "."


def _gcs_client():
    try:
        from google.cloud import storage  # type: ignore[import-not-found]
    except ImportError as error:
        raise StorageError(
            "a gs:// path needs the Google Cloud storage client: pip install google-cloud-storage"
        ) from error
    return storage.Client()


def _split_gcs(path: str) -> tuple[str, str]:
    rest = path[len("gs://"):]
    bucket, _, blob = rest.partition("/")
    if not bucket or not blob:
        raise StorageError(f"not a gs://bucket/object path: {path}")
    return bucket, blob


def write_bytes(path: str, data: bytes) -> None:
    """Writes one file whole: atomically on a local disk, as one upload on gs://."""
    if is_gcs(path):
        bucket, blob = _split_gcs(path)
        try:
            _gcs_client().bucket(bucket).blob(blob).upload_from_string(data)
        except StorageError:
            raise
        except Exception as error:  # the client's errors vary by version
            raise StorageError(f"cannot upload {path}: {error}") from error
        return
    folder = os.path.dirname(path) or "."
    try:
        os.makedirs(folder, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".tmp-", dir=folder)
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
                # mkstemp makes 0600; the job dir's results are for whoever reads the folder (rank, CI)
                os.fchmod(stream.fileno(), 0o644)
            os.replace(temporary, path)
        except BaseException:
            if os.path.exists(temporary):
                os.unlink(temporary)
            raise
    except OSError as error:
        raise StorageError(f"cannot write {path}: {error.strerror or error}") from error


def write_text(path: str, text: str) -> None:
    write_bytes(path, text.encode("utf-8"))


def read_bytes(path: str) -> bytes:
    if is_gcs(path):
        bucket, blob = _split_gcs(path)
        try:
            return _gcs_client().bucket(bucket).blob(blob).download_as_bytes()
        except StorageError:
            raise
        except Exception as error:
            raise StorageError(f"cannot download {path}: {error}") from error
    try:
        with open(path, "rb") as stream:
            return stream.read()
    except OSError as error:
        raise StorageError(f"cannot read {path}: {error.strerror or error}") from error
