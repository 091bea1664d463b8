"""Article dates and event dates: found where the text gives them, never invented."""

from __future__ import annotations

import json

from pipeline.text.articles import read_article
from pipeline.text.dates import UNDATED, EventDate, article_date, explicit_date, sentence_date, statement_day_only

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


# -- E2: the day the sentence states, resolved against the article's date, never into the future -----
FRIDAY = EventDate("2023-06-16", 1, "date header")


def test_the_day_a_video_showed_it_dates_the_event_when_nothing_else_does():
    from pipeline.text.dates import explicit_date
    when = explicit_date("Troops recaptured the village, a video posted by the brigade showed on Thursday.", FRIDAY)
    assert when is not None and (when.date, when.precision) == ("2023-06-15", 1)
    # a day of its own for the event still wins over the day it was said
    when = explicit_date("Troops recaptured the village on Tuesday, the ministry said on Thursday.", FRIDAY)
    assert when is not None and when.date == "2023-06-13"


def test_a_said_date_does_not_date_a_plan():
    from pipeline.text.dates import explicit_date
    assert explicit_date("The army will attack the town, officials said on Thursday.", FRIDAY) is None


def test_a_month_day_after_the_article_date_is_never_a_past_event_date():
    from pipeline.text.dates import explicit_date
    assert explicit_date("Troops shelled the town on June 20.", FRIDAY) is None
    assert explicit_date("Troops shelled the town on June 12.", FRIDAY).date == "2023-06-12"
    assert explicit_date("Troops shelled the town on Dec. 20.", FRIDAY).date == "2022-12-20"


def test_no_date_is_invented_without_an_article_date():
    from pipeline.text.dates import explicit_date
    assert explicit_date("Troops shelled the town on Thursday.", UNDATED) is None
    assert explicit_date("Troops shelled the town on Sept. 15.", UNDATED) is None
    assert explicit_date("Troops shelled the town on Sept. 15, 2023.", UNDATED).date == "2023-09-15"


def test_an_abbreviated_month_does_not_end_the_sentence():
    from pipeline.text.dates import cut_in_date
    text = "Officials spoke. On Sept. 15, the staff said troops liberated the village."
    assert cut_in_date(text, text.index("15,"))
    assert not cut_in_date(text, text.index("On Sept"))


def test_an_event_on_an_abbreviated_month_day_takes_that_day(geoparser):
    from tests.fixtures import article_events
    text = ("date 2023-09-17\nUkrainian forces liberated the village of Klishchiivka, the army said on Sunday.\n\n"
            "On Sept. 15, the General Staff reported that Ukrainian troops liberated Andriivka.")
    dates = {e.place.name: e.when.date for e in article_events(geoparser, text)}
    assert any(name.startswith("Andri") and day == "2023-09-15" for name, day in dates.items())


def test_a_month_without_a_day_is_the_last_such_month_with_month_precision():
    from pipeline.text.dates import explicit_date
    assert explicit_date("The town was liberated in November.", FRIDAY) == EventDate("2022-11-01", 3, "in November")
    assert explicit_date("The town was liberated in early June.", FRIDAY).date == "2023-06-01"
    assert explicit_date("The town was hit in March 2022.", FRIDAY).date == "2022-03-01"
    assert explicit_date("The town was liberated in November.", UNDATED) is None


# -- session 11: one reading of a sentence, resolved against any article date ----------------------
def test_one_reading_resolves_against_every_article_date_as_a_fresh_read():
    from pipeline.text.dates import explicit_date, read_dates
    sentence = "Troops withdrew on Friday, hours after the strike of the previous day, officials said on Sunday."
    reading = read_dates(sentence)
    assert [e.kind for e in reading.expressions] == ["weekday", "weekday", "previous"]  # by kind, then place
    for day in ("2023-06-16", "2023-06-17", "2023-06-23", "2022-02-24"):
        published = EventDate(day, 1, "date header")
        assert reading.resolve(published) == explicit_date(sentence, published)
        assert reading.resolve(published, skip_speech=False) == sentence_date(sentence, published)
    assert reading.resolve(FRIDAY).date == "2023-06-16"  # "on Friday" of a Friday page: that day
    assert reading.resolve(EventDate("2023-06-17", 1)).date == "2023-06-16"  # one day later: the same Friday


def test_a_sentence_without_any_date_word_has_no_date_expression():
    from pipeline.text.dates import explicit_date, read_dates
    reading = read_dates("Shelling hit the town centre, damaging a school.")
    assert reading.expressions == () and reading.year is None
    assert explicit_date("Shelling hit the town centre, damaging a school.", FRIDAY) is None
    # each kind of date expression is still read: a month, a year, a day word, "week", "month", "night", "morning"
    for sentence, date in (("Shelling hit the town on Jun. 12.", "2023-06-12"), ("Shelling hit it this morning.",
                           "2023-06-16"), ("Shelling hit it last week.", "2023-06-09"),
                          ("Shelling hit it last night.", "2023-06-16"), ("Shelling hit it overnight.", "2023-06-16"),
                          ("Shelling hit it last month.", "2023-05-01")):
        assert explicit_date(sentence, FRIDAY).date == date, sentence
    assert explicit_date("The peninsula was annexed in 2014.", FRIDAY) == EventDate(None, None, "in 2014")


def test_the_reading_of_a_sentence_is_kept_for_its_next_read():
    from pipeline.text.dates import read_dates
    sentence = "A missile struck the port on Tuesday."
    assert read_dates(sentence) is read_dates("A missile struck the port on " + "Tuesday.")


# -- session 16 (dates22): statements, periods --------------------------------------------------------------------
def test_statement_day_only_tells_a_statement_day_from_an_incident_day():
    friday = EventDate("2023-05-19", 1, "date header")
    assert statement_day_only("Two people were killed in the attack, the mayor reported on 19 May.", friday)
    assert not statement_day_only("A missile hit the station on Thursday, the mayor said on Friday.", friday)
    assert not statement_day_only("A missile hit the station on Thursday.", friday)
    assert not statement_day_only("A missile hit the station.", friday)


def test_a_period_between_two_days_dates_nothing():
    friday = EventDate("2023-05-19", 1, "date header")
    assert explicit_date("The army shelled the district 40 times between May 16 and May 18.", friday) is None
    assert explicit_date("Fighting went on between Monday and Wednesday.", friday) is None
    assert explicit_date("A drone hit a barn between the two villages on May 17.", friday).date == "2023-05-17"


def test_a_daily_summary_is_the_day_it_is_stated_on():
    friday = EventDate("2023-05-19", 1, "date header")
    assert explicit_date("Over the past 24 hours the army repelled 30 assaults.", friday).date == "2023-05-19"
    assert explicit_date("The staff said on May 18 that over the past day it repelled 30 assaults.",
                         friday).date == "2023-05-18"
