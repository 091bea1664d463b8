"""Fuzz: a few hundred hostile generated articles → ``build`` → the dashboard's own loader and AppTest.

Seeded (the same articles every run). Each article mixes real place names with hostile Unicode
(line and paragraph separators, NEL, NUL, control and bidi characters, BOMs, lone surrogates),
absurd numbers (20 digits, 5,000 digits, 1e400, NaN, negative, full-width and Arabic-Indic
digits), absurd dates (years 0001–9999, 30 February), Markdown, HTML and spreadsheet formulas,
in UTF-8, UTF-16 with a BOM, Latin-1 and binary files, in nested folders. Whatever ``build``
writes, the dashboard must open it with nothing to ignore (issue 15: "the dashboard opens on
any folder that build wrote").
"""

from __future__ import annotations

import csv
import io
import json
import random
from pathlib import Path

from streamlit.testing.v1 import AppTest

from conflictmap.cli import main
from dashboard.data import load_outputs
from pipeline.build import OUTPUT_FILES
from pipeline.output.writer import CSV_FORMULA_STARTS
from pipeline.scale.store import STORE_FILES
from pipeline.text import validate

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")
SEED = 15
N_ARTICLES = 300
CITIES = ("Kharkiv", "Kherson", "Odesa", "Lyman", "Nikopol", "Zaporizhzhia", "Donetsk", "Mariupol", "Sumy", "Lviv",
          "Bakhmut", "Izium", "Kramatorsk", "Dnipro", "Poltava")
HOSTILE = ("\u2028", "\u2029", "\x85", "\x00", "\r", "\r\n", "\x0b", "\x0c", "\x1c", "\x1f", "\x7f", "\u200b",
           "\u200d", "\u202e", "\u2066", "\ufeff", "\ufffd", "\U0001f4a5", "e\u0301\u0301\u0301", "\t", "\u00a0",
           "\uff1d", "\ud800", "\udfff")
NUMBERS = ("3", "12", "1,200", "99999999999999999999", "9" * 5000, "1e400", "NaN", "-5", "0", "00000000000000000007",
           "\uff13", "\u0663\u0664", "two", "a dozen", "hundreds of", "10000001", "10000000", "Infinity")
MARKUP = ("![](http://tracker.invalid/pixel.png)", "[click](http://tracker.invalid/)",
          '`<mark class="cm-place">x</mark>`', "<script>window.__pwned = 1</script>", '<img src=x onerror="alert(1)">',
          '=HYPERLINK("http://tracker.invalid/","x")', "+cmd", "-2+3", "@SUM(A1)", "# heading", "**bold**", "$x^2$")
TEMPLATES = (
    "Shelling killed {n} people in {c}.",
    "A missile strike on {c} killed {n} civilians and injured {m}.",
    "{n} people were wounded in {c} on {d}.",
    "Russian troops shelled {c} on Friday, killing {n}.",
    "The death toll in {c} rose to {n}.",
    "Ukrainian forces recaptured {c} on {d}.",
    "Residents of {c} said {x} was written on a wall.",
    "Russia claimed to annex {c} region on {d}.",
)


def _date_text(rng: random.Random) -> str:
    year = rng.choice([rng.randint(1, 9999), rng.randint(2014, 2025), 1022, 9876, 1899, 2255, 1684])
    month, day = rng.randint(0, 13), rng.randint(0, 32)
    return rng.choice([f"{year:04d}-{month:02d}-{day:02d}", f"{year:04d}-02-30", f"{year:04d}-09-{day % 28 + 1:02d}"])


def _sentence(rng: random.Random) -> str:
    months = ("January", "May", "September", "Sept.", "Dec")
    when = f"{rng.choice(months)} {rng.randint(0, 40)}, {rng.choice([rng.randint(1, 9999), 2022, 1022])}"
    text = rng.choice(TEMPLATES).format(n=rng.choice(NUMBERS), m=rng.choice(NUMBERS), c=rng.choice(CITIES),
                                        d=when, x=rng.choice(MARKUP))
    for _ in range(rng.randint(0, 3)):
        at = rng.randint(0, len(text))
        text = text[:at] + rng.choice(HOSTILE + MARKUP) + text[at:]
    return text


def _article(rng: random.Random) -> str:
    lines = []
    if rng.random() < 0.7:
        lines.append(f"date {_date_text(rng)}")
    lines += [_sentence(rng) for _ in range(rng.randint(1, 6))]
    if rng.random() < 0.3:
        lines.append(f"({rng.choice(('September', 'May'))} {rng.randint(1, 31)}, {rng.randint(1, 9999)})")
    return rng.choice(["\n", "\r\n", "\u2028", "\n\n"]).join(lines)


def _encode(rng: random.Random, text: str) -> bytes:
    kind = rng.random()
    if kind < 0.08:
        return b"\xff\xfe" + text.encode("utf-16-le", "surrogatepass")
    if kind < 0.11:
        return text.encode("latin-1", "replace")
    if kind < 0.13:
        return bytes(rng.randrange(256) for _ in range(300))
    return text.encode("utf-8", "surrogatepass")  # a lone surrogate makes the file invalid UTF-8: refused


def _write_corpus(root: Path) -> None:
    rng = random.Random(SEED)
    for i in range(N_ARTICLES):
        folder = root / rng.choice(["", "a", "a/b", "c"])
        folder.mkdir(parents=True, exist_ok=True)
        name = rng.choice(["x.txt", f"{i:03d}.txt", f"{i:03d}.md", f"{i:03d}.text", f"{i:03d}.html"])
        text = _article(rng)
        if name.endswith(".html"):
            text = f"<html><body><p>{text}</p><script>var x = '{rng.choice(CITIES)}';</script></body></html>"
        (folder / name).write_bytes(_encode(rng, text))
        if rng.random() < 0.05:
            meta = {"date": _date_text(rng), "title": _sentence(rng)}
            (folder / f"{name}.meta.json").write_text(json.dumps(meta), encoding="utf-8")


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def test_fuzzed_articles_build_and_open_in_the_dashboard(tmp_path, monkeypatch, capsys):
    corpus, out = tmp_path / "in", tmp_path / "out"
    _write_corpus(corpus)

    code = main(["build", str(corpus), "--out", str(out)])

    err = capsys.readouterr().err
    assert code in (0, 1) and "Traceback" not in err
    # the outputs and the article store, no temporary file left
    assert sorted(p.name for p in out.iterdir()) == sorted((*OUTPUT_FILES, *STORE_FILES))

    # everything build wrote is strict JSON (no NaN / Infinity), one record per "\n"-ended line
    for name in ("events.geojson", "places.geojson", "oblasts.geojson"):
        validate.loads_json((out / name).read_text(encoding="utf-8"))
    raw = (out / "articles.jsonl").read_text(encoding="utf-8")
    assert len(raw.splitlines()) == raw.count("\n")
    for line in raw.splitlines():
        record = validate.loads_json(line)
        assert "\x00" not in record["text"] and not any(c in record["text"] for c in validate.LINE_BREAKS)
    for row in csv.reader(io.StringIO((out / "events.csv").read_text(encoding="utf-8"))):
        assert not [cell for cell in row if cell.startswith(CSV_FORMULA_STARTS) and not _is_number(cell)]

    # the dashboard's own loader finds nothing to ignore: build never writes what the app cannot show
    data = load_outputs(out)
    assert data["problems"] == []
    files = [p for p in corpus.rglob("*") if p.is_file() and not p.name.endswith(".meta.json")]
    refused = [line for line in err.splitlines() if line.startswith("conflictmap build: /")]
    assert len(data["articles"]) + len(refused) == len(files)  # every file read, or refused in one line
    assert len(data["articles"]) > len(files) / 2
    events = [f["properties"] for f in data["events"]["features"]]
    assert events, "the fuzz corpus should give some events"
    for props in events:
        assert props["date"] is None or validate.check_iso_date(props["date"]) is not None
        for key in ("killed", "injured"):
            assert props[key] is None or validate.plausible_figure(props[key])

    # and the page runs on it: map, table, casualties, the reader on a hostile article
    monkeypatch.setenv("CONFLICTMAP_DATA", str(out))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception and not at.error
    for tab in ("Events table", "Killed / injured", "Article reader"):
        at.session_state["view"] = tab
        at.run()
        assert not at.exception, tab
    hostile = next(a["article"] for a in data["articles"] if "![](" in (a.get("text") or ""))
    at.selectbox(key="reader_article").set_value(hostile).run()
    assert not at.exception
    (body,) = [h.proto.body for h in at.get("html") if 'class="cm-article"' in h.proto.body]
    assert "<img" not in body and "<script" not in body and "<a " not in body


def test_fuzzed_build_is_byte_identical_when_repeated(tmp_path):
    corpus = tmp_path / "in"
    _write_corpus(corpus)
    for out in ("one", "two"):
        assert main(["build", str(corpus), "--out", str(tmp_path / out)]) in (0, 1)
    for name in OUTPUT_FILES:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name
