"""The messages between the referee and the worker: plain data only, never a pickle.

Each message is a frame: 4 bytes (big-endian length of the rest), 1 byte of kind, then the body.
Kind J is UTF-8 JSON, an object with a "type"; arrays in it travel as {"__array__": [dtype, shape,
base64 of the bytes]} with a numeric dtype, and spaces as plain descriptions rebuilt on the other side.
Kind B is a batch of packed records (`Batch`): the training steps the worker's replica environments
took, which the referee replays and checks on its own environments; batching them keeps training
close to in-process speed (one message per few hundred steps instead of a round trip per step). A
frame may be followed by raw bytes that a message announces ("size"): the pickled model, which the
referee stores without ever loading it. The referee reads the worker's messages with a time limit
and a size limit.
"""
from __future__ import annotations

import base64
import json
import os
import select
import struct
import time

import numpy as np

VERSION = 1
MAX_FRAME = 64 * 2**20  # a frame is a few observations; 64 MiB allows big image batches
_HEADER = struct.Struct(">Ic")
JSON, BATCH = b"J", b"B"
_RESET = struct.Struct(">cH?q")
_STEP = struct.Struct(">cH")
_OUTCOME = struct.Struct(">dB")
_ARRAY = struct.Struct(">3sB")
TERMINATED, TRUNCATED = 1, 2
# Only numbers cross as arrays: an object dtype would need a pickle.
_DTYPE_KINDS = "biuf"


class ProtocolError(Exception):
    """The other side sent something that is not a message of this protocol, or went away."""


class Timeout(ProtocolError):
    """No message within the time limit."""


class Closed(ProtocolError):
    """The other side closed its end (it exited)."""


def encode(value):
    """A JSON-ready copy of `value`: numpy arrays and scalars become plain data."""
    if isinstance(value, np.ndarray):
        if value.dtype.kind not in _DTYPE_KINDS:
            raise ProtocolError(f"cannot send an array of dtype {value.dtype}")
        data = _contiguous(value)
        return {"__array__": [data.dtype.str, list(data.shape), base64.b64encode(data.tobytes()).decode()]}
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return float(value)
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, dict):
        return {str(key): encode(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [encode(item) for item in value]
    raise ProtocolError(f"cannot send a {type(value).__name__}")


def _contiguous(value) -> np.ndarray:
    # Not np.ascontiguousarray: it turns a 0-d array (a discrete action) into a 1-d one.
    data = np.asarray(value)
    return data if data.flags.c_contiguous else data.copy(order="C")


def decode(value):
    """The inverse of `encode`: arrays come back as numpy arrays of a numeric dtype."""
    if isinstance(value, dict):
        if set(value) == {"__array__"}:
            return _array(value["__array__"])
        return {key: decode(item) for key, item in value.items()}
    if isinstance(value, list):
        return [decode(item) for item in value]
    return value


def _array(fields) -> np.ndarray:
    try:
        dtype_text, shape, data = fields
        dtype = np.dtype(str(dtype_text))
        if dtype.kind not in _DTYPE_KINDS:
            raise ValueError(dtype)
        shape = tuple(int(size) for size in shape)
        return np.frombuffer(base64.b64decode(data), dtype=dtype).reshape(shape).copy()
    except (TypeError, ValueError) as error:
        raise ProtocolError(f"not an array: {error}") from None


def pack_array(value) -> bytes:
    """dtype (3 characters), number of dimensions, the shape, then the raw bytes."""
    data = _contiguous(value)
    dtype = data.dtype.str.encode()
    if data.dtype.kind not in _DTYPE_KINDS or len(dtype) != 3 or data.ndim > 32:
        raise ProtocolError(f"cannot send an array of dtype {data.dtype} and shape {data.shape}")
    shape = struct.pack(f">{data.ndim}I", *data.shape)
    return _ARRAY.pack(dtype, data.ndim) + shape + data.tobytes()


def unpack_array(body: bytes, offset: int) -> tuple:
    """The array packed at `offset`, and the offset after it."""
    dtype, shape, start, end = _array_at(body, offset)
    array = np.frombuffer(body, dtype=dtype, count=(end - start) // dtype.itemsize, offset=start)
    return array.reshape(shape).copy(), end


_DTYPES: dict = {}


def _array_at(body: bytes, offset: int) -> tuple:
    """The dtype, shape and byte range of the array packed at `offset`."""
    try:
        dtype_text, ndim = _ARRAY.unpack_from(body, offset)
        offset += _ARRAY.size
        shape = struct.unpack_from(f">{ndim}I", body, offset)
        offset += 4 * ndim
        dtype = _DTYPES.get(dtype_text)
        if dtype is None:
            dtype = np.dtype(dtype_text.decode())
            if dtype.kind not in _DTYPE_KINDS:
                raise ValueError(dtype)
            _DTYPES[dtype_text] = dtype
        size = dtype.itemsize
        for length in shape:
            size *= length
        if offset + size > len(body):
            raise ValueError("truncated")
        return dtype, shape, offset, offset + size
    except (struct.error, TypeError, ValueError, UnicodeDecodeError) as error:
        raise ProtocolError(f"not an array: {error}") from None


class Batch:
    """What the worker's replica environments did, sent to the referee together, without an answer.

    Records: R (reset: handle, seed, observation), S (step: handle, action, reward, flags,
    observation) and C (close: handle). The referee replays each one on its own environment.
    """

    def __init__(self):
        self.data = bytearray()
        self.records = 0

    def reset(self, handle: int, seed, observation) -> None:
        self.data += _RESET.pack(b"R", handle, seed is not None, 0 if seed is None else seed)
        self.data += pack_array(np.asarray(observation))
        self.records += 1

    def step(self, handle: int, action, observation, reward, terminated, truncated) -> None:
        flags = (TERMINATED if terminated else 0) | (TRUNCATED if truncated else 0)
        self.data += _STEP.pack(b"S", handle) + pack_array(action)
        self.data += _OUTCOME.pack(float(reward), flags) + pack_array(np.asarray(observation))
        self.records += 1

    def close(self, handle: int) -> None:
        self.data += _STEP.pack(b"C", handle)
        self.records += 1

    def take(self) -> bytes:
        data = bytes(self.data)
        self.data = bytearray()
        self.records = 0
        return data


def records(body: bytes):
    """The records of a batch, in order: ("reset", handle, seed, observation bytes), ("step", handle,
    action, reward, terminated, truncated, observation bytes) or ("close", handle)."""
    offset = 0
    try:
        while offset < len(body):
            tag = body[offset : offset + 1]
            if tag == b"R":
                _, handle, has_seed, seed = _RESET.unpack_from(body, offset)
                start = offset + _RESET.size
                offset = _array_at(body, start)[3]
                yield "reset", handle, seed if has_seed else None, body[start:offset]
            elif tag == b"S":
                _, handle = _STEP.unpack_from(body, offset)
                action, offset = unpack_array(body, offset + _STEP.size)
                reward, flags = _OUTCOME.unpack_from(body, offset)
                start = offset + _OUTCOME.size
                offset = _array_at(body, start)[3]
                yield "step", handle, action, reward, bool(flags & TERMINATED), bool(flags & TRUNCATED), body[start:offset]
            elif tag == b"C":
                _, handle = _STEP.unpack_from(body, offset)
                offset += _STEP.size
                yield "close", handle
            else:
                raise ProtocolError(f"a batch record of kind {tag!r}")
    except struct.error as error:
        raise ProtocolError(f"a truncated batch ({error})") from None


def describe_space(space) -> dict:
    """A Gymnasium space as plain data (Discrete, Box, MultiDiscrete, MultiBinary)."""
    from gymnasium import spaces

    if isinstance(space, spaces.Discrete):
        return {"kind": "discrete", "n": int(space.n), "start": int(space.start)}
    if isinstance(space, spaces.Box):
        return {"kind": "box", "low": encode(space.low), "high": encode(space.high), "dtype": str(space.dtype)}
    if isinstance(space, spaces.MultiDiscrete):
        return {"kind": "multi_discrete", "nvec": encode(space.nvec)}
    if isinstance(space, spaces.MultiBinary):
        return {"kind": "multi_binary", "n": encode(np.asarray(space.n))}
    raise ProtocolError(f"the referee cannot describe a {type(space).__name__} space")


def build_space(description: dict):
    """The Gymnasium space a description stands for."""
    from gymnasium import spaces

    kind = description.get("kind")
    if kind == "discrete":
        return spaces.Discrete(int(description["n"]), start=int(description["start"]))
    if kind == "box":
        low, high = decode(description["low"]), decode(description["high"])
        return spaces.Box(low=low, high=high, dtype=np.dtype(description["dtype"]))
    if kind == "multi_discrete":
        return spaces.MultiDiscrete(decode(description["nvec"]))
    if kind == "multi_binary":
        n = decode(description["n"])
        return spaces.MultiBinary(n.tolist() if n.ndim else int(n))
    raise ProtocolError(f"unknown space kind {kind!r}")


def parse(body: bytes) -> dict:
    """A JSON frame's message; it must be an object with a "type"."""
    try:
        message = json.loads(body)
    except ValueError as error:
        raise ProtocolError(f"a message that is not JSON ({error})") from None
    if not isinstance(message, dict) or not isinstance(message.get("type"), str):
        raise ProtocolError("a message without a type")
    return message


class Channel:
    """One direction each way over two pipe file descriptors."""

    def __init__(self, read_fd: int, write_fd: int):
        self.read_fd = read_fd
        self.write_fd = write_fd
        self._buffer = bytearray()

    def send(self, message: dict, payload: bytes = b"") -> None:
        data = json.dumps(encode(message), separators=(",", ":"), allow_nan=False).encode()
        self.send_frame(JSON, data)
        if payload:
            self._write(payload)

    def send_frame(self, kind: bytes, body: bytes) -> None:
        self._write(_HEADER.pack(len(body), kind) + body)

    def _write(self, data: bytes) -> None:
        view = memoryview(data)
        try:
            while view:
                written = os.write(self.write_fd, view)
                view = view[written:]
        except (BrokenPipeError, OSError) as error:
            raise Closed(f"the other side went away ({error})") from None

    def receive(self, timeout: float | None = None, max_size: int = MAX_FRAME) -> dict:
        kind, body = self.receive_frame(timeout, max_size)
        if kind != JSON:
            raise ProtocolError(f"a frame of kind {kind!r} where a message was expected")
        return parse(body)

    def receive_frame(self, timeout: float | None = None, max_size: int = MAX_FRAME) -> tuple:
        deadline = None if timeout is None else time.monotonic() + timeout
        size, kind = _HEADER.unpack(self._read(_HEADER.size, deadline))
        if size > max_size:
            raise ProtocolError(f"a message of {size} bytes; the limit is {max_size}")
        return kind, self._read(size, deadline)

    def receive_bytes(self, size: int, timeout: float | None = None) -> bytes:
        deadline = None if timeout is None else time.monotonic() + timeout
        return self._read(size, deadline)

    def _read(self, size: int, deadline: float | None) -> bytes:
        while len(self._buffer) < size:
            if deadline is not None:
                left = deadline - time.monotonic()
                if left <= 0 or not select.select([self.read_fd], [], [], left)[0]:
                    raise Timeout("no answer within the time limit")
            chunk = os.read(self.read_fd, max(size - len(self._buffer), 4096))
            if not chunk:
                raise Closed("the other side closed the pipe")
            self._buffer += chunk
        data = bytes(self._buffer[:size])
        del self._buffer[:size]
        return data
