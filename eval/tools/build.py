#!/usr/bin/env python3
"""Build the annotated evaluation samples (eval/dev.jsonl, eval/test.jsonl).

Sources live in eval/src/<split>/<id>.txt, one document per file, written in the
inline markup described in eval/README.md:

    # covers: tag, tag, ...                  (optional header comments, top of file only)
    # allow-glued: أيضاً                     (scraped words glued onto an entity, allowed here)
    running text with [[TYPE|surface]] entities ...
    @@@                                      (separator line, exactly three @)
    @rel secretary_of person=... | org=... | role=... | party=... | place=...

The builder validates everything it can check mechanically and exits non-zero
with file:line messages on the first run that finds a problem; nothing is
written unless every document is valid.

Usage:
    python3 eval/tools/build.py              build and validate
    python3 eval/tools/build.py --check      validate only, write nothing
    python3 eval/tools/build.py --stats      also print counts and the coverage table (Markdown)

Python 3 standard library only.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

EVAL_DIR = Path(__file__).resolve().parent.parent
SRC_DIR = EVAL_DIR / "src"
SPLITS = ("dev", "test")

ENTITY_TYPES = {"PERSON", "TITLE", "PARTY", "PLACE", "ORG"}
RELATION_TYPES = {"secretary_of"}
REL_REQUIRED = ("person", "org", "role")
REL_OPTIONAL = ("party", "place")
SEPARATOR = "@@@"

# The markup: [[TYPE|surface]]. Neither "[[", "]]" nor "|" occurs in Arabic news text.
ENTITY_RE = re.compile(r"\[\[([^\[\]|\n]*)\|([^\[\]|\n]*)\]\]")

# Titles we accept (compared after normalisation, so tashkeel/hamza variants pass).
TITLES = {
    "المهندس", "المهندسة", "المهندس الاستشاري", "المهندسة الاستشارية",
    "الدكتور", "الدكتورة", "د.", "د", "الأستاذ الدكتور", "أ.د.",
    "اللواء", "اللواء أركان حرب", "الفريق", "الفريق أول", "العميد", "العقيد",
    "المستشار", "المستشارة", "النائب", "النائبة", "الشيخ", "السفير", "السفيرة",
    "الحاج", "الحاجة", "الأستاذ", "الأستاذة", "الكابتن", "الأنبا", "القمص", "القس",
    "السيد", "السيدة", "الإعلامي", "الإعلامية",
}
TITLE_WORDS_NOT_IN_PERSON = {
    "المهندس", "الدكتور", "الدكتورة", "اللواء", "المستشار", "المستشارة", "النائب",
    "النائبة", "الحاج", "الأستاذ", "الأستاذة", "الكابتن", "الأنبا", "السفير", "العميد",
}
PLACE_GENERIC_WORDS = ("محافظة", "مركز", "مدينة", "قرية", "حي", "منطقة")
# Clitic strings allowed directly before an entity inside the same word.
CLITIC_PREFIXES = {"", "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك"}

DIACRITICS_RE = re.compile("[\u064B-\u0652\u0670\u0640]")


def normalise(s: str) -> str:
    """The comparison normalisation of ANNOTATION.md."""
    s = DIACRITICS_RE.sub("", s)
    s = s.translate(str.maketrans({
        "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "ء", "ئ": "ء",
        **{chr(0x0660 + i): str(i) for i in range(10)},
        **{chr(0x06F0 + i): str(i) for i in range(10)},
    }))
    return re.sub(r"\s+", "", s)


NORM_TITLES = {normalise(t) for t in TITLES}


def is_word_char(ch: str) -> bool:
    if ch in ("\u0640",):  # tatweel belongs to the word
        return True
    cat = unicodedata.category(ch)
    return cat[0] in ("L", "N") or cat in ("Mn", "Mc")


class Problems:
    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, path: Path, line: int, msg: str) -> None:
        try:
            rel = path.relative_to(EVAL_DIR.parent)
        except ValueError:
            rel = path
        self.items.append(f"{rel}:{line}: {msg}")


def parse_file(path: Path, problems: Problems) -> dict | None:
    raw = path.read_text(encoding="utf-8")
    if "\r" in raw:
        problems.add(path, 1, "carriage return in file; use \\n line endings")
        raw = raw.replace("\r\n", "\n")
    lines = raw.split("\n")
    doc_id = path.stem

    # Header comments.
    covers: list[str] = []
    glued: list[str] = []
    i = 0
    while i < len(lines) and lines[i].startswith("#"):
        m = re.match(r"#\s*covers:\s*(.*)$", lines[i])
        if m:
            covers += [c.strip() for c in m.group(1).split(",") if c.strip()]
        m = re.match(r"#\s*allow-glued:\s*(.*)$", lines[i])
        if m:  # scraped text where a word is glued to an entity, e.g. "أيضاًأمانة"
            glued += m.group(1).split()
        i += 1
    body_start = i  # 0-based index of the first text line
    try:
        sep = lines.index(SEPARATOR, body_start)
    except ValueError:
        problems.add(path, len(lines), f"no separator line '{SEPARATOR}' after the text")
        return None
    body_lines = lines[body_start:sep]
    trailer = lines[sep + 1:]
    if not body_lines or not "".join(body_lines).strip():
        problems.add(path, body_start + 1, "empty document text")
        return None

    # Text and entities.
    text_parts: list[str] = []
    entities: list[dict] = []
    offset = 0
    for li, line in enumerate(body_lines):
        lineno = body_start + li + 1
        if li > 0:
            text_parts.append("\n")
            offset += 1
        pos = 0
        for m in ENTITY_RE.finditer(line):
            plain = line[pos:m.start()]
            text_parts.append(plain)
            offset += len(plain)
            etype, surface = m.group(1), m.group(2)
            if etype not in ENTITY_TYPES:
                problems.add(path, lineno, f"unknown entity type {etype!r} in {m.group(0)!r}")
            if not surface or surface != surface.strip():
                problems.add(path, lineno, f"empty surface or surrounding space in {m.group(0)!r}")
            entities.append({"start": offset, "end": offset + len(surface), "type": etype,
                             "text": surface, "_line": lineno})
            text_parts.append(surface)
            offset += len(surface)
            pos = m.end()
        rest = line[pos:]
        text_parts.append(rest)
        offset += len(rest)
        stripped = ENTITY_RE.sub("", line)
        for bad in ("[[", "]]", "|"):
            if bad in stripped:
                problems.add(path, lineno, f"stray markup {bad!r} outside an entity")
    text = "".join(text_parts)

    # Relations.
    relations: list[dict] = []
    for ti, line in enumerate(trailer):
        lineno = sep + 2 + ti
        if not line.strip() or line.startswith("#"):
            continue
        m = re.match(r"@rel\s+(\S+)\s+(.*)$", line)
        if not m:
            problems.add(path, lineno, f"cannot parse trailer line {line!r}")
            continue
        rel = {"type": m.group(1)}
        for part in m.group(2).split("|"):
            part = part.strip()
            if not part:
                continue
            if "=" not in part:
                problems.add(path, lineno, f"attribute without '=': {part!r}")
                continue
            k, v = part.split("=", 1)
            k, v = k.strip(), v.strip()
            if k in rel:
                problems.add(path, lineno, f"attribute {k!r} given twice")
            rel[k] = v
        rel["_line"] = lineno
        relations.append(rel)

    return {"id": doc_id, "text": text, "entities": entities, "relations": relations,
            "_path": path, "_covers": covers, "_glued": set(glued)}


def validate(doc: dict, problems: Problems) -> None:
    path, text = doc["_path"], doc["text"]
    ents = sorted(doc["entities"], key=lambda e: (e["start"], e["end"]))
    doc["entities"] = ents
    prev = None
    for e in ents:
        ln = e["_line"]
        if text[e["start"]:e["end"]] != e["text"]:
            problems.add(path, ln, f"offset mismatch for {e['text']!r}")
        if prev is not None and e["start"] < prev["end"]:
            problems.add(path, ln, f"overlapping spans {prev['text']!r} and {e['text']!r}")
        prev = e
        # Word boundaries: only proclitics may stick to the front, nothing to the back.
        j = e["start"]
        while j > 0 and is_word_char(text[j - 1]):
            j -= 1
        prefix = text[j:e["start"]]
        if prefix not in CLITIC_PREFIXES and prefix not in doc["_glued"]:
            problems.add(path, ln, f"{e['type']} {e['text']!r} starts inside a word (prefix {prefix!r})")
        if e["end"] < len(text) and is_word_char(text[e["end"]]):
            problems.add(path, ln, f"{e['type']} {e['text']!r} ends inside a word")
        first = e["text"].split()[0] if e["text"].split() else ""
        if e["type"] == "TITLE" and normalise(e["text"]) not in NORM_TITLES:
            problems.add(path, ln, f"unknown title {e['text']!r} (add it to TITLES if it is one)")
        if e["type"] == "PERSON" and first in TITLE_WORDS_NOT_IN_PERSON:
            problems.add(path, ln, f"PERSON {e['text']!r} starts with a title word")
        if e["type"] == "PLACE" and first in PLACE_GENERIC_WORDS:
            problems.add(path, ln, f"PLACE {e['text']!r} starts with a generic word")
        if e["type"] == "PARTY" and e["text"] in ("الحزب", "حزب"):
            problems.add(path, ln, "bare 'الحزب' is not a PARTY")

    by_type: dict[str, set[str]] = defaultdict(set)
    for e in ents:
        by_type[e["type"]].add(e["text"])
    persons = by_type["PERSON"]
    party_names = set(by_type["PARTY"]) | {"حزب " + p for p in by_type["PARTY"] if not p.startswith("حزب")}
    orgs = set(by_type["ORG"])

    seen_pairs = set()
    for r in doc["relations"]:
        ln = r["_line"]
        if r["type"] not in RELATION_TYPES:
            problems.add(path, ln, f"unknown relation type {r['type']!r}")
        for k in REL_REQUIRED:
            if not r.get(k):
                problems.add(path, ln, f"relation lacks required key {k!r}")
        for k in r:
            if k not in ("type", "_line") + REL_REQUIRED + REL_OPTIONAL:
                problems.add(path, ln, f"unknown relation key {k!r}")
        p = r.get("person", "")
        if p and p not in persons:
            problems.add(path, ln, f"person {p!r} is not the text of a PERSON entity")
        if p:
            ptoks = p.split()
            for other in persons:
                otoks = other.split()
                if len(otoks) > len(ptoks) and any(otoks[k:k + len(ptoks)] == ptoks
                                                   for k in range(len(otoks) - len(ptoks) + 1)):
                    problems.add(path, ln, f"person {p!r} is not the fullest name (see {other!r})")
        o = r.get("org", "")
        if o and o not in orgs and o not in party_names:
            problems.add(path, ln, f"org {o!r} is neither an ORG/PARTY entity nor a party's full name")
        if o and o not in orgs and o in party_names and not (o.startswith("حزب") or o.startswith("الحزب")):
            problems.add(path, ln, f"org {o!r} is a party: write its full name with حزب")
        pa = r.get("party")
        if pa is not None:
            if pa not in party_names:
                problems.add(path, ln, f"party {pa!r} is not a PARTY entity's (full) name")
            elif not (pa.startswith("حزب") or pa.startswith("الحزب")):
                problems.add(path, ln, f"party {pa!r}: write its full name with حزب")
        pl = r.get("place")
        if pl is not None and pl not in by_type["PLACE"]:
            problems.add(path, ln, f"place {pl!r} is not the text of a PLACE entity")
        role = r.get("role", "")
        if role and "امين" not in normalise(role):
            problems.add(path, ln, f"role {role!r} has no secretary word")
        if role and role[0] in "وبل" and not role.startswith("ال"):
            problems.add(path, ln, f"role {role!r} seems to keep a proclitic")
        pair = (normalise(p), normalise(o))
        if pair in seen_pairs:
            problems.add(path, ln, f"duplicate relation for ({p!r}, {o!r})")
        seen_pairs.add(pair)


def public(doc: dict) -> dict:
    ents = [{k: e[k] for k in ("start", "end", "type", "text")} for e in doc["entities"]]
    rels = []
    for r in doc["relations"]:
        out = {"type": r["type"]}
        for k in REL_REQUIRED + REL_OPTIONAL:
            if k in r:
                out[k] = r[k]
        rels.append(out)
    return {"id": doc["id"], "text": doc["text"], "entities": ents, "relations": rels}


def main(argv: list[str]) -> int:
    check_only = "--check" in argv
    stats = "--stats" in argv
    problems = Problems()
    docs_by_split: dict[str, list[dict]] = {}
    ids: dict[str, Path] = {}
    for split in SPLITS:
        docs = []
        files = sorted((SRC_DIR / split).glob("*.txt"))
        if not files:
            problems.add(SRC_DIR / split, 0, "no source files")
        for f in files:
            doc = parse_file(f, problems)
            if doc is None:
                continue
            if doc["id"] in ids:
                problems.add(f, 1, f"duplicate id {doc['id']!r} (also {ids[doc['id']]})")
            ids[doc["id"]] = f
            validate(doc, problems)
            docs.append(doc)
        docs_by_split[split] = docs

    if problems.items:
        for p in problems.items:
            print(p, file=sys.stderr)
        print(f"{len(problems.items)} problem(s); nothing written.", file=sys.stderr)
        return 1

    for split, docs in docs_by_split.items():
        if not check_only:
            out = EVAL_DIR / f"{split}.jsonl"
            with out.open("w", encoding="utf-8", newline="\n") as fh:
                for d in docs:
                    fh.write(json.dumps(public(d), ensure_ascii=False) + "\n")
        ec = Counter(e["type"] for d in docs for e in d["entities"])
        nrel = sum(len(d["relations"]) for d in docs)
        norel = sum(1 for d in docs if not d["relations"])
        print(f"{split}: {len(docs)} docs, {sum(ec.values())} entities "
              f"({', '.join(f'{t} {ec[t]}' for t in sorted(ENTITY_TYPES))}), "
              f"{nrel} relations, {norel} docs without relations")

    if stats:
        all_docs = [d for s in SPLITS for d in docs_by_split[s]]
        people = {normalise(e["text"]) for d in all_docs for e in d["entities"] if e["type"] == "PERSON"}
        print(f"distinct PERSON strings (normalised): {len(people)}")
        cov: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        for s in SPLITS:
            for d in docs_by_split[s]:
                for c in d["_covers"]:
                    cov[c][s].append(d["id"])
        print("\n| phenomenon | dev | test |\n|---|---|---|")
        for c in sorted(cov):
            print(f"| {c} | {', '.join(cov[c]['dev'])} | {', '.join(cov[c]['test'])} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
