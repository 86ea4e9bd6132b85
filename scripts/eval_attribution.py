"""Measure the attribution rules (`sitrep.nlp.attribution`) on PolNeAR's brat annotations.

usage: python scripts/eval_attribution.py ../shared/data/polnear/dev [--max-files N]

For every annotated attribution with a Source and a Cue, the sentence holding the cue is run
through `find_attributions`. Reported: cue recall (a frame's reporting verb overlaps the
annotated cue), source accuracy (of those, the frame's speaker phrase overlaps the annotated
source), and cue precision (frames whose verb overlaps some annotated cue). PolNeAR also
annotates beliefs and intentions ("wants", "thinks") and noun cues, which sitrep does not
aim at, so recall counts are also given for verb-like cues only.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

from sitrep.claims.sentences import split_sentences
from sitrep.nlp.attribution import find_attributions

SPEECHY = re.compile(
    r"^(?:said|says|say|told|tells|reported|reports|according to|announced|stated|added|"
    r"claimed|claims|estimated|estimates|wrote|writes|confirmed|denied|denies|noted|warned)$",
    re.IGNORECASE,
)


def _spans(ann: Path) -> list[dict[str, tuple[int, int] | str]]:
    ents: dict[str, tuple[str, int, int, str]] = {}
    rels = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        if line.startswith("T"):
            tid, rest, text = line.split("\t", 2)
            kind, offs = rest.split(" ", 1)
            parts = [tuple(map(int, p.split())) for p in offs.split(";")]
            ents[tid] = (kind, parts[0][0], parts[-1][1], text)
        elif line.startswith("E"):
            rels.append(dict(p.split(":") for p in line.split("\t")[1].split()))
    out = []
    for r in rels:
        if "Source" in r and "Cue" in r and r["Source"] in ents and r["Cue"] in ents:
            s, c = ents[r["Source"]], ents[r["Cue"]]
            out.append({"source": (s[1], s[2]), "cue": (c[1], c[2]), "cue_text": c[3]})
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "folder", type=Path, help="a PolNeAR split folder (with text/ and attributions/)"
    )
    ap.add_argument("--max-files", type=int, default=0)
    a = ap.parse_args()
    tally: Counter[str] = Counter()
    seen_texts: set[str] = set()
    files = sorted((a.folder / "attributions").glob("*.ann"))
    for ann in files:
        stem = re.sub(r"_[0-9a-f]{4}$", "", ann.stem)
        if stem in seen_texts:
            continue  # one annotator's file per text
        seen_texts.add(stem)
        if a.max_files and len(seen_texts) > a.max_files:
            break
        text = (a.folder / "text" / f"{stem}.txt").read_text(encoding="utf-8")
        gold = _spans(ann)
        sents = split_sentences(text)
        frames = []
        for s in sents:
            for f in find_attributions(s.text):
                vs = s.start + f.verb_start
                frames.append(((vs, vs + len(f.verb)), (s.start + f.start, s.start + f.end)))
        cues = [g["cue"] for g in gold]
        for verb, _ in frames:
            tally["frames"] += 1
            tally["frames_on_a_cue"] += any(_overlap(verb, c) for c in cues)  # type: ignore[arg-type]
        for g in gold:
            speechy = bool(SPEECHY.match(str(g["cue_text"]).strip()))
            tally["gold"] += 1
            tally["gold_speech"] += speechy
            hit = [f for f in frames if _overlap(f[0], g["cue"])]  # type: ignore[arg-type]
            if hit:
                tally["cue_found"] += 1
                tally["cue_found_speech"] += speechy
                ok = any(_overlap(f[1], g["source"]) for f in hit)  # type: ignore[arg-type]
                tally["source_ok"] += ok
                tally["source_ok_speech"] += ok and speechy
    print(f"texts: {len(seen_texts)}, annotated attributions with source and cue: {tally['gold']}")
    print(f"cue recall (all cues):          {tally['cue_found'] / max(1, tally['gold']):.3f}")
    print(
        f"cue recall (speech verbs, n={tally['gold_speech']}): "
        f"{tally['cue_found_speech'] / max(1, tally['gold_speech']):.3f}"
    )
    print(
        f"cue precision:                  {tally['frames_on_a_cue'] / max(1, tally['frames']):.3f}"
    )
    print(f"source accuracy (cue found):    {tally['source_ok'] / max(1, tally['cue_found']):.3f}")
    print(
        "source accuracy (speech verbs): "
        f"{tally['source_ok_speech'] / max(1, tally['cue_found_speech']):.3f}"
    )


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


if __name__ == "__main__":
    main()
