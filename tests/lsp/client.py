"""A small LSP client over a subprocess's pipes: the editor's side of ``batchtyping lsp``."""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

Message = dict[str, Any]


class Client:
    def __init__(self, root: Path, cache_dir: Path) -> None:
        self.root = root
        self.process = subprocess.Popen(
            [sys.executable, "-m", "batchtyping_codemods.lsp", "--cache-dir", str(cache_dir)],
            cwd=root, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )
        self.messages: queue.Queue[Message] = queue.Queue()
        self.seen: list[Message] = []
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = 0
            while (header := stream.readline()) not in (b"\r\n", b""):
                if header.lower().startswith(b"content-length:"):
                    length = int(header.split(b":")[1])
            if not header:
                return
            self.messages.put(json.loads(stream.read(length)))

    def send(self, message: Message) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        self.process.stdin.flush()

    def notify(self, method: str, params: Any) -> None:
        self.send({"method": method, "params": params})

    def request(self, method: str, params: Any, timeout: float = 60) -> Any:
        self.next_id += 1
        ident = self.next_id
        self.send({"id": ident, "method": method, "params": params})
        reply = self.wait(lambda m: m.get("id") == ident and "method" not in m, timeout)
        assert "error" not in reply, reply
        return reply.get("result")

    def wait(self, predicate: Any, timeout: float = 120) -> Message:
        for message in self.seen:
            if predicate(message):
                self.seen.remove(message)
                return message
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"no such message; seen: {self.seen[-5:]}")
            try:
                message = self.messages.get(timeout=left)
            except queue.Empty:
                continue
            if message.get("method") == "window/showMessage":
                raise AssertionError(message["params"]["message"])
            if predicate(message):
                return message
            self.seen.append(message)

    def diagnostics(self, path: Path, version: int | None = None, timeout: float = 120) -> list[Message]:
        """The next diagnostics published for ``path`` (for ``version``, when given)."""
        uri = path.resolve().as_uri()
        message = self.wait(
            lambda m: m.get("method") == "textDocument/publishDiagnostics"
            and m["params"]["uri"] == uri
            and (version is None or m["params"].get("version") == version),
            timeout,
        )
        return list(message["params"]["diagnostics"])

    def initialize(self) -> Any:
        result = self.request("initialize", {
            "processId": os.getpid(), "rootUri": self.root.as_uri(), "capabilities": {},
        })
        self.notify("initialized", {})
        return result

    def open(self, path: Path, text: str | None = None) -> None:
        text = path.read_text() if text is None else text
        self.notify("textDocument/didOpen", {"textDocument": {
            "uri": path.resolve().as_uri(), "languageId": "python", "version": 1, "text": text}})

    def change(self, path: Path, version: int, text: str) -> None:
        self.notify("textDocument/didChange", {
            "textDocument": {"uri": path.resolve().as_uri(), "version": version},
            "contentChanges": [{"text": text}]})

    def save(self, path: Path) -> None:
        self.notify("textDocument/didSave", {"textDocument": {"uri": path.resolve().as_uri()}})

    def shutdown(self) -> int:
        self.request("shutdown", None)
        self.notify("exit", None)
        return self.process.wait(timeout=30)
