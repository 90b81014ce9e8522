"""The language server: the plugin's ``batch-*`` findings as diagnostics, and their quick fixes.

Every open/change/save/close schedules one check of all open Python files of the project
(bursts of edits coalesce into one); its findings replace the published ones. A change to
mypy's config or to ``[tool.batchtyping.mypy]`` restarts the daemon before the next check.
"""

from __future__ import annotations

import asyncio
import logging
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from batchtyping_codemods.lsp import actions, checker, findings, locate
from batchtyping_codemods.lsp.project import Project, open_project, remove_state

log = logging.getLogger("batchtyping.lsp")
T = TypeVar("T")
DEBOUNCE = 0.05  # seconds: keystrokes closer than this make one check
PYTHON = (".py", ".pyi")


class Server(LanguageServer):
    def __init__(self, cache_dir: Path | None = None) -> None:
        super().__init__("batchtyping", "0.1.0")
        self.cache_dir = cache_dir
        self.project: Project | None = None
        self.daemon: checker.Daemon | None = None
        self.fingerprint = ""
        self.findings: dict[str, list[findings.Finding]] = {}  # by absolute path
        self.published: set[str] = set()
        self.wake: asyncio.Event | None = None
        self.last_problem = ""
        self.closed = False

    # -- lifecycle -------------------------------------------------------------------------

    def open(self, start: Path) -> None:
        if self.project is None and not self.closed:
            self.project = open_project(start, self.cache_dir)
            log.info("project %s, config %s", self.project.root, self.project.config_file)

    def close(self) -> None:
        """Stop the daemon (a check in flight then fails) and remove the server's files."""
        self.closed = True
        if self.daemon is not None:
            self.daemon.stop()
            self.daemon = None
        if self.project is not None:
            remove_state(self.project)

    def schedule(self) -> None:
        if self.wake is None:
            self.wake = asyncio.Event()
            asyncio.get_running_loop().create_task(self._checks())
        self.wake.set()

    async def _checks(self) -> None:
        assert self.wake is not None
        while True:
            await self.wake.wait()
            await asyncio.sleep(DEBOUNCE)
            self.wake.clear()
            if self.project is None:  # nothing opened yet
                continue
            documents = self._open_documents()
            try:
                output = await _in_thread(lambda: self._check(documents))
            except Exception as error:  # a crash in mypy must not end the server
                log.exception("check failed")
                output = checker.Output("", f"batchtyping lsp: the check failed: {error!r}")
            self._publish(documents, output)

    def _open_documents(self) -> dict[str, tuple[str, int | None, str]]:
        """Path -> (uri, version, text) of the open Python files inside the project."""
        assert self.project is not None
        documents = {}
        for uri, document in list(self.workspace.text_documents.items()):
            path = to_fs_path(uri)
            if path is None or not path.endswith(PYTHON):
                continue
            resolved = str(Path(path).resolve())
            if Path(resolved).is_relative_to(self.project.root):
                documents[resolved] = (uri, document.version, document.source)
        return documents

    def _check(self, documents: dict[str, tuple[str, int | None, str]]) -> checker.Output:
        """Runs off the event loop."""
        assert self.project is not None
        files = [path for path in sorted(documents) if Path(path).is_file()]
        if not files or self.closed:
            return checker.Output("", "")
        fingerprint = self.project.config_fingerprint()
        unsaved = {path: text for path, (_, _, text) in documents.items()
                   if path in files and _disk_text(path) != text}
        if self.daemon is None or fingerprint != self.fingerprint or not self.daemon.alive():
            self.daemon = self.daemon or checker.Daemon(self.project)
            problem = self.daemon.start()
            if self.closed:  # shut down while it started
                self.daemon.stop()
                return checker.Output("", "")
            if problem:
                return checker.Output("", problem)
            self.fingerprint = fingerprint
        return self.daemon.check(files, unsaved)

    def _publish(self, documents: dict[str, tuple[str, int | None, str]], output: checker.Output) -> None:
        if self.closed:
            return
        if output.problem:
            if output.problem != self.last_problem:
                self.window_show_message(types.ShowMessageParams(
                    type=types.MessageType.Error, message=f"batchtyping lsp: {output.problem}"))
            self.last_problem = output.problem
            return
        self.last_problem = ""
        if "  [syntax]" in output.text:
            return  # mypy stops at a syntax error: keep what was shown until it is fixed
        found: dict[str, list[findings.Finding]] = {}
        for finding in findings.parse(output.text):
            found.setdefault(str(Path(finding.path).resolve()), []).append(finding)
        self.findings = found
        for path in sorted(set(found) | self.published | set(documents)):
            uri, version, text = documents.get(path) or (from_fs_path(path) or path, None, _disk_text(path))
            lines, tree = text.splitlines(), locate.parse(text) if path in found else None
            diagnostics = [findings.to_diagnostic(f, lines, tree) for f in found.get(path, [])]
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
                uri=uri, diagnostics=diagnostics, version=version))
        self.published = set(found)

    def code_actions(self, params: types.CodeActionParams) -> list[types.CodeAction]:
        path = to_fs_path(params.text_document.uri)
        if path is None:
            return []
        every = self.findings.get(str(Path(path).resolve()), [])
        document = self.workspace.get_text_document(params.text_document.uri)
        lines, tree = document.source.splitlines(), locate.parse(document.source)
        wanted = [f for f in every
                  if _overlaps(findings.to_diagnostic(f, lines, tree).range, params.range)]
        return actions.actions(params.text_document.uri, document.source, wanted, every)


def _overlaps(a: types.Range, b: types.Range) -> bool:
    def key(p: types.Position) -> tuple[int, int]:
        return (p.line, p.character)

    return key(a.start) <= key(b.end) and key(b.start) <= key(a.end)


def _disk_text(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError:
        return ""


async def _in_thread(function: Callable[[], T]) -> T:
    """``function`` in a daemon thread (an executor thread would hold up exit)."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[T] = loop.create_future()

    def run() -> None:
        try:
            result = function()
        except BaseException as error:  # noqa: BLE001 - handed to the awaiting task
            loop.call_soon_threadsafe(_settle, future, None, error)
        else:
            loop.call_soon_threadsafe(_settle, future, result, None)

    threading.Thread(target=run, daemon=True).start()
    return await future


def _settle(future: asyncio.Future[T], result: T | None, error: BaseException | None) -> None:
    if future.done():
        return
    if error is not None:
        future.set_exception(error)
    else:
        future.set_result(result)  # type: ignore[arg-type]


def _watch_parent(server: Server, pid: int) -> None:
    """LSP: the server exits when the client process does, even if stdin stays open."""
    while True:
        time.sleep(1.0)
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            server.close()
            os._exit(1)
        except PermissionError:
            pass


def build(cache_dir: Path | None = None) -> Server:
    server = Server(cache_dir)

    @server.feature(types.INITIALIZE)
    def initialize(params: types.InitializeParams) -> None:
        folders = params.workspace_folders or []
        root = params.root_uri or (folders[0].uri if folders else None)
        path = to_fs_path(root) if root else None
        if path:
            server.open(Path(path))
        if params.process_id:
            threading.Thread(target=_watch_parent, args=(server, params.process_id), daemon=True).start()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(params: types.DidOpenTextDocumentParams) -> None:
        path = to_fs_path(params.text_document.uri)
        if path:
            server.open(Path(path))
        server.schedule()

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(params: types.DidChangeTextDocumentParams) -> None:
        server.schedule()

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(params: types.DidSaveTextDocumentParams) -> None:
        server.schedule()  # also a saved config file: the next check sees the new fingerprint

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(params: types.DidCloseTextDocumentParams) -> None:
        server.schedule()

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched(params: types.DidChangeWatchedFilesParams) -> None:
        server.schedule()

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
    )
    def code_action(params: types.CodeActionParams) -> list[types.CodeAction]:
        return server.code_actions(params)

    @server.feature(types.SHUTDOWN)
    def shutdown(params: None) -> None:
        server.close()

    return server
