//! Reading PolNeAR (brat standoff) into training units: paragraphs of
//! tokens with their source, cue and content spans.

use super::{paragraphs, AttributionModel, RoleSlot};
use crate::annotation::{Annotations, Role};
use crate::document::Document;
use crate::label::Label;
use crate::span::Span;
use crate::span::Unit;
use crate::tagger::eval::EvalCounts;
use crate::tagger::tags::TokenSpan;
use crate::tagger::train::{Doc, Example};
use std::collections::HashMap;
use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum PolnearError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}, line {line}: {message}")]
    Line {
        path: String,
        line: usize,
        message: String,
    },
}

/// One piece of an annotated text span: its role and code-point offsets
/// (end exclusive). A discontinuous span has several pieces with one `span`.
#[derive(Debug, Clone, PartialEq)]
pub struct Piece {
    pub role: Role,
    pub start: usize,
    pub end: usize,
    /// Which span of its file (`T<n>` line) the piece belongs to.
    pub span: usize,
}

/// Parses a brat `.ann` file: the Source, Cue and Content pieces of every
/// attribution relation (`E` line). Other annotations are ignored.
pub fn parse_ann(ann: &str, path: &str) -> Result<Vec<Piece>, PolnearError> {
    type Pieces = Vec<(usize, usize)>;
    let mut spans: HashMap<&str, (usize, Pieces)> = HashMap::new();
    let mut events: Vec<Vec<(&str, &str)>> = Vec::new();
    for (n, line) in ann.lines().enumerate() {
        let err = |message: String| PolnearError::Line {
            path: path.to_string(),
            line: n + 1,
            message,
        };
        // Only `T<n><TAB>` and `E<n><TAB>` lines; anything else (such as the
        // continuation of a covered text with a newline) is skipped.
        let id_line = |c: char| {
            line.strip_prefix(c)
                .and_then(|r| r.split_once('\t'))
                .is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        };
        if id_line('T') {
            let mut parts = line.splitn(3, '\t');
            let (Some(id), Some(spec)) = (parts.next(), parts.next()) else {
                return Err(err("expected T<n><TAB>Type start end".into()));
            };
            let (_, ranges) = spec
                .split_once(' ')
                .ok_or_else(|| err("missing offsets".into()))?;
            let mut pieces = Vec::new();
            for r in ranges.split(';') {
                let mut it = r.split_whitespace().map(str::parse::<usize>);
                match (it.next(), it.next()) {
                    (Some(Ok(a)), Some(Ok(b))) if a <= b => pieces.push((a, b)),
                    _ => return Err(err(format!("bad offsets {r:?}"))),
                }
            }
            let n = spans.len();
            spans.insert(id, (n, pieces));
        } else if id_line('E') {
            let Some((_, args)) = line.split_once('\t') else {
                continue;
            };
            events.push(
                args.split_whitespace()
                    .filter_map(|a| a.split_once(':'))
                    .collect(),
            );
        }
    }
    let mut out = Vec::new();
    for args in events {
        for (role, id) in args {
            let role = match role {
                "Source" => Role::Source,
                "Cue" => Role::Cue,
                "Content" => Role::Content,
                _ => continue,
            };
            if let Some(&(span, ref pieces)) = spans.get(id) {
                out.extend(pieces.iter().map(|&(start, end)| Piece {
                    role,
                    start,
                    end,
                    span,
                }));
            }
        }
    }
    Ok(out)
}

/// One article as training units (paragraphs), with token spans of roles.
pub fn article(text: &str, pieces: &[Piece]) -> Doc {
    article_roles(text, pieces, &Role::ALL)
}

/// One article as training units, with the token spans of `roles` only
/// (a layer of a two-layer model: see [`AttributionModel::layered`]).
pub fn article_roles(text: &str, pieces: &[Piece], roles: &[Role]) -> Doc {
    let doc = Document::new(text);
    let index = doc.offsets();
    let paras = paragraphs(&doc);
    let mut units: Vec<Example> = paras
        .iter()
        .map(|r| Example {
            words: r.clone().map(|i| doc.token_text(i).to_string()).collect(),
            spans: Vec::new(),
            domain: 0,
        })
        .collect();
    for p in pieces.iter().filter(|p| roles.contains(&p.role)) {
        let (Some(a), Some(b)) = (
            index.to_byte(p.start, Unit::Char),
            index.to_byte(p.end, Unit::Char),
        ) else {
            continue;
        };
        // Tokens overlapping the piece, split by paragraph.
        for (u, r) in paras.iter().enumerate() {
            let inside: Vec<usize> = r
                .clone()
                .filter(|&i| {
                    let t = doc.tokens()[i].span;
                    t.start < b && a < t.end
                })
                .collect();
            if let (Some(&first), Some(&last)) = (inside.first(), inside.last()) {
                units[u].spans.push(TokenSpan {
                    start: first - r.start,
                    end: last + 1 - r.start,
                    label: p.role.slot(),
                });
            }
        }
    }
    for u in &mut units {
        u.spans.sort();
        // Each token has at most one role; keep the first of any overlap.
        let mut kept: Vec<TokenSpan> = Vec::new();
        for s in u.spans.drain(..) {
            if kept.last().is_none_or(|k| k.end <= s.start) {
                kept.push(s);
            }
        }
        u.spans = kept;
    }
    units
}

/// One article as it is on disk: its text and every gold piece.
#[derive(Debug, Clone)]
pub struct Article {
    pub name: String,
    pub text: String,
    pub pieces: Vec<Piece>,
}

/// Reads a PolNeAR split directory: every article with its gold pieces,
/// using the first annotator's file in sorted order.
pub fn read_articles(dir: &Path) -> Result<Vec<Article>, PolnearError> {
    let io = |path: &Path, source| PolnearError::Io {
        path: path.display().to_string(),
        source,
    };
    let ann_dir = dir.join("attributions");
    let mut anns: Vec<_> = std::fs::read_dir(&ann_dir)
        .map_err(|e| io(&ann_dir, e))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "ann"))
        .collect();
    anns.sort();
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for ann in anns {
        let stem = ann
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        let article_name = stem
            .rsplit_once('_')
            .map_or(stem.as_str(), |(a, _)| a)
            .to_string();
        if !seen.insert(article_name.clone()) {
            continue;
        }
        let txt = dir.join("text").join(format!("{article_name}.txt"));
        let text = std::fs::read_to_string(&txt).map_err(|e| io(&txt, e))?;
        let ann_text = std::fs::read_to_string(&ann).map_err(|e| io(&ann, e))?;
        let pieces = parse_ann(&ann_text, &ann.display().to_string())?;
        out.push(Article {
            name: article_name,
            text,
            pieces,
        });
    }
    Ok(out)
}

/// Exact-match counts per role (in the roles' label slots) over whole
/// articles, as the product finds them ([`AttributionModel::find`]): every
/// gold piece counts, nested ones included (a source inside another
/// attribution's content), each distinct (role, start, end) once, in code
/// points with white space trimmed at both ends.
pub fn evaluate_articles(model: &AttributionModel, articles: &[Article]) -> EvalCounts {
    let mut counts = EvalCounts::default();
    for a in articles {
        let chars: Vec<char> = a.text.chars().collect();
        let trim = |mut start: usize, mut end: usize| {
            end = end.min(chars.len());
            while start < end && chars[start].is_whitespace() {
                start += 1;
            }
            while end > start && chars[end - 1].is_whitespace() {
                end -= 1;
            }
            (start < end).then_some(Span::new(start, end))
        };
        let mut gold: Vec<(Span, Label)> = a
            .pieces
            .iter()
            .filter_map(|p| trim(p.start, p.end).map(|s| (s, p.role.slot())))
            .collect();
        let doc = Document::new(&a.text);
        let index = doc.offsets();
        let mut found = Vec::new();
        for att in model.find(&doc) {
            let roles = att
                .source
                .map(|s| (s, Role::Source))
                .into_iter()
                .chain(std::iter::once((att.cue, Role::Cue)))
                .chain(att.content.iter().map(|&s| (s, Role::Content)));
            for (span, role) in roles {
                if let Some((s, e)) = index.span_from_bytes(span, Unit::Char) {
                    if let Some(t) = trim(s, e) {
                        found.push((t, role.slot()));
                    }
                }
            }
        }
        for list in [&mut gold, &mut found] {
            list.sort_by_key(|(s, l)| (s.start, s.end, *l));
            list.dedup();
        }
        counts.add_spans(&gold, &found, doc.tokens().len());
    }
    counts
}

/// Exact-match counts per role the way the independent evaluator scores
/// the CLI's output: each gold span (`T` line of the first annotator's file)
/// is the hull from the smallest start to the largest end of its pieces, in
/// code points as written, not trimmed; a found attribution's source, cue and
/// content hull are taken as the CLI prints them; the distinct (start, end)
/// spans per article and role are compared, whole articles, nested
/// attributions included.
pub fn evaluate_articles_hull(
    find: impl Fn(&Document) -> Vec<crate::annotation::Attribution>,
    articles: &[Article],
) -> EvalCounts {
    let mut counts = EvalCounts::default();
    for a in articles {
        let mut hulls: HashMap<(usize, Label), (usize, usize)> = HashMap::new();
        for p in &a.pieces {
            let h = hulls
                .entry((p.span, p.role.slot()))
                .or_insert((p.start, p.end));
            *h = (h.0.min(p.start), h.1.max(p.end));
        }
        let mut gold: Vec<(Span, Label)> = hulls
            .into_iter()
            .map(|((_, label), (s, e))| (Span::new(s, e), label))
            .collect();
        let doc = Document::new(&a.text);
        let index = doc.offsets();
        let mut found = Vec::new();
        for att in find(&doc) {
            let roles = att
                .source
                .map(|s| (s, Role::Source))
                .into_iter()
                .chain(std::iter::once((att.cue, Role::Cue)))
                .chain(att.content_span().map(|s| (s, Role::Content)));
            for (span, role) in roles {
                if let Some((s, e)) = index.span_from_bytes(span, Unit::Char) {
                    found.push((Span::new(s, e), role.slot()));
                }
            }
        }
        for list in [&mut gold, &mut found] {
            list.sort_by_key(|(s, l)| (s.start, s.end, *l));
            list.dedup();
        }
        counts.add_spans(&gold, &found, doc.tokens().len());
    }
    counts
}

/// One gold pronoun source and the name it refers to (`None`: no name does).
#[derive(Debug, Clone, PartialEq)]
pub struct GoldReferent {
    pub article: String,
    /// The pronoun, in code points.
    pub start: usize,
    pub end: usize,
    pub pronoun: String,
    pub name: Option<String>,
}

/// Reads a referent gold file: tab-separated lines `id, article, start, end,
/// pronoun, name` (`-` for no name), offsets in code points into the
/// article's text. Only offsets and names are stored, never article text.
pub fn read_referents(path: &Path) -> Result<Vec<GoldReferent>, PolnearError> {
    let text = std::fs::read_to_string(path).map_err(|source| PolnearError::Io {
        path: path.display().to_string(),
        source,
    })?;
    let mut out = Vec::new();
    for (n, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let bad = |message: &str| PolnearError::Line {
            path: path.display().to_string(),
            line: n + 1,
            message: message.to_string(),
        };
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() != 6 {
            return Err(bad(
                "expected 6 tab-separated fields: id, article, start, end, pronoun, name",
            ));
        }
        let num = |s: &str| {
            s.parse::<usize>()
                .map_err(|_| bad("start and end must be numbers"))
        };
        out.push(GoldReferent {
            article: f[1].to_string(),
            start: num(f[2])?,
            end: num(f[3])?,
            pronoun: f[4].to_string(),
            name: (f[5] != "-").then(|| f[5].to_string()),
        });
    }
    Ok(out)
}

/// Every gold referent's article is one of `articles`, or an error naming the first that is not.
pub fn check_referent_articles(articles: &[Article], gold: &[GoldReferent]) -> Result<(), String> {
    match gold
        .iter()
        .find(|g| !articles.iter().any(|a| a.name == g.article))
    {
        Some(g) => Err(format!(
            "gold names article {:?}, which is not in the data",
            g.article
        )),
        None => Ok(()),
    }
}

/// Whether two names name the same one, ignoring case, titles ("Mr.") and a
/// possessive: when both have a first and a last name, both must agree
/// ("Hillary Clinton" is not "Bill Clinton"); otherwise the last words agree
/// ("Clinton's" and "Hillary Clinton"), or every word of one is in the other
/// ("Ban" and "Ban Ki-moon").
pub fn same_name(a: &str, b: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split_whitespace()
            .filter(|w| !(w.ends_with('.') && w.len() <= 5))
            .map(|w| {
                w.trim_end_matches("'s")
                    .trim_end_matches("’s")
                    .trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase()
            })
            .filter(|w| !w.is_empty())
            .collect()
    };
    let (x, y) = (words(a), words(b));
    if x.len() >= 2 && y.len() >= 2 {
        return x.first() == y.first() && x.last() == y.last();
    }
    let within = |p: &[String], q: &[String]| !p.is_empty() && p.iter().all(|w| q.contains(w));
    x.last().is_some_and(|l| y.last() == Some(l)) || within(&x, &y) || within(&y, &x)
}

/// Referent counts: gold pronouns with a name, how many got one, and how many right.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ReferentCounts {
    /// Gold pronouns whose referent has a name.
    pub named: usize,
    /// Gold pronouns whose referent has none.
    pub unnamed: usize,
    /// Pronouns the resolver gave a name.
    pub resolved: usize,
    /// Of those, the right one.
    pub correct: usize,
}

/// Resolves every gold pronoun with the entities and attributions that
/// `annotate` finds in its article ([`super::referent::referent`]). `mistake` is
/// called with each wrong or missing answer: the gold item, the pronoun and
/// the name found.
pub fn evaluate_referents(
    annotate: impl Fn(&Document) -> Annotations,
    articles: &[Article],
    gold: &[GoldReferent],
    mut mistake: impl FnMut(&GoldReferent, &str, Option<&str>),
) -> Result<ReferentCounts, String> {
    check_referent_articles(articles, gold)?;
    let mut counts = ReferentCounts::default();
    for a in articles {
        let items: Vec<&GoldReferent> = gold.iter().filter(|g| g.article == a.name).collect();
        if items.is_empty() {
            continue;
        }
        let doc = Document::new(&a.text);
        let ann = annotate(&doc);
        let index = doc.offsets();
        for g in items {
            let span = index
                .span_to_bytes(g.start, g.end, Unit::Char)
                .ok_or_else(|| format!("{}: {}..{} is outside the text", a.name, g.start, g.end))?;
            if a.text[span.range()] != g.pronoun {
                return Err(format!(
                    "{}: {}..{} reads {:?} in the data, not {:?}: the gold file does not fit this data",
                    a.name,
                    g.start,
                    g.end,
                    &a.text[span.range()],
                    g.pronoun
                ));
            }
            match &g.name {
                Some(_) => counts.named += 1,
                None => counts.unnamed += 1,
            }
            let found = super::referent::referent(&doc, &ann.entities, &ann.attributions, span)
                .map(|i| &a.text[ann.entities[i].span.range()]);
            // Gold may name several ("Obama; Hillary Clinton" for "they"): any one is right.
            let right = found.is_some_and(|f| {
                g.name
                    .as_deref()
                    .is_some_and(|n| n.split("; ").any(|n| same_name(n, f)))
            });
            counts.resolved += usize::from(found.is_some());
            counts.correct += usize::from(right);
            if !right && (found.is_some() || g.name.is_some()) {
                mistake(g, &a.text[span.range()], found);
            }
        }
    }
    Ok(counts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_by_last_word_or_all_words() {
        assert!(same_name("Hillary Clinton", "Mrs. Clinton's"));
        assert!(same_name("Ban Ki-moon", "Ban"));
        assert!(same_name("Ban", "Ban Ki-moon"));
        assert!(same_name("Donald J. Trump", "Donald Trump"));
        assert!(!same_name("Donald Trump", "Hillary Clinton"));
        assert!(!same_name("Hillary Clinton", "Bill Clinton"));
        assert!(!same_name("", "Trump"));
    }

    #[test]
    fn referent_gold_lines_are_checked() {
        let dir = std::env::temp_dir().join(format!("nm-ref-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let good = dir.join("good.tsv");
        std::fs::write(&good, "0\tart\t2\t4\the\tJo Park\n1\tart\t9\t12\tshe\t-\n").unwrap();
        let g = read_referents(&good).unwrap();
        assert_eq!(g.len(), 2);
        assert_eq!(
            (g[0].start, g[0].end, g[0].name.as_deref()),
            (2, 4, Some("Jo Park"))
        );
        assert_eq!(g[1].name, None);
        let bad = dir.join("bad.tsv");
        std::fs::write(&bad, "0\tart\t2\tfour\the\tJo\n").unwrap();
        let err = read_referents(&bad).unwrap_err().to_string();
        assert!(err.contains("line 1") && err.contains("numbers"), "{err}");
        std::fs::write(&bad, "0\tart\t2\t4\the\n").unwrap();
        assert!(read_referents(&bad)
            .unwrap_err()
            .to_string()
            .contains("6 tab-separated"));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn reads_brat_attributions_into_token_spans() {
        let text = "Intro.\n\nThe Post reports that taxes rose.";
        let ann = "T1\tSource 8 16\tThe Post\nT2\tCue 17 24\treports\nT3\tContent 25 41\tthat taxes rose.\nT4\tAttribution 17 24\treports\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\nT5\tDiscuss 0 5\tIntro\n";
        let pieces = parse_ann(ann, "x.ann").unwrap();
        assert_eq!(pieces.len(), 3);
        let doc = article(text, &pieces);
        assert_eq!(doc.len(), 2);
        assert_eq!(doc[1].words[..3], ["The", "Post", "reports"]);
        let roles: Vec<(usize, usize, Option<Role>)> = doc[1]
            .spans
            .iter()
            .map(|s| (s.start, s.end, crate::attribution::role_of_slot(s.label)))
            .collect();
        assert_eq!(
            roles,
            vec![
                (0, 2, Some(Role::Source)),
                (2, 3, Some(Role::Cue)),
                (3, 7, Some(Role::Content))
            ]
        );
        // One layer only: the content spans.
        let content = article_roles(text, &pieces, &[Role::Content]);
        assert_eq!(content[1].spans.len(), 1);
        assert_eq!(
            crate::attribution::role_of_slot(content[1].spans[0].label),
            Some(Role::Content)
        );
        assert!(parse_ann("T1\tSource x y\tz\n", "bad.ann")
            .unwrap_err()
            .to_string()
            .contains("bad.ann, line 1"));
    }
}
