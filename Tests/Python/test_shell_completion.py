"""Shell completion on a fresh machine (issue 14 §6), as a student meets it: the README's install lines
run in an empty home folder, then a real interactive bash in tmux completes what the student types.

tmux comes from scripts/setup (Debian's package)."""
import os
import pathlib
import shutil
import subprocess
import time
import uuid

import pytest
import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]


def readme_install_lines() -> list:
    """The indented block right under README.md's "## Shell completion"."""
    section = (ROOT / "README.md").read_text().split("\n## Shell completion\n", 1)[1]
    lines = []
    for line in section.splitlines()[1:]:
        if not line.startswith("    "):
            break
        lines.append(line[4:])
    assert lines and lines[0].startswith("mkdir -p "), lines
    return lines


class Terminal:
    """An interactive bash in a detached tmux session with its own server socket."""

    def __init__(self, env: dict, cwd: pathlib.Path):
        self.socket = f"relna-{uuid.uuid4().hex[:8]}"
        shell = ["env", "-i", *[f"{key}={value}" for key, value in env.items()], "bash", "-i"]
        self.tmux("new-session", "-d", "-s", "student", "-x", "220", "-y", "50", "-c", str(cwd), *shell)

    def tmux(self, *args) -> str:
        return subprocess.run(
            ["tmux", "-L", self.socket, *args], check=True, capture_output=True, text=True, timeout=30
        ).stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "student")

    def type(self, text: str, *keys: str) -> None:
        self.tmux("send-keys", "-t", "student", "-l", text)
        for key in keys:
            time.sleep(0.3)
            self.tmux("send-keys", "-t", "student", key)

    def wait_for(self, words, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            if all(word in screen for word in words) or time.monotonic() > deadline:
                return screen
            time.sleep(0.2)

    def clear(self) -> None:
        self.tmux("send-keys", "-t", "student", "C-u")
        self.type("clear", "Enter")
        time.sleep(0.5)

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True, timeout=30)


@pytest.fixture
def terminal(relna_pack, tmp_path):
    if shutil.which("tmux") is None:
        pytest.fail("tmux is not installed: run scripts/setup")
    home, work, bin_dir = tmp_path / "home", tmp_path / "work", tmp_path / "bin"
    for folder in (home, work, bin_dir):
        folder.mkdir()
    (bin_dir / "relna-pack").symlink_to(relna_pack)
    env = {"HOME": str(home), "PATH": f"{bin_dir}:/usr/local/bin:/usr/bin:/bin", "TERM": "xterm", "LANG": "C.UTF-8"}
    # A fresh machine: nothing under ~/.local yet, and no bash-completion package assumed.
    for line in readme_install_lines():
        subprocess.run(["bash", "-c", line], env=env, cwd=work, check=True, timeout=60)
    (work / "agent.py").write_text("x = 1\n")
    (work / "notes.txt").write_text("not an agent\n")
    terminal = Terminal(env, work)
    terminal.wait_for(["$"])
    yield terminal
    terminal.close()


def default(hp: dict) -> str:
    """The default as relna-pack prints it (YAML's true is `true`)."""
    value = hp["default"]
    return str(value).lower() if isinstance(value, bool) else str(value)


def manifest(domain: str) -> dict:
    return yaml.safe_load((ROOT / "Templates" / domain / "manifest.yaml").read_text())


def test_values_complete_in_an_interactive_bash(terminal):
    dqn = manifest("dqn")
    cases = [
        ("relna-pack check agent.py --domain ", ["dqn", "policy_gradient", "imitation"]),
        ("relna-pack run agent.py --domain dqn --env ", dqn["environments"]["supported"]),
        ("relna-pack build agent.py --domain dqn --framework ", list(dqn["frameworks"])),
        ("relna-pack check agent.py --domain dqn --set ", [f"{hp['name']}={default(hp)}" for hp in dqn["hyperparameters"]]),
        ("relna-pack explain ", ["dqn", "policy_gradient", "imitation"]),
        ("relna-pack init --domain policy_gradient --framework ", list(manifest("policy_gradient")["frameworks"])),
    ]
    for typed, expected in cases:
        terminal.type(typed, "Tab", "Tab")
        screen = terminal.wait_for(expected)
        missing = [word for word in expected if word not in screen]
        assert not missing, f"{typed!r} did not complete {missing}:\n{screen}"
        terminal.clear()


def test_the_agent_argument_completes_python_files(terminal):
    terminal.type("relna-pack check ag", "Tab")
    screen = terminal.wait_for(["relna-pack check agent.py"])
    assert "relna-pack check agent.py" in screen, screen
