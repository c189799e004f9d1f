#!/usr/bin/env python3
"""Builds the benchmark corpus: Arabic party news as JSON Lines, of a given size, deterministic.

Documents are recombined from the sentences of eval/dev.jsonl and eval/test.jsonl; in each sentence the
annotated PERSON, PLACE, PARTY and ORG spans are replaced by other names from the bundled gazetteers
(people: given names from given_name/*.lst, family names from those lists, nisbas of places and names
such as المنصوري or الأحمدي, and a quarter coined), posts (أمين التنظيم, أمينة المرأة …) by other posts,
and numbers by other numbers. A share of the villages (كفر …, عزبة …) and family names is coined by an
order-2 letter model of the bundled names and places, as real news keeps meeting names no list holds.
So the vocabulary (distinct Arabic-letter words, numbers not counted) runs to tens of thousands, not the
~2,400 of the samples. The same seed gives the same bytes.

    make_corpus.py --size-mb 20 --seed 6 -o bench/out/corpus-20.jsonl [--texts bench/out/corpus-20.texts]
    make_corpus.py --gazetteer 1000000 -o bench/out/gaz-1000000   # a generated gazetteer folder

--texts also writes the bare texts, NUL-separated (for icu_floor.c). Sizes are in 10^6 bytes.
Stdlib only.
"""
import argparse
import json
import os
import random
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GAZ = os.path.join(ROOT, "gazetteers")
WORD = re.compile(r"[\u0600-\u06FF\u0750-\u077F]+")  # Arabic-letter words; numbers are not counted


def read_forms(path):
    """All forms (first column, split on |) of a .lst file, in file order."""
    forms = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            for form in line.split("\t")[0].split("|"):
                form = form.strip()
                if form:
                    forms.append(form)
    return forms


def forms_under(folder):
    out = []
    d = os.path.join(GAZ, folder)
    for name in sorted(os.listdir(d)):
        if name.endswith(".lst"):
            out += read_forms(os.path.join(d, name))
    return out


def nisbas(places):
    """Family names of the الشرقاوي kind made from one-word place names: الأسيوطي, المنصوري …"""
    out = set()
    for p in places:
        if " " in p or len(p) < 3:
            continue
        stem = p[2:] if p.startswith("ال") else p
        stem = stem.rstrip("ةاىي")
        if len(stem) >= 2:
            out.add("ال" + stem + "ي")
    return sorted(out)


class Lexicon:
    def __init__(self):
        self.male = read_forms(os.path.join(GAZ, "given_name/male.lst")) + \
            read_forms(os.path.join(GAZ, "given_name/abd_compounds.lst"))
        self.female = read_forms(os.path.join(GAZ, "given_name/female.lst"))
        self.female_set = set(self.female)
        self.places = forms_under("place")
        self.parties = forms_under("party")
        self.orgs = forms_under("org")
        # Family names: given names, nisbas of places (المنصوري) and of given names (الأحمدي, الحسيني).
        self.family = sorted(set(self.male + nisbas(self.places) + nisbas(self.male)))
        secretariats = read_forms(os.path.join(GAZ, "org/secretariats.lst"))
        domains = sorted({s[len("أمانة "):] for s in secretariats if s.startswith("أمانة ") and "المركزية" not in s})
        base = ["أمين", "أمينة", "أمين مساعد", "أمينة مساعدة", "أمين عام", "الأمين العام", "الأمين العام المساعد",
                "أمين سر", "أمين المحافظة", "أمين المركز", "القائم بأعمال أمين", "أمين صندوق", "رئيس", "رئيسة",
                "نائب رئيس", "مساعد رئيس", "عضو الهيئة العليا", "عضو المكتب السياسي", "المتحدث الرسمي باسم"]
        self.posts = sorted(set(base + ["أمين " + d for d in domains] + ["أمينة " + d for d in domains]
                                + ["مقرر " + d for d in domains] + ["رئيس لجنة " + d for d in domains]))

        # An order-2 letter model of the names and places: coins Arabic-looking words for the long tail of
        # village and family names that no list holds (real news keeps meeting new ones: Heaps' law).
        self.model = {}
        for word in sorted({w for f in self.male + self.female + self.places for w in f.split()}):
            w = "^^" + (word[2:] if word.startswith("ال") else word) + "$"
            for i in range(2, len(w)):
                self.model.setdefault(w[i - 2:i], []).append(w[i])

    def coin(self, rng):
        while True:
            w = "^^"
            while len(w) < 12:
                c = rng.choice(self.model[w[-2:]])
                if c == "$":
                    break
                w += c
            if 6 <= len(w) <= 11:
                return w[2:]

    def family_name(self, rng):
        if rng.random() < 0.25:
            stem = self.coin(rng).rstrip("ةاىي")
            return ("ال" if rng.random() < 0.6 else "") + stem + "ي"
        return rng.choice(self.family)

    def place(self, rng):
        if rng.random() < 0.15:
            return " ".join([rng.choice(["قرية", "عزبة", "كفر", "نجع", "منشأة", "قرية"]), self.coin(rng)]
                            + rng.choice([[], [], ["البحرية"], ["القبلية"], ["الجديدة"]]))
        return rng.choice(self.places)

    def person(self, rng, original):
        words = original.split()
        female = bool(words) and words[0] in self.female_set
        if len(words) <= 1:
            return self.family_name(rng)
        first = rng.choice(self.female if female else self.male)
        middle = [rng.choice(self.male) for _ in range(max(0, min(len(words), 4) - 2))]
        return " ".join([first] + middle + [self.family_name(rng)])


def sentences_of(doc):
    """Splits a document into sentences, each with its entity spans (relative code-point offsets)."""
    text = doc["text"]
    cuts = [0]
    for m in re.finditer(r"[.!؟?]\s+|\n", text):
        cuts.append(m.end())
    cuts.append(len(text))
    out = []
    for a, b in zip(cuts, cuts[1:]):
        if b <= a:
            continue
        ents = [(e["start"] - a, e["end"] - a, e["type"]) for e in doc["entities"] if a <= e["start"] and e["end"] <= b]
        out.append((text[a:b].strip(), ents))
    return [s for s in out if s[0]]


class Generator:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.lex = Lexicon()
        self.pool = []
        for name in ("eval/dev.jsonl", "eval/test.jsonl"):
            with open(os.path.join(ROOT, name), encoding="utf-8") as f:
                for line in f:
                    if line.strip():
                        self.pool += sentences_of(json.loads(line))
        posts = sorted(self.lex.posts, key=len, reverse=True)
        self.post_re = re.compile(r"(?<![\u0600-\u06FF])(" + "|".join(map(re.escape, posts)) + r")(?![\u0600-\u06FF])")

    def plain(self, s):
        rng = self.rng
        s = self.post_re.sub(lambda m: rng.choice(self.lex.posts), s)
        return re.sub(r"\d+", lambda m: str(rng.randint(1, 10 ** len(m.group(0)) - 1)), s)

    def variant(self, sentence):
        text, ents = sentence
        rng, lex = self.rng, self.lex
        out, at = [], 0
        for start, end, kind in sorted(ents):
            if start < at:
                continue
            out.append(self.plain(text[at:start]))
            original = text[start:end]
            if kind == "PERSON":
                out.append(lex.person(rng, original))
            elif kind == "PLACE":
                place = lex.place(rng)
                # في القاهرة and بالقاهرة are both news style: attach the preposition now and then.
                if out and out[-1].endswith("في ") and rng.random() < 0.4:
                    out[-1] = out[-1][:-3] + rng.choice(["ب", "وب"] if out[-1][-4:-3] in ("", " ") else ["ب"])
                out.append(place)
            elif kind == "PARTY":
                out.append(rng.choice(lex.parties))
            elif kind == "ORG" and rng.random() < 0.7:
                out.append(rng.choice(lex.orgs))
            else:
                out.append(original)
            at = end
        out.append(self.plain(text[at:]))
        return "".join(out)

    def document(self, n):
        k = self.rng.randint(3, 12)
        sents = [self.variant(self.rng.choice(self.pool)) for _ in range(k)]
        # Paragraphs of one to three sentences, as in the samples.
        paras, cur = [], []
        for s in sents:
            cur.append(s)
            if self.rng.random() < 0.45:
                paras.append(" ".join(cur)); cur = []
        if cur:
            paras.append(" ".join(cur))
        return {"id": "bench-%07d" % n, "text": "\n".join(paras)}


def make_corpus(args):
    gen = Generator(args.seed)
    target = int(args.size_mb * 1_000_000)
    vocab = set()
    written = docs = text_bytes = 0
    texts = open(args.texts, "wb") if args.texts else None
    with open(args.output, "w", encoding="utf-8") as out:
        while written < target:
            doc = gen.document(docs + 1)
            line = json.dumps(doc, ensure_ascii=False) + "\n"
            out.write(line)
            written += len(line.encode("utf-8"))
            raw = doc["text"].encode("utf-8")
            text_bytes += len(raw)
            if texts:
                texts.write(raw + b"\0")
            vocab.update(WORD.findall(doc["text"]))
            docs += 1
    if texts:
        texts.close()
    stats = {"documents": docs, "bytes": written, "text_bytes": text_bytes, "vocabulary": len(vocab),
             "source_sentences": len(gen.pool)}
    print(json.dumps(stats))
    return stats


def make_gazetteer(args):
    """A generated gazetteer folder of N entries: people (given + father + family), companies and villages."""
    rng = random.Random(args.seed)
    lex = Lexicon()
    n = args.gazetteer
    os.makedirs(os.path.join(args.output, "person"), exist_ok=True)
    os.makedirs(os.path.join(args.output, "org"), exist_ok=True)
    os.makedirs(os.path.join(args.output, "place"), exist_ok=True)

    coined = lambda: lex.coin(rng)  # noqa: E731
    seen = set()
    files = {k: open(os.path.join(args.output, k, "generated.lst"), "w", encoding="utf-8") for k in ("person", "org", "place")}
    for f in files.values():
        f.write("# GENERATED by bench/make_corpus.py --gazetteer (benchmark data, not for use)\n#@ source = bench\n")
    i = 0
    while i < n:
        r = rng.random()
        if r < 0.7:
            kind = "person"
            female = rng.random() < 0.3
            words = [rng.choice(lex.female if female else lex.male)] + \
                [rng.choice(lex.male) for _ in range(rng.randint(0, 2))] + [lex.family_name(rng)]
        elif r < 0.9:
            kind = "org"
            words = [rng.choice(["شركة", "مؤسسة", "جمعية", "مجموعة", "اتحاد", "نقابة"])] + \
                [coined() for _ in range(rng.randint(1, 2))] + rng.choice([[], ["للتنمية"], ["للاستثمار"], ["الخيرية"]])
        else:
            kind = "place"
            words = [rng.choice(["قرية", "عزبة", "كفر", "نجع", "منشأة"])] + [coined()] + rng.choice([[], ["البحرية"], ["القبلية"], ["الجديدة"]])
        entry = " ".join(words)
        if entry in seen:
            continue
        seen.add(entry)
        i += 1
        files[kind].write("%s\tid=g%d\n" % (entry, i))
    for f in files.values():
        f.close()
    print(json.dumps({"entries": n, "folder": args.output}))


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--size-mb", type=float, default=20)
    p.add_argument("--seed", type=int, default=6)
    p.add_argument("--texts")
    p.add_argument("--gazetteer", type=int, help="write a generated gazetteer folder of this many entries instead")
    p.add_argument("-o", "--output", required=True)
    args = p.parse_args()
    if args.gazetteer:
        make_gazetteer(args)
    else:
        make_corpus(args)


if __name__ == "__main__":
    sys.exit(main())
