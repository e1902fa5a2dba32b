#!/usr/bin/env python3
"""Lists the cue words of PolNeAR train for src/ner/features.rs (TRAIN_CUE_WORDS).

A word is listed when it occurs at least --min-count times inside a gold Cue
span of PolNeAR *train* (one .ann file per article, the first in sorted
order) and is inside a cue at least --min-rate of the times it occurs in the
train texts. Adverbs ("also", words in -ly) and words already in CUE_WORDS
are left out. Dev is never read.

    python3 scripts/cue-words.py [--data ../shared/data] [--write]

prints the list, or with --write replaces TRAIN_CUE_WORDS in src/ner/features.rs.
Then retrain: target/release/newsmark train-attribution --prune 10.
"""
import argparse
import collections
import glob
import os
import re

WORD = re.compile(r"\w+(?:'\w+)?")
CUE = re.compile(r"T\d+\tCue ([\d; ]+)\t")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--data', default=os.environ.get('NEWSMARK_DATA', '../shared/data'))
    ap.add_argument('--min-count', type=int, default=8)
    ap.add_argument('--min-rate', type=float, default=0.3)
    ap.add_argument('--write', action='store_true')
    a = ap.parse_args()
    base = os.path.join(a.data, 'attribution/polnear/train')
    in_cue = collections.Counter()
    total = collections.Counter()
    seen = set()
    for ann in sorted(glob.glob(os.path.join(base, 'attributions/*.ann'))):
        article = os.path.basename(ann).rsplit('_', 1)[0]
        if article in seen:
            continue
        seen.add(article)
        with open(os.path.join(base, 'text', article + '.txt'), encoding='utf8') as f:
            text = f.read()
        total.update(WORD.findall(text.lower()))
        with open(ann, encoding='utf8') as f:
            for line in f:
                m = CUE.match(line)
                if not m:
                    continue
                for piece in m.group(1).split(';'):
                    start, end = map(int, piece.split())
                    in_cue.update(WORD.findall(text[start:end].lower()))
    path = os.path.join(os.path.dirname(__file__), '..', 'src/ner/features.rs')
    with open(path, encoding='utf8') as f:
        src = f.read()
    head = src[src.index('pub const CUE_WORDS'):]
    hand = set(re.findall(r'^    "([^"]+)",$', head[:head.index('];')], re.M))
    words = sorted(w for w, c in in_cue.items()
                   if c >= a.min_count and c / total[w] >= a.min_rate and w not in hand
                   and w.isalpha() and w.isascii() and w != 'also' and not w.endswith('ly'))
    if not a.write:
        print(len(words), ' '.join(words))
        return
    start = src.index('pub const TRAIN_CUE_WORDS: &[&str] = &[\n') + len('pub const TRAIN_CUE_WORDS: &[&str] = &[\n')
    end = src.index('];', start)
    src = src[:start] + ''.join(f'    "{w}",\n' for w in words) + src[end:]
    with open(path, 'w', encoding='utf8') as f:
        f.write(src)
    print(f'{len(words)} words written to {os.path.relpath(path)}')


if __name__ == '__main__':
    main()
