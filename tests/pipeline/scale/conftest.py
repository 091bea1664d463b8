"""Small generated corpora for the scale tests (sentences written here, towns from a short list)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

TOWNS = ("Kharkiv", "Odesa", "Sumy", "Dnipro", "Kherson", "Poltava", "Nikopol", "Zaporizhzhia", "Chernihiv", "Lviv")
TEMPLATES = (
    "Shelling hit {town} on Tuesday, officials said. {n} people were killed and {m} were wounded.",
    "A missile struck a depot in {town} overnight, the regional governor said.",
    "Russian troops withdrew from villages near {town} after weeks of fighting.",
    "The city council of {town} met to discuss the school budget for next year.",
)


def make_records(n: int, *, offset: int = 0) -> list[dict]:
    """``n`` short news-like records with id, text, date, url, title and outlet."""
    records = []
    for i in range(offset, offset + n):
        town, other = TOWNS[i % len(TOWNS)], TOWNS[(i * 7 + 3) % len(TOWNS)]
        body = " ".join(t.format(town=town if k % 2 == 0 else other, n=(i % 9) + 1, m=(i % 5) + 2)
                        for k, t in enumerate(TEMPLATES[: 2 + i % 3]))
        records.append({"id": f"doc-{i:05d}", "text": f"News from {town}\n\n{body}\n",
                        "date": f"2023-{(i % 12) + 1:02d}-{(i % 27) + 1:02d}", "url": f"https://example.invalid/{i}",
                        "title": f"News from {town} ({i})", "outlet": "Example Wire"})
    return records


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def corpus_records() -> list[dict]:
    return make_records(150)


@pytest.fixture
def processed(monkeypatch) -> list[str]:
    """The names of the articles a build processes (not taken from the store), in the order processed."""
    from pipeline.scale import run as scale_run
    from pipeline.scale.work import process_article

    seen: list[str] = []

    def counted(article, **kwargs):
        seen.append(article.name)
        return process_article(article, **kwargs)

    monkeypatch.setattr(scale_run, "process_article", counted)
    return seen
