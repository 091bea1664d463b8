"""Small static charts of the dashboard, drawn with matplotlib as PNG bytes.

Pure functions of counts (see :func:`pipeline.output.filters.events_per_day` and
:func:`pipeline.output.filters.casualties_per_oblast`); drawn server-side, so they look the
same in every browser and need nothing from the network.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence

import matplotlib

matplotlib.use("Agg")

import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402

from pipeline.output import style  # noqa: E402

_DPI = 150


def _png(fig: plt.Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=_DPI, bbox_inches="tight")
    plt.close(fig)
    return buffer.getvalue()


def _style(ax: plt.Axes) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(labelsize=7, length=2)


def timeline_png(
    counts: Sequence[tuple[dt.date, str, int]],
    *,
    selected: tuple[dt.date, dt.date] | None = None,
    size: tuple[float, float] = (3.4, 1.5),
) -> bytes:
    """Draw events per day, stacked by event type.

    Parameters
    ----------
    counts
        (day, event_type, number) rows.
    selected
        Date range to shade as the current selection.
    size
        Figure size in inches.
    """
    fig, ax = plt.subplots(figsize=size)
    days = sorted({day for day, _, _ in counts})
    bottoms = dict.fromkeys(days, 0)
    for kind, colour in style.EVENT_TYPE_COLOURS.items():
        rows = {day: n for day, k, n in counts if k == kind}
        if not rows:
            continue
        xs = sorted(rows)
        ax.bar(xs, [rows[d] for d in xs], bottom=[bottoms[d] for d in xs], width=0.8,
               color=colour, label=style.EVENT_TYPE_PLURALS[kind], linewidth=0)
        for day in xs:
            bottoms[day] += rows[day]
    if selected is not None and days:
        ax.axvspan(selected[0] - dt.timedelta(days=0.5), selected[1] + dt.timedelta(days=0.5),
                   color="#1f77b4", alpha=0.08, linewidth=0)
    if days:  # a day of margin each side, and at least a week shown
        first, last = days[0] - dt.timedelta(days=1), days[-1] + dt.timedelta(days=1)
        spare = max(dt.timedelta(days=7) - (last - first), dt.timedelta(0)) / 2
        ax.set_xlim(first - spare, last + spare)
    ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=2, maxticks=5))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%d %b\n%Y"))
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.set_title("Events per day", fontsize=8, loc="left")
    ax.legend(fontsize=6, frameon=False, loc="upper left", ncols=3,
              bbox_to_anchor=(0, -0.35))
    _style(ax)
    return _png(fig)


def casualties_png(
    rows: Sequence[tuple[str, int, int]], *, size: tuple[float, float] | None = None
) -> bytes:
    """Draw killed and injured per oblast as horizontal stacked bars, largest on top.

    Parameters
    ----------
    rows
        (oblast name, killed, injured), largest total first.
    size
        Figure size in inches; grows with the number of oblasts by default.
    """
    rows = list(rows)[:15]
    fig, ax = plt.subplots(figsize=size or (4.2, 0.6 + 0.28 * max(len(rows), 1)))
    names = [name for name, _, _ in rows][::-1]
    killed = [k for _, k, _ in rows][::-1]
    injured = [i for _, _, i in rows][::-1]
    ax.barh(names, killed, color=style.KILLED_COLOUR, label="killed", height=0.65)
    ax.barh(names, injured, left=killed, color=style.INJURED_COLOUR, label="injured", height=0.65)
    for y, (k, i) in enumerate(zip(killed, injured, strict=True)):
        ax.text(k + i, y, f" {k} / {i}", va="center", fontsize=6.5, color="#333")
    ax.set_title("Killed / injured per oblast", fontsize=8, loc="left")
    ax.legend(fontsize=6.5, frameon=False, loc="lower right", ncols=2,
              bbox_to_anchor=(1.0, 1.0))
    ax.xaxis.get_major_locator().set_params(integer=True)
    _style(ax)
    return _png(fig)
