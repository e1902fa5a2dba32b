//! Tag schemes: reading IOB1, IOB2, IO and BILOU/IOBES tag sequences into
//! spans, and the BILOU tag set the model decodes.

use crate::label::Label;

/// A labelled range of token indices `[start, end)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TokenSpan {
    pub start: usize,
    pub end: usize,
    pub label: Label,
}

/// Reads a tag sequence in any of IOB1, IOB2, IO, IOBES or BILOU into spans.
///
/// `B-X` always starts a span; `I-X` continues a span of type X or starts one;
/// `E-X`/`L-X` end a span and `S-X`/`U-X` are single-token spans. Tags whose
/// type Newsmark does not know are treated as `O`.
pub fn spans_from_tags<S: AsRef<str>>(tags: &[S]) -> Vec<TokenSpan> {
    let mut out: Vec<TokenSpan> = Vec::new();
    let mut open: Option<TokenSpan> = None;
    for (i, tag) in tags.iter().enumerate() {
        let tag = tag.as_ref();
        let (prefix, label) = match tag.split_once('-') {
            Some((p, l)) => (p, l.parse::<Label>().ok()),
            None => (tag, None),
        };
        let Some(label) = label else {
            out.extend(open.take());
            continue;
        };
        match prefix {
            "B" => {
                out.extend(open.take());
                open = Some(TokenSpan {
                    start: i,
                    end: i + 1,
                    label,
                });
            }
            "S" | "U" => {
                out.extend(open.take());
                out.push(TokenSpan {
                    start: i,
                    end: i + 1,
                    label,
                });
            }
            "E" | "L" => match open.take() {
                Some(mut s) if s.label == label => {
                    s.end = i + 1;
                    out.push(s);
                }
                other => {
                    out.extend(other);
                    out.push(TokenSpan {
                        start: i,
                        end: i + 1,
                        label,
                    });
                }
            },
            _ => match open.as_mut() {
                Some(s) if s.label == label => s.end = i + 1,
                _ => {
                    out.extend(open.take());
                    open = Some(TokenSpan {
                        start: i,
                        end: i + 1,
                        label,
                    });
                }
            },
        }
    }
    out.extend(open);
    out
}

/// Tags as IOB2 strings for `n` tokens.
pub fn iob2_from_spans(spans: &[TokenSpan], n: usize) -> Vec<String> {
    let mut tags = vec!["O".to_string(); n];
    for s in spans {
        for (k, tag) in tags.iter_mut().enumerate().take(s.end).skip(s.start) {
            let p = if k == s.start { 'B' } else { 'I' };
            *tag = format!("{p}-{}", s.label);
        }
    }
    tags
}

/// The BILOU tag set over the four CoNLL name types: tag 0 is `O`; tag
/// `1 + 4 * type + k` is B, I, L or U (k = 0..3) of `Label::NAMES[type]`.
pub const N_TAGS: usize = 1 + 4 * Label::NAMES.len();

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    O,
    B,
    I,
    L,
    U,
}

pub fn tag_part(tag: usize) -> (Part, Option<Label>) {
    if tag == 0 {
        return (Part::O, None);
    }
    let t = tag - 1;
    let part = [Part::B, Part::I, Part::L, Part::U][t % 4];
    (part, Some(Label::NAMES[t / 4]))
}

fn tag_of(part: Part, label: Label) -> usize {
    let ty = Label::NAMES
        .iter()
        .position(|&l| l == label)
        .expect("name label");
    1 + 4 * ty
        + [Part::B, Part::I, Part::L, Part::U]
            .iter()
            .position(|&p| p == part)
            .unwrap()
}

/// BILOU tag indices for `n` tokens; spans of non-name labels are ignored.
pub fn bilou_from_spans(spans: &[TokenSpan], n: usize) -> Vec<usize> {
    let mut tags = vec![0; n];
    for s in spans.iter().filter(|s| Label::NAMES.contains(&s.label)) {
        if s.end - s.start == 1 {
            tags[s.start] = tag_of(Part::U, s.label);
        } else {
            tags[s.start] = tag_of(Part::B, s.label);
            for t in &mut tags[s.start + 1..s.end - 1] {
                *t = tag_of(Part::I, s.label);
            }
            tags[s.end - 1] = tag_of(Part::L, s.label);
        }
    }
    tags
}

/// Spans from a valid BILOU tag index sequence.
pub fn spans_from_bilou(tags: &[usize]) -> Vec<TokenSpan> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, &tag) in tags.iter().enumerate() {
        match tag_part(tag) {
            (Part::B, _) => start = i,
            (Part::L, Some(label)) => out.push(TokenSpan {
                start,
                end: i + 1,
                label,
            }),
            (Part::U, Some(label)) => out.push(TokenSpan {
                start: i,
                end: i + 1,
                label,
            }),
            _ => {}
        }
    }
    out
}

/// Whether tag `b` may follow tag `a` in BILOU.
pub fn allowed(a: usize, b: usize) -> bool {
    let (pa, la) = tag_part(a);
    let (pb, lb) = tag_part(b);
    match pa {
        Part::B | Part::I => matches!(pb, Part::I | Part::L) && la == lb,
        _ => matches!(pb, Part::O | Part::B | Part::U),
    }
}

pub fn allowed_start(b: usize) -> bool {
    matches!(tag_part(b).0, Part::O | Part::B | Part::U)
}

pub fn allowed_end(a: usize) -> bool {
    matches!(tag_part(a).0, Part::O | Part::L | Part::U)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sp(start: usize, end: usize, label: Label) -> TokenSpan {
        TokenSpan { start, end, label }
    }

    #[test]
    fn reads_every_scheme() {
        let want = vec![
            sp(0, 2, Label::Per),
            sp(2, 3, Label::Per),
            sp(4, 5, Label::Loc),
        ];
        // IOB1: B- only between adjacent same-type spans.
        assert_eq!(
            spans_from_tags(&["I-PER", "I-PER", "B-PER", "O", "I-LOC"]),
            want
        );
        assert_eq!(
            spans_from_tags(&["B-PER", "I-PER", "B-PER", "O", "B-LOC"]),
            want
        );
        assert_eq!(
            spans_from_tags(&["B-PER", "L-PER", "U-PER", "O", "U-LOC"]),
            want
        );
        assert_eq!(
            spans_from_tags(&["B-PER", "E-PER", "S-PER", "O", "S-LOC"]),
            want
        );
        // IO cannot separate adjacent same-type spans.
        assert_eq!(
            spans_from_tags(&["I-PER", "I-PER", "I-PER", "O", "I-LOC"]),
            vec![sp(0, 3, Label::Per), sp(4, 5, Label::Loc)]
        );
        assert_eq!(
            spans_from_tags(&["I-ORG", "I-LOC"]),
            vec![sp(0, 1, Label::Org), sp(1, 2, Label::Loc)]
        );
    }

    #[test]
    fn bilou_round_trip_and_constraints() {
        let spans = vec![
            sp(0, 3, Label::Org),
            sp(3, 4, Label::Misc),
            sp(5, 7, Label::Per),
        ];
        let tags = bilou_from_spans(&spans, 8);
        assert_eq!(spans_from_bilou(&tags), spans);
        assert!(allowed_start(tags[0]) && allowed_end(tags[7]));
        for w in tags.windows(2) {
            assert!(allowed(w[0], w[1]));
        }
        assert!(!allowed(
            tag_of(Part::B, Label::Per),
            tag_of(Part::I, Label::Loc)
        ));
        assert!(!allowed(0, tag_of(Part::I, Label::Loc)));
        let iob2 = iob2_from_spans(&spans, 8);
        assert_eq!(spans_from_tags(&iob2), spans);
    }
}
