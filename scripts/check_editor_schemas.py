"""Drive the real yaml-language-server over stdio and print what an editor would underline.

Usage::

    npm ci --prefix scripts/editor          # once: the pinned yaml-language-server
    python scripts/check_editor_schemas.py  # the shipped cases, rules and rule tests
    python scripts/check_editor_schemas.py cases/star-jv.yaml --settings docs/editor-setup.md

It speaks the Language Server Protocol the way VS Code, Neovim or Helix do
(``initialize``, ``didOpen``, then the ``publishDiagnostics`` the server sends)
with the settings of ``docs/editor-setup.md``, so what it prints is what an author
sees in the editor.  Each diagnostic is printed as ``path:line:col: severity:
message``; the exit status is 1 when any file has one, 0 otherwise, 2 when the
server is not installed.  ``tests/test_editor_schemas.py`` runs it when Node.js and
the package are present and skips otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "scripts" / "editor"
SERVER = PACKAGE / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"
SHIPPED = ("cases/*.yaml", "compliance/catalogue/rules/**/*.yaml",
           "compliance/catalogue/tests/*.yaml")
SEVERITIES = {1: "error", 2: "warning", 3: "information", 4: "hint"}
TIMEOUT = 60.0
"""Seconds to wait for the server to answer or to publish a file's diagnostics."""
QUIET = 1.0
"""Seconds without a new publication after which a file's diagnostics are final."""


@dataclass(frozen=True)
class EditorDiagnostic:
    """One problem the language server reports, 1-based like the tool's diagnostics."""

    path: str
    line: int
    col: int
    severity: str
    message: str

    def format(self) -> str:
        message = " ".join(self.message.split())
        return f"{self.path}:{self.line}:{self.col}: {self.severity}: {message}"


def server_command() -> list[str] | None:
    """The command that starts the pinned server, or ``None`` when it is not installed."""
    node = shutil.which("node")
    if node is None or not SERVER.is_file():
        return None
    return [node, str(SERVER), "--stdio"]


def editor_settings(doc: Path = ROOT / "docs" / "editor-setup.md") -> dict[str, Any]:
    """The ``yaml.*`` settings of the VS Code example in ``docs/editor-setup.md``,
    as the nested ``{"yaml": {...}}`` object a client sends to the server."""
    text = doc.read_text(encoding="utf-8")
    match = re.search(r"```json\n(.*?)```", text, re.DOTALL)
    if match is None:
        raise ValueError(f"{doc} has no ```json block of settings")
    flat = json.loads(match.group(1))
    nested: dict[str, Any] = {}
    for key, value in flat.items():
        head, _, rest = key.partition(".")
        nested.setdefault(head, {})[rest] = value
    yaml = nested.setdefault("yaml", {})
    # Relative schema paths are resolved against the workspace folder, as VS Code does.
    yaml["schemas"] = {(ROOT / path).resolve().as_uri() if path.startswith(".") else path: globs
                       for path, globs in yaml.get("schemas", {}).items()}
    yaml.setdefault("schemaStore", {"enable": False})  # no network
    return nested


class LanguageServer:
    """A yaml-language-server process spoken to over stdio (JSON-RPC with headers)."""

    def __init__(self, command: Sequence[str], settings: dict[str, Any]) -> None:
        self.settings = settings
        self._process = subprocess.Popen(list(command), stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                         cwd=ROOT)
        self._next_id = 0
        self._responses: dict[int, Any] = {}
        self._published: dict[str, tuple[float, list[dict[str, Any]]]] = {}
        self._changed = threading.Condition()
        self._reader = threading.Thread(target=self._read_loop, daemon=True)
        self._reader.start()

    def __enter__(self) -> LanguageServer:
        self.request("initialize", {
            "processId": os.getpid(), "rootUri": ROOT.as_uri(),
            "workspaceFolders": [{"uri": ROOT.as_uri(), "name": ROOT.name}],
            "capabilities": {"workspace": {"configuration": True},
                             "textDocument": {"publishDiagnostics": {}}},
            "initializationOptions": {}})
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": self.settings})
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            self.request("shutdown", None, timeout=5)
            self.notify("exit", None)
            self._process.wait(timeout=5)
        except (OSError, TimeoutError, subprocess.TimeoutExpired):
            self._process.kill()
            self._process.wait()

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        stdin = self._process.stdin
        assert stdin is not None
        stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        stdin.flush()

    def notify(self, method: str, params: Any) -> None:
        self._send({"method": method, "params": params})

    def request(self, method: str, params: Any, timeout: float = TIMEOUT) -> Any:
        self._next_id += 1
        ident = self._next_id
        self._send({"id": ident, "method": method, "params": params})
        deadline = time.monotonic() + timeout
        with self._changed:
            while ident not in self._responses:
                left = deadline - time.monotonic()
                if left <= 0 or self._process.poll() is not None:
                    raise TimeoutError(f"no answer to {method}")
                self._changed.wait(left)
            return self._responses.pop(ident)

    def _read_loop(self) -> None:
        stdout = self._process.stdout
        assert stdout is not None
        while True:
            message = _read_message(stdout)
            if message is None:
                with self._changed:
                    self._changed.notify_all()
                return
            self._dispatch(message)

    def _dispatch(self, message: dict[str, Any]) -> None:
        method = message.get("method")
        if method is None:
            with self._changed:
                self._responses[message["id"]] = message.get("result")
                self._changed.notify_all()
        elif "id" in message:  # a request from the server
            result: Any = None
            if method == "workspace/configuration":
                result = [self._section(item.get("section")) for item in
                          message["params"]["items"]]
            self._send({"id": message["id"], "result": result})
        elif method == "textDocument/publishDiagnostics":
            params = message["params"]
            with self._changed:
                self._published[params["uri"]] = (time.monotonic(), params["diagnostics"])
                self._changed.notify_all()

    def _section(self, section: str | None) -> Any:
        value: Any = self.settings
        for part in (section or "").split("."):
            if part:
                value = value.get(part) if isinstance(value, dict) else None
        return value

    def diagnostics(self, documents: Mapping[Path, str]) -> dict[Path, list[dict[str, Any]]]:
        """Open every document (a path, which need not exist, and its text) and return
        what the server publishes for each once it is quiet (the server may publish
        again after it has loaded a schema)."""
        uris = {path.resolve().as_uri(): path for path in documents}
        for uri, path in uris.items():
            self.notify("textDocument/didOpen", {"textDocument": {
                "uri": uri, "languageId": "yaml", "version": 1, "text": documents[path]}})
        deadline = time.monotonic() + TIMEOUT
        with self._changed:
            while True:
                now = time.monotonic()
                missing = [u for u in uris if u not in self._published]
                last = max((self._published[u][0] for u in uris if u in self._published),
                           default=now)
                if not missing and now - last >= QUIET:
                    break
                if now > deadline or self._process.poll() is not None:
                    raise TimeoutError(f"no diagnostics for {len(missing)} files")
                self._changed.wait(QUIET / 4)
            return {path: self._published[uri][1] for uri, path in uris.items()}


def _read_message(stream: IO[bytes]) -> dict[str, Any] | None:
    length = 0
    while True:
        line = stream.readline()
        if not line:
            return None
        if line in (b"\r\n", b"\n"):
            break
        name, _, value = line.decode("ascii").partition(":")
        if name.lower() == "content-length":
            length = int(value)
    body = stream.read(length)
    parsed: dict[str, Any] = json.loads(body)
    return parsed


def check(paths: Sequence[Path] | Mapping[Path, str], settings: dict[str, Any] | None = None
          ) -> list[EditorDiagnostic]:
    """What the language server underlines in ``paths`` (files, or paths with the text
    an editor would hold for them), in file and line order."""
    documents = paths if isinstance(paths, Mapping) else {
        path: path.read_text(encoding="utf-8", errors="replace") for path in paths}
    command = server_command()
    if command is None:
        raise FileNotFoundError(f"yaml-language-server is not installed; run:"
                                f" npm ci --prefix {PACKAGE.relative_to(ROOT)}")
    chosen = settings if settings is not None else editor_settings()
    out = []
    with LanguageServer(command, chosen) as server:
        for path, found in server.diagnostics(documents).items():
            shown = _shown(path)
            for d in found:
                start = d["range"]["start"]
                out.append(EditorDiagnostic(shown, start["line"] + 1, start["character"] + 1,
                                            SEVERITIES.get(d.get("severity", 1), "error"),
                                            d["message"]))
    return sorted(out, key=lambda d: (d.path, d.line, d.col, d.message))


def _shown(path: Path) -> str:
    resolved = path.resolve()
    return str(resolved.relative_to(ROOT)) if resolved.is_relative_to(ROOT) else str(path)


def shipped_files() -> list[Path]:
    """The shipped cases, rules and rule tests (each starts with a schema modeline)."""
    return sorted({p for pattern in SHIPPED for p in ROOT.glob(pattern)})


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("files", nargs="*", type=Path,
                        help="YAML files to open [default: the shipped cases, rules and tests]")
    parser.add_argument("--settings", type=Path, default=ROOT / "docs" / "editor-setup.md",
                        help="the Markdown file whose ```json block holds the settings")
    args = parser.parse_args(list(argv) if argv is not None else None)
    try:
        found = check(args.files or shipped_files(), editor_settings(args.settings))
    except FileNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for d in found:
        print(d.format())
    files = len(args.files or shipped_files())
    print(f"{files} files, {len(found)} diagnostics.")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
