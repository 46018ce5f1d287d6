"""The partnerships table names a KB level outside the core once, in English, whichever language
stated it (the export keeps the label as written)."""

from __future__ import annotations

import json

from click.testing import CliRunner

from communique.cli import cli


def test_a_level_stated_in_chinese_and_english_is_one_row_with_the_kbs_name(tmp_path):
    (tmp_path / "zh.txt").write_text("2009年10月，韩国和越南将双边关系提升为战略合作伙伴关系。\n", encoding="utf-8")
    (tmp_path / "en.txt").write_text("In October 2009, South Korea and Vietnam raised their ties to a Strategic "
                                     "Cooperative Partnership.\n", encoding="utf-8")
    db = str(tmp_path / "r.db")
    runner = CliRunner()
    assert runner.invoke(cli, ["ingest", str(tmp_path), "--db", db, "-q"]).exit_code == 0
    shown = runner.invoke(cli, ["partnerships", "--pair", "KR-VN", "--db", db, "--format", "json"])
    rows = [r for r in json.loads(shown.stdout) if "Cooperative" in (r.get("level_name") or "")
            or "合作" in (r.get("level_name") or "")]
    assert [r["level_name"] for r in rows] == ["Strategic Cooperative Partnership"], shown.stdout
    assert len(rows[0]["documents"]) == 2
