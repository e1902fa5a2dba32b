//! Viterbi decoding of BILOU tags over label slots, with max-marginal
//! margins for confidence scores.

use super::tags::{allowed, allowed_end, allowed_start, N_TAGS};

/// A score type for Viterbi: `i64` at inference (integer weights), `f32` in training.
pub(crate) trait Score:
    Copy + PartialOrd + std::ops::Add<Output = Self> + std::ops::Sub<Output = Self>
{
    const NEG: Self;
    fn to_f64(self) -> f64;
}
impl Score for i64 {
    const NEG: Self = i64::MIN / 4;
    fn to_f64(self) -> f64 {
        self as f64
    }
}
impl Score for f32 {
    const NEG: Self = f32::NEG_INFINITY;
    fn to_f64(self) -> f64 {
        self as f64
    }
}

#[inline]
fn max<S: Score>(a: S, b: S) -> S {
    if b > a {
        b
    } else {
        a
    }
}

/// For each tag, the tags that may precede it in BILOU: before `O`, `B-X` or
/// `U-X` come `O`, `L-*` and `U-*`; before `I-X` and `L-X` come `B-X` and `I-X`.
fn predecessors() -> &'static [Vec<u8>; N_TAGS] {
    static P: std::sync::OnceLock<[Vec<u8>; N_TAGS]> = std::sync::OnceLock::new();
    P.get_or_init(|| {
        std::array::from_fn(|b| {
            (0..N_TAGS as u8)
                .filter(|&a| allowed(a as usize, b))
                .collect()
        })
    })
}

/// Viterbi over BILOU-constrained transitions. Returns the best tags and, if
/// asked, each token's margin: the best path score minus the best score of
/// any path that gives that token a different tag (max-marginals from a
/// forward and a backward pass), in the units of the scores.
///
/// Only the tags of the first `labels` label slots (3 or 4) are considered: a
/// model that uses fewer slots (attribution roles) is decoded with smaller
/// blocks, and the tags of the unused slots are never chosen.
#[allow(clippy::too_many_arguments)]
pub(crate) fn decode_labels<S: Score>(
    labels: usize,
    trans: &[S],
    start: &[S],
    end: &[S],
    em: impl Fn(usize) -> S,
    n: usize,
    want_margins: bool,
    rows: (&mut Vec<S>, &mut Vec<S>),
) -> (Vec<usize>, Vec<f64>) {
    match labels {
        3 => decode_block::<S, 7, 3>(trans, start, end, em, n, want_margins, rows),
        _ => decode_block::<S, 9, 4>(trans, start, end, em, n, want_margins, rows),
    }
}

/// The decoder for `L` label slots; `M = 1 + 2L` (the outside tag and each
/// slot's two tags that end, or that start, a span).
fn decode_block<S: Score, const M: usize, const L: usize>(
    trans: &[S],
    start: &[S],
    end: &[S],
    em: impl Fn(usize) -> S,
    n: usize,
    want_margins: bool,
    (alpha, beta): (&mut Vec<S>, &mut Vec<S>),
) -> (Vec<usize>, Vec<f64>) {
    let neg = S::NEG;
    // Tags of the slots in use.
    let live = 1 + 4 * L;
    if n == 0 {
        return (Vec::new(), Vec::new());
    }
    let preds = predecessors();
    alpha.clear();
    alpha.resize(n * N_TAGS, neg);
    for y in 0..live {
        if allowed_start(y) {
            alpha[y] = start[y] + em(y);
        }
    }
    // BILOU in blocks, with fixed sizes so the loops unroll: tags that end a
    // span or are outside (`OUTS`: O, L-*, U-*) precede the tags that start
    // one or are outside (`INS`: O, B-*, U-*); B-X and I-X precede I-X and L-X.
    // OUTS: 0, 3, 4, 7, 8, …; INS: 0, 1, 4, 5, 8, 9, ….
    let outs: [usize; M] = std::array::from_fn(|k| {
        if k == 0 {
            0
        } else {
            3 + 4 * ((k - 1) / 2) + (k - 1) % 2
        }
    });
    let ins: [usize; M] = std::array::from_fn(|k| {
        if k == 0 {
            0
        } else {
            1 + 4 * ((k - 1) / 2) + 3 * ((k - 1) % 2)
        }
    });
    let t_in: [[S; M]; M] =
        std::array::from_fn(|j| std::array::from_fn(|k| trans[outs[k] * N_TAGS + ins[j]]));
    let t_mid: [[S; 4]; L] = std::array::from_fn(|t| {
        let (b, i, l) = (1 + 4 * t, 2 + 4 * t, 3 + 4 * t);
        [
            trans[b * N_TAGS + i],
            trans[i * N_TAGS + i],
            trans[b * N_TAGS + l],
            trans[i * N_TAGS + l],
        ]
    });
    for i in 1..n {
        let (done, rest) = alpha.split_at_mut(i * N_TAGS);
        let prev: &[S; N_TAGS] = done[(i - 1) * N_TAGS..].try_into().expect("row");
        let cur: &mut [S; N_TAGS] = (&mut rest[..N_TAGS]).try_into().expect("row");
        let pv: [S; M] = std::array::from_fn(|k| prev[outs[k]]);
        for j in 0..M {
            let best = (0..M).fold(neg, |m, k| max(m, pv[k] + t_in[j][k]));
            cur[ins[j]] = best + em(i * N_TAGS + ins[j]);
        }
        for (t, tm) in t_mid.iter().enumerate() {
            let (b, ii, l) = (1 + 4 * t, 2 + 4 * t, 3 + 4 * t);
            cur[ii] = max(prev[b] + tm[0], prev[ii] + tm[1]) + em(i * N_TAGS + ii);
            cur[l] = max(prev[b] + tm[2], prev[ii] + tm[3]) + em(i * N_TAGS + l);
        }
    }
    let (mut best, mut last) = (neg, 0);
    for y in 0..live {
        if allowed_end(y) {
            let s = alpha[(n - 1) * N_TAGS + y] + end[y];
            if s > best {
                best = s;
                last = y;
            }
        }
    }
    let mut tags = vec![0; n];
    tags[n - 1] = last;
    for i in (1..n).rev() {
        let y = tags[i];
        let target = alpha[i * N_TAGS + y] - em(i * N_TAGS + y);
        let prev = &alpha[(i - 1) * N_TAGS..i * N_TAGS];
        // The predecessor whose score is the maximum (the first, on ties).
        let score = |x: usize| prev[x] + trans[x * N_TAGS + y];
        tags[i - 1] = preds[y]
            .iter()
            .map(|&x| x as usize)
            .find(|&x| score(x) == target)
            .or_else(|| {
                preds[y].iter().map(|&x| x as usize).max_by(|&a, &b| {
                    score(a)
                        .partial_cmp(&score(b))
                        .unwrap_or(std::cmp::Ordering::Equal)
                })
            })
            .unwrap_or(0);
    }
    if !want_margins {
        return (tags, Vec::new());
    }
    // beta[i][x]: best score of the tokens after i given tag x at i.
    beta.clear();
    beta.resize(n * N_TAGS, neg);
    for y in 0..live {
        if allowed_end(y) {
            beta[(n - 1) * N_TAGS + y] = end[y];
        }
    }
    for i in (0..n - 1).rev() {
        let (head, tail) = beta.split_at_mut((i + 1) * N_TAGS);
        let next_row: &[S; N_TAGS] = tail[..N_TAGS].try_into().expect("row");
        let row: &mut [S; N_TAGS] = (&mut head[i * N_TAGS..]).try_into().expect("row");
        let next: [S; N_TAGS] = std::array::from_fn(|y| em((i + 1) * N_TAGS + y) + next_row[y]);
        let nv: [S; M] = std::array::from_fn(|j| next[ins[j]]);
        for k in 0..M {
            row[outs[k]] = (0..M).fold(neg, |m, j| max(m, t_in[j][k] + nv[j]));
        }
        for (t, tm) in t_mid.iter().enumerate() {
            let (b, ii, l) = (1 + 4 * t, 2 + 4 * t, 3 + 4 * t);
            row[b] = max(tm[0] + next[ii], tm[2] + next[l]);
            row[ii] = max(tm[1] + next[ii], tm[3] + next[l]);
        }
    }
    // Margins are only read for tokens inside entities.
    let margins = (0..n)
        .map(|i| {
            if tags[i] == 0 {
                return f64::INFINITY;
            }
            let total = |y: usize| (alpha[i * N_TAGS + y] + beta[i * N_TAGS + y]).to_f64();
            let chosen = total(tags[i]);
            let other = (0..live)
                .filter(|&y| y != tags[i])
                .map(total)
                .fold(f64::NEG_INFINITY, f64::max);
            let m = chosen - other;
            if m.is_finite() && other > S::NEG.to_f64() / 2.0 {
                m
            } else {
                1e9
            }
        })
        .collect();
    (tags, margins)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_respects_bilou() {
        // Emissions prefer I-PER everywhere, which is invalid on its own.
        let n = 3;
        let mut em = vec![0i64; n * N_TAGS];
        for i in 0..n {
            em[i * N_TAGS + 2] = 10; // I-PER
            em[i * N_TAGS + 1] = 4; // B-PER
            em[i * N_TAGS + 3] = 4; // L-PER
        }
        let z = vec![0i64; N_TAGS * N_TAGS];
        let (tags, margins) = decode_labels(
            crate::label::Label::NAMES.len(),
            &z,
            &z[..N_TAGS],
            &z[..N_TAGS],
            |k| em[k],
            n,
            true,
            (&mut Vec::new(), &mut Vec::new()),
        );
        assert_eq!(tags, vec![1, 2, 3]);
        assert!(margins.iter().all(|&m| m > 0.0));
    }

    #[test]
    fn decode_matches_brute_force() {
        use super::super::tags::{allowed, allowed_end, allowed_start};
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        let mut rnd = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % 201) as i64 - 100
        };
        // All four label slots, and the first three only (attribution).
        for labels in [4, 3] {
            let live = 1 + 4 * labels;
            for _ in 0..20 {
                let n = 3;
                let em: Vec<i64> = (0..n * N_TAGS).map(|_| rnd()).collect();
                let trans: Vec<i64> = (0..N_TAGS * N_TAGS).map(|_| rnd()).collect();
                let start: Vec<i64> = (0..N_TAGS).map(|_| rnd()).collect();
                let end: Vec<i64> = (0..N_TAGS).map(|_| rnd()).collect();
                // Every valid sequence over the live tags and its score.
                let mut all = Vec::new();
                for a in 0..live {
                    for b in 0..live {
                        for c in 0..live {
                            let t = [a, b, c];
                            if allowed_start(a) && allowed(a, b) && allowed(b, c) && allowed_end(c)
                            {
                                let sc = start[a]
                                    + end[c]
                                    + trans[a * N_TAGS + b]
                                    + trans[b * N_TAGS + c]
                                    + (0..3).map(|i| em[i * N_TAGS + t[i]]).sum::<i64>();
                                all.push((sc, t));
                            }
                        }
                    }
                }
                let best = all.iter().max_by_key(|(sc, _)| *sc).unwrap();
                let (tags, margins) = decode_labels(
                    labels,
                    &trans,
                    &start,
                    &end,
                    |k| em[k],
                    n,
                    true,
                    (&mut Vec::new(), &mut Vec::new()),
                );
                assert!(tags.iter().all(|&t| t < live), "{tags:?}");
                let score_of = |t: &[usize]| all.iter().find(|(_, u)| u == t).unwrap().0;
                assert_eq!(score_of(&tags), best.0);
                for i in (0..n).filter(|&i| tags[i] != 0) {
                    let other = all
                        .iter()
                        .filter(|(_, t)| t[i] != tags[i])
                        .map(|(sc, _)| *sc)
                        .max()
                        .unwrap();
                    assert_eq!(margins[i], (best.0 - other) as f64);
                }
            }
        }
    }
}
