// A long, news-like article for the UI benchmark (scripts/bench-ui.mjs) and the
// long-article browser test: sentences from templates with people,
// organisations, places, dates, numbers, quotes and attributions, in
// paragraphs of three to five sentences. Deterministic (seeded), invented
// names: no corpus text.

function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PEOPLE = ['Amara Okafor', 'Lukas Brenner', 'Sofia Marquez', 'Hiroshi Tanaka', 'Ingrid Solberg', 'Tomas Ferreira',
  'Wanjiru Kamau', 'Ursula Kessler', 'Rahul Mehta', 'Elena Petrova', 'David Cohen', 'Fatima Zahra'];
const ORGS = ['Nordwind Energy', 'the European Commission', 'Atlantico Ports', 'the World Bank', 'Fjordkraft Shipping',
  'the Central Bank of Kenya', 'Halvorsen', 'the United Nations', 'Meridian Airlines', 'the Finance Ministry'];
const PLACES = ['Brussels', 'Lisbon', 'Nairobi', 'Oslo', 'Antwerp', 'Bergen', 'Geneva', 'Tokyo', 'Mumbai', 'Frankfurt', 'Ghent', 'Porto'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];
const MONTHS = ['January', 'March', 'May', 'July', 'September', 'November'];
const VERBS = ['said', 'told reporters', 'said in a statement', 'told lawmakers', 'wrote in a report'];
const THINGS = ['freight rates', 'electricity prices', 'inflation', 'container traffic', 'unemployment', 'exports', 'tourism revenue'];

const TEMPLATES = [
  (p) => `${p.person}, who leads ${p.org}, ${p.verb} on ${p.day} that ${p.thing} had risen ${p.pct}% since ${p.month}.`,
  (p) => `Officials in ${p.place} said the plan would cost about ${p.num} million euros over ${p.small} years.`,
  (p) => `“We expect ${p.thing} to fall by ${p.pct}% next year,” ${p.person} ${p.verb}.`,
  (p) => `${p.Org} declined to comment on the talks in ${p.place}.`,
  (p) => `According to ${p.org}, ${p.thing} in ${p.place} fell for a ${p.ord} month in ${p.month}.`,
  (p) => `The meeting in ${p.place} ended without a deal, and ${p.person} flew back to ${p.place2} on ${p.day}.`,
  (p) => `Analysts at ${p.org} said the decision would raise costs for households in ${p.place}.`,
  (p) => `${p.person} met ${p.person2} in ${p.place} to discuss ${p.thing}.`,
  (p) => `Thank you all for coming, ${p.person} told the crowd.`,
  (p) => `The report, published by ${p.org} on ${p.day}, found that ${p.pct}% of firms had cut jobs.`,
];

/** An article of at least `words` words, with paragraphs separated by blank lines. */
export function longArticle(words = 20000, seed = 7) {
  const r = rng(seed);
  const pick = (a) => a[Math.floor(r() * a.length)];
  const paras = [];
  let count = 0;
  while (count < words) {
    const n = 3 + Math.floor(r() * 3);
    const sents = [];
    for (let k = 0; k < n; k++) {
      const org = pick(ORGS);
      const s = pick(TEMPLATES)({
        person: pick(PEOPLE), person2: pick(PEOPLE), org, Org: org[0].toUpperCase() + org.slice(1), place: pick(PLACES), place2: pick(PLACES),
        day: pick(DAYS), month: pick(MONTHS), verb: pick(VERBS), thing: pick(THINGS),
        pct: (1 + Math.floor(r() * 40)) + (r() < 0.3 ? '.5' : ''), num: 10 + Math.floor(r() * 900), small: 2 + Math.floor(r() * 8),
        ord: pick(['second', 'third', 'fourth']),
      });
      sents.push(s);
      count += s.split(/\s+/).length;
    }
    paras.push(sents.join(' '));
  }
  return paras.join('\n\n');
}
