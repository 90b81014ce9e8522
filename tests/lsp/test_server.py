"""``batchtyping lsp`` driven by a real client over stdio: diagnostics with exact ranges and
codes (only ``batch-*``), updates on change/save/config edits matching a fresh mypy run,
the quick fixes, a clean shutdown, and no process left behind when the client dies."""

from __future__ import annotations

import ast
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from batchtyping_codemods.lsp import findings, locate
from tests.checkers import CACHE
from tests.lsp.client import Client

LSP_CACHE = CACHE / "mypy" / "lsp"

PYPROJECT = '[tool.mypy]\nplugins = ["batchtyping_mypy"]\npython_version = "3.11"\n'
LOSSES = '''\
from jax import Array

from batchtyping import BatchlessRealDataFixed, RealDataFixed


def per_example(prediction: BatchlessRealDataFixed, scale: float) -> Array:
    raise NotImplementedError


def real_batch(x: RealDataFixed) -> Array:
    raise NotImplementedError
'''
TRAIN = '''\
import jax.numpy as jnp
from jax import Array

from batchtyping import RealDataFixed
from pkg.losses import per_example, real_batch


def loss(batch: RealDataFixed) -> Array:
    return per_example(batch, 2.0)


def spectrum(x: Array) -> Array:
    return x if "é" == "" else real_batch(jnp.fft.fft(x))


def plain() -> int:
    return "not an int"
'''
DIM = ('Argument "prediction" to "per_example" is batched ("RealDataFixed") where batchless '
       'data ("BatchlessRealDataFixed") is expected')
DTYPE = ('Argument "x" to "real_batch" has complex leaves ("complex array") where real leaves '
         '("RealDataFixed") are expected')


def _project(root: Path) -> Path:
    (root / "pkg").mkdir(parents=True)
    (root / "pyproject.toml").write_text(PYPROJECT)
    (root / "pkg" / "__init__.py").write_text("")
    (root / "pkg" / "losses.py").write_text(LOSSES)
    (root / "pkg" / "train.py").write_text(TRAIN, encoding="utf-8")
    return root / "pkg" / "train.py"


def _shape(diagnostics: list[dict[str, Any]]) -> list[tuple[str, tuple[int, int, int, int], str]]:
    return sorted(
        (d["code"], (d["range"]["start"]["line"], d["range"]["start"]["character"],
                     d["range"]["end"]["line"], d["range"]["end"]["character"]), d["message"])
        for d in diagnostics
    )


def _fresh_mypy(root: Path, path: Path) -> list[tuple[str, tuple[int, int, int, int], str]]:
    """A separate mypy process over the files on disk, read the way the server reads it."""
    from batchtyping_codemods.lsp.checker import FLAGS

    proc = subprocess.run(
        [sys.executable, "-m", "mypy", *FLAGS, "--config-file", str(root / "pyproject.toml"),
         "--cache-dir", str(LSP_CACHE / "fresh"), str(path)],
        cwd=root, capture_output=True, text=True, check=False,
    )
    text = path.read_text(encoding="utf-8")
    lines, tree = text.splitlines(), locate.parse(text)
    return _shape([
        {"code": d.code, "message": d.message, "range": json.loads(_range_json(d, lines, tree))}
        for d in findings.parse(proc.stdout)
    ])


def _range_json(finding: findings.Finding, lines: list[str], tree: ast.AST | None) -> str:
    rng = findings.to_diagnostic(finding, lines, tree).range
    return json.dumps({"start": {"line": rng.start.line, "character": rng.start.character},
                       "end": {"line": rng.end.line, "character": rng.end.character}})


def _apply(text: str, edits: list[dict[str, Any]]) -> str:
    lines = text.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))

    def at(position: dict[str, int]) -> int:  # the test file is BMP-only: UTF-16 = str index
        return offsets[position["line"]] + position["character"]

    for edit in sorted(edits, key=lambda e: at(e["range"]["start"]), reverse=True):
        start, end = at(edit["range"]["start"]), at(edit["range"]["end"])
        text = text[:start] + edit["newText"] + text[end:]
    return text


def _daemon_pid(server_pid: int) -> int:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        for status in LSP_CACHE.glob(f"batchtyping-lsp/*/server-{server_pid}/dmypy.json"):
            try:
                return int(json.loads(status.read_text())["pid"])
            except (ValueError, KeyError):
                pass
        time.sleep(0.05)
    raise TimeoutError("no daemon")


def _gone(pid: int, timeout: float = 15) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        try:  # a zombie child of ours has exited too
            if os.waitpid(pid, os.WNOHANG) != (0, 0):
                return True
        except ChildProcessError:
            pass
        time.sleep(0.05)
    return False


def test_diagnostics_fixes_edits_config_and_shutdown(tmp_path: Path) -> None:
    train = _project(tmp_path / "proj")
    root = train.parent.parent
    client = Client(root, LSP_CACHE)
    try:
        capabilities = client.initialize()["capabilities"]
        assert capabilities["codeActionProvider"] == {"codeActionKinds": ["quickfix"]}
        client.open(train)
        opened = client.diagnostics(train, version=1)
        # Exact ranges (in UTF-16 units: mypy's columns drift after the "é"), batch-* codes
        # only: plain()'s return-value error is left to the editor's own checker.
        assert _shape(opened) == [
            ("batch-dim", (8, 23, 8, 28), DIM),
            ("batch-dtype", (12, 42, 12, 56), DTYPE),
        ]
        assert {d["source"] for d in opened} == {"batchtyping"}
        assert _shape(opened) == _fresh_mypy(root, train)
        daemon = _daemon_pid(client.process.pid)

        dim, dtype = sorted(opened, key=lambda d: d["code"])
        fixes = []
        for diagnostic, title in [
            (dim, "Map per_example over the batch: jax.vmap(per_example, in_axes=(0, None))(...)"),
            (dtype, "Take the real part: jnp.fft.fft(x).real"),
        ]:
            result = client.request("textDocument/codeAction", {
                "textDocument": {"uri": train.as_uri()}, "range": diagnostic["range"],
                "context": {"diagnostics": [diagnostic]}})
            assert [a["title"] for a in result] == [title]
            assert result[0]["kind"] == "quickfix"
            fixes += result[0]["edit"]["changes"][train.as_uri()]
        fixed = _apply(TRAIN, fixes)
        assert fixed.startswith("import jax\nimport jax.numpy as jnp\n")
        assert "return jax.vmap(per_example, in_axes=(0, None))(batch, 2.0)\n" in fixed
        assert 'real_batch(jnp.fft.fft(x).real)\n' in fixed

        # Unsaved edits: the fixes clear both, a new mistake shows, matching fresh mypy runs.
        client.change(train, 2, fixed)
        assert client.diagnostics(train, version=2) == []
        broken = fixed.replace("    return jax.vmap", "    per_example(batch, 1.0)\n    return jax.vmap")
        client.change(train, 3, broken)
        assert _shape(client.diagnostics(train, version=3)) == [("batch-dim", (9, 16, 9, 21), DIM)]
        train.write_text(broken, encoding="utf-8")
        client.save(train)
        saved = client.diagnostics(train)
        assert _shape(saved) == _fresh_mypy(root, train) == [("batch-dim", (9, 16, 9, 21), DIM)]

        # A config change: the daemon restarts with the new [tool.batchtyping.mypy] table.
        pyproject = root / "pyproject.toml"
        pyproject.write_text(PYPROJECT + '\n[tool.batchtyping.mypy]\ndisable_codes = ["batch-dim"]\n')
        train.write_text(TRAIN, encoding="utf-8")
        client.change(train, 4, TRAIN)
        client.save(train)
        client.diagnostics(train, version=4)  # the unsaved or the saved check, whichever came first
        client.notify("textDocument/didSave", {"textDocument": {"uri": pyproject.as_uri()}})
        after = client.diagnostics(train)
        assert _shape(after) == _fresh_mypy(root, train) == [("batch-dtype", (12, 42, 12, 56), DTYPE)]
        assert _gone(daemon, timeout=1)  # the old daemon was stopped
        daemon = _daemon_pid(client.process.pid)

        # Attack: a syntax error while typing keeps what was shown (no publish for it), then
        # the next valid text is checked.
        client.change(train, 5, TRAIN.replace("def plain", "def plain(("))
        client.change(train, 6, TRAIN + "\n\nreal_batch(jnp.fft.fft(jnp.ones(3)))\n")
        assert len(client.diagnostics(train, version=6)) == 2
        assert not [m for m in client.seen if m.get("params", {}).get("version") == 5]

        # Attack: a burst of edits faster than a check; the last text wins.
        for version in range(7, 12):
            client.change(train, version, TRAIN.replace("2.0", f"{version}.0"))
        last = client.diagnostics(train, version=11)
        assert _shape(last) == [("batch-dtype", (12, 42, 12, 56), DTYPE)]  # batch-dim is off

        # A config naming an unknown code: the plugin says so on stderr, ignores the code and
        # carries on, so batch-dim is no longer disabled and comes back.
        pyproject.write_text(PYPROJECT + '\n[tool.batchtyping.mypy]\ndisable_codes = ["batch-nope"]\n')
        client.save(pyproject)
        back = client.diagnostics(train, timeout=60)
        assert sorted(code for code, *_ in _shape(back)) == ["batch-dim", "batch-dtype"]

        assert client.shutdown() == 0
        assert _gone(daemon)
        assert not list(LSP_CACHE.glob(f"batchtyping-lsp/*/server-{client.process.pid}"))
    finally:
        if client.process.poll() is None:
            client.process.kill()


KILLED_CLIENT = '''
import sys, time
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from tests.lsp.client import Client
client = Client(Path(sys.argv[2]), Path(sys.argv[3]))
client.initialize()
client.open(Path(sys.argv[2]) / "pkg" / "train.py")
print(client.process.pid, flush=True)
time.sleep(600)
'''


def test_a_killed_client_or_server_leaves_no_process(tmp_path: Path) -> None:
    """Attack: the editor dies mid-check (the server sees its stdin close), then a server is
    killed outright (its daemon notices its parent is gone)."""
    root = _project(tmp_path / "proj").parent.parent
    repo = Path(__file__).resolve().parents[2]
    editor = subprocess.Popen(
        [sys.executable, "-c", KILLED_CLIENT, str(repo), str(root), str(LSP_CACHE)],
        stdout=subprocess.PIPE, text=True,
    )
    assert editor.stdout is not None
    server = int(editor.stdout.readline())
    daemon = _daemon_pid(server)
    editor.send_signal(signal.SIGKILL)
    editor.wait()
    assert _gone(server) and _gone(daemon)

    client = Client(root, LSP_CACHE)
    client.initialize()
    client.open(root / "pkg" / "train.py")
    daemon = _daemon_pid(client.process.pid)
    client.process.send_signal(signal.SIGKILL)
    client.process.wait()
    assert _gone(daemon)
