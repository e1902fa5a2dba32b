#!/usr/bin/env python3
"""A news-like archive for the Spark job's test and benchmark: invented articles
made from templates (people, organisations, places, dates, money, percentages,
quotes and attributions), deterministic for a seed. No corpus text.

    python3 scale/make_archive.py --articles 300 --out archive.jsonl [--bad-rows]

Writes JSON lines {"id": "...", "text": "..."}. With --bad-rows it also writes
the rows the job must report rather than annotate (see BAD_ROWS), so that one
file exercises every path. Standard library only.
"""

import argparse
import json
import random

PEOPLE = ['Amara Okafor', 'Lukas Brenner', 'Sofia Marquez', 'Hiroshi Tanaka', 'Ingrid Solberg',
          'Tomas Ferreira', 'Wanjiru Kamau', 'Ursula Kessler', 'Rahul Mehta', 'Elena Petrova',
          'David Cohen', 'Fatima Zahra', 'Jean-Luc Moreau', 'Chen Wei', 'Zoë Ådahl', 'Kwame Mensah',
          'Olga Nowak', 'Mateus Silva', 'Aisha Bello', 'Henrik Lindqvist']
TITLES = ['Finance Minister', 'President', 'Mayor', 'Senator', 'Prime Minister', 'chief executive',
          'spokeswoman', 'central bank governor', 'union leader', 'Economy Minister']
ORGS = ['Nordwind Energy', 'the European Commission', 'Atlantico Ports', 'the World Bank',
        'Fjordkraft Shipping', 'the Central Bank of Kenya', 'Halvorsen Group', 'the United Nations',
        'Meridian Airlines', 'the Finance Ministry', 'the International Monetary Fund',
        'Baltic Rail', 'the Red Cross', 'Sierra Mining', 'the Supreme Court']
PLACES = ['Brussels', 'Lisbon', 'Nairobi', 'Oslo', 'Antwerp', 'Bergen', 'Geneva', 'Tokyo', 'Mumbai',
          'Frankfurt', 'Ghent', 'Porto', 'Lagos', 'Warsaw', 'Malmö', 'São Paulo', 'Zürich', 'Baku']
COUNTRIES = ['Germany', 'Kenya', 'Norway', 'Portugal', 'Japan', 'India', 'Brazil', 'Poland',
             'Nigeria', 'Azerbaijan', 'Belgium', 'Sweden']
DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']
MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
          'September', 'October', 'November', 'December']
THINGS = ['freight rates', 'electricity prices', 'inflation', 'container traffic', 'unemployment',
          'exports', 'tourism revenue', 'housing costs', 'grain prices', 'public debt', 'wages']
VERBS = ['said', 'told reporters', 'said in a statement', 'told lawmakers', 'wrote in a report',
         'told a news conference', 'said on television']
AGENCIES = ['Reuters', 'AP', 'AFP', 'dpa']

TEMPLATES = [
    '{person}, who leads {org}, {verb} on {day} that {thing} had risen {pct}% since {month}.',
    'Officials in {place} said the plan would cost about {num} million euros over {small} years.',
    '"We expect {thing} to fall by {pct}% next year," {person} {verb}.',
    '{Org} declined to comment on the talks in {place}.',
    'According to {org}, {thing} in {place} fell for a {ord} month in {month}.',
    'The meeting in {place} ended without a deal, and {person} flew back to {place2} on {day}.',
    'Analysts at {org} said the decision would raise costs for households in {country}.',
    '{person} met {person2} in {place} on {day} to discuss {thing}.',
    '{Title} {person} said the government would spend ${num} million on new roads by {year}.',
    'The report, published by {org} on {day}, found that {pct}% of firms had cut jobs.',
    '"This is not the time for half measures," {title} {person} told the crowd in {place}.',
    'Shares in {org2} rose {pct}% to {small}.{cents} euros in {place} trading.',
    'More than {num},000 people marched through {place} on {day}, police said.',
    '{country} will hold a referendum on {month} {date}, {year}, the electoral commission announced.',
    'The company employs {num} people and reported a profit of {small}.{cents} billion dollars last year.',
    '{person} denied the allegations, saying the figures were "simply wrong".',
    'Talks between {org} and {org2} resumed at 9:30 a.m. on {day} in {place}.',
    'It was the {ord} time this year that {thing} in {country} had fallen below {pct}%.',
    '"We will not accept a deal that hurts workers in {place}," said {person}, a spokesman for {org2}.',
    'The storm cut power to {num},000 homes and closed the airport in {place} for {small} hours.',
    'In {year}, {thing} in {country} reached a record {num} million tonnes, official data show.',
    '{person} is expected to visit {place} and {place2} later in {month}.',
]


def _fill(rng, template):
    person, person2 = rng.sample(PEOPLE, 2)
    org, org2 = rng.sample(ORGS, 2)
    place, place2 = rng.sample(PLACES, 2)
    title = rng.choice(TITLES)
    values = {
        'person': person, 'person2': person2, 'org': org, 'org2': org2,
        'Org': org[0].upper() + org[1:], 'place': place, 'place2': place2,
        'country': rng.choice(COUNTRIES), 'day': rng.choice(DAYS), 'month': rng.choice(MONTHS),
        'thing': rng.choice(THINGS), 'verb': rng.choice(VERBS), 'title': title,
        'Title': title[0].upper() + title[1:], 'pct': f'{rng.randint(1, 40)}.{rng.randint(0, 9)}',
        'num': rng.randint(2, 950), 'small': rng.randint(2, 12), 'cents': f'{rng.randint(0, 99):02d}',
        'ord': rng.choice(['second', 'third', 'fourth', 'fifth']), 'year': rng.randint(1998, 2026),
        'date': rng.randint(1, 28),
    }
    return template.format(**values)


def article(rng, paragraphs):
    """One article: a wire dateline, then paragraphs of one to four sentences."""
    place = rng.choice(PLACES).upper()
    lines = []
    for p in range(paragraphs):
        sentences = ' '.join(_fill(rng, rng.choice(TEMPLATES)) for _ in range(rng.randint(1, 4)))
        if p == 0:
            sentences = f'{place}, {rng.choice(MONTHS)[:3]} {rng.randint(1, 28)} ({rng.choice(AGENCIES)}) - {sentences}'
        lines.append(sentences)
    return '\n\n'.join(lines)


def articles(n, seed=18, mean_paragraphs=8):
    """`n` (id, text) pairs, the same for the same seed."""
    rng = random.Random(seed)
    for i in range(n):
        paragraphs = max(1, int(rng.gauss(mean_paragraphs, mean_paragraphs / 3)))
        yield f'a{seed}-{i:07d}', article(rng, paragraphs)


# The rows the job must keep, with an `error` and no annotations: raw JSON lines
# (bytes, since one is not UTF-8) and the error each must give, as a prefix.
BAD_ROWS = [
    (b'{"id": "bad-utf8", "text": "Caf\xe9 owner in Porto said sales fell."}', 'not UTF-8'),
    (b'{"id": "no-text"}', 'missing text'),
    (b'{"id": "null-text", "text": null}', 'missing text'),
    (b'{"id": "number-text", "text": 42}', 'text is not a string'),
    (b'{"id": "lone-surrogate", "text": "a \\ud800 b"}', 'text is not valid Unicode'),
    (b'{"id": "not-json", "text": "unterminated', 'not a JSON object'),
    (b'["id", "an array, not an object"]', 'not a JSON object'),
]
# Rows that are odd but valid: the CLI annotates them, and so must the job.
ODD_ROWS = [
    {'id': 'empty-text', 'text': ''},
    {'id': 7, 'text': 'A numeric id: Ingrid Solberg spoke in Oslo on Monday.'},
    {'id': 'emoji', 'text': '😀 Zoë Ådahl from Malmö met 王小明 in Zürich\u00a0on Monday.\r\n\r\nShe said prices rose 4%.'},
]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--articles', type=int, default=300)
    ap.add_argument('--seed', type=int, default=18)
    ap.add_argument('--paragraphs', type=int, default=8, help='mean paragraphs per article')
    ap.add_argument('--bad-rows', action='store_true', help='add BAD_ROWS and ODD_ROWS')
    ap.add_argument('--out', required=True)
    args = ap.parse_args()
    with open(args.out, 'wb') as f:
        for id_, text in articles(args.articles, args.seed, args.paragraphs):
            f.write(json.dumps({'id': id_, 'text': text}, ensure_ascii=False).encode() + b'\n')
        if args.bad_rows:
            for row in ODD_ROWS:
                f.write(json.dumps(row, ensure_ascii=False).encode() + b'\n')
            for raw, _ in BAD_ROWS:
                f.write(raw + b'\n')


if __name__ == '__main__':
    main()
