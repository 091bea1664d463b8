"""Events from news that is not about the war: how many the build still maps.

Run from the repository root::

    .venv/bin/python benchmarks/offtopic_events.py

The four public geoparsing corpora of ``../shared/eval/geoparse`` (local US news, disease outbreaks,
world news; 1,135 articles) are written to a temporary JSONL corpus (never into the repository) and built
with ``conflictmap build -j 1 --no-store``. Every event found there is off-topic for a war map unless it
reports armed conflict; the script prints the counts by type and by country, and every event with its first
sentence (the map is of the Russia–Ukraine war: events outside ``settings.war_theatre`` are mapped only when their
sentences name a party of the war).
"""

from __future__ import annotations

import collections
import json
import subprocess
import sys
import tempfile
from pathlib import Path

CORPORA = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "geoparse"
if not CORPORA.is_dir():  # a worktree under /work/wt: the shared folder is /work/shared
    CORPORA = Path("/work/shared/eval/geoparse")
NAMES = ("geowebnews", "lgl", "trnews", "geovirus")


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "offtopic.jsonl"
        with corpus.open("w", encoding="utf-8") as out:
            for name in NAMES:
                for line in (CORPORA / f"{name}.jsonl").open(encoding="utf-8"):  # (not splitlines: U+2028 in texts)
                    doc = json.loads(line)
                    out.write(json.dumps({"id": doc["id"], "text": doc["text"]}) + "\n")
        subprocess.run([sys.executable, "-m", "conflictmap.cli", "build", str(corpus), "--out", f"{tmp}/out",
                        "-j", "1", "--no-store"], check=True, stderr=subprocess.DEVNULL)
        features = json.loads(Path(f"{tmp}/out/events.geojson").read_text(encoding="utf-8"))["features"]
    kinds = collections.Counter(f["properties"]["event_type"] for f in features)
    countries = collections.Counter(f["properties"]["country_code"] for f in features)
    print(f"off-topic corpus: {sum(1 for n in NAMES for _ in (CORPORA / f'{n}.jsonl').open(encoding='utf-8'))} articles, "
          f"{len(features)} events: {dict(sorted(kinds.items()))}")
    print(f"  by country: {dict(countries.most_common())}")
    for f in sorted(features, key=lambda f: (str(f["properties"]["country_code"]), f["properties"]["event_type"])):
        p = f["properties"]
        print(f"  {p['event_type']} {p['sub_event_type']} {p['place_name']} ({p['country_code']}): "
              f"{p['sources'][0]['quote'][:100]!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
