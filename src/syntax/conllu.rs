//! Universal Dependencies treebanks, read and re-tokenised the way Newsmark
//! tokenises text.
//!
//! Each sentence's `# text =` is tokenised by [`crate::tokenize::tokenize`] and
//! the UD words are aligned to those tokens by character offsets. Multiword
//! tokens (`1-2 don't`) are located as one surface form and split into their
//! syntactic words (`do` `n't`) when the words spell the surface form.
//!
//! **Alignment rule.** Tokens and UD words that overlap are grouped (connected
//! components of the overlap relation). In each group:
//!
//! - the *head-most word* is the one whose head lies outside the group (the
//!   sentence root first if there are several);
//! - the *carrier* is the first token holding that word that is not pure
//!   punctuation; it takes the word's UPOS and relation, and its head is the
//!   carrier of the group holding the word's head (or the root);
//! - the group's other tokens attach to the carrier, as `punct` when they are
//!   punctuation and otherwise with the relation (and UPOS) of the UD word they
//!   overlap most (`flat` when that is the head-most word itself).
//!
//! So `adult-learned` (GUM: `adult` `-` `learned`) is one token carrying
//! `learned`'s relation, and a UD word that Newsmark splits in two keeps its
//! relation on its first word-like piece. A sentence whose groups would form a
//! cycle, or whose words cannot be found in its text, is dropped.

use super::{Rel, Upos, ROOT};
use crate::tokenize::tokenize;

/// The GUM genres whose texts are CC BY or public domain (GUM's LICENSE.txt):
/// Wikinews (news, interviews, bios), Wikivoyage, OpenStax textbooks, Creative
/// Commons vlogs, political speeches and the Santa Barbara conversations.
/// Fiction, wikiHow (`whow`), academic, court, essay, letter, podcast and
/// reddit documents are not used.
pub const GUM_GENRES: &[&str] = &[
    "GUM_news",
    "GUM_interview",
    "GUM_bio",
    "GUM_voyage",
    "GUM_textbook",
    "GUM_vlog",
    "GUM_speech",
    "GUM_conversation",
];

/// Whether a GUM document (its `# newdoc id`) is in one of [`GUM_GENRES`].
pub fn gum_doc_allowed(doc_id: &str) -> bool {
    GUM_GENRES.iter().any(|g| {
        doc_id
            .strip_prefix(g)
            .is_some_and(|rest| rest.starts_with('_'))
    })
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UdWord {
    pub form: String,
    pub upos: String,
    pub xpos: String,
    /// 1-based head, 0 for the root.
    pub head: usize,
    pub deprel: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UdSentence {
    /// The `# newdoc id` in effect.
    pub doc: String,
    pub sent_id: String,
    pub text: String,
    pub words: Vec<UdWord>,
    /// Multiword tokens: first and last word index (0-based, inclusive) and surface form.
    pub mwt: Vec<(usize, usize, String)>,
}

/// Reads CoNLL-U text (empty nodes are skipped).
pub fn read_conllu(text: &str) -> Vec<UdSentence> {
    let mut out = Vec::new();
    let mut doc = String::new();
    let mut cur = UdSentence::default();
    let flush = |cur: &mut UdSentence, doc: &str, out: &mut Vec<UdSentence>| {
        if !cur.words.is_empty() {
            let mut s = std::mem::take(cur);
            s.doc = doc.to_string();
            out.push(s);
        }
        *cur = UdSentence::default();
    };
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            flush(&mut cur, &doc, &mut out);
        } else if let Some(c) = line.strip_prefix('#') {
            let c = c.trim_start();
            if let Some(v) = c.strip_prefix("newdoc id =") {
                flush(&mut cur, &doc, &mut out);
                doc = v.trim().to_string();
            } else if let Some(v) = c.strip_prefix("sent_id =") {
                cur.sent_id = v.trim().to_string();
            } else if let Some(v) = c.strip_prefix("text =") {
                cur.text = v.trim().to_string();
            }
        } else {
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 8 || cols[0].contains('.') {
                continue;
            }
            if let Some((a, b)) = cols[0].split_once('-') {
                if let (Ok(a), Ok(b)) = (a.parse::<usize>(), b.parse::<usize>()) {
                    if a >= 1 && b >= a {
                        cur.mwt.push((a - 1, b - 1, cols[1].to_string()));
                    }
                }
                continue;
            }
            cur.words.push(UdWord {
                form: cols[1].to_string(),
                upos: cols[3].to_string(),
                xpos: cols[4].to_string(),
                head: cols[6].parse().unwrap_or(0),
                deprel: cols[7].to_string(),
            });
        }
    }
    flush(&mut cur, &doc, &mut out);
    out
}

/// A sentence over Newsmark tokens with its gold analysis.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Aligned {
    pub words: Vec<String>,
    pub heads: Vec<u32>,
    pub rels: Vec<Rel>,
    pub upos: Vec<Upos>,
    /// Language-specific tags (Penn Treebank tags in the English treebanks).
    pub xpos: Vec<String>,
}

/// How a sentence aligned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AlignKind {
    /// One token per UD word.
    Clean,
    /// Some tokens hold several UD words; no UD word is split.
    Merged,
    /// Some UD word is split over several tokens.
    Split,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AlignError {
    WordNotInText,
    Unassigned,
    Cycle,
    BadTree,
}

fn find_form(text: &str, from: usize, form: &str) -> Option<(usize, usize)> {
    let rest = &text[from..];
    let skip = rest.len() - rest.trim_start().len();
    let at = from + skip;
    if text[at..].starts_with(form) {
        return Some((at, at + form.len()));
    }
    // Tolerate a little text the words leave out.
    let window_end = (at + 24 + form.len()).min(text.len());
    let mut end = window_end;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[at..end]
        .find(form)
        .map(|p| (at + p, at + p + form.len()))
}

/// Byte spans of the UD words in `s.text`.
fn word_spans(s: &UdSentence) -> Result<Vec<(usize, usize)>, AlignError> {
    let text = s.text.as_str();
    let mut spans = vec![(0, 0); s.words.len()];
    let mut cursor = 0;
    let mut i = 0;
    while i < s.words.len() {
        if let Some((a, b, form)) = s.mwt.iter().find(|m| m.0 == i) {
            let (a, b) = (*a, (*b).min(s.words.len() - 1));
            let (start, end) = find_form(text, cursor, form).ok_or(AlignError::WordNotInText)?;
            let joined: String = s.words[a..=b].iter().map(|w| w.form.as_str()).collect();
            if joined.to_lowercase() == form.to_lowercase() && joined.len() == form.len() {
                let mut at = start;
                for (k, sp) in spans[a..=b].iter_mut().enumerate() {
                    let len = s.words[a + k].form.len();
                    *sp = (at, at + len);
                    at += len;
                }
            } else {
                for sp in &mut spans[a..=b] {
                    *sp = (start, end);
                }
            }
            cursor = end;
            i = b + 1;
        } else {
            let (start, end) =
                find_form(text, cursor, &s.words[i].form).ok_or(AlignError::WordNotInText)?;
            spans[i] = (start, end);
            cursor = end;
            i += 1;
        }
    }
    Ok(spans)
}

fn find(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

fn is_punct(s: &str) -> bool {
    !s.chars().any(|c| c.is_alphanumeric())
}

/// Re-tokenises a UD sentence with Newsmark's tokenizer and carries its
/// analysis over (see the module documentation for the rule).
pub fn align(s: &UdSentence) -> Result<(Aligned, AlignKind), AlignError> {
    let text = s.text.as_str();
    let nw = s.words.len();
    if s.words.iter().any(|w| w.head > nw) {
        return Err(AlignError::BadTree);
    }
    let wspans = word_spans(s)?;
    let tokens = tokenize(text);
    let nt = tokens.len();
    // Union-find over tokens (0..nt) and words (nt..nt+nw).
    let mut parent: Vec<usize> = (0..nt + nw).collect();
    let mut tok_words: Vec<Vec<usize>> = vec![Vec::new(); nt];
    let mut word_toks: Vec<Vec<usize>> = vec![Vec::new(); nw];
    let mut t0 = 0;
    for (w, &(c, d)) in wspans.iter().enumerate() {
        while t0 < nt && tokens[t0].span.end <= c {
            t0 += 1;
        }
        let mut t = t0;
        while t < nt && tokens[t].span.start < d {
            if tokens[t].span.end > c {
                tok_words[t].push(w);
                word_toks[w].push(t);
                let (a, b) = (find(&mut parent, t), find(&mut parent, nt + w));
                parent[a] = b;
            }
            t += 1;
        }
    }
    if word_toks.iter().any(|v| v.is_empty()) || tok_words.iter().any(|v| v.is_empty()) {
        return Err(AlignError::Unassigned);
    }
    let comp_of_tok: Vec<usize> = (0..nt).map(|t| find(&mut parent, t)).collect();
    let comp_of_word: Vec<usize> = (0..nw).map(|w| find(&mut parent, nt + w)).collect();
    let mut kind = AlignKind::Clean;
    let mut carrier = vec![usize::MAX; nt + nw]; // per component root
    let mut rep = vec![usize::MAX; nt + nw];
    // Head-most word of each component.
    for w in 0..nw {
        let c = comp_of_word[w];
        let h = s.words[w].head;
        let outside = h == 0 || comp_of_word[h - 1] != c;
        if outside {
            let better = match rep[c] {
                usize::MAX => true,
                r => h == 0 && s.words[r].head != 0,
            };
            if better {
                rep[c] = w;
            }
        }
    }
    for t in 0..nt {
        let c = comp_of_tok[t];
        if rep[c] == usize::MAX {
            return Err(AlignError::Cycle);
        }
        // The first token holding the head-most word, preferring one that is
        // not punctuation.
        let better = carrier[c] == usize::MAX
            || (is_punct(&text[tokens[carrier[c]].span.range()])
                && !is_punct(&text[tokens[t].span.range()]));
        if better && word_toks[rep[c]].contains(&t) {
            carrier[c] = t;
        }
        if tok_words[t].len() > 1 && kind == AlignKind::Clean {
            kind = AlignKind::Merged;
        }
    }
    if word_toks.iter().any(|v| v.len() > 1) {
        kind = AlignKind::Split;
    }
    let mut out = Aligned {
        words: tokens
            .iter()
            .map(|t| text[t.span.range()].to_string())
            .collect(),
        heads: vec![ROOT; nt],
        rels: vec![Rel::Dep; nt],
        upos: vec![Upos::X; nt],
        xpos: vec![String::new(); nt],
    };
    let rel = |w: usize| Rel::from_ud(&s.words[w].deprel).unwrap_or(Rel::Dep);
    let upos = |w: usize| Upos::from_ud(&s.words[w].upos).unwrap_or(Upos::X);
    for t in 0..nt {
        let c = comp_of_tok[t];
        let r = rep[c];
        if carrier[c] == t {
            let h = s.words[r].head;
            if h == 0 {
                out.heads[t] = ROOT;
                out.rels[t] = Rel::Root;
            } else {
                out.heads[t] = carrier[comp_of_word[h - 1]] as u32;
                out.rels[t] = match rel(r) {
                    Rel::Root => Rel::Dep,
                    x => x,
                };
            }
            out.upos[t] = upos(r);
            out.xpos[t] = s.words[r].xpos.clone();
        } else {
            out.heads[t] = carrier[c] as u32;
            let span = tokens[t].span;
            let most = tok_words[t]
                .iter()
                .copied()
                .max_by_key(|&w| {
                    let (a, b) = wspans[w];
                    b.min(span.end).saturating_sub(a.max(span.start))
                })
                .unwrap_or(r);
            if is_punct(&text[span.range()]) {
                out.rels[t] = Rel::Punct;
                out.upos[t] = Upos::Punct;
                out.xpos[t] = match &text[span.range()] {
                    "," => ",",
                    "." | "!" | "?" => ".",
                    "(" | "[" | "{" => "-LRB-",
                    ")" | "]" | "}" => "-RRB-",
                    "\"" | "“" | "”" | "'" | "‘" | "’" => "''",
                    _ => ":",
                }
                .to_string();
            } else if most == r {
                out.rels[t] = Rel::Flat;
                out.upos[t] = upos(r);
                out.xpos[t] = s.words[r].xpos.clone();
            } else {
                out.rels[t] = match rel(most) {
                    Rel::Root => Rel::Dep,
                    x => x,
                };
                out.upos[t] = upos(most);
                out.xpos[t] = s.words[most].xpos.clone();
            }
        }
    }
    // The root must be reachable from every token.
    if out.heads.iter().filter(|&&h| h == ROOT).count() != 1 {
        return Err(AlignError::BadTree);
    }
    for start in 0..nt {
        let mut x = start;
        let mut steps = 0;
        while out.heads[x] != ROOT {
            x = out.heads[x] as usize;
            steps += 1;
            if steps > nt {
                return Err(AlignError::Cycle);
            }
        }
    }
    Ok((out, kind))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sent(conllu: &str) -> UdSentence {
        read_conllu(conllu).pop().unwrap()
    }

    #[test]
    fn gum_genres_are_the_open_ones() {
        for ok in [
            "GUM_news_iodine",
            "GUM_interview_cyclone",
            "GUM_bio_byron",
            "GUM_voyage_athens",
            "GUM_textbook_governments",
            "GUM_vlog_portland",
            "GUM_speech_impeachment",
            "GUM_conversation_grounded",
        ] {
            assert!(gum_doc_allowed(ok), "{ok}");
        }
        for no in [
            "GUM_fiction_beast",
            "GUM_whow_joke",
            "GUM_academic_art",
            "GUM_court_loan",
            "GUM_essay_evolved",
            "GUM_letter_arendt",
            "GUM_podcast_wrestling",
            "GUM_reddit_macroeconomics",
            "GUM_newsy",
            "news_x",
        ] {
            assert!(!gum_doc_allowed(no), "{no}");
        }
        assert_eq!(GUM_GENRES.len(), 8);
    }

    #[test]
    fn multiword_token_and_possessive() {
        let s = sent(
            "# newdoc id = GUM_news_x\n# text = Trump's aides don't agree.\n\
             1\tTrump\tTrump\tPROPN\tNNP\t_\t3\tnmod:poss\t_\tSpaceAfter=No\n\
             2\t's\t's\tPART\tPOS\t_\t1\tcase\t_\t_\n\
             3\taides\taide\tNOUN\tNNS\t_\t6\tnsubj\t_\t_\n\
             4-5\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n\
             4\tdo\tdo\tAUX\tVBP\t_\t6\taux\t_\t_\n\
             5\tn't\tnot\tPART\tRB\t_\t6\tadvmod\t_\t_\n\
             6\tagree\tagree\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n\
             7\t.\t.\tPUNCT\t.\t_\t6\tpunct\t_\t_\n\n",
        );
        assert_eq!(s.doc, "GUM_news_x");
        assert_eq!(s.mwt, vec![(3, 4, "don't".to_string())]);
        let (a, kind) = align(&s).unwrap();
        assert_eq!(kind, AlignKind::Clean);
        assert_eq!(a.words, ["Trump", "'s", "aides", "do", "n't", "agree", "."]);
        assert_eq!(a.heads, [2, 0, 5, 5, 5, ROOT, 5]);
        assert_eq!(
            a.rels,
            [
                Rel::NmodPoss,
                Rel::Case,
                Rel::Nsubj,
                Rel::Aux,
                Rel::Advmod,
                Rel::Root,
                Rel::Punct
            ]
        );
        assert_eq!(a.upos[1], Upos::Part);
    }

    #[test]
    fn hyphenated_words_merge_onto_the_head_most_word() {
        // GUM splits "adult-learned"; Newsmark keeps it whole.
        let s = sent(
            "# text = adult-learned language\n\
             1\tadult\tadult\tNOUN\tNN\t_\t3\tcompound\t_\tSpaceAfter=No\n\
             2\t-\t-\tPUNCT\tHYPH\t_\t1\tpunct\t_\tSpaceAfter=No\n\
             3\tlearned\tlearn\tVERB\tVBN\t_\t4\tamod\t_\t_\n\
             4\tlanguage\tlanguage\tNOUN\tNN\t_\t0\troot\t_\t_\n\n",
        );
        let (a, kind) = align(&s).unwrap();
        assert_eq!(kind, AlignKind::Merged);
        assert_eq!(a.words, ["adult-learned", "language"]);
        assert_eq!(a.heads, [1, ROOT]);
        assert_eq!(a.rels, [Rel::Amod, Rel::Root]);
        assert_eq!(a.upos, [Upos::Verb, Upos::Noun]);
    }

    #[test]
    fn multiword_token_kept_whole_and_word_split() {
        // "cannot" is one Newsmark token over two UD words: the first
        // head-most word (can) is carried. "911;now" is one UD word that
        // Newsmark splits: the first word-like piece carries it.
        let s = sent(
            "# text = I cannot go.\n\
             1\tI\tI\tPRON\tPRP\t_\t4\tnsubj\t_\t_\n\
             2-3\tcannot\t_\t_\t_\t_\t_\t_\t_\t_\n\
             2\tcan\tcan\tAUX\tMD\t_\t4\taux\t_\t_\n\
             3\tnot\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n\
             4\tgo\tgo\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n\
             5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n\n",
        );
        let (a, kind) = align(&s).unwrap();
        assert_eq!(kind, AlignKind::Merged);
        assert_eq!(a.words, ["I", "cannot", "go", "."]);
        assert_eq!(a.heads, [2, 2, ROOT, 2]);
        assert_eq!(a.rels[1], Rel::Aux);
        let s = sent(
            "# text = Call 911;now\n\
             1\tCall\tcall\tVERB\tVB\t_\t0\troot\t_\t_\n\
             2\t911;now\t911;now\tNUM\tCD\t_\t1\tobj\t_\t_\n\n",
        );
        let (a, kind) = align(&s).unwrap();
        assert_eq!(kind, AlignKind::Split);
        assert_eq!(a.words, ["Call", "911", ";", "now"]);
        assert_eq!(a.heads, [ROOT, 0, 1, 1]);
        assert_eq!(a.rels, [Rel::Root, Rel::Obj, Rel::Punct, Rel::Flat]);
    }

    #[test]
    fn words_missing_from_the_text_are_refused() {
        let s = sent(
            "# text = Hello there\n\
             1\tHello\thello\tINTJ\tUH\t_\t0\troot\t_\t_\n\
             2\tworld\tworld\tNOUN\tNN\t_\t1\tvocative\t_\t_\n\n",
        );
        assert_eq!(align(&s), Err(AlignError::WordNotInText));
    }
}
