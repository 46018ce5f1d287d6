"""Audit the locked dependencies (requirements.lock) for known vulnerabilities.

First with pip-audit against the live advisory database (PyPI's); when that cannot be reached (no
network, or a mirror that serves only the package index, so every dependency comes back "not found
on PyPI"), against the vendored snapshot security/advisories-snapshot.json. It prints which source
it used, each vulnerable package, and exits 1 when one is found."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from packaging.specifiers import SpecifierSet
from packaging.version import InvalidVersion, Version

HERE = Path(__file__).resolve().parent
LOCK = HERE.parent / "requirements.lock"
SNAPSHOT = HERE / "advisories-snapshot.json"
# The live answer counts only when most dependencies were really looked up.
MIN_AUDITED_SHARE = 0.8
LIVE_TIMEOUT_SECONDS = 120


def locked(path: Path = LOCK) -> dict[str, str]:
    pins = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if "==" in line:
            name, version = line.split("==", 1)
            pins[name.strip().lower().replace("_", "-")] = version.strip()
    return pins


def live(path: Path = LOCK) -> tuple[list[dict], float] | None:
    """pip-audit's findings and the share of dependencies it could look up, or None without it."""
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "audit.json"
        try:
            subprocess.run([sys.executable, "-m", "pip_audit", "-r", str(path), "--no-deps", "--disable-pip",
                            "--progress-spinner", "off", "-f", "json", "-o", str(report)],
                           capture_output=True, timeout=LIVE_TIMEOUT_SECONDS, check=False)
        except (OSError, subprocess.TimeoutExpired):
            return None
        if not report.exists():
            return None
        found = json.loads(report.read_text(encoding="utf-8"))["dependencies"]
    audited = [d for d in found if "skip_reason" not in d]
    share = len(audited) / len(found) if found else 0.0
    return [d for d in audited if d.get("vulns")], share


def from_snapshot(pins: dict[str, str], snapshot: dict) -> list[dict]:
    findings = []
    for name, version in sorted(pins.items()):
        try:
            parsed = Version(version)
        except InvalidVersion:
            continue
        for advisory in snapshot["advisories"].get(name, ()):
            if any(parsed in SpecifierSet(spec) for spec in advisory["specs"]):
                findings.append({"name": name, "version": version, "id": advisory["id"], "cve": advisory["cve"],
                                 "advisory": advisory["advisory"]})
    return findings


def main() -> int:
    pins = locked()
    answer = live()
    if answer is not None and answer[1] >= MIN_AUDITED_SHARE:
        vulnerable = answer[0]
        print(f"advisory source: live database through pip-audit ({answer[1]:.0%} of {len(pins)} packages audited)")
        for dep in vulnerable:
            print(f"VULNERABLE {dep['name']} {dep['version']}: {', '.join(v['id'] for v in dep['vulns'])}")
        return 1 if vulnerable else 0
    snapshot = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    reached = "pip-audit not runnable" if answer is None else f"only {answer[1]:.0%} of packages could be looked up"
    print(f"advisory source: vendored snapshot {snapshot['source']}, dated {snapshot['snapshot_date']} "
          f"(the live database could not be reached: {reached})")
    findings = from_snapshot(pins, snapshot)
    for f in findings:
        print(f"VULNERABLE {f['name']} {f['version']}: {f['id']} {f['cve'] or ''} {f['advisory'][:120]}")
    print(f"{len(pins)} locked packages checked, {len(findings)} known vulnerabilities")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
