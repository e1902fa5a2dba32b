//! The rules that complete what the tagger finds in news sentences: a cue
//! left without content or source gets them from the sentence's shape
//! ("…, a source said.", "Officials said crime fell.", "X called on Y to …",
//! "Officials estimate that …", "The mayor, who …, said"), and a participle
//! cue ("…, adding that …") shares the source before it.

use super::according::according_content;
use super::asides::{parenthetical_clause, participle_after_quotation, PARTICIPLES};
use super::boundaries::{
    addressee_outside, anonymity_aside, content_after_subordinator, content_before_participle,
    content_before_source, quotation_before_cue, quoted_as_saying, that_after_phrase,
};
use super::clauses::{inverted_report, leading_content, that_clause, CLAUSE_VERBS};
use super::headlines::{headline_content, headline_cue};
use super::shapes::{
    colon_speaker, content_to_sentence_end, coordinated_cues, is_upper, join_pieces, medium_phrase,
    parenthetical_content, signed_quotations, time_after, time_before, trimmed_source,
};
use super::sources::{
    appositive_source, past_conjunction, past_dateline, polled_source, premodified_name,
    relative_source, relative_subject, short_subject, staff_of_name, subject_source,
    with_closing_comma, ASIDE_TOKENS, NAME_TOKENS, SUBJECT_TOKENS,
};
use super::{group_in_sentences, role_span, Group};
use crate::annotation::Role;
use crate::tagger::tags::TokenSpan;
use std::ops::Range;

/// [`super::group`], then a cue that the tagger left without content gets one when
/// the sentence ends in it ("…, a source said.", "…, said Ms. Ortiz.", "…,
/// the office said on Tuesday."): the sentence up to that comma (see
/// `trailing::trailing_content`). A speech verb still without a source may get the
/// sentence's short subject (`sources::subject_source`). A cue still without
/// content is dropped.
pub fn group_words(words: &[&str], spans: &[(TokenSpan, Role)]) -> Vec<Group> {
    // Each mend returns new spans, or None when it has nothing to change.
    let split = headline_cue(words, spans);
    let spans = split.as_deref().unwrap_or(spans);
    let joined = quoted_as_saying(words, spans);
    let spans = joined.as_deref().unwrap_or(spans);
    let (starts, ends) = crate::tokenize::sentence_bounds_closed(words);
    let cut = super::overruns::overrun_spans(words, spans, &starts);
    let spans = cut.as_deref().unwrap_or(spans);
    let mut groups = group_in_sentences(spans, &starts);
    content_before_participle(words, spans, &starts, &mut groups);
    super::according::according_fronted(words, &starts, &mut groups);
    let have: Vec<TokenSpan> = groups.iter().map(|g| g.cue).collect();
    // covered[b] - covered[a]: how many of the tokens a..b some span holds.
    let mut held = vec![false; words.len()];
    for (s, _) in spans {
        for h in &mut held[s.start.min(words.len())..s.end.min(words.len())] {
            *h = true;
        }
    }
    let mut covered = vec![0usize; words.len() + 1];
    for (t, &h) in held.iter().enumerate() {
        covered[t + 1] = covered[t] + usize::from(h);
    }
    let free = |r: Range<usize>| covered[r.end] == covered[r.start];
    for (cue, _) in spans
        .iter()
        .filter(|(s, r)| *r == Role::Cue && !have.contains(s))
    {
        // A source next to the cue: "X said", "said X".
        let source = spans
            .iter()
            .filter(|(s, r)| *r == Role::Source && (s.end == cue.start || s.start == cue.end))
            .map(|(s, _)| *s)
            .next();
        let sentence = starts[cue.start]..ends[cue.start].min(words.len());
        let found = super::trailing::trailing_content(words, sentence.clone(), *cue, source)
            .map(|content| (*cue, content))
            .or_else(|| leading_content(words, sentence.clone(), *cue, source, &free))
            .or_else(|| according_content(words, sentence, *cue, source, &free));
        if let Some((cue, content)) = found {
            groups.push(Group {
                source,
                cue,
                content: vec![content],
            });
        }
    }
    // A sentence where the tagger found nothing that reads "Officials
    // estimate that …": its short subject, the verb and the rest.
    // A content or source alone, with no cue in its sentence, is no
    // attribution either ("[The opposition] on Sunday called on …").
    let cue_in = |r: Range<usize>| {
        spans
            .iter()
            .any(|(s, role)| *role == Role::Cue && s.start < r.end && r.start < s.end)
    };
    for start in (0..words.len()).filter(|&t| starts[t] == t) {
        let end = ends[start].min(words.len());
        if free(start..end) || !cue_in(start..end) {
            groups.extend(
                that_clause(words, start..end)
                    .or_else(|| inverted_report(words, start..end))
                    .or_else(|| super::clauses::trailing_report(words, start..end)),
            );
        } else if let Some(g) = super::clauses::trailing_report(words, start..end) {
            // "[The study cannot prove that …], the authors cautioned." where
            // the tagger's cues in the sentence made no attribution, or only
            // ones with no source inside what this one reports: the report,
            // and those are none.
            let content = g.content[0].start..g.content[0].end;
            let tail = g.source.map_or(g.cue.start, |s| s.start)..g.cue.end;
            let inside = |h: &Group| content.contains(&h.cue.start) || h.cue.start > g.cue.end;
            let in_sentence = |h: &Group| (start..end).contains(&h.cue.start);
            if (free(tail.clone()) || super::clauses::tagger_agrees(spans, tail, g.cue))
                && groups
                    .iter()
                    .filter(|h| in_sentence(h))
                    .all(|h| (h.source.is_none() || h.cue.start > g.cue.end) && inside(h))
            {
                groups.retain(|h| !in_sentence(h));
                groups.push(g);
            }
        }
    }
    for start in (0..words.len()).filter(|&t| starts[t] == t) {
        super::reports::nested_report(words, start..ends[start].min(words.len()), &mut groups);
    }
    // Whether the tagger put a source or a cue on token t.
    let source_or_cue = |t: usize| {
        spans
            .iter()
            .any(|(s, r)| *r != Role::Content && s.start <= t && t < s.end)
    };
    // A speaker's name and a colon: a transcript's "WALLACE: …" or a
    // headline's "Pat Caddell: Democrat Voters Worried …".
    // Only where the tagger put no source or cue on the name and colon; a
    // transcript's turn may hold attributions of its own.
    if let Some(g) = colon_speaker(words).filter(|g| {
        let name = g.source.map_or(g.cue.start, |s| s.start)..g.cue.end;
        !name.clone().any(source_or_cue)
            && (g
                .source
                .is_some_and(|s| s.end - s.start <= 3 && is_upper(words[s.start]))
                || free(0..words.len()))
    }) {
        groups.push(g);
    }
    // "“…” ― Sonya Herridge": a quotation signed after a dash.
    for g in signed_quotations(words) {
        let signature = g.cue.start..g.source.map_or(g.cue.end, |s| s.end);
        if !signature.clone().any(source_or_cue) && !groups.iter().any(|o| o.cue == g.cue) {
            groups.push(g);
        }
    }
    // "Lenox was a juggernaut, Mr. Clarke said, until …" in a sentence where
    // no attribution was found.
    for start in (0..words.len()).filter(|&t| starts[t] == t) {
        let end = ends[start].min(words.len());
        if !groups.iter().any(|g| (start..end).contains(&g.cue.start)) {
            groups.extend(parenthetical_clause(words, start..end));
        }
    }
    super::interrupted::in_paragraph(words, (&starts, &ends), &mut groups);
    // A speech verb with no source whose sentence starts with a short name
    // or "The …" right before it: "The defence ministry accused …".
    let taken = |t: usize| !free(t..t + 1);
    // A subject the tagger read as a source of its own may still speak:
    // only its other roles hold a word.
    let held_not_as_source = |t: usize| {
        spans
            .iter()
            .any(|(s, r)| *r != Role::Source && s.start <= t && t < s.end)
    };
    // A source the tagger found at the start of the sentence that no cue
    // took, a comma after it ("Officials, speaking on condition of
    // anonymity because they were not authorized …, said": "they" took the
    // nearer cue, inside the aside). PolNeAR's source is then the name
    // alone (train: 21 of 23 such sources).
    let used: Vec<TokenSpan> = groups.iter().filter_map(|g| g.source).collect();
    let heads: Vec<TokenSpan> = spans
        .iter()
        .filter(|(s, r)| {
            *r == Role::Source
                && !used.contains(s)
                && starts[s.start] == s.start
                && words.get(s.end) == Some(&",")
        })
        .map(|(s, _)| *s)
        .collect();
    let mut reported = Vec::new();
    for g in groups.iter_mut() {
        let start = starts[g.cue.start];
        subject_in_content(words, start, g);
        super::asides::relative_in_apposition(words, start, g);
        let head = heads.iter().copied().find(|h| {
            h.start == start && words[g.cue.start - 1] == "," && g.cue.start - h.end <= ASIDE_TOKENS
        });
        g.source = match g.source {
            None if head.is_some() => head,
            None => subject_source(words, start, g.cue, &taken)
                .or_else(|| relative_subject(words, start, g.cue, &taken))
                .or_else(|| super::clauses::coordinated_subject(words, start, g.cue, &taken)),
            Some(s) => Some(relative_source(words, starts[s.start], s, g.cue, &taken)),
        }
        .map(|s| past_dateline(words, starts[s.start], s))
        .map(|s| super::asides::past_fronted_phrase(words, starts[s.start], s))
        .map(|s| past_conjunction(words, s))
        .map(|s| trimmed_source(words, starts[s.start], s, &taken))
        .map(|s| appositive_source(words, starts[s.start], s, &taken))
        .map(|s| polled_source(words, starts[s.start], s, &taken))
        .map(|s| premodified_name(words, starts[s.start], s, &taken))
        .map(|s| staff_of_name(words, starts[s.start], s, &taken))
        .map(|s| super::sources::name_before_apposition(words, starts[s.start], s, &taken))
        .map(|s| super::asides::listed_source(words, starts[s.start], s, &taken))
        .map(|s| {
            super::asides::subject_before_aside(
                words,
                starts[s.start],
                s,
                g.cue,
                &held_not_as_source,
            )
        })
        .map(|s| with_closing_comma(words, s, g.cue));
        super::clauses::relative_report(words, g);
        super::overruns::stray_pieces(words, &starts, &ends, g);
        content_before_source(words, start, g);
        super::boundaries::fronted_content_start(words, start, g);
        content_after_subordinator(words, start, g);
        super::boundaries::subject_of_content(words, g, &taken);
        super::trailing::content_to_report(words, g, &taken);
        if super::boundaries::phrase_after_report(words, start, g) {
            reported.extend(g.content.first().map(|c| c.start..c.end));
        }
        super::clauses::expected_subject(words, ends[start].min(words.len()), g);
    }
    // A cue with no source inside what such a report now holds ("killing")
    // is none.
    super::drop_sourceless_inside(&mut groups, &reported);
    headline_content(words, &mut groups, &taken);
    let headline = super::headlines::headline_report(words).filter(|_| groups.is_empty());
    groups.extend(headline);
    // "X said in a statement on Tuesday that …, adding that …": the said
    // clause the tagger missed, when another cue of the sentence ran over it.
    for start in (0..words.len()).filter(|&t| starts[t] == t) {
        let end = ends[start].min(words.len());
        if !free(start..end) {
            if let Some(g) = that_clause_before(words, start..end, &groups, spans) {
                // A cue of another sentence that took this clause ("… say
                // are theirs. A tribunal ruled in 2016 [that …]") loses it.
                let clause = g.content.first().map_or(0..0, |c| c.start..c.end);
                for h in groups.iter_mut().filter(|h| starts[h.cue.start] != start) {
                    h.content.retain(|c| !clause.contains(&c.start));
                }
                groups.push(g);
            }
        }
    }
    // A content never holds its own cue, and a participle ("…, adding that
    // …") reports only what follows it: the part before the cue goes. A time
    // phrase between the cue and its content is neither ("said on Sunday it
    // had …").
    for g in groups.iter_mut() {
        if let Some(c) = g.content.first_mut().filter(|c| c.start == g.cue.end) {
            c.start += time_after(words, c.start, c.end);
        }
        let participle = g.cue.end == g.cue.start + 1
            && PARTICIPLES.contains(&words[g.cue.start].to_lowercase().as_str());
        for c in g.content.iter_mut() {
            if c.start < g.cue.start && g.cue.end < c.end {
                c.start = g.cue.end;
            }
        }
        if participle && g.content.iter().any(|c| c.start >= g.cue.end) {
            g.content.retain(|c| c.start >= g.cue.end);
        }
    }
    // A quotation in another sentence than its cue, with a speaker of its
    // own after it ("\"We will …,\" the minister told parliament."), is
    // that speaker's.
    // (The tagger may have found that speaker, whose cue then lost the
    // quotation to the nearer cue.)
    let content_held = |t: usize| {
        spans
            .iter()
            .any(|(s, r)| *r == Role::Content && s.start <= t && t < s.end)
    };
    let mut quoted: Vec<Group> = Vec::new();
    for g in groups.iter_mut() {
        let cue_sentence = starts[g.cue.start];
        g.content.retain(|c| {
            let own = (starts[c.start] != cue_sentence)
                .then(|| quote_speaker(words, *c, ends[c.start].min(words.len()), &content_held))
                .flatten();
            if let Some((source, cue)) = own {
                match quoted.iter_mut().find(|q| q.cue == cue) {
                    Some(q) => q.content.push(*c),
                    None => quoted.push(Group {
                        source: Some(source),
                        cue,
                        content: vec![*c],
                    }),
                }
            }
            own.is_none()
        });
    }
    for q in quoted {
        match groups.iter_mut().find(|g| g.cue.start == q.cue.start) {
            Some(g) => {
                g.content.extend(q.content);
                g.content.sort();
                g.source = g.source.or(q.source);
            }
            None => groups.push(q),
        }
    }
    groups.retain(|g| !g.content.is_empty());
    // Words the tagger gave a source or cue, or another attribution holds.
    // Both rules ask only about words of the cue's sentence, so only spans
    // that reach into it are kept (all of them made this quadratic in a
    // paragraph's length: a pasted text with no blank line is one paragraph).
    for k in 0..groups.len() {
        let sentence = starts[groups[k].cue.start]..ends[groups[k].cue.start];
        let others: Vec<TokenSpan> = groups
            .iter()
            .enumerate()
            .filter(|&(j, _)| j != k)
            .flat_map(|(_, o)| o.spans().copied())
            .filter(|s| s.start < sentence.end && sentence.start < s.end)
            .collect();
        let held = |t: usize| others.iter().any(|s| s.start <= t && t < s.end) || source_or_cue(t);
        parenthetical_content(words, starts[groups[k].cue.start], &mut groups[k], &held);
        content_to_sentence_end(words, ends[groups[k].cue.start], &mut groups[k], &held);
        join_pieces(words, &starts, &mut groups[k], &held);
        super::interrupted::relative_clause_report(
            words,
            starts[groups[k].cue.start],
            &mut groups[k],
        );
    }
    groups.sort_by_key(|g| g.cue.start);
    // "X said …, adding that …": a participle cue continues the attribution
    // before it in the sentence, and shares its source; so does a cue right
    // after "and" or "but" ("The company denied any wrongdoing and said …",
    // "Residents said they welcomed the plan but feared …").
    for k in 1..groups.len() {
        let (before, rest) = groups.split_at_mut(k);
        let (g, prev) = (&mut rest[0], &before[k - 1]);
        let joined = g.cue.start > 0
            && ["and", "but"]
                .iter()
                .any(|c| words[g.cue.start - 1].eq_ignore_ascii_case(c));
        if g.source.is_none()
            && (words[g.cue.start].to_lowercase().ends_with("ing") || joined)
            && starts[g.cue.start] == starts[prev.cue.start]
        {
            g.source = prev.source;
        }
    }
    // "X condemned the attack, calling it …" where the tagger found only the
    // participle: the name that opens the sentence.
    // A source the tagger found there with no cue of its own may serve.
    // A content the tagger ran from the sentence's start to the
    // participle's comma is the sentence's subject and verb, not the
    // participle's content ("[The teachers' union also opposes the
    // closures], saying …").
    let held_not_source = |t: usize, start: usize, cue: TokenSpan| {
        spans.iter().any(|(s, r)| {
            *r != Role::Source
                && s.start <= t
                && t < s.end
                && !(*r == Role::Content && s.start == start && s.end + 1 == cue.start)
        })
    };
    // So does one whose tagged source ran from the sentence's start over
    // the verb to the comma ("[The department later cancelled the
    // contract,] citing …").
    for g in groups.iter_mut() {
        let start = starts[g.cue.start];
        let overrun = g
            .source
            .is_some_and(|s| s.start == start && s.end == g.cue.start && words[s.end - 1] == ",");
        if g.source.is_none() || overrun {
            let held = |t: usize| held_not_source(t, start, g.cue);
            let subject = super::subjects::participle_subject(words, start, g.cue, &held)
                .or_else(|| super::asides::apposed_subject(words, start, g.cue, &held));
            if g.source.is_none() || subject.is_some_and(|n| n.end + 1 < g.cue.start) {
                g.source = subject.or(g.source);
            }
        }
    }
    // "said at a rally", "said on CNN", "said of Trump": PolNeAR's cue is
    // then most often the verb alone (train: 34 of 50 cues for "said at",
    // 49 of 66 for "said on", 36 of 61 for "said of"; "said in a
    // statement" is the other way round, and stays).
    for g in groups.iter_mut() {
        let say = SAY.contains(&words[g.cue.start].to_lowercase().as_str());
        if say
            && g.cue.end > g.cue.start + 1
            && ["at", "on", "of"]
                .iter()
                .any(|p| words[g.cue.start + 1].eq_ignore_ascii_case(p))
        {
            g.cue.end = g.cue.start + 1;
        }
        // "Shelby later said", "my father often said": the adverb belongs to
        // the cue (train: 70 of 80 such cues), not to the source.
        if let Some(src) = g
            .source
            .as_mut()
            .filter(|s| s.end == g.cue.start && s.end > s.start + 1)
        {
            let w = words[src.end - 1].to_lowercase();
            // Lower case only: "Italy" is no adverb.
            let lower = !words[src.end - 1].starts_with(char::is_uppercase);
            if lower && (super::features::is_ly_adverb(&w) || CUE_ADVERBS.contains(&w.as_str())) {
                src.end -= 1;
                g.cue.start -= 1;
            }
        }
        // "said in an interview", "said in a statement": the other way round.
        if say && g.cue.end == g.cue.start + 1 {
            let n = medium_phrase(&words[g.cue.end..]);
            if n > 0 {
                let end = g.cue.end + n;
                g.cue.end = end;
                for c in g
                    .content
                    .iter_mut()
                    .filter(|c| c.start < end && c.end > end)
                {
                    c.start = end;
                }
                g.content.retain(|c| c.start >= end || c.end <= g.cue.start);
            }
        }
    }
    // "…, said the charter company's owner, Mike Tolliver.": the sentence
    // before is the content, and a cue with no source inside it ("had
    // passed") none.
    let mut inverted = Vec::new();
    for g in groups.iter_mut() {
        let sentence = starts[g.cue.start]..ends[g.cue.start].min(words.len());
        if super::clauses::inverted_apposition(words, sentence.clone(), g)
            || super::reports::inverted_name(words, sentence, g)
        {
            inverted.extend(g.content.first().map(|c| c.start..c.end));
        }
    }
    super::drop_sourceless_inside(&mut groups, &inverted);
    super::reports::not_reports(words, &mut groups);
    super::reports::plea(words, &mut groups);
    super::reports::expletive_it(words, &mut groups);
    super::according::according_source_split(words, &mut groups);
    super::according::according_opening(words, &starts, &ends, &mut groups);
    groups.retain(|g| !g.content.is_empty());
    coordinated_cues(words, &mut groups);
    super::boundaries::clause_coordination(words, &mut groups);
    participle_after_quotation(words, &mut groups);
    super::asides::participle_between_pieces(words, &mut groups);
    for g in groups.iter_mut() {
        super::asides::subject_before_apposition(words, starts[g.cue.start], g);
        super::according::according_source_overrun(words, g);
        super::according::according_clause_after(words, g);
        super::asides::relative_clause_source(words, g);
        super::reports::passive_addressee(words, g);
        super::subjects::name_before_first_verb(words, g);
        super::asides::head_of_by_phrase(words, starts[g.cue.start], g);
    }
    super::asides::relative_clause_to_cue(words, &mut groups);
    // A cue with no cue word is none inside another attribution's content
    // ("[Daily walk cuts] [risk of] [early death], large study finds";
    // PolNeAR train: 43 found, 4 right), nor as one to three words with no
    // source (train: 572 found, 26% right; dev: 23%).
    let dropped: Vec<bool> = groups
        .iter()
        .map(|g| {
            let word = (g.cue.start..g.cue.end)
                .any(|t| crate::attribution::features::is_cue_word(words[t]) || words[t] == ":");
            let nested = || {
                groups.iter().any(|o| {
                    o.cue != g.cue
                        && o.content
                            .iter()
                            .any(|c| c.start <= g.cue.start && g.cue.end <= c.end)
                })
            };
            let short_alone = g.source.is_none() && g.cue.end <= g.cue.start + 3;
            // Nor as a noun phrase after a source ("The Portland Public
            // Schools [board voted …], [a decision] that parents warned …";
            // train: 3 found, 2 right; dev: 1, wrong).
            let phrase = g.source.is_some()
                && matches!(
                    words[g.cue.start].to_lowercase().as_str(),
                    "a" | "an" | "the"
                );
            !word && (short_alone || phrase || nested())
        })
        .collect();
    let mut dropped = dropped.into_iter();
    groups.retain(|_| !dropped.next().unwrap_or(false));
    // A lone auxiliary or copula reports nothing ("who was over 65 and had
    // underlying conditions"; PolNeAR train: 7 such cues found, 1 right).
    groups.retain(|g| {
        g.cue.end > g.cue.start + 1
            || !matches!(
                words[g.cue.start].to_lowercase().as_str(),
                "is" | "was" | "are" | "were" | "be" | "been" | "has" | "have" | "had"
            )
    });
    groups.retain(|g| !anonymity_aside(words, g));
    // "Man [charged] after crash …", "was charged with …": a criminal charge,
    // not a claim (PolNeAR train: 3 such cues found, none gold).
    groups.retain(|g| {
        !(words[g.cue.end - 1].eq_ignore_ascii_case("charged")
            && words
                .get(g.cue.end)
                .is_some_and(|w| matches!(w.to_lowercase().as_str(), "with" | "after")))
    });
    // "Ford is recalling nearly 250,000 SUVs": a product recall, not a
    // memory (PolNeAR: "recall" is a cue 47 times in 60 on train, never
    // before an amount).
    groups.retain(|g| !product_recall(words, g.cue.end));
    for g in groups.iter_mut() {
        addressee_outside(words, g);
        quotation_before_cue(words, g);
        let cue_end = g.cue.end;
        // A cue that ran into the phrase's preposition ("wrote on X that
        // …"): the phrase starts there, and the cue ends before it.
        let into_phrase = g.cue.end > g.cue.start + 1
            && matches!(words[cue_end - 1].to_lowercase().as_str(), "on" | "in");
        if let Some(c) = g
            .content
            .iter_mut()
            .find(|c| c.start >= cue_end && c.start <= cue_end + 3)
        {
            let from = if into_phrase { cue_end - 1 } else { cue_end };
            let mut start = that_after_phrase(words, from, *c);
            // Only after a name or a medium ("on X that", "on social media
            // that"): after another noun "that" opens a relative clause
            // ("called on the United States to attack the oil that funds").
            let medium = |w: &str| {
                w.starts_with(char::is_uppercase)
                    || matches!(
                        w,
                        "media" | "column" | "op-ed" | "post" | "podcast" | "video"
                    )
            };
            if into_phrase && start > c.start && !medium(words[start - 1]) {
                start = c.start;
            }
            if into_phrase && start > c.start {
                g.cue.end -= 1;
            }
            c.start = start;
        }
    }
    // A cue that ends in a preposition no content follows ("said in a
    // statement on [the club's website]" after a quotation) ends before it
    // ("according to" aside; PolNeAR train: 6 such cues right before, 6
    // after; dev 0 and 1). A passive's "by" ends none, content or not ("has
    // been accused by [the Turkish government] of …"; train: 1 cue ending in
    // "by" gold of 26 found).
    for g in groups.iter_mut() {
        let last = g.cue.end - 1;
        let preposition = matches!(
            words[last].to_lowercase().as_str(),
            "on" | "in" | "at" | "to" | "with" | "for" | "by" | "of" | "about" | "from"
        );
        let according = words[g.cue.start].eq_ignore_ascii_case("according");
        // "[The company has received 105 reports …], the commission said in a
        // notice posted on [its website].": with the content before the cue,
        // a short phrase after its preposition that ends the sentence is where
        // it was said, not what.
        // Only after a verb of saying and a phrase ("disagreed with [him]",
        // "called for [him to resign]" take their objects as content).
        let said_in = SAY.contains(&words[g.cue.start].to_lowercase().as_str())
            && g.cue.end >= g.cue.start + 3;
        let before = g.content.iter().any(|c| c.end <= g.cue.start);
        if preposition && before && said_in {
            g.content.retain(|c| {
                let ends = matches!(words.get(c.end).copied(), Some(".") | None);
                !(c.start == g.cue.end && c.end <= c.start + 4 && ends)
            });
        }
        let followed = g.content.iter().any(|c| c.start == g.cue.end);
        // A content that ends in the comma before its cue ends before it
        // ("… to Hendricks' 46%, according to …"; train: 3 found, none gold).
        for c in g.content.iter_mut() {
            if c.end == g.cue.start && c.end > c.start + 1 && words[c.end - 1] == "," {
                c.end -= 1;
            }
        }
        let by = words[last].eq_ignore_ascii_case("by");
        if g.cue.end > g.cue.start + 1 && preposition && !according && (!followed || by) {
            g.cue.end = last;
        }
        // A content never ends in a comma ("found [no link …,] its authors
        // said"; PolNeAR train: 6 of 16 such contents right without the
        // comma, none with it).
        if let Some(c) = g.content.last_mut().filter(|c| c.end > c.start + 1) {
            if words[c.end - 1] == "," {
                c.end -= 1;
            }
        }
    }
    groups
}

/// Adverbs that PolNeAR counts in the cue before a verb of saying.
const CUE_ADVERBS: &[&str] = &[
    "also",
    "later",
    "often",
    "then",
    "previously",
    "once",
    "now",
    "again",
    "recently",
    "repeatedly",
];

/// Speech verbs whose cue stops before "at", "on" or "of".
const SAY: &[&str] = &["said", "says", "say", "told", "tells"];

/// "The hospital said in a statement on Tuesday that …, adding that …":
/// a verb from [`CLAUSE_VERBS`] after a short free subject, then up to
/// [`VERB_ADJUNCT`] free words and "that", in a sentence where the tagger
/// found the participle cue but not this one. The cue runs from the verb to
/// "that"; the content from "that" to the comma before the next cue of
/// `groups`, or to the end of the sentence.
fn that_clause_before(
    words: &[&str],
    sentence: Range<usize>,
    groups: &[Group],
    spans: &[(TokenSpan, Role)],
) -> Option<Group> {
    // A role other than `except` holds token t.
    let held = |t: usize, except: Role| {
        spans
            .iter()
            .any(|(s, r)| *r != except && s.start <= t && t < s.end)
    };
    let last = (sentence.start + SUBJECT_TOKENS).min(sentence.end.saturating_sub(4));
    let verb = (sentence.start + 1..=last)
        .find(|&t| CLAUSE_VERBS.contains(&words[t].to_lowercase().as_str()))?;
    // The tagger may have marked the subject a source and the verb a cue
    // that it left without content; nothing else.
    if held(verb, Role::Cue)
        || !short_subject(words, sentence.start..verb, &|t| held(t, Role::Source))
        || groups
            .iter()
            .any(|g| g.cue.start <= verb && verb < g.cue.end)
    {
        return None;
    }
    let that = (verb + 1..(verb + 2 + VERB_ADJUNCT).min(sentence.end))
        .find(|&t| words[t].eq_ignore_ascii_case("that"))?;
    if (verb + 1..that).any(|t| held(t, Role::Cue) || !words[t].chars().any(char::is_alphanumeric))
    {
        return None;
    }
    let end = groups
        .iter()
        .map(|g| g.cue.start)
        .filter(|&c| c > that && c <= sentence.end)
        .min()
        .map_or(
            sentence.end,
            |c| if words[c - 1] == "," { c - 1 } else { c },
        );
    (end > that + 2).then(|| Group {
        source: Some(role_span(sentence.start, verb, Role::Source)),
        // Without a time phrase before "that", as PolNeAR marks "said on
        // Tuesday that" (40 of 45 such cues in train and dev).
        cue: role_span(verb, that - time_before(words, verb + 1, that), Role::Cue),
        content: vec![role_span(that, end, Role::Content)],
    })
}

/// The speaker of a quotation that the tagger left to a cue in another
/// sentence: after its closing quote (and a comma), a short subject and a
/// one-word speech verb ("…,\" the finance minister told parliament.") or
/// the verb and a short subject ending the clause ("…,\" said Ms. Ortiz.").
/// Returns the source and the cue, none of them `taken` by a role.
fn quote_speaker(
    words: &[&str],
    content: TokenSpan,
    sentence_end: usize,
    taken: &impl Fn(usize) -> bool,
) -> Option<(TokenSpan, TokenSpan)> {
    let closing = |w: &str| matches!(w, "\"" | "”" | "''" | "’");
    let mut k = content.end;
    let mut quote = content.end > content.start && closing(words[content.end - 1]);
    while k < sentence_end && (closing(words[k]) || words[k] == ",") {
        quote |= closing(words[k]);
        k += 1;
    }
    if !quote || k >= sentence_end {
        return None;
    }
    let speech = |t: usize| {
        crate::attribution::features::CUE_WORDS.contains(&words[t].to_lowercase().as_str())
            && !taken(t)
    };
    if speech(k) {
        // "said Ms. Ortiz": the subject runs to the end of the clause.
        let end = (k + 1..sentence_end)
            .find(|&t| !words[t].chars().any(char::is_alphanumeric) && words[t] != "'s")
            .unwrap_or(sentence_end);
        return short_subject(words, k + 1..end, taken).then(|| {
            (
                role_span(k + 1, end, Role::Source),
                role_span(k, k + 1, Role::Cue),
            )
        });
    }
    let verb = (k + 1..sentence_end.min(k + 1 + NAME_TOKENS)).find(|&t| speech(t))?;
    short_subject(words, k..verb, taken).then(|| {
        (
            role_span(k, verb, Role::Source),
            role_span(verb, verb + 1, Role::Cue),
        )
    })
}

/// How many words may stand between a verb and its "that" ("said in a
/// statement on Tuesday that").
const VERB_ADJUNCT: usize = 6;

/// Two ways the tagger runs a content over the words before its cue, when
/// the cue also has content after it:
///
/// * with no source, the sentence's short subject ("[The opposition] on
///   Sunday called on the prime minister to resign"), right before the cue
///   or a time phrase before it: it becomes the source;
/// * a clause joined by "and" or "but" to the source ("[The Fed held rates
///   steady] on Wednesday and policymakers said they …"): it is not what the
///   source said, and goes.
fn subject_in_content(words: &[&str], sentence: usize, g: &mut Group) {
    if !g.content.iter().any(|c| c.start >= g.cue.end) {
        return;
    }
    match g.source {
        None => {
            if let Some(k) = g.content.iter().position(|c| {
                c.start == sentence
                    && c.end < g.cue.start
                    && c.end + time_before(words, c.end, g.cue.start) == g.cue.start
                    && c.end - c.start <= SUBJECT_TOKENS + 3
                    && (is_upper(words[c.start]) || words[c.start].eq_ignore_ascii_case("the"))
                    && words[c.start..c.end]
                        .iter()
                        .all(|w| w.chars().any(char::is_alphanumeric))
            }) {
                g.source = Some(g.content.remove(k));
            }
        }
        Some(src) => g.content.retain(|c| {
            !(c.end < src.start
                && src.start - c.end <= 4
                && c.end > c.start + 1
                && matches!(words[src.start - 1].to_lowercase().as_str(), "and" | "but"))
        }),
    }
}

/// Whether the cue ending before `end` is "recall" (any form) and an amount
/// follows, maybe after words such as "nearly" or "more than" ("recalled 2
/// million cars", "is recalling nearly 250,000 SUVs"; not "recalled in 2008
/// that …").
fn product_recall(words: &[&str], end: usize) -> bool {
    const ABOUT: &[&str] = &[
        "nearly", "about", "almost", "around", "roughly", "some", "over", "more", "than", "up",
        "to", "at", "least",
    ];
    if end == 0 || !words[end - 1].to_lowercase().starts_with("recall") {
        return false;
    }
    let mut rest = words[end.min(words.len())..].iter();
    let amount = rest.find(|w| !ABOUT.contains(&w.to_lowercase().as_str()));
    amount.is_some_and(|w| w.starts_with(|c: char| c.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::super::sources::after_dateline;
    use super::super::RoleSlot;
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        text.split(' ').collect()
    }

    #[test]
    fn a_relative_pronoun_source_takes_its_clause_and_subject() {
        let w = words("The minister , who visited the region on Friday , said aid would come .");
        let who = role_span(3, 4, Role::Source);
        let said = role_span(10, 11, Role::Cue);
        let got = relative_source(&w, 0, who, said, &|_| false);
        assert_eq!((got.start, got.end), (0, 10));
        // "Ann , who said …": "who" is the source of the cue right after it.
        let w = words("It was Ann , who said it would rain .");
        let got = relative_source(
            &w,
            0,
            role_span(4, 5, Role::Source),
            role_span(5, 6, Role::Cue),
            &|_| false,
        );
        assert_eq!((got.start, got.end), (4, 5));
        // A clause word held by another role: as it was.
        let w = words("The minister , who visited the region on Friday , said aid would come .");
        let got = relative_source(&w, 0, who, said, &|t| t == 6);
        assert_eq!((got.start, got.end), (3, 4));
    }

    #[test]
    fn time_phrases_before_a_verb_and_after_a_cue() {
        let w = words("The EU on Monday called on both sides to talk");
        assert_eq!(time_before(&w, 0, 4), 2);
        let w = words("Russia earlier this week accused Kyiv of it");
        assert_eq!(time_before(&w, 0, 4), 3);
        assert_eq!(time_before(&w, 0, 1), 0);
        let w = words("it said on Sunday night it had shot down drones");
        assert_eq!(time_after(&w, 2, w.len()), 3);
        assert_eq!(time_after(&w, 5, w.len()), 0);
        // A phrase that is the whole rest is content, not an adjunct.
        let w = words("said yesterday");
        assert_eq!(time_after(&w, 1, 2), 0);
    }

    #[test]
    fn datelines_titles_and_times_around_sources() {
        let w = words("KYIV , March 3 ( Reuters ) - Ukraine 's air force said");
        assert_eq!(after_dateline(&w, 0, 12), 8);
        let w = words("The air force - a proud one - said");
        assert_eq!(after_dateline(&w, 0, 7), 0, "no capitals: no dateline");
        let free = |_: usize| false;
        let w = words("\" We will rebuild , \" Mayor Ann Lee said");
        let s = trimmed_source(
            &w,
            0,
            TokenSpan {
                start: 7,
                end: 9,
                label: Role::Source.slot(),
            },
            &free,
        );
        assert_eq!((s.start, s.end), (6, 9));
        let w = words("Russia on Monday accused Kyiv");
        let s = trimmed_source(
            &w,
            0,
            TokenSpan {
                start: 0,
                end: 3,
                label: Role::Source.slot(),
            },
            &free,
        );
        assert_eq!((s.start, s.end), (0, 1));
    }

    #[test]
    fn a_quotation_in_another_sentence_keeps_its_own_speaker() {
        let free = |_: usize| false;
        let c = |start, end| TokenSpan {
            start,
            end,
            label: Role::Content.slot(),
        };
        let w = words("Prices fell , the office said . \" We will cut taxes , \" the finance minister told parliament .");
        let (source, cue) = quote_speaker(&w, c(7, 14), w.len(), &free).unwrap();
        assert_eq!((source.start, source.end, cue.start), (14, 17, 17));
        let w = words("\" It is over \" , said Ms. Ortiz .");
        let (source, cue) = quote_speaker(&w, c(0, 5), w.len(), &free).unwrap();
        assert_eq!((source.start, source.end, cue.start), (7, 9, 6));
        // No closing quote, or no speech verb: the rule stays out.
        let w = words("We will cut taxes , the finance minister told parliament .");
        assert!(quote_speaker(&w, c(0, 4), w.len(), &free).is_none());
        let w = words("\" We will cut taxes , \" the finance minister smiled .");
        assert!(quote_speaker(&w, c(0, 7), w.len(), &free).is_none());
        // Words another role holds are not taken.
        let w = words("\" It is over , \" the minister said .");
        assert!(quote_speaker(&w, c(0, 6), w.len(), &|t| t == 7).is_none());
    }
}
