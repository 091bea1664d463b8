"""Every place the geoparser returns, written out for a byte-for-byte comparison of two checkouts.

For each text: its label, then ``repr`` of every ``Place`` (signals and reason included) and its output
record as canonical JSON. The texts (read from ../shared at run time, never copied here): the four public
geoparse corpora, the CIR monitor set (texts and location strings), ../shared/articles, realnews and
the seeds (raw and as the build cleans them)::

    python benchmarks/geoparse_identity.py --repo /work/main /tmp/ident_main.txt      # main's venv
    python benchmarks/geoparse_identity.py --repo .          /tmp/ident_branch.txt
    cmp /tmp/ident_main.txt /tmp/ident_branch.txt && echo identical
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

SHARED = Path("/work/shared")


def _texts(repo: Path) -> list[tuple[str, str]]:
    from pipeline.text.articles import read_article

    out = []
    for corpus in ("geowebnews", "lgl", "trnews", "geovirus"):
        for i, line in enumerate((SHARED / "eval/geoparse" / f"{corpus}.jsonl").read_text(encoding="utf-8").split("\n")):
            if line.strip():
                out.append((f"{corpus}:{i}", json.loads(line)["text"]))
    for i, line in enumerate((SHARED / "external/cir_monitor.jsonl").read_text(encoding="utf-8").split("\n")):
        if line.strip():
            row = json.loads(line)
            out.append((f"cir:{i}:text", row["text"]))
            out.append((f"cir:{i}:location", row["location"]))
    for folder in (SHARED / "articles", SHARED / "realnews/articles", repo / "seeds"):
        for path in sorted(folder.glob("*.txt")):
            out.append((f"{folder.name}/{path.name}:raw", path.read_text(encoding="utf-8")))
            out.append((f"{folder.name}/{path.name}:clean", read_article(path).text))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repo", type=Path, required=True)
    ap.add_argument("out", type=Path)
    args = ap.parse_args()
    repo = args.repo.resolve()
    sys.path.insert(0, str(repo))
    from pipeline.geoparse import load_geoparser

    parser = load_geoparser()
    texts = _texts(repo)
    n = 0
    with args.out.open("w", encoding="utf-8") as fh:
        for label, text in texts:
            fh.write(f"## {label}\n")
            for place in parser.parse_places(text):
                fh.write(repr(place) + "\n")
                fh.write(json.dumps(place.as_properties(), sort_keys=True, ensure_ascii=False) + "\n")
                n += 1
    print(f"{len(texts)} texts, {n} places -> {args.out}")


if __name__ == "__main__":
    main()
