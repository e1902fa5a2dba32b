"""Feeds Newsmark's downloads to the software that reads them.

    python consumers.py FORMAT DIR

DIR holds, for each document NAME, the article (NAME.txt, bytes as they were),
Newsmark's JSON export (NAME.newsmark.json: what the others must agree with)
and the file under test:

- spacy: spacy/NAME.spacy.json, turned into DocBins by `spacy convert`, read
  back with spacy.blank("en"): Doc.text is the article, Doc.ents the entities;
- conll: NAME.conll, read by conllu and by seqeval (strict IOB2): the entities
  decoded are the JSON export's;
- webanno: NAME.jsonld, validated against the MUST checks of the W3C test suite
  (w3c-musts.schema.json, with jsonschema and format checking); ids unique
  absolute IRIs, attribution parts and their attribution linked both ways;
- claimreview: NAME.claimreview.jsonld, placed in a <script> block of an HTML
  page and read back by extruct: one item per claim, a ClaimReview with
  Google's required properties for each reviewed claim, a Claim for the others.

Prints a JSON report {"checked": n, "failures": [...]} and exits 1 on any failure.
"""

import json
import pathlib
import subprocess
import sys
import tempfile

HERE = pathlib.Path(__file__).resolve().parent


def read_text(path):
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def names(d):
    return sorted(p.name[: -len(".txt")] for p in d.glob("*.txt"))


def expected(d, name):
    return json.loads(read_text(d / f"{name}.newsmark.json"))


def entities_of(doc):
    """The JSON export's entities as (start, end, label), code points."""
    return [(e["start"], e["end"], e["label"]) for e in doc["entities"]]


def check_spacy(d, fail):
    import spacy
    from spacy.tokens import DocBin

    nlp = spacy.blank("en")
    out = pathlib.Path(tempfile.mkdtemp(prefix="newsmark-spacy-"))
    run = subprocess.run(
        [sys.executable, "-m", "spacy", "convert", str(d / "spacy"), str(out), "--converter", "json"],
        capture_output=True,
        text=True,
    )
    if run.returncode != 0:
        fail("spacy convert", run.stderr[-2000:])
        return 0
    n = 0
    for name in names(d):
        text = read_text(d / f"{name}.txt")
        files = list(out.glob(f"{name}.spacy*.spacy"))
        if len(files) != 1:
            fail(name, f"spacy convert wrote {files} for it")
            continue
        docs = list(DocBin().from_disk(files[0]).get_docs(nlp.vocab))
        if len(docs) != 1:
            fail(name, f"{len(docs)} Docs in the DocBin, not 1")
            continue
        doc = docs[0]
        n += 1
        if doc.text != text:
            fail(name, f"Doc.text differs from the article: {doc.text!r} != {text!r}")
        got = [(e.start_char, e.end_char, e.label_, e.text) for e in doc.ents]
        want = [(s, t, label, text[s:t]) for s, t, label in entities_of(expected(d, name))]
        if got != want:
            fail(name, f"Doc.ents {got} != entities {want}")
    return n


def check_conll(d, fail):
    import conllu
    from seqeval.scheme import IOB2, Entities

    n = 0
    for name in names(d):
        text = read_text(d / f"{name}.txt")
        data = read_text(d / f"{name}.conll")
        n += 1
        lines = data.split("\n")
        if not lines[0].startswith("-DOCSTART-\t"):
            fail(name, f"first line {lines[0]!r}")
        rows = [line.split("\t") for line in lines if line]
        if any(len(r) != 2 for r in rows):
            fail(name, f"a line without exactly one tab: {[r for r in rows if len(r) != 2][:3]}")
            continue
        # conllu: every sentence parses; it reads the token lines (a line that
        # starts with "#" is a comment to it: CoNLL-U puts an id column first).
        try:
            parsed = conllu.parse(data, fields=["form", "ner"])
        except Exception as e:  # noqa: BLE001 - any parse error is the failure
            fail(name, f"conllu: {e}")
            continue
        got_rows = [(t["form"], t["ner"]) for s in parsed for t in s]
        want_rows = [(f, t) for f, t in rows if not f.startswith("#")]
        if got_rows != want_rows:
            fail(name, f"conllu read {len(got_rows)} tokens, the file has {len(want_rows)}")
        # seqeval, strict IOB2, sentence by sentence: the entities, as characters.
        sentences = [[]]
        for line in lines[2:]:
            if line:
                sentences[-1].append(line.split("\t"))
            elif sentences[-1]:
                sentences.append([])
        sentences = [s for s in sentences if s]
        try:
            decoded = Entities([[t for _, t in s] for s in sentences], IOB2).entities
        except Exception as e:  # noqa: BLE001
            fail(name, f"seqeval: {e}")
            continue
        # Where each token is in the text (tokens are written as they are).
        at = 0
        offsets = []
        for s in sentences:
            row = []
            for form, _ in s:
                i = text.find(form, at)
                if i < 0:
                    fail(name, f"token {form!r} is not in the text after {at}")
                    i = at
                row.append((i, i + len(form)))
                at = i + len(form)
            offsets.append(row)
        got = sorted(
            (offsets[e.sent_id][e.start][0], offsets[e.sent_id][e.end - 1][1], e.tag)
            for s in decoded
            for e in s
        )
        want = [e for e in entities_of(expected(d, name)) if text[e[0] : e[1]].strip()]
        if got != want:
            fail(name, f"seqeval's entities {got} != the JSON export's {want}")
    return n


def check_webanno(d, fail):
    from jsonschema import Draft4Validator

    schema = json.loads(read_text(HERE / "w3c-musts.schema.json"))
    checker = Draft4Validator.FORMAT_CHECKER
    assert "uri" in checker.checkers, "no uri format checker: install rfc3986-validator"

    def validator(part):
        return Draft4Validator({**schema, "$ref": f"#/definitions/{part}"}, format_checker=checker)

    annotation, page, collection = validator("annotation"), validator("page"), validator("collection")

    def errors(v, instance):
        return [f"{'/'.join(map(str, e.absolute_path))}: {e.message[:200]}" for e in v.iter_errors(instance)]

    n = 0
    for name in names(d):
        doc = json.loads(read_text(d / f"{name}.jsonld"))
        n += 1
        for where, v, inst in [("collection", collection, doc), ("page", page, doc.get("first", {}))]:
            found = errors(v, inst)
            if found:
                fail(name, f"{where}: {found[:3]}")
        items = doc.get("first", {}).get("items", [])
        ids = [doc.get("id"), doc.get("first", {}).get("id")]
        for i, item in enumerate(items):
            found = errors(annotation, item)
            if found:
                fail(name, f"annotation {i}: {found[:3]}")
            ids.append(item.get("id"))
        if len(set(ids)) != len(ids) or not all(isinstance(x, str) and x.startswith("urn:uuid:") for x in ids):
            fail(name, "ids are not distinct urn:uuid: IRIs")
        by_id = {item["id"]: item for item in items if "id" in item}
        for item in items:
            link = item.get("newsmark:attribution")
            if link is None or item.get("motivation") == "classifying":
                continue
            attribution = by_id.get(link)
            if not attribution or attribution.get("motivation") != "linking" or item["id"] not in attribution["target"]:
                fail(name, f"part {item['id']} and its attribution {link} are not linked both ways")
        if len(items) != doc.get("total"):
            fail(name, f"total {doc.get('total')} but {len(items)} items")
    return n


def check_claimreview(d, fail):
    import extruct

    n = 0
    for name in names(d):
        json_ld = read_text(d / f"{name}.claimreview.jsonld")
        claims = expected(d, name)["claims"]
        page = (
            '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Fact check</title>'
            f'<script type="application/ld+json">{json_ld}</script></head>'
            "<body><p>After the block.</p></body></html>"
        )
        n += 1
        if "<" in json_ld:
            fail(name, "a < is written as it is")
        try:
            found = extruct.extract(page, syntaxes=["json-ld"], errors="strict")["json-ld"]
        except Exception as e:  # noqa: BLE001
            fail(name, f"extruct: {e}")
            continue
        items = found[0] if len(found) == 1 and isinstance(found[0], list) else found
        if len(items) != len(claims):
            fail(name, f"extruct found {len(items)} items for {len(claims)} claims")
            continue
        for c, item in zip(claims, items):
            review = c.get("review")
            if review:
                item_claim = item.get("itemReviewed", {})
                checks = {
                    "@type": item.get("@type") == "ClaimReview",
                    "claimReviewed": item.get("claimReviewed") == c["text"],
                    "url": item.get("url") == review["url"].strip() and bool(item.get("url")),
                    "reviewRating.alternateName": item.get("reviewRating", {}).get("alternateName")
                    == review["rating"].strip(),
                    "author": item.get("author", {}).get("@type") == "Organization"
                    and item["author"].get("name") == review["organization"].strip(),
                    "itemReviewed": item_claim.get("@type") == "Claim",
                    "itemReviewed.author": "author" not in item_claim
                    or item_claim["author"].get("@type") in ("Person", "Organization"),
                }
                if review.get("appearance"):
                    checks["itemReviewed.appearance"] = item_claim.get("appearance", {}).get("url") == review["appearance"]
                if review.get("claimant"):
                    checks["itemReviewed.author.name"] = item_claim.get("author", {}).get("name") == review["claimant"]
                if "rating_value" in review:
                    checks["reviewRating.ratingValue"] = item["reviewRating"].get("ratingValue") == review["rating_value"]
            else:
                checks = {
                    "@type": item.get("@type") == "Claim",
                    "text": item.get("text") == c["text"],
                    "not reviewed": item.get("newsmark:reviewed") is False,
                    "author": "author" not in item or item["author"].get("@type") in ("Person", "Organization"),
                }
            wrong = [k for k, ok in checks.items() if not ok]
            if wrong:
                fail(name, f"claim {c['text'][:60]!r}: {wrong} in {json.dumps(item)[:400]}")
    return n


def main():
    fmt, d = sys.argv[1], pathlib.Path(sys.argv[2])
    failures = []

    def fail(where, message):
        failures.append(f"{where}: {message}")

    check = {"spacy": check_spacy, "conll": check_conll, "webanno": check_webanno, "claimreview": check_claimreview}[fmt]
    checked = check(d, fail)
    print(json.dumps({"checked": checked, "failures": failures[:50], "failed": len(failures)}))
    sys.exit(1 if failures or checked == 0 else 0)


if __name__ == "__main__":
    main()
