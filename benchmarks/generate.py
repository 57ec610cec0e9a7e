"""Writes the synthetic maps of ``tests/maps.py`` to files, and their real-prose variants.

    python -m benchmarks.generate                       # 100 / 1 000 / 10 000 / 100 000 nodes
    python -m benchmarks.generate --sizes 500 --out /tmp/maps --seed 7

Each size is written as ``synthetic_N.yaml`` (argmap's native format), ``synthetic_N.json`` (the
same document) and ``synthetic_N.argdown`` (the same statements and relations in Argdown). The
generator itself lives in ``tests/maps.py`` because the tests use it too; it is re-exported here
for the benchmark scripts.
"""

from __future__ import annotations

import argparse
import os
import re
from typing import Any

from tests.maps import document_of, generate, to_yaml, write_all

__all__ = ["SIZES", "document_of", "generate", "prose_sentences", "split_sentences", "to_yaml",
           "with_prose", "write_all", "write_size"]

SIZES = (100, 1_000, 10_000, 100_000)
DEFAULT_OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "out", "maps")


def split_sentences(text: str) -> list[str]:
    """``text`` on one line, cut after each '.', '!' or '?' (good enough for measuring prose)."""
    return [s for s in re.split(r"(?<=[.!?])\s+", " ".join(text.split())) if s]


def prose_sentences(paths: list[str]) -> list[str]:
    """The sentences of real texts, in reading order (for :func:`with_prose`)."""
    out: list[str] = []
    for path in paths:
        with open(path, encoding="utf-8-sig") as fh:
            out += split_sentences(fh.read())
    return out


def with_prose(doc: dict[str, Any], sentences: list[str]) -> dict[str, Any]:
    """The same map with human-written prose in place of the generated texts.

    The generator's small vocabulary compresses five- to sixfold, real prose about threefold, so
    page-weight figures of packed pages are also measured on this variant. Each text, quote and
    label takes the next sentences of ``sentences`` in order, cut at a word to the length of the
    one it replaces (so both variants carry the same amount of text). The sentences repeat only
    after the whole corpus, far beyond deflate's 32 KB window when it is a few hundred kB, so
    repeats do not flatter the compression.
    """
    if not sentences:
        raise ValueError("no sentences to take prose from")
    at = 0

    def take(length: int) -> str:
        nonlocal at
        parts: list[str] = []
        while sum(len(p) + 1 for p in parts) < length:
            parts.append(sentences[at % len(sentences)])
            at += 1
        text = " ".join(parts)
        cut = text.rfind(" ", 0, length + 1)
        return text[:cut] if cut > length // 2 else text[:length]

    nodes = {}
    for node_id, node in doc["nodes"].items():
        new = dict(node)
        new["text"] = take(len(node["text"]))
        if "label" in node:
            new["label"] = " ".join(new["text"].split()[:4])
        if "quote" in node:
            new["quote"] = take(len(node["quote"]))
        nodes[node_id] = new
    return {**doc, "title": doc.get("title", "") + " (real prose)", "nodes": nodes}



def write_size(n: int, out: str = DEFAULT_OUT, seed: int = 1) -> dict[str, str]:
    return write_all(generate(n, seed), os.path.join(out, f"synthetic_{n}"))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    for n in args.sizes:
        paths = write_size(n, args.out, args.seed)
        print(" ".join(paths.values()))


if __name__ == "__main__":
    main()
