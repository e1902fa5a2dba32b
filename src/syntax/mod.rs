//! Sentence structure: a part-of-speech tagger and a labelled dependency
//! parser over Newsmark's own tokens.
//!
//! Three averaged perceptrons over hashed features, run one after the other:
//!
//! 1. a greedy left-to-right **UPOS tagger** (words, affixes, shapes, the two
//!    previous tags);
//! 2. a greedy **arc-hybrid transition parser** with the root at the end of
//!    the buffer (SHIFT, LEFT, RIGHT; Zhang & Nivre 2011-style features of the
//!    stack, the buffer, their children, valencies, labels and distances),
//!    trained with Goldberg & Nivre's dynamic oracle;
//! 3. an **arc labeller**, asked for a relation each time the parser attaches a
//!    word (the word is complete by then in arc-hybrid: all its dependents are
//!    known), so the labels are part of the parser's later features.
//!
//! The product ships the tagger alone ([`PosTagger`], `models/pos.nmk`, in the
//! claims pack): its tags are features of the attribution tagger
//! ([`crate::attribution`]). The parser is trained and measured by the same
//! code (`docs/parser.md`) but not shipped: on news prose it costs several
//! times the rest of the pipeline for about the same attribution gain as the
//! tags alone.
//!
//! The weights are pruned, quantised to 8-bit codes over a codebook and stored
//! in one checksummed file ([`model`]). Training and evaluation code (which
//! reads the Universal Dependencies treebanks) is in `train` and `conllu`,
//! compiled with the `cli` feature only.
//!
//! ```
//! use newsmark::syntax::{PosTagger, Upos};
//!
//! let tagger = PosTagger::builtin().expect("embedded model");
//! let tags = tagger.tag(&["The", "minister", "said", "prices", "rose", "."]);
//! assert_eq!(tags[1], Upos::Noun);
//! assert_eq!(tags[2], Upos::Verb);
//! ```

use rustc_hash::FxHashMap;

mod features;
mod linear;
pub mod model;

pub(crate) use features::*;
pub(crate) use linear::*;

#[cfg(feature = "cli")]
pub mod conllu;
#[cfg(feature = "cli")]
pub mod train;

pub use model::SyntaxError;

/// The head of a sentence's root word in [`Parse::heads`].
pub const ROOT: u32 = u32::MAX;

/// The part-of-speech tagger embedded in the library (`models/pos.nmk`, made
/// by `newsmark train-pos`); the browser build fetches it in the claims pack.
#[cfg(feature = "embed-claims")]
pub static BUILTIN_POS: &[u8] = include_bytes!("../../models/pos.nmk");

macro_rules! small_enum {
    ($(#[$m:meta])* $name:ident { $($var:ident = $s:literal),* $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[repr(u8)]
        pub enum $name { $($var),* }

        impl $name {
            /// Every value, in index order.
            pub const ALL: &'static [$name] = &[$($name::$var),*];
            /// The name used in Universal Dependencies (`"NOUN"`, `"nsubj:pass"`).
            pub fn as_str(self) -> &'static str {
                match self { $($name::$var => $s),* }
            }
            /// Position in [`Self::ALL`].
            pub fn index(self) -> usize {
                self as usize
            }
            /// The value at `i` in [`Self::ALL`].
            pub fn from_index(i: usize) -> Option<Self> {
                Self::ALL.get(i).copied()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

small_enum! {
    /// Universal part-of-speech tags.
    Upos {
        Adj = "ADJ", Adp = "ADP", Adv = "ADV", Aux = "AUX", Cconj = "CCONJ", Det = "DET",
        Intj = "INTJ", Noun = "NOUN", Num = "NUM", Part = "PART", Pron = "PRON",
        Propn = "PROPN", Punct = "PUNCT", Sconj = "SCONJ", Sym = "SYM", Verb = "VERB", X = "X",
    }
}

small_enum! {
    /// Dependency relations: the Universal Dependencies relations, with the
    /// subtypes that matter for attribution kept (`nsubj:pass`, `obl:agent`,
    /// `nmod:poss`, `acl:relcl`, `aux:pass`, `compound:prt`) and the others
    /// folded into their base relation (see [`Rel::from_ud`]).
    Rel {
        Root = "root", Nsubj = "nsubj", NsubjPass = "nsubj:pass", Csubj = "csubj",
        Obj = "obj", Iobj = "iobj", Ccomp = "ccomp", Xcomp = "xcomp", Advcl = "advcl",
        Parataxis = "parataxis", Obl = "obl", OblAgent = "obl:agent", Nmod = "nmod",
        NmodPoss = "nmod:poss", Amod = "amod", Appos = "appos", Conj = "conj", Cc = "cc",
        Mark = "mark", Aux = "aux", AuxPass = "aux:pass", Cop = "cop", Det = "det",
        Case = "case", Punct = "punct", Acl = "acl", AclRelcl = "acl:relcl",
        Advmod = "advmod", Compound = "compound", CompoundPrt = "compound:prt",
        Flat = "flat", Fixed = "fixed", Nummod = "nummod", Expl = "expl",
        Discourse = "discourse", Vocative = "vocative", List = "list", Dep = "dep",
    }
}

impl Upos {
    /// Parses a UD UPOS tag (`"NOUN"`).
    pub fn from_ud(s: &str) -> Option<Upos> {
        Upos::ALL.iter().copied().find(|u| u.as_str() == s)
    }
}

impl Rel {
    /// Maps a UD relation onto this set: kept subtypes stay, `csubj:pass` is
    /// `csubj`, `nsubj:outer` is `nsubj`, `obl:unmarked` is `obl`, other subtypes
    /// take their base relation; `reparandum`, `goeswith`, `orphan` and
    /// `dislocated` become `dep`. Unknown relations are `None`.
    pub fn from_ud(s: &str) -> Option<Rel> {
        if let Some(r) = Rel::ALL.iter().copied().find(|r| r.as_str() == s) {
            return Some(r);
        }
        let base = s.split(':').next().unwrap_or(s);
        match base {
            "reparandum" | "goeswith" | "orphan" | "dislocated" => Some(Rel::Dep),
            _ => Rel::ALL.iter().copied().find(|r| r.as_str() == base),
        }
    }
}

/// The analysis of one sentence: per token, its head, relation and UPOS tag.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parse {
    /// Index of each token's head within the sentence, or [`ROOT`].
    pub heads: Vec<u32>,
    pub rels: Vec<Rel>,
    pub upos: Vec<Upos>,
}

impl Parse {
    pub fn len(&self) -> usize {
        self.heads.len()
    }
    pub fn is_empty(&self) -> bool {
        self.heads.is_empty()
    }
    /// The head of token `i`, or `None` for the root.
    pub fn head(&self, i: usize) -> Option<usize> {
        match self.heads.get(i) {
            Some(&h) if h != ROOT => Some(h as usize),
            _ => None,
        }
    }
    /// The first token attached to the root.
    pub fn root(&self) -> Option<usize> {
        self.heads.iter().position(|&h| h == ROOT)
    }
    /// The dependents of token `h`, in order.
    pub fn dependents(&self, h: usize) -> impl Iterator<Item = usize> + '_ {
        self.heads
            .iter()
            .enumerate()
            .filter(move |&(_, &x)| x as usize == h && x != ROOT)
            .map(|(i, _)| i)
    }
}

/// Reusable buffers for [`Parser::parse_with`].
#[derive(Debug, Default)]
pub struct Scratch {
    tag: TagScratch,
    keys: Vec<u32>,
    scores: Vec<i32>,
    marks: Vec<[u16; 2]>,
    state: State,
}

/// One tag of the tagger: a UPOS tag refined by a treebank tag (`VERB`/`VBD`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FineTag {
    pub upos: Upos,
    pub xpos: String,
}

/// A trained tagger, parser and labeller (see the module documentation).
#[derive(Debug, Clone)]
pub struct Parser {
    /// The tagger's classes; the parser sees these, [`Parse::upos`] their UPOS.
    pub tagset: Vec<FineTag>,
    pub(crate) tagger: Linear,
    pub(crate) trans: Linear,
    pub(crate) labeler: Linear,
    /// Free-form description stored with the model (data, settings, figures).
    pub info: String,
}

impl Parser {
    /// Parses one sentence of Newsmark tokens.
    pub fn parse(&self, words: &[&str]) -> Parse {
        self.parse_with(words, &mut Scratch::default())
    }

    /// Parses many sentences, reusing one set of buffers.
    pub fn parse_many<S: AsRef<str>>(&self, sentences: &[Vec<S>]) -> Vec<Parse> {
        let mut scratch = Scratch::default();
        let mut words: Vec<&str> = Vec::new();
        sentences
            .iter()
            .map(|s| {
                words.clear();
                words.extend(s.iter().map(|w| w.as_ref()));
                self.parse_with(&words, &mut scratch)
            })
            .collect()
    }

    /// Parses one sentence with caller-owned buffers.
    pub fn parse_with(&self, words: &[&str], scratch: &mut Scratch) -> Parse {
        let mut parse = Parse::default();
        self.parse_into(words, scratch, &mut parse);
        parse
    }

    /// Parses into an existing [`Parse`], reusing its vectors.
    pub fn parse_into(&self, words: &[&str], scratch: &mut Scratch, out: &mut Parse) {
        let n = words.len();
        tag_sentence(&self.tagger, words, &mut scratch.tag);
        let Scratch {
            tag: TagScratch { toks, tags, .. },
            keys,
            scores,
            state,
            marks,
        } = scratch;
        mark_counts(toks, marks);
        let ctx = Ctx { toks, tags, marks };
        state.reset(n);
        scores.resize(N_REL.max(MAX_TAGS), 0);
        while !state.is_final() {
            trans_features(&ctx, state, keys);
            let sc = &mut scores[..3];
            self.trans.score(keys, sc);
            let mut best = usize::MAX;
            for t in 0..3 {
                if state.valid(t) && (best == usize::MAX || sc[t] > sc[best]) {
                    best = t;
                }
            }
            if best == usize::MAX {
                break; // cannot happen: some move is always valid
            }
            if let Some((h, d)) = state.apply(best) {
                let rel = if h == n {
                    Rel::Root as u8
                } else {
                    label_features(&ctx, state, h, d, keys);
                    let sc = &mut scores[..N_REL];
                    self.labeler.score(keys, sc);
                    argmax_from(sc, 1) as u8
                };
                state.set_label(h, d, rel, toks);
            }
        }
        out.heads.clear();
        out.heads.extend(
            state.heads[..n]
                .iter()
                .map(|&h| if h as usize == n { ROOT } else { h }),
        );
        out.rels.clear();
        out.rels.extend(
            state.rels[..n]
                .iter()
                .map(|&r| Rel::from_index(r as usize).unwrap_or(Rel::Dep)),
        );
        out.upos.clear();
        out.upos
            .extend(tags.iter().map(|&t| self.tagset[t as usize].upos));
    }

    /// UPOS tags only.
    pub fn tag(&self, words: &[&str]) -> Vec<Upos> {
        let mut scratch = TagScratch::default();
        tag_sentence(&self.tagger, words, &mut scratch);
        scratch
            .tags
            .iter()
            .map(|&t| self.tagset[t as usize].upos)
            .collect()
    }
}

/// The part-of-speech tagger alone (a [`Parser`]'s first model), as the
/// product ships it.
#[derive(Debug, Clone, PartialEq)]
pub struct PosTagger {
    /// The tagger's classes (their UPOS is what [`PosTagger::tag`] returns).
    pub tagset: Vec<FineTag>,
    pub(crate) tagger: Linear,
    /// Free-form description stored with the model (data, settings, figures).
    pub info: String,
    /// See [`PosTagger::checksum`].
    pub(crate) crc: u32,
}

/// Reusable buffers for [`PosTagger::tag_into`], and each word type's work
/// kept from one sentence (and one call) to the next: its atoms and, for
/// each of its [`WORD_PARTS`], the sum of those features' weights. Only the
/// features that depend on context are then looked up per token. The sums
/// belong to the model that made them; another model refills them.
#[derive(Debug, Default)]
pub struct TagScratch {
    types: WordTypes,
    ids: Vec<u32>,
    toks: Vec<Tok>,
    tags: Vec<u8>,
    keys: Vec<u32>,
    scores: Vec<i32>,
}

/// A tagger and the buffers to run it in, as a task's features receive them.
#[derive(Debug)]
pub struct PosRun<'a> {
    pub tagger: &'a PosTagger,
    pub scratch: &'a mut TagScratch,
}

impl TagScratch {
    /// Word types held.
    pub fn len(&self) -> usize {
        self.types.index.len()
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Per word type: its atoms and its rows of summed weights (see [`TagScratch`]).
#[derive(Debug, Default)]
struct WordTypes {
    /// The model the sums are of ([`Linear::ident`]).
    owner: Option<u32>,
    nclass: usize,
    index: FxHashMap<Box<str>, u32>,
    toks: Vec<Tok>,
    /// Per type, [`WORD_PARTS`] rows of `nclass` sums.
    sums: Vec<i32>,
    /// The rows of a position outside the sentence (part 0 is unused).
    edge: Vec<i32>,
    chars: Vec<char>,
    keys: Vec<u32>,
}

impl WordTypes {
    /// Empties the table unless it holds `model`'s sums.
    fn hold(&mut self, model: &Linear) {
        if self.owner == Some(model.ident.0) {
            return;
        }
        let n = model.nclass;
        *self = WordTypes {
            owner: Some(model.ident.0),
            nclass: n,
            edge: vec![0; WORD_PARTS * n],
            ..WordTypes::default()
        };
        for part in 1..WORD_PARTS {
            self.keys.clear();
            word_part_keys(None, part, &mut self.keys);
            model.add(&self.keys, &mut self.edge[part * n..(part + 1) * n]);
        }
    }

    /// The type of `word`, its work done on first sight.
    fn id(&mut self, model: &Linear, word: &str) -> u32 {
        if let Some(&id) = self.index.get(word) {
            return id;
        }
        let tok = tok_atoms(word, &mut self.chars);
        let id = self.toks.len() as u32;
        self.toks.push(tok);
        let n = self.nclass;
        let at = self.sums.len();
        self.sums.resize(at + WORD_PARTS * n, 0);
        for part in 0..WORD_PARTS {
            self.keys.clear();
            word_part_keys(Some(&tok), part, &mut self.keys);
            let row = at + part * n;
            model.add(&self.keys, &mut self.sums[row..row + n]);
        }
        self.index.insert(word.into(), id);
        id
    }

    /// The row of `part` for type `id`, or for no word.
    fn row(&self, id: Option<u32>, part: usize) -> &[i32] {
        let n = self.nclass;
        match id {
            Some(id) => &self.sums[(id as usize * WORD_PARTS + part) * n..][..n],
            None => &self.edge[part * n..][..n],
        }
    }
}

/// Tags one sentence left to right, each token's best tag given the two
/// before it, into `scratch.tags` (and its tokens' atoms into `scratch.toks`).
/// The scores are those of [`tag_features`], summed in another order.
fn tag_sentence(model: &Linear, words: &[&str], scratch: &mut TagScratch) {
    let TagScratch {
        types,
        ids,
        toks,
        tags,
        keys,
        scores,
    } = scratch;
    types.hold(model);
    ids.clear();
    toks.clear();
    tags.clear();
    for w in words {
        let id = types.id(model, w);
        ids.push(id);
        toks.push(types.toks[id as usize]);
    }
    scores.resize(model.nclass, 0);
    let (mut t1, mut t2) = (TAG_NONE, TAG_NONE);
    for i in 0..words.len() {
        scores.copy_from_slice(types.row(Some(ids[i]), 0));
        for (part, &d) in PART_OFFSET.iter().enumerate().skip(1) {
            let j = i as isize + d;
            let id = usize::try_from(j).ok().and_then(|j| ids.get(j)).copied();
            for (s, &x) in scores.iter_mut().zip(types.row(id, part)) {
                *s += x;
            }
        }
        keys.clear();
        context_keys(toks, i, t1, t2, keys);
        model.add(keys, scores);
        let t = argmax_from(scores, 0);
        tags.push(t as u8);
        t2 = t1;
        t1 = t as u64;
    }
}

impl PosTagger {
    /// The tagger embedded in the library.
    #[cfg(feature = "embed-claims")]
    pub fn builtin() -> Result<PosTagger, SyntaxError> {
        PosTagger::from_bytes(BUILTIN_POS)
    }

    /// UPOS tags of one sentence of Newsmark tokens.
    pub fn tag(&self, words: &[&str]) -> Vec<Upos> {
        let mut out = Vec::new();
        self.tag_into(words, &mut TagScratch::default(), &mut out);
        out
    }

    /// This tagger with `scratch` to run in.
    pub fn run<'a>(&'a self, scratch: &'a mut TagScratch) -> PosRun<'a> {
        PosRun {
            tagger: self,
            scratch,
        }
    }

    /// Appends the UPOS tags of one sentence to `out`, with caller-owned
    /// buffers (keep one [`TagScratch`] across sentences: most words repeat).
    pub fn tag_into(&self, words: &[&str], scratch: &mut TagScratch, out: &mut Vec<Upos>) {
        tag_sentence(&self.tagger, words, scratch);
        out.extend(scratch.tags.iter().map(|&t| self.tagset[t as usize].upos));
    }
}

impl Parser {
    /// Its tagger alone.
    pub fn pos_tagger(&self) -> PosTagger {
        PosTagger::new(self.tagset.clone(), self.tagger.clone(), self.info.clone())
    }
}

/// Index of the largest score at or after `from` (the first on ties).
pub(crate) fn argmax_from<T: PartialOrd + Copy>(s: &[T], from: usize) -> usize {
    let mut best = from;
    for i in from + 1..s.len() {
        if s[i] > s[best] {
            best = i;
        }
    }
    best
}

#[cfg(test)]
mod tests;
