"""VS Code's YAML language server, run headless, completes and explains keys from the schemas.

Skipped unless `yaml-language-server` is on PATH (npm install -g yaml-language-server).
"""

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from briefgen.scaffold import scaffold

SERVER = shutil.which("yaml-language-server")
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(SERVER is None, reason="yaml-language-server is not installed")]


class Client:
    """A minimal Language Server Protocol client over stdio."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen([str(SERVER), "--stdio"], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE)
        self.next_id = 0

    def notify(self, method: str, params: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", "method": method, "params": params}).encode()
        self._write(body)

    def request(self, method: str, params: dict[str, Any]) -> Any:
        self.next_id += 1
        self._write(json.dumps({"jsonrpc": "2.0", "id": self.next_id, "method": method,
                                "params": params}).encode())
        while True:
            message = self._read()
            if message.get("id") == self.next_id and "method" not in message:
                return message.get("result")
            if "method" in message and "id" in message:  # the server asks for settings
                items = message.get("params", {}).get("items", [None])
                self._write(json.dumps({"jsonrpc": "2.0", "id": message["id"],
                                        "result": [None] * len(items)}).encode())

    def _write(self, body: bytes) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def _read(self) -> dict[str, Any]:
        assert self.proc.stdout is not None
        length = 0
        while line := self.proc.stdout.readline().decode().strip():
            name, _, value = line.partition(":")
            if name.lower() == "content-length":
                length = int(value)
        return json.loads(self.proc.stdout.read(length))


def test_scaffolded_brief_completes_and_explains_keys(tmp_path: Path) -> None:
    scaffold(tmp_path / "b", "minimal")
    brief = tmp_path / "b" / "brief.yaml"
    lines = brief.read_text(encoding="utf-8").splitlines()
    at = lines.index(next(line for line in lines if line.startswith("title:")))
    lines.insert(at, "subt")
    uri = brief.as_uri()
    client = Client()
    try:
        client.request("initialize", {"processId": None, "rootUri": brief.parent.as_uri(),
                                      "capabilities": {}})
        client.notify("initialized", {})
        client.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "yaml", "version": 1, "text": "\n".join(lines) + "\n"}})
        result = client.request("textDocument/completion", {
            "textDocument": {"uri": uri}, "position": {"line": at, "character": 4}})
        items = result["items"] if isinstance(result, dict) else result
        assert {"subtitle", "summary", "key_judgments"} <= {item["label"] for item in items}
        line = next(i for i, text in enumerate(lines) if text.startswith("sources:"))
        hover = client.request("textDocument/hover", {
            "textDocument": {"uri": uri}, "position": {"line": line, "character": 2}})
        assert "Path to the sources register." in hover["contents"]["value"]
    finally:
        client.proc.kill()
        client.proc.wait()
