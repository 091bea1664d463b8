"""Article dates and event dates: found where the text gives them, never invented."""

from __future__ import annotations

import json

from pipeline.text.articles import read_article
from pipeline.text.dates import UNDATED, EventDate, article_date, sentence_date

THURSDAY = EventDate("2022-09-29", 1, "date header")


# -- the article's date ----------------------------------------------------------------------
def test_header_line_dates_the_article():
    assert article_date("date 2023-01-14\nMissile strike on a city.") == EventDate("2023-01-14", 1, "date header")


def test_header_line_may_share_the_first_line_with_the_text():
    assert article_date(" date 2022-09-29 Officials said the vote was over.").date == "2022-09-29"


def test_sidecar_date_wins_over_header_line():
    when = article_date("date 2022-09-29\nOfficials said the vote was over.", {"date": "2022-10-01"})
    assert (when.date, when.precision) == ("2022-10-01", 1)
    assert "sidecar" in when.note


def test_malformed_sidecar_date_falls_back_to_the_text():
    assert article_date("date 2022-09-29\nText.", {"date": "next Tuesday"}).date == "2022-09-29"


def test_sidecar_file_next_to_the_article_dates_it(tmp_path):
    article = tmp_path / "story.txt"
    article.write_text("date 2022-09-29\nOfficials said the vote was over.\n", encoding="utf-8")
    (tmp_path / "story.txt.meta.json").write_text(json.dumps({"date": "2022-10-02", "title": "The vote"}),
                                                  encoding="utf-8")
    read = read_article(article)
    assert read.published.date == "2022-10-02"
    assert read.title == "The vote"


def test_dateline_with_year_dates_the_article():
    assert article_date("KYIV (September 29, 2022) - Officials said the vote was over.").date == "2022-09-29"


def test_dateline_without_year_gives_no_date():
    assert article_date("Officials said the vote was over.\n\n(September 29)") == UNDATED


def test_text_without_any_date_is_undated():
    assert article_date("Officials said the vote was over.") == UNDATED
    assert article_date("") == UNDATED


def test_impossible_header_date_is_not_used():
    assert article_date("date 2022-02-30\nText.") == UNDATED


# -- the date of what a sentence reports -----------------------------------------------------
def test_weekday_in_past_tense_is_resolved_backwards():
    assert sentence_date("Troops withdrew from the town on Friday.", THURSDAY) == EventDate("2022-09-23", 1, "on Friday")


def test_weekday_with_will_is_resolved_forwards():
    assert sentence_date("The president will sign the treaties on Friday.", THURSDAY).date == "2022-09-30"


def test_weekday_naming_the_article_day_is_that_day():
    assert sentence_date("Officials spoke on Thursday.", THURSDAY).date == "2022-09-29"


def test_at_the_weekend_has_week_precision():
    when = sentence_date("The town was recaptured at the weekend.", EventDate("2022-10-04", 1))
    assert (when.date, when.precision) == ("2022-10-01", 2)


def test_last_week_has_week_precision():
    assert sentence_date("The votes took place last week.", THURSDAY).precision == 2


def test_earlier_year_leaves_the_event_undated():
    when = sentence_date("The peninsula was annexed in 2014.", THURSDAY)
    assert (when.date, when.precision) == (None, None)
    assert "2014" in when.note


def test_month_and_day_take_the_article_year():
    assert sentence_date("The bridge was hit on September 12.", THURSDAY).date == "2022-09-12"


def test_sentence_without_a_date_takes_the_article_date_with_week_precision():
    when = sentence_date("Shelling hit the town.", THURSDAY)
    assert (when.date, when.precision) == ("2022-09-29", 2)


def test_relative_day_in_an_undated_article_stays_undated():
    assert sentence_date("Troops withdrew on Friday.", UNDATED).date is None
    assert sentence_date("The town was recaptured at the weekend.", UNDATED).date is None
    assert sentence_date("Shelling hit the town.", UNDATED) == UNDATED


# -- issue 15 item 2: implausible dates ---------------------------------------------------------
def test_date_line_with_a_typo_year_is_rejected_and_reported():
    from pipeline.text.validate import collect_rejections

    with collect_rejections() as rejected:
        when = article_date("date 1022-05-01\nShelling hit Kharkiv.\n")
    assert when.date is None
    assert [r.value for r in rejected] == ["1022-05-01"]


def test_implausible_written_date_in_a_sentence_dates_nothing():
    published = EventDate("2023-03-10", 1, "date header")
    assert sentence_date("Shelling hit Kharkiv on May 3, 9876.", published).date is None
    assert sentence_date("Shelling hit Kharkiv on May 3, 2023.", published).date == "2023-05-03"
