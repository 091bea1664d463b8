"""Extraction of news pages: main text only, metadata right, not-articles and other languages reported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import BOILERPLATE_LINES, EXPECTED, NAV, UKRAINIAN, _routes, news_page

from pipeline.text.articles import read_article
from pipeline.build import build_paths
from pipeline.errors import InputError
from pipeline.ingest.extract import NotAnArticleError, detect_language, extract_html


@pytest.mark.parametrize("path", list(EXPECTED))
def test_page_text_has_no_boilerplate_and_right_metadata(path: str):
    markup = _routes()[path][2]
    page = extract_html(markup, url="https://example.org" + path)
    expected = EXPECTED[path]
    assert page.title == expected.title and page.date == expected.date
    assert page.language == "en" and page.url == "https://example.org" + path
    for line in BOILERPLATE_LINES:
        assert line not in page.text
    assert page.text.split("\n\n")[0] == expected.title


def test_canonical_link_wins_over_the_fetched_url():
    markup = news_page(title="Ukraine repels assault near Kupiansk", site="X", paragraphs=["word " * 30],
                       canonical="https://example.org/canonical/kupiansk")
    assert extract_html(markup, url="https://example.org/amp/kupiansk?utm=1").url == \
        "https://example.org/canonical/kupiansk"


def test_page_without_main_text_is_not_an_article():
    with pytest.raises(NotAnArticleError, match="not an article"):
        extract_html(f"<html><body>{NAV}</body></html>", name="home.html")


def test_undated_page_stays_undated():
    page = extract_html(news_page(title="Shelling near Kherson", site="X",
                                  paragraphs=["Shelling was reported near Kherson overnight, officials said today."]))
    assert page.date is None


def test_language_detection():
    assert detect_language("\n".join(UKRAINIAN)) == "uk"
    assert detect_language("Российские войска обстреляли город, ранены двое жителей, сообщил губернатор.") == "ru"
    assert detect_language("The troops said that the town was shelled in the night.", declared=None) == "en"
    assert detect_language("Die Truppen haben die Stadt in der Nacht beschossen.", declared="de") == "de"


def test_html_file_given_to_build_uses_the_page_metadata(tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "nikopol.html").write_bytes(_routes()["/news/nikopol-shelling"][2])
    article = read_article(folder / "nikopol.html")
    assert article.title == EXPECTED["/news/nikopol-shelling"].title
    assert article.published.date == "2023-03-10" and article.meta["outlet"] == "Example Herald"
    result = build_paths([folder], tmp_path / "out")
    names = {f["properties"]["name"] for f in result.places["features"]}
    assert "Nikopol" in names
    assert not names & {"Odesa", "Lviv", "Kherson", "Mariupol", "Vinnytsia", "Chernihiv", "Kyiv"}  # page furniture


def test_sidecar_wins_over_page_metadata(tmp_path: Path):
    page = tmp_path / "nikopol.html"
    page.write_bytes(_routes()["/news/nikopol-shelling"][2])
    (tmp_path / "nikopol.html.meta.json").write_text(json.dumps({"date": "2023-03-09"}), encoding="utf-8")
    article = read_article(page)
    assert article.published.date == "2023-03-09" and article.meta["outlet"] == "Example Herald"


def test_html_file_that_is_not_an_article_is_one_error(tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "home.html").write_text(f"<!doctype html><html><body>{NAV}</body></html>", encoding="utf-8")
    (folder / "story.txt").write_text("date 2023-03-10\n\nRussian troops shelled Nikopol on Friday.\n",
                                      encoding="utf-8")
    result = build_paths([folder], tmp_path / "out")
    assert len(result.errors) == 1 and "home.html: not an article" in result.errors[0]
    assert [a["article"] for a in result.articles] == ["story.txt"]
    with pytest.raises(InputError):
        read_article(folder / "home.html")


def test_non_english_article_is_kept_but_not_mapped_with_a_note(tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "ua.html").write_bytes(_routes()["/ua/nikopol"][2])
    result = build_paths([folder], tmp_path / "out")
    assert result.errors == [] and [a["article"] for a in result.articles] == ["ua.html"]
    assert result.articles[0]["meta"]["language"] == "uk"
    assert result.places["features"] == [] and result.events["features"] == []
    assert result.notes == ["ua.html: not English: kept, but skipped by the English event extractor (language uk)"]
