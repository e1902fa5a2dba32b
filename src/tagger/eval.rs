//! Entity-level evaluation in the style of CoNLL's `conlleval`: a predicted
//! entity counts only if its start, end and label all match a gold entity.

use crate::label::Label;
use crate::span::Span;
use crate::tagger::tags::TokenSpan;
use std::collections::BTreeMap;
use std::fmt::Write;

#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub gold: usize,
    pub found: usize,
    pub correct: usize,
}

impl Prf {
    pub fn new(correct: usize, found: usize, gold: usize) -> Self {
        let p = if found > 0 {
            correct as f64 / found as f64
        } else {
            0.0
        };
        let r = if gold > 0 {
            correct as f64 / gold as f64
        } else {
            0.0
        };
        let f1 = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        Prf {
            precision: p,
            recall: r,
            f1,
            gold,
            found,
            correct,
        }
    }
}

/// Running counts of gold, found and correct entities per label.
#[derive(Debug, Clone, Default)]
pub struct EvalCounts {
    per_label: BTreeMap<Label, (usize, usize, usize)>,
    tokens: usize,
    sentences: usize,
}

impl EvalCounts {
    /// Adds one sentence: gold and predicted spans over `n_tokens` tokens.
    pub fn add(&mut self, gold: &[TokenSpan], pred: &[TokenSpan], n_tokens: usize) {
        self.add_matching(gold, pred, |s| s.label, n_tokens);
    }

    /// Adds one sentence of byte-span mentions (as the rule-based labels are
    /// scored): a prediction is correct if its span and label equal a gold one.
    pub fn add_spans(&mut self, gold: &[(Span, Label)], pred: &[(Span, Label)], n_tokens: usize) {
        self.add_matching(gold, pred, |m| m.1, n_tokens);
    }

    fn add_matching<T: PartialEq>(
        &mut self,
        gold: &[T],
        pred: &[T],
        label: impl Fn(&T) -> Label,
        n_tokens: usize,
    ) {
        self.tokens += n_tokens;
        self.sentences += 1;
        for g in gold {
            self.per_label.entry(label(g)).or_default().0 += 1;
        }
        for p in pred {
            let e = self.per_label.entry(label(p)).or_default();
            e.1 += 1;
            if gold.contains(p) {
                e.2 += 1;
            }
        }
    }

    pub fn label(&self, label: Label) -> Prf {
        let (g, f, c) = self.per_label.get(&label).copied().unwrap_or_default();
        Prf::new(c, f, g)
    }

    pub fn labels(&self) -> impl Iterator<Item = Label> + '_ {
        self.per_label.keys().copied()
    }

    /// Micro-averaged over every label seen.
    pub fn overall(&self) -> Prf {
        let (g, f, c) = self
            .per_label
            .values()
            .fold((0, 0, 0), |a, b| (a.0 + b.0, a.1 + b.1, a.2 + b.2));
        Prf::new(c, f, g)
    }

    /// A `conlleval`-style report.
    pub fn report(&self) -> String {
        let o = self.overall();
        let mut s = String::new();
        let _ = writeln!(
            s,
            "processed {} tokens in {} sentences with {} phrases; found: {} phrases; correct: {}.",
            self.tokens, self.sentences, o.gold, o.found, o.correct
        );
        let _ = writeln!(
            s,
            "{:>8}: precision: {:6.2}%; recall: {:6.2}%; FB1: {:6.2}",
            "overall",
            100.0 * o.precision,
            100.0 * o.recall,
            100.0 * o.f1
        );
        for l in self.labels() {
            let p = self.label(l);
            let _ = writeln!(
                s,
                "{:>8}: precision: {:6.2}%; recall: {:6.2}%; FB1: {:6.2}  (gold {}, found {})",
                l.as_str(),
                100.0 * p.precision,
                100.0 * p.recall,
                100.0 * p.f1,
                p.gold,
                p.found
            );
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_exact_matches_only() {
        let g = [
            TokenSpan {
                start: 0,
                end: 2,
                label: Label::Per,
            },
            TokenSpan {
                start: 3,
                end: 4,
                label: Label::Loc,
            },
        ];
        let p = [
            TokenSpan {
                start: 0,
                end: 2,
                label: Label::Per,
            },
            TokenSpan {
                start: 3,
                end: 5,
                label: Label::Loc,
            },
            TokenSpan {
                start: 6,
                end: 7,
                label: Label::Org,
            },
        ];
        let mut c = EvalCounts::default();
        c.add(&g, &p, 8);
        let o = c.overall();
        assert_eq!((o.gold, o.found, o.correct), (2, 3, 1));
        assert!((o.f1 - 0.4).abs() < 1e-9);
        assert_eq!(c.label(Label::Per).f1, 1.0);
        assert_eq!(c.label(Label::Loc).f1, 0.0);
        assert!(c.report().contains("overall"));
    }
}
