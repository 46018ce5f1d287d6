"""The dependency audit's offline path: the vendored advisory snapshot catches a vulnerable pin."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("audit", ROOT / "security" / "audit.py")
audit = importlib.util.module_from_spec(spec)
spec.loader.exec_module(audit)


def test_the_snapshot_flags_an_old_jinja2_and_passes_the_locked_one():
    snapshot = json.loads((ROOT / "security" / "advisories-snapshot.json").read_text(encoding="utf-8"))
    assert audit.from_snapshot({"jinja2": "2.7.1"}, snapshot)
    assert not audit.from_snapshot({"jinja2": audit.locked()["jinja2"]}, snapshot)


def test_every_locked_package_is_pinned_and_the_lock_holds_the_web_stack():
    pins = audit.locked()
    assert {"fastapi", "jinja2", "uvicorn", "weasyprint", "starlette"} <= set(pins)
    assert all(v and v[0].isdigit() for v in pins.values())
