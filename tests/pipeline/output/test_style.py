"""One style: the folium map, the briefing image and the charts draw with the same colours."""

from __future__ import annotations

import matplotlib.colors as mcolors
import pytest

from dashboard import assets
from dashboard.map import build_event_map
from pipeline.output import style
from pipeline.output.snapshot import build_snapshot_figure, validate_options
from tests.fixtures import make_events, make_oblasts, make_places


def _rgb(colour) -> tuple[float, float, float]:
    return tuple(round(c, 3) for c in mcolors.to_rgb(colour))


def _image_colours(figure) -> set[tuple[float, float, float]]:
    """Every face and edge colour of the figure's artists (alpha left out)."""
    colours = set()
    for ax in figure.axes:
        for collection in ax.collections:
            for rgba in [*collection.get_facecolors(), *collection.get_edgecolors()]:
                colours.add(_rgb(rgba[:3]))
        for patch in ax.patches:
            colours.add(_rgb(patch.get_facecolor()[:3]))
            colours.add(_rgb(patch.get_edgecolor()[:3]))
    for legend in figure.legends:
        for handle in legend.legend_handles:
            for getter in ("get_markerfacecolor", "get_facecolor", "get_markeredgecolor", "get_edgecolor"):
                if hasattr(handle, getter):
                    colours.add(_rgb(mcolors.to_rgba(getattr(handle, getter)())[:3]))
    return colours


@pytest.fixture(scope="module")
def drawn():
    events, places, oblasts = make_events(), make_places(), make_oblasts()
    page = assets.standalone_html(build_event_map(events, places, oblasts))
    figure = build_snapshot_figure(events, places, oblasts, validate_options(size=(640, 400), dpi=80)).figure
    subs = sorted({f["properties"]["sub_event_type"] for f in events["features"]
                   if f["properties"]["event_type"] == "frontline_incident"})
    return page, _image_colours(figure), subs


def test_map_and_image_use_the_style_colours_for_every_layer(drawn):
    page, image, subs = drawn
    wanted = {"claims": style.CLAIM_COLOUR, "casualties": style.CASUALTY_COLOUR,
              "casualty outlines": style.CASUALTY_EDGE_COLOUR, "places": style.PLACE_COLOUR,
              **{sub: style.sub_type_style(sub).colour for sub in subs}}
    assert len(subs) == 3
    for layer, colour in wanted.items():
        assert colour in page, f"map: {layer} not drawn in {colour}"
        assert _rgb(colour) in image, f"image: {layer} not drawn in {colour}"


def test_the_old_diverging_colours_are_gone(drawn):
    page, image, _ = drawn
    for old in ("#b03a2e", "#6c2a8a", "#ff7f0e"):  # the image's claims, casualties, shelling before
        assert _rgb(old) not in image and old not in page


def test_charts_use_the_style(monkeypatch):
    from dashboard import charts

    seen = []
    original = charts.plt.Axes.bar

    def spy(self, *args, **kwargs):
        seen.append(kwargs.get("color"))
        return original(self, *args, **kwargs)

    monkeypatch.setattr(charts.plt.Axes, "bar", spy)
    import datetime as dt

    charts.timeline_png([(dt.date(2022, 9, 30), kind, 1) for kind in style.EVENT_TYPE_COLOURS])
    assert seen == list(style.EVENT_TYPE_COLOURS.values())
