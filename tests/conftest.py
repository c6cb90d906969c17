import contextlib
import importlib.util
import json
import socket
import sys
import threading
import time
from pathlib import Path

import pytest

HERE = Path(__file__).parent
DATA = HERE / "data"
CASES = HERE / "cases"


def load_json(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


def load_bench_script(name: str):
    """The module of ``bench/NAME.py`` (the bench scripts are no package)."""
    path = HERE.parent / "bench" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"bench_{name}", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def pairs():
    """Real Tesseract output of self-written German pages, with ground truth (see data/SOURCES.md)."""
    return [json.loads(line) for line in (DATA / "pairs.jsonl").read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def run():
    """Invoke the ``korrektor`` CLI in-process: ``run("correct", path, "-o", out)``."""
    from click.testing import CliRunner

    from korrektor.cli import main

    runner = CliRunner()

    def invoke(*args, input=None):
        return runner.invoke(main, [str(a) for a in args], input=input, catch_exceptions=False)

    return invoke


@contextlib.contextmanager
def _serve_in_thread(app, startup_seconds: float = 30):
    """Run an ASGI app under uvicorn on a free loopback port; yields its base URL."""
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + startup_seconds
    while not srv.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(10)


@pytest.fixture(scope="session")
def serve_in_thread():
    """``with serve_in_thread(app) as url: ...`` — the service on loopback, for real-network tests."""
    return _serve_in_thread


#: where ``Edit(...)`` and typography's ``_replace_all(...)`` take an edit's kind and rule
_EDIT_ARGUMENTS = {"Edit": {"kind": 4, "rule": 5}, "_replace_all": {"kind": 3, "rule": 4}}


def edit_arguments(tree, field: str):
    """``(call, node)`` for each ``Edit(...)`` or ``_replace_all(...)`` in the syntax ``tree``: the
    node it passes as ``field`` ("kind" or "rule"), by keyword or position; None if it passes none."""
    import ast

    for call in ast.walk(tree):
        if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id in _EDIT_ARGUMENTS:
            where = _EDIT_ARGUMENTS[call.func.id][field]
            arg = next((k.value for k in call.keywords if k.arg == field), None)
            if arg is None and len(call.args) > where:
                arg = call.args[where]
            yield call, arg
