"""The dashboard's loader defends the page against any folder (issue 15 items 1, 2, 3)."""

from __future__ import annotations

import json
from pathlib import Path

from dashboard.data import article_html, load_outputs
from tests.fixtures import make_articles, write_fixture_dir


def _edit_events(folder: Path, **props) -> None:
    path = folder / "events.geojson"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["features"][0]["properties"].update(props)
    path.write_text(json.dumps(data), encoding="utf-8")


def test_line_separator_in_article_keeps_dashboard_loading(tmp_path):
    """Item 1: a raw U+2028 in articles.jsonl (as builds wrote it) made the loader refuse the folder."""
    folder = write_fixture_dir(tmp_path / "out")
    records = make_articles()
    records[0]["text"] = "First line.\u2028Second\u2029third\x85fourth."
    (folder / "articles.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                                           encoding="utf-8")
    data = load_outputs(folder)
    assert [a["article"] for a in data["articles"]] == [r["article"] for r in records]
    assert data["articles"][0]["text"] == records[0]["text"]
    assert data["problems"] == []


def test_one_broken_article_line_is_left_out_not_the_folder(tmp_path):
    folder = write_fixture_dir(tmp_path / "out")
    with (folder / "articles.jsonl").open("a", encoding="utf-8") as handle:
        handle.write('{"article": "x.txt", "text": "cut off\n')
    data = load_outputs(folder)
    assert len(data["articles"]) == len(make_articles())
    (problem,) = data["problems"]
    assert problem.startswith("articles.jsonl:4:")


def test_implausible_date_never_reaches_the_app(tmp_path):
    """Item 2: a date such as 1022-05-01 replaced the sidebar with a traceback."""
    folder = write_fixture_dir(tmp_path / "out")
    _edit_events(folder, date="1022-05-01")
    data = load_outputs(folder)
    first = data["events"]["features"][0]["properties"]
    assert first["date"] is None and first["date_precision"] is None
    (problem,) = data["problems"]
    assert "1022-05-01" in problem and "events.geojson" in problem


def test_implausible_figure_never_reaches_the_app(tmp_path):
    """Item 3: killed above 2^63 made `serve` die at start-up with an OverflowError."""
    folder = write_fixture_dir(tmp_path / "out")
    _edit_events(folder, killed=99999999999999999999, injured=-4)
    data = load_outputs(folder)
    first = data["events"]["features"][0]["properties"]
    assert first["killed"] is None and first["injured"] is None
    assert len(data["problems"]) == 2


def test_nan_in_a_hand_edited_file_is_a_clear_error(tmp_path):
    import pytest

    from pipeline.errors import InputError

    folder = write_fixture_dir(tmp_path / "out")
    path = folder / "events.geojson"
    path.write_text(path.read_text(encoding="utf-8").replace('"confidence": 0.8', '"confidence": NaN', 1),
                    encoding="utf-8")
    with pytest.raises(InputError, match="events.geojson"):
        load_outputs(folder)


def test_article_html_is_text_not_markdown():
    """Item 10: the reader's block escapes every piece of text; Markdown syntax has no meaning in it."""
    text = "See ![](http://tracker.invalid/p.png) and `<b>x</b>` in Kharkiv."
    body = article_html(text, [{"start": text.index("Kharkiv"), "end": len(text) - 1, "name": "Kharkiv"}])
    assert body.startswith('<div class="cm-article"')
    assert "![](http://tracker.invalid/p.png)" in body and "&lt;b&gt;" in body
    assert '<mark class="cm-place" title="Kharkiv' in body
