"""``conflictmap fetch`` against the loopback news web: one line per failed URL, exit 1, the rest written."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import Web

from conflictmap.cli import main


def test_fetch_command_writes_articles_and_reports_each_bad_url(web: Web, tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]):
    out = tmp_path / "articles"
    code = main(["fetch", web.url("/news/nikopol-shelling"), web.url("/missing"), web.url("/private/secret-report"),
                 "--out", str(out)])
    err = capsys.readouterr().err.splitlines()
    assert code == 1
    errors = [line for line in err if line.startswith("conflictmap fetch: error: ")]
    assert errors == [f"conflictmap fetch: error: {web.url('/missing')}: HTTP 404 Not Found",
                      f"conflictmap fetch: error: {web.url('/private/secret-report')}: disallowed by robots.txt"]
    assert err[-1] == f"conflictmap fetch: 1 articles written, 0 skipped, 2 failed → {out}"
    assert [p.name for p in out.glob("*.txt")] == [p.name[: -len(".meta.json")] for p in out.glob("*.txt.meta.json")]
    assert len(list(out.glob("*.txt"))) == 1


def test_fetch_command_exits_0_when_all_went_well_and_skips_on_rerun(web: Web, tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]):
    out = tmp_path / "articles"
    assert main(["fetch", web.url("/news/kupiansk-assault"), "--out", str(out)]) == 0
    assert main(["fetch", web.url("/news/kupiansk-assault"), "--out", str(out)]) == 0
    assert "0 articles written, 1 skipped, 0 failed" in capsys.readouterr().err


def test_fetch_command_reports_a_missing_list_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    assert main(["fetch", str(tmp_path / "nope.txt"), "--out", str(tmp_path / "a")]) == 1
    assert "nope.txt: not an http(s) URL nor a file of URLs" in capsys.readouterr().err
