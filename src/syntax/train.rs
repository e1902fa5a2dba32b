//! Training and evaluation of the tagger and parser on the Universal
//! Dependencies treebanks (re-tokenised by [`super::conllu`]).

use super::conllu::{align, gum_doc_allowed, read_conllu, AlignKind, Aligned};
use super::{
    argmax_from, label_features, mark_counts, tag_features, tok_atoms, trans_features, Ctx,
    FineTag, Linear, Parse, Parser, PosTagger, Rel, Scratch, State, Tok, Upos, LEFT, MAX_TAGS,
    N_REL, RIGHT, ROOT, SHIFT, TAG_NONE,
};
use crate::binfmt::{codebook, nearest};
use rustc_hash::FxHashMap;
use std::path::{Path, PathBuf};

/// How many sentences of a treebank aligned, and how.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AlignStats {
    pub sentences: usize,
    pub clean: usize,
    pub merged: usize,
    pub split: usize,
    pub dropped: usize,
    /// Sentences left out by the genre filter.
    pub filtered: usize,
}

impl std::fmt::Display for AlignStats {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let used = self.sentences - self.filtered;
        write!(
            f,
            "{} sentences used ({} left out by genre): {} aligned one token per word ({:.1}%), \
             {} with merged words, {} with split words, {} dropped",
            used,
            self.filtered,
            self.clean,
            100.0 * self.clean as f64 / used.max(1) as f64,
            self.merged,
            self.split,
            self.dropped
        )
    }
}

/// The treebank directory: `dir` if given, else `$NEWSMARK_DATA/treebanks`,
/// else `../shared/data/treebanks` next to the repository.
pub fn treebank_dir(dir: Option<&Path>) -> PathBuf {
    if let Some(d) = dir {
        return d.to_path_buf();
    }
    std::env::var_os("NEWSMARK_DATA")
        .map(|d| PathBuf::from(d).join("treebanks"))
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/treebanks")
        })
}

/// Which treebank file: `("ewt" | "gum", "train" | "dev" | "test")`.
pub fn treebank_file(dir: &Path, bank: &str, split: &str) -> PathBuf {
    match bank {
        "gum" => dir.join(format!("ud-english-gum/en_gum-ud-{split}.conllu")),
        _ => dir.join(format!("ud-english-ewt/en_ewt-ud-{split}.conllu")),
    }
}

/// Reads and aligns a treebank; GUM files keep only [`super::conllu::GUM_GENRES`].
pub fn load(path: &Path) -> std::io::Result<(Vec<Aligned>, AlignStats)> {
    let text = std::fs::read_to_string(path)?;
    let gum = path
        .file_name()
        .is_some_and(|f| f.to_string_lossy().starts_with("en_gum"));
    let mut stats = AlignStats::default();
    let mut out = Vec::new();
    for s in read_conllu(&text) {
        stats.sentences += 1;
        if gum && !gum_doc_allowed(&s.doc) {
            stats.filtered += 1;
            continue;
        }
        match align(&s) {
            Ok((a, kind)) => {
                match kind {
                    AlignKind::Clean => stats.clean += 1,
                    AlignKind::Merged => stats.merged += 1,
                    AlignKind::Split => stats.split += 1,
                }
                out.push(a);
            }
            Err(_) => stats.dropped += 1,
        }
    }
    Ok((out, stats))
}

// ---------------------------------------------------------------------------
// Averaged perceptron

/// A multi-class averaged perceptron over hashed features (Daumé's trick:
/// the average is `w - u / c`).
pub(crate) struct Avg {
    nclass: usize,
    map: FxHashMap<u32, u32>,
    w: Vec<i32>,
    u: Vec<i64>,
    cnt: Vec<u32>,
    c: i64,
}

impl Avg {
    fn write(&self, out: &mut impl std::io::Write) -> std::io::Result<()> {
        out.write_all(&(self.nclass as u32).to_le_bytes())?;
        out.write_all(&self.c.to_le_bytes())?;
        out.write_all(&(self.map.len() as u64).to_le_bytes())?;
        let mut rows: Vec<(u32, u32)> = self.map.iter().map(|(&k, &r)| (k, r)).collect();
        rows.sort_unstable();
        for (k, r) in rows {
            let r = r as usize;
            out.write_all(&k.to_le_bytes())?;
            out.write_all(&self.cnt[r].to_le_bytes())?;
            for j in 0..self.nclass {
                out.write_all(&self.w[r * self.nclass + j].to_le_bytes())?;
                out.write_all(&self.u[r * self.nclass + j].to_le_bytes())?;
            }
        }
        Ok(())
    }

    fn read(inp: &mut impl std::io::Read) -> std::io::Result<Self> {
        let mut b4 = [0u8; 4];
        let mut b8 = [0u8; 8];
        inp.read_exact(&mut b4)?;
        let mut m = Avg::new(u32::from_le_bytes(b4) as usize);
        inp.read_exact(&mut b8)?;
        m.c = i64::from_le_bytes(b8);
        inp.read_exact(&mut b8)?;
        let n = u64::from_le_bytes(b8) as usize;
        for r in 0..n {
            inp.read_exact(&mut b4)?;
            m.map.insert(u32::from_le_bytes(b4), r as u32);
            inp.read_exact(&mut b4)?;
            m.cnt.push(u32::from_le_bytes(b4));
            for _ in 0..m.nclass {
                inp.read_exact(&mut b4)?;
                m.w.push(i32::from_le_bytes(b4));
                inp.read_exact(&mut b8)?;
                m.u.push(i64::from_le_bytes(b8));
            }
        }
        Ok(m)
    }

    fn new(nclass: usize) -> Self {
        Avg {
            nclass,
            map: FxHashMap::default(),
            w: Vec::new(),
            u: Vec::new(),
            cnt: Vec::new(),
            c: 1,
        }
    }

    fn score(&mut self, keys: &[u32], out: &mut [i64]) {
        out.iter_mut().for_each(|s| *s = 0);
        for k in keys {
            if let Some(&r) = self.map.get(k) {
                let r = r as usize;
                self.cnt[r] = self.cnt[r].saturating_add(1);
                let w = &self.w[r * self.nclass..(r + 1) * self.nclass];
                for (s, &x) in out.iter_mut().zip(w) {
                    *s += x as i64;
                }
            }
        }
    }

    fn update(&mut self, keys: &[u32], good: usize, bad: usize) {
        let nc = self.nclass;
        for &k in keys {
            let next = self.map.len() as u32;
            let r = *self.map.entry(k).or_insert(next) as usize;
            if r == self.cnt.len() {
                self.w.resize((r + 1) * nc, 0);
                self.u.resize((r + 1) * nc, 0);
                self.cnt.push(1);
            }
            self.w[r * nc + good] += 1;
            self.u[r * nc + good] += self.c;
            self.w[r * nc + bad] -= 1;
            self.u[r * nc + bad] -= self.c;
        }
    }

    fn tick(&mut self) {
        self.c += 1;
    }

    pub fn rows(&self) -> usize {
        self.map.len()
    }

    /// Averages, prunes rows seen fewer than `prune` times, folds keys to
    /// `bits` bits, and quantises to a 256-level codebook. With `relative`,
    /// class 0's weight is subtracted from each row (the best class does not
    /// change), which makes class 0 always zero.
    fn finish(&self, prune: u32, bits: u32, relative: bool) -> Linear {
        self.finish_with(&Pruning::count(prune), 0, bits, relative)
    }

    /// `which`: 0 tagger, 1 transitions, 2 labels (for the weight threshold).
    fn finish_with(&self, pr: &Pruning, which: usize, bits: u32, relative: bool) -> Linear {
        let prune = pr.count;
        let min_weight = pr.min_weight[which];
        let nc = self.nclass;
        let mask = if bits >= 32 {
            u32::MAX - 1
        } else {
            (1u32 << bits) - 1
        };
        let mut rows: Vec<(u32, u32)> = self
            .map
            .iter()
            .filter(|&(_, &r)| self.cnt[r as usize] >= prune)
            .map(|(&k, &r)| (if bits >= 32 { k.min(mask) } else { k & mask }, r))
            .collect();
        rows.sort_unstable();
        let c = self.c as f64;
        let mut keys: Vec<u32> = Vec::new();
        let mut vals: Vec<f64> = Vec::new();
        for &(k, r) in &rows {
            let r = r as usize;
            if keys.last() != Some(&k) {
                keys.push(k);
                vals.resize(vals.len() + nc, 0.0);
            }
            let base = vals.len() - nc;
            for j in 0..nc {
                vals[base + j] += self.w[r * nc + j] as f64 - self.u[r * nc + j] as f64 / c;
            }
        }
        if relative {
            for row in vals.chunks_mut(nc) {
                let first = row[0];
                row.iter_mut().for_each(|v| *v -= first);
            }
        }
        // Rows whose largest weight is small are left out; with
        // `elementwise`, each small weight is set to zero (and rows left all
        // zero are dropped).
        if min_weight > 0.0 {
            let each = pr.elementwise[which];
            let (mut k2, mut v2) = (Vec::new(), Vec::new());
            for (k, row) in keys.iter().zip(vals.chunks(nc)) {
                if row.iter().any(|v| v.abs() >= min_weight) {
                    k2.push(*k);
                    v2.extend(
                        row.iter()
                            .map(|&v| if each && v.abs() < min_weight { 0.0 } else { v }),
                    );
                }
            }
            (keys, vals) = (k2, v2);
        }
        let max = vals.iter().fold(0.0f64, |m, &v| m.max(v.abs())).max(1e-9);
        let scale = 30000.0 / max;
        let ints: Vec<i16> = vals.iter().map(|&v| (v * scale).round() as i16).collect();
        let book = codebook(&ints, pr.levels[which].clamp(2, 256));
        let zero = book.binary_search(&0).unwrap_or(0) as u8;
        let mut out_keys = Vec::with_capacity(keys.len());
        let mut codes = Vec::with_capacity(ints.len());
        for (i, &k) in keys.iter().enumerate() {
            let row: Vec<u8> = ints[i * nc..(i + 1) * nc]
                .iter()
                .map(|&v| book.binary_search(&nearest(&book, v)).unwrap_or(0) as u8)
                .collect();
            if row.iter().any(|&x| x != zero) {
                out_keys.push(k);
                codes.extend(row);
            }
        }
        Linear::new(nc, bits, out_keys, book, codes)
    }
}

// ---------------------------------------------------------------------------
// Training

/// How a trained model is cut down for the file.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pruning {
    /// Keep features seen at least this often in training.
    pub count: u32,
    /// Keep rows with a weight of at least this size (in perceptron
    /// updates), for the tagger, transition and label models.
    pub min_weight: [f64; 3],
    /// Whether `min_weight` zeroes each small weight (`e` before the number)
    /// rather than dropping whole rows whose weights are all small.
    pub elementwise: [bool; 3],
    /// Codebook levels for the tagger, transition and label models (at most
    /// 16 packs two codes per byte).
    pub levels: [usize; 3],
}

impl Pruning {
    pub fn count(count: u32) -> Self {
        Pruning {
            count,
            min_weight: [0.0; 3],
            elementwise: [false; 3],
            levels: [256; 3],
        }
    }
}

impl std::str::FromStr for Pruning {
    type Err = String;
    /// `COUNT[:MIN_WEIGHT[:LEVELS]]`, e.g. `30:1.5:16`; MIN_WEIGHT and LEVELS
    /// may be three numbers, for the tagger, transitions and labels, and a
    /// weight with `e` before it zeroes weights one by one:
    /// `30:e2/4/e2:256/64/256`.
    fn from_str(s: &str) -> Result<Self, String> {
        let mut it = s.split(':');
        let bad = || format!("bad pruning {s:?} (COUNT[:MIN_WEIGHT[:LEVELS]])");
        let mut p = Pruning::count(it.next().unwrap_or("").parse().map_err(|_| bad())?);
        if let Some(w) = it.next() {
            let v: Vec<(bool, f64)> = w
                .split('/')
                .map(|x| {
                    let e = x.starts_with('e');
                    x.trim_start_matches('e')
                        .parse()
                        .map(|v| (e, v))
                        .map_err(|_| bad())
                })
                .collect::<Result<_, _>>()?;
            let v = match v[..] {
                [a] => [a; 3],
                [a, b, c] => [a, b, c],
                _ => return Err(bad()),
            };
            p.min_weight = v.map(|x| x.1);
            p.elementwise = v.map(|x| x.0);
        }
        if let Some(l) = it.next() {
            let v: Vec<usize> = l
                .split('/')
                .map(|x| x.parse().map_err(|_| bad()))
                .collect::<Result<_, _>>()?;
            p.levels = match v[..] {
                [a] => [a; 3],
                [a, b, c] => [a, b, c],
                _ => return Err(bad()),
            };
        }
        Ok(p)
    }
}

impl std::fmt::Display for Pruning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let w = |i: usize| {
            format!(
                "{}{}",
                if self.elementwise[i] { "e" } else { "" },
                self.min_weight[i]
            )
        };
        let [x, y, z] = self.levels;
        write!(f, "{}:{}/{}/{}:{x}/{y}/{z}", self.count, w(0), w(1), w(2))
    }
}

/// Training settings.
#[derive(Debug, Clone)]
pub struct TrainConfig {
    /// Parser epochs.
    pub epochs: usize,
    /// Tagger epochs.
    pub tag_epochs: usize,
    /// How the model is cut down for the file.
    pub prune: Pruning,
    pub seed: u64,
    /// Feature keys are folded to this many bits in the file.
    pub bits: u32,
    /// Folds for jackknifed training tags (0 or 1: gold tags).
    pub jackknife: usize,
    /// Treebank tags seen fewer times are folded into their UPOS's most
    /// frequent tag.
    pub min_tag_count: usize,
    /// Follow the model's own (possibly wrong) moves with this probability
    /// from the second epoch on (dynamic-oracle exploration).
    pub explore: f64,
}

impl Default for TrainConfig {
    /// The settings of the shipped model (`models/parser.nmk`).
    fn default() -> Self {
        TrainConfig {
            epochs: 10,
            tag_epochs: 10,
            prune: Pruning {
                count: 30,
                min_weight: [1.5, 4.5, 2.0],
                elementwise: [true, false, true],
                levels: [256, 64, 256],
            },
            seed: 1,
            bits: 22,
            jackknife: 5,
            min_tag_count: usize::MAX,
            explore: 0.9,
        }
    }
}

/// A small deterministic generator (SplitMix64).
pub(crate) struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed ^ 0x5DEE_CE66_D1CE_4E5B)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

/// The tagger's classes: (UPOS, XPOS) pairs seen at least `min` times, in
/// order of frequency, with at least one per UPOS.
fn build_tagset(data: &[Aligned], min: usize) -> Vec<FineTag> {
    let mut counts: FxHashMap<(Upos, &str), usize> = FxHashMap::default();
    for a in data {
        for (u, x) in a.upos.iter().zip(&a.xpos) {
            *counts.entry((*u, x.as_str())).or_default() += 1;
        }
    }
    let mut pairs: Vec<((Upos, &str), usize)> = counts.into_iter().collect();
    pairs.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut out: Vec<FineTag> = Vec::new();
    for &((u, x), n) in &pairs {
        let first_of_upos = !out.iter().any(|t| t.upos == u);
        if (n >= min || first_of_upos) && out.len() < MAX_TAGS {
            out.push(FineTag {
                upos: u,
                xpos: x.to_string(),
            });
        }
    }
    for &u in Upos::ALL {
        if !out.iter().any(|t| t.upos == u) {
            out.push(FineTag {
                upos: u,
                xpos: String::new(),
            });
        }
    }
    out.truncate(MAX_TAGS);
    out
}

/// Gold fine tags of a sentence: its (UPOS, XPOS) pair, or the UPOS's most
/// frequent tag.
fn fine_tags(tagset: &[FineTag], a: &Aligned) -> Vec<u8> {
    a.upos
        .iter()
        .zip(&a.xpos)
        .map(|(u, x)| {
            tagset
                .iter()
                .position(|t| t.upos == *u && t.xpos == *x)
                .or_else(|| tagset.iter().position(|t| t.upos == *u))
                .unwrap_or(0) as u8
        })
        .collect()
}

fn atoms(words: &[String]) -> Vec<Tok> {
    let mut buf = Vec::new();
    words.iter().map(|w| tok_atoms(w, &mut buf)).collect()
}

/// Trains the tagger on `sents` (indices into `data`).
fn train_tagger(
    gold: &[Vec<u8>],
    ntags: usize,
    toks: &[Vec<Tok>],
    sents: &[usize],
    cfg: &TrainConfig,
    seed: u64,
) -> Avg {
    let mut m = Avg::new(ntags);
    let mut rng = Rng::new(seed);
    let mut order = sents.to_vec();
    let mut keys = Vec::new();
    let mut sc = vec![0i64; ntags];
    for _ in 0..cfg.tag_epochs {
        rng.shuffle(&mut order);
        for &s in &order {
            let (t, gold) = (&toks[s], &gold[s]);
            let (mut t1, mut t2) = (TAG_NONE, TAG_NONE);
            for (i, &g) in gold.iter().enumerate().take(t.len()) {
                tag_features(t, i, t1, t2, &mut keys);
                m.score(&keys, &mut sc);
                let p = argmax_from(&sc, 0);
                let g = g as usize;
                if p != g {
                    m.update(&keys, g, p);
                }
                m.tick();
                t2 = t1;
                t1 = p as u64;
            }
        }
    }
    m
}

fn tag_with(m: &Linear, toks: &[Tok]) -> Vec<u8> {
    let mut keys = Vec::new();
    let mut sc = vec![0i32; m.nclass];
    let (mut t1, mut t2) = (TAG_NONE, TAG_NONE);
    let mut out = Vec::with_capacity(toks.len());
    for i in 0..toks.len() {
        tag_features(toks, i, t1, t2, &mut keys);
        m.score(&keys, &mut sc);
        let p = argmax_from(&sc, 0);
        out.push(p as u8);
        t2 = t1;
        t1 = p as u64;
    }
    out
}

/// Gold heads with the root as `n`.
fn gold_heads(a: &Aligned) -> Vec<usize> {
    let n = a.heads.len();
    a.heads
        .iter()
        .map(|&h| if h == ROOT { n } else { h as usize })
        .collect()
}

/// Arcs lost by each move (Goldberg & Nivre 2013, arc-hybrid), or `None` if invalid.
fn costs(st: &State, g: &[usize]) -> [Option<u32>; 3] {
    let n = st.n;
    let sl = st.stack.len();
    let mut out = [None; 3];
    let b = st.b;
    if st.valid(SHIFT) {
        // b0 loses its dependents on the stack and a head below s0.
        let mut c = 0;
        for (j, &k) in st.stack.iter().enumerate() {
            if g[k as usize] == b {
                c += 1;
            }
            if j + 1 < sl && g[b] == k as usize {
                c += 1;
            }
        }
        out[SHIFT] = Some(c);
    }
    if sl > 0 {
        let s0 = st.stack[sl - 1] as usize;
        let s1 = if sl > 1 {
            Some(st.stack[sl - 2] as usize)
        } else {
            None
        };
        // s0's dependents still in the buffer are lost either way.
        let deps = (b..n).filter(|&k| g[k] == s0).count() as u32;
        if st.valid(LEFT) {
            let lost = g[s0] != b && (Some(g[s0]) == s1 || g[s0] > b);
            out[LEFT] = Some(deps + lost as u32);
        }
        if st.valid(RIGHT) {
            let lost = Some(g[s0]) != s1 && g[s0] >= b;
            out[RIGHT] = Some(deps + lost as u32);
        }
    }
    out
}

/// Trains the transition and label models on sentences with their
/// (jackknifed) tags.
fn train_parser(
    data: &[Aligned],
    toks: &[Vec<Tok>],
    tags: &[Vec<u8>],
    cfg: &TrainConfig,
    mut on_epoch: impl FnMut(usize, &Avg, &Avg),
) -> (Avg, Avg) {
    let mut trans = Avg::new(3);
    let mut lab = Avg::new(N_REL);
    let mut rng = Rng::new(cfg.seed.wrapping_mul(31).wrapping_add(7));
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut st = State::default();
    let mut keys = Vec::new();
    let mut sc = [0i64; 3];
    let mut lsc = vec![0i64; N_REL];
    let mut marks = Vec::new();
    for epoch in 0..cfg.epochs {
        rng.shuffle(&mut order);
        for &s in &order {
            let a = &data[s];
            let n = a.words.len();
            let g = gold_heads(a);
            mark_counts(&toks[s], &mut marks);
            let ctx = Ctx {
                toks: &toks[s],
                tags: &tags[s],
                marks: &marks,
            };
            st.reset(n);
            while !st.is_final() {
                trans_features(&ctx, &st, &mut keys);
                trans.score(&keys, &mut sc);
                let cost = costs(&st, &g);
                let min = cost.iter().flatten().copied().min().unwrap_or(0);
                let mut pred = usize::MAX;
                let mut best_ok = usize::MAX;
                for t in 0..3 {
                    if let Some(c) = cost[t] {
                        if pred == usize::MAX || sc[t] > sc[pred] {
                            pred = t;
                        }
                        if c == min && (best_ok == usize::MAX || sc[t] > sc[best_ok]) {
                            best_ok = t;
                        }
                    }
                }
                if pred == usize::MAX {
                    break;
                }
                if cost[pred] != Some(min) {
                    trans.update(&keys, best_ok, pred);
                }
                trans.tick();
                let next = if epoch > 0 && rng.unit() < cfg.explore {
                    pred
                } else {
                    best_ok
                };
                if let Some((h, d)) = st.apply(next) {
                    let rel = if h == n {
                        Rel::Root as u8
                    } else {
                        label_features(&ctx, &st, h, d, &mut keys);
                        lab.score(&keys, &mut lsc);
                        let p = argmax_from(&lsc, 1);
                        if g[d] == h {
                            let gold = a.rels[d].index();
                            if gold != Rel::Root.index() && p != gold {
                                lab.update(&keys, gold, p);
                            }
                            lab.tick();
                        }
                        p as u8
                    };
                    st.set_label(h, d, rel, &toks[s]);
                }
            }
        }
        on_epoch(epoch, &trans, &lab);
    }
    (trans, lab)
}

/// Accuracy of a parser against aligned gold sentences.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Scores {
    pub sentences: usize,
    pub tokens: usize,
    pub upos: usize,
    /// Non-punctuation tokens (gold UPOS other than PUNCT).
    pub words: usize,
    pub uas: usize,
    pub las: usize,
    pub uas_all: usize,
    pub las_all: usize,
}

impl Scores {
    pub fn add(&mut self, gold: &Aligned, p: &Parse) {
        self.sentences += 1;
        for i in 0..gold.words.len() {
            self.tokens += 1;
            self.upos += (p.upos[i] == gold.upos[i]) as usize;
            let uh = p.heads[i] == gold.heads[i];
            let lh = uh && p.rels[i] == gold.rels[i];
            self.uas_all += uh as usize;
            self.las_all += lh as usize;
            if gold.upos[i] != Upos::Punct {
                self.words += 1;
                self.uas += uh as usize;
                self.las += lh as usize;
            }
        }
    }
    fn pct(a: usize, b: usize) -> f64 {
        100.0 * a as f64 / b.max(1) as f64
    }
    pub fn upos_acc(&self) -> f64 {
        Self::pct(self.upos, self.tokens)
    }
    pub fn uas(&self) -> f64 {
        Self::pct(self.uas, self.words)
    }
    pub fn las(&self) -> f64 {
        Self::pct(self.las, self.words)
    }
    pub fn uas_all(&self) -> f64 {
        Self::pct(self.uas_all, self.tokens)
    }
    pub fn las_all(&self) -> f64 {
        Self::pct(self.las_all, self.tokens)
    }
}

impl std::fmt::Display for Scores {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "UPOS {:.2}  UAS {:.2}  LAS {:.2}  (with punctuation: UAS {:.2} LAS {:.2}; {} sentences, {} tokens)",
            self.upos_acc(),
            self.uas(),
            self.las(),
            self.uas_all(),
            self.las_all(),
            self.sentences,
            self.tokens
        )
    }
}

/// Parses every sentence of `gold` and scores it.
pub fn evaluate(parser: &Parser, gold: &[Aligned]) -> Scores {
    let mut scores = Scores::default();
    let mut scratch = Scratch::default();
    let mut p = Parse::default();
    let mut words: Vec<&str> = Vec::new();
    for g in gold {
        words.clear();
        words.extend(g.words.iter().map(|w| w.as_str()));
        parser.parse_into(&words, &mut scratch, &mut p);
        scores.add(g, &p);
    }
    scores
}

/// The averaged models before pruning and quantisation.
pub struct Trained {
    tagset: Vec<FineTag>,
    tagger: Avg,
    trans: Avg,
    labeler: Avg,
    cfg: TrainConfig,
}

fn info(cfg: &TrainConfig, prune: &Pruning) -> String {
    format!(
        "newsmark parser: epochs {} tag_epochs {} prune {} seed {} bits {} jackknife {} explore {}",
        cfg.epochs, cfg.tag_epochs, prune, cfg.seed, cfg.bits, cfg.jackknife, cfg.explore
    )
}

impl Trained {
    /// The parser with features seen fewer than `prune` times left out.
    pub fn finish(&self, prune: &Pruning) -> Parser {
        Parser {
            tagset: self.tagset.clone(),
            tagger: self.tagger.finish_with(prune, 0, self.cfg.bits, false),
            trans: self.trans.finish_with(prune, 1, self.cfg.bits, true),
            labeler: self.labeler.finish_with(prune, 2, self.cfg.bits, false),
            info: info(&self.cfg, prune),
        }
    }

    /// Saves the averaged models (a scratch format for trying prune levels
    /// without training again; the training settings are not saved).
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        use std::io::Write;
        let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
        out.write_all(&(self.tagset.len() as u32).to_le_bytes())?;
        for t in &self.tagset {
            out.write_all(&[t.upos.index() as u8, t.xpos.len() as u8])?;
            out.write_all(t.xpos.as_bytes())?;
        }
        self.tagger.write(&mut out)?;
        self.trans.write(&mut out)?;
        self.labeler.write(&mut out)?;
        out.flush()
    }

    /// Reads what [`Trained::save`] wrote; `cfg` should be the settings it
    /// was trained with.
    pub fn load(path: &Path, cfg: &TrainConfig) -> std::io::Result<Trained> {
        use std::io::Read;
        let bad = || std::io::Error::new(std::io::ErrorKind::InvalidData, "bad trained file");
        let mut inp = std::io::BufReader::new(std::fs::File::open(path)?);
        let mut b4 = [0u8; 4];
        inp.read_exact(&mut b4)?;
        let mut tagset = Vec::new();
        for _ in 0..u32::from_le_bytes(b4) {
            let mut h = [0u8; 2];
            inp.read_exact(&mut h)?;
            let mut x = vec![0u8; h[1] as usize];
            inp.read_exact(&mut x)?;
            tagset.push(FineTag {
                upos: Upos::from_index(h[0] as usize).ok_or_else(bad)?,
                xpos: String::from_utf8(x).map_err(|_| bad())?,
            });
        }
        Ok(Trained {
            tagset,
            tagger: Avg::read(&mut inp)?,
            trans: Avg::read(&mut inp)?,
            labeler: Avg::read(&mut inp)?,
            cfg: cfg.clone(),
        })
    }

    /// Features before pruning: tagger, transitions, labeller.
    pub fn rows(&self) -> [usize; 3] {
        [self.tagger.rows(), self.trans.rows(), self.labeler.rows()]
    }
}

/// Trains the part-of-speech tagger alone: the same model, settings and
/// seed as the tagger of [`train`] (the parser's training tags and models are
/// not made). `dev` sets are scored at the end, in UPOS accuracy.
pub fn train_pos(
    cfg: &TrainConfig,
    data: &[Aligned],
    dev: &[(&str, &[Aligned])],
    mut log: impl FnMut(&str),
) -> PosTagger {
    let toks: Vec<Vec<Tok>> = data.iter().map(|a| atoms(&a.words)).collect();
    let tagset = build_tagset(data, cfg.min_tag_count);
    let gold_tags: Vec<Vec<u8>> = data.iter().map(|a| fine_tags(&tagset, a)).collect();
    let all: Vec<usize> = (0..data.len()).collect();
    let avg = train_tagger(&gold_tags, tagset.len(), &toks, &all, cfg, cfg.seed);
    log(&format!("tagger: {} features", avg.rows()));
    let tagger = PosTagger::new(
        tagset,
        avg.finish_with(&cfg.prune, 0, cfg.bits, false),
        format!(
            "newsmark part-of-speech tagger: tag_epochs {} prune {} seed {} bits {}",
            cfg.tag_epochs, cfg.prune, cfg.seed, cfg.bits
        ),
    );
    for (name, d) in dev {
        let (mut right, mut total) = (0usize, 0usize);
        for a in d.iter() {
            let words: Vec<&str> = a.words.iter().map(String::as_str).collect();
            let tags = tagger.tag(&words);
            right += tags.iter().zip(&a.upos).filter(|(t, g)| t == g).count();
            total += tags.len();
        }
        log(&format!(
            "{name}: UPOS {:.2}% of {total} tokens",
            100.0 * right as f64 / total.max(1) as f64
        ));
    }
    tagger
}

/// Trains a parser. `dev` sets are scored after each epoch (with the
/// quantised model at `cfg.prune`) and reported through `log`.
pub fn train(
    cfg: &TrainConfig,
    data: &[Aligned],
    dev: &[(&str, &[Aligned])],
    mut log: impl FnMut(&str),
) -> Trained {
    let toks: Vec<Vec<Tok>> = data.iter().map(|a| atoms(&a.words)).collect();
    let tagset = build_tagset(data, cfg.min_tag_count);
    let ntags = tagset.len();
    log(&format!(
        "tag set: {ntags} tags ({})",
        tagset
            .iter()
            .map(|t| format!("{}/{}", t.upos, t.xpos))
            .collect::<Vec<_>>()
            .join(" ")
    ));
    let gold_tags: Vec<Vec<u8>> = data.iter().map(|a| fine_tags(&tagset, a)).collect();
    // Tags for parser training: jackknifed, so the parser sees tagging errors.
    let mut tags = gold_tags.clone();
    let k = cfg.jackknife;
    if k > 1 {
        let (mut right, mut total) = (0usize, 0usize);
        for fold in 0..k {
            let train_idx: Vec<usize> = (0..data.len()).filter(|i| i % k != fold).collect();
            let m = train_tagger(
                &gold_tags,
                ntags,
                &toks,
                &train_idx,
                cfg,
                cfg.seed + fold as u64 + 1,
            )
            .finish(1, 32, false);
            for i in (fold..data.len()).step_by(k) {
                tags[i] = tag_with(&m, &toks[i]);
                right += tags[i]
                    .iter()
                    .zip(&gold_tags[i])
                    .filter(|(&t, &g)| t == g)
                    .count();
                total += tags[i].len();
            }
        }
        log(&format!(
            "jackknifed tags ({k} folds): {:.2}% correct",
            100.0 * right as f64 / total.max(1) as f64
        ));
    }
    let all: Vec<usize> = (0..data.len()).collect();
    let tagger_avg = train_tagger(&gold_tags, ntags, &toks, &all, cfg, cfg.seed);
    log(&format!("tagger: {} features", tagger_avg.rows()));
    let tagger = tagger_avg.finish_with(&cfg.prune, 0, cfg.bits, false);
    let (trans, labeler) = train_parser(data, &toks, &tags, cfg, |epoch, trans, lab| {
        if dev.is_empty() {
            log(&format!("epoch {}", epoch + 1));
            return;
        }
        let p = Parser {
            tagset: tagset.clone(),
            tagger: tagger.clone(),
            trans: trans.finish_with(&cfg.prune, 1, cfg.bits, true),
            labeler: lab.finish_with(&cfg.prune, 2, cfg.bits, false),
            info: String::new(),
        };
        for (name, d) in dev {
            log(&format!(
                "epoch {:2} {name}: {}",
                epoch + 1,
                evaluate(&p, d)
            ));
        }
    });
    log(&format!(
        "parser: {} transition features, {} label features",
        trans.rows(),
        labeler.rows()
    ));
    Trained {
        tagset,
        tagger: tagger_avg,
        trans,
        labeler,
        cfg: cfg.clone(),
    }
}
