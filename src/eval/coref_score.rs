//! Coreference metrics over mention clusters: MUC, B-cubed, CEAF-e and their
//! mean (CoNLL F1), as defined by the CoNLL-2012 reference scorer (Pradhan et
//! al. 2014). Mentions are plain ids; a response mention that is in no key
//! cluster (or the reverse) is "twinless" and simply counts against precision
//! (recall). Counts are kept as numerator / denominator pairs so that
//! documents add up the way the reference scorer adds them (micro average).

use serde::Serialize;
use std::collections::HashMap;

/// A cluster: the ids of the mentions of one entity.
pub type Cluster = Vec<usize>;

/// Recall and precision as numerator / denominator pairs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Counts {
    /// Recall numerator.
    pub r_num: f64,
    /// Recall denominator.
    pub r_den: f64,
    /// Precision numerator.
    pub p_num: f64,
    /// Precision denominator.
    pub p_den: f64,
}

impl Counts {
    /// Adds another document's counts.
    pub fn add(&mut self, o: &Counts) {
        self.r_num += o.r_num;
        self.r_den += o.r_den;
        self.p_num += o.p_num;
        self.p_den += o.p_den;
    }

    /// Recall (0 when the denominator is 0).
    pub fn recall(&self) -> f64 {
        ratio(self.r_num, self.r_den)
    }

    /// Precision (0 when the denominator is 0).
    pub fn precision(&self) -> f64 {
        ratio(self.p_num, self.p_den)
    }

    /// Harmonic mean of precision and recall (0 when both are 0).
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// `n / d`, or 0 when `d` is 0.
pub(crate) fn ratio(n: f64, d: f64) -> f64 {
    if d == 0.0 {
        0.0
    } else {
        n / d
    }
}

/// The three metrics of one comparison (or a sum of them).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Scores {
    /// Link-based MUC (Vilain et al. 1995).
    pub muc: Counts,
    /// Mention-based B-cubed (Bagga and Baldwin 1998).
    pub b3: Counts,
    /// Entity-based CEAF with the phi4 similarity (Luo 2005).
    pub ceafe: Counts,
}

impl Scores {
    /// Scores `response` against `key`.
    pub fn compute(key: &[Cluster], response: &[Cluster]) -> Scores {
        Scores {
            muc: muc(key, response),
            b3: b_cubed(key, response),
            ceafe: ceaf_e(key, response),
        }
    }

    /// Adds another document's scores.
    pub fn add(&mut self, o: &Scores) {
        self.muc.add(&o.muc);
        self.b3.add(&o.b3);
        self.ceafe.add(&o.ceafe);
    }

    /// CoNLL F1: the unweighted mean of the MUC, B-cubed and CEAF-e F1.
    pub fn conll_f1(&self) -> f64 {
        (self.muc.f1() + self.b3.f1() + self.ceafe.f1()) / 3.0
    }
}

/// Clusters without their singletons (the CoNLL-2012 convention).
pub fn without_singletons(cs: &[Cluster]) -> Vec<Cluster> {
    cs.iter().filter(|c| c.len() > 1).cloned().collect()
}

fn cluster_of(cs: &[Cluster]) -> HashMap<usize, usize> {
    let mut m = HashMap::new();
    for (i, c) in cs.iter().enumerate() {
        for &x in c {
            m.insert(x, i);
        }
    }
    m
}

/// MUC one way: sum over `a`'s clusters of |A| minus the number of parts `b`
/// cuts it into (a mention in no `b` cluster is a part of its own), over the
/// sum of |A| - 1.
fn muc_side(a: &[Cluster], b: &[Cluster]) -> (f64, f64) {
    let of = cluster_of(b);
    let (mut num, mut den) = (0usize, 0usize);
    for c in a.iter().filter(|c| !c.is_empty()) {
        let mut parts: Vec<usize> = Vec::new();
        let mut alone = 0usize;
        for x in c {
            match of.get(x) {
                Some(&p) if !parts.contains(&p) => parts.push(p),
                Some(_) => {}
                None => alone += 1,
            }
        }
        num += c.len() - (parts.len() + alone);
        den += c.len() - 1;
    }
    (num as f64, den as f64)
}

/// MUC: recall over the key's links, precision over the response's.
pub fn muc(key: &[Cluster], response: &[Cluster]) -> Counts {
    let (r_num, r_den) = muc_side(key, response);
    let (p_num, p_den) = muc_side(response, key);
    Counts {
        r_num,
        r_den,
        p_num,
        p_den,
    }
}

/// Sum over `a`'s clusters A and `b`'s clusters B of |A ∩ B|² / |A|, and the
/// number of mentions in `a`.
fn b3_side(a: &[Cluster], b: &[Cluster]) -> (f64, f64) {
    let of = cluster_of(b);
    let (mut num, mut den) = (0.0, 0.0);
    for c in a.iter().filter(|c| !c.is_empty()) {
        let mut overlap: HashMap<usize, usize> = HashMap::new();
        for x in c {
            if let Some(&p) = of.get(x) {
                *overlap.entry(p).or_default() += 1;
            }
        }
        let n = c.len() as f64;
        num += overlap.values().map(|&k| (k * k) as f64 / n).sum::<f64>();
        den += n;
    }
    (num, den)
}

/// B-cubed: per-mention recall and precision, averaged over mentions.
pub fn b_cubed(key: &[Cluster], response: &[Cluster]) -> Counts {
    let (r_num, r_den) = b3_side(key, response);
    let (p_num, p_den) = b3_side(response, key);
    Counts {
        r_num,
        r_den,
        p_num,
        p_den,
    }
}

/// CEAF-e: the best one-to-one alignment of key and response entities under
/// phi4(K, R) = 2 |K ∩ R| / (|K| + |R|); recall divides its total by the number
/// of key entities, precision by the number of response entities.
pub fn ceaf_e(key: &[Cluster], response: &[Cluster]) -> Counts {
    let key: Vec<&Cluster> = key.iter().filter(|c| !c.is_empty()).collect();
    let resp: Vec<&Cluster> = response.iter().filter(|c| !c.is_empty()).collect();
    let of = cluster_of(&resp.iter().map(|c| (*c).clone()).collect::<Vec<_>>());
    let mut sim = vec![vec![0.0; resp.len()]; key.len()];
    for (i, k) in key.iter().enumerate() {
        let mut overlap: HashMap<usize, usize> = HashMap::new();
        for x in k.iter() {
            if let Some(&p) = of.get(x) {
                *overlap.entry(p).or_default() += 1;
            }
        }
        for (p, n) in overlap {
            sim[i][p] = 2.0 * n as f64 / (k.len() + resp[p].len()) as f64;
        }
    }
    let total = max_assignment(&sim);
    Counts {
        r_num: total,
        r_den: key.len() as f64,
        p_num: total,
        p_den: resp.len() as f64,
    }
}

/// The largest total weight of a one-to-one assignment of rows to columns of
/// the non-negative matrix `w` (Hungarian algorithm, O(n³) on the padded
/// square matrix). Rows without any positive weight are left out first.
pub fn max_assignment(w: &[Vec<f64>]) -> f64 {
    let rows: Vec<usize> = (0..w.len())
        .filter(|&i| w[i].iter().any(|&x| x > 0.0))
        .collect();
    let cols = w.first().map_or(0, |r| r.len());
    let used_cols: Vec<usize> = (0..cols)
        .filter(|&j| rows.iter().any(|&i| w[i][j] > 0.0))
        .collect();
    let n = rows.len().max(used_cols.len());
    if n == 0 {
        return 0.0;
    }
    // cost = -weight on the padded square matrix, 1-based potentials (e-maxx)
    let cost = |i: usize, j: usize| -> f64 {
        match (rows.get(i), used_cols.get(j)) {
            (Some(&r), Some(&c)) => -w[r][c],
            _ => 0.0,
        }
    };
    let inf = f64::INFINITY;
    let (mut u, mut v) = (vec![0.0; n + 1], vec![0.0; n + 1]);
    let (mut p, mut way) = (vec![0usize; n + 1], vec![0usize; n + 1]);
    for i in 1..=n {
        p[0] = i;
        let mut j0 = 0usize;
        let mut minv = vec![inf; n + 1];
        let mut used = vec![false; n + 1];
        loop {
            used[j0] = true;
            let i0 = p[j0];
            let mut delta = inf;
            let mut j1 = 0usize;
            for j in 1..=n {
                if used[j] {
                    continue;
                }
                let cur = cost(i0 - 1, j - 1) - u[i0] - v[j];
                if cur < minv[j] {
                    minv[j] = cur;
                    way[j] = j0;
                }
                if minv[j] < delta {
                    delta = minv[j];
                    j1 = j;
                }
            }
            for j in 0..=n {
                if used[j] {
                    u[p[j]] += delta;
                    v[j] -= delta;
                } else {
                    minv[j] -= delta;
                }
            }
            j0 = j1;
            if p[j0] == 0 {
                break;
            }
        }
        loop {
            let j1 = way[j0];
            p[j0] = p[j1];
            j0 = j1;
            if j0 == 0 {
                break;
            }
        }
    }
    (1..=n).map(|j| -cost(p[j] - 1, j - 1)).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    // Pradhan et al. (2014), "Scoring coreference partitions of predicted
    // mentions", figure 1: key {a b c} {d e f g}, response {a b} {c d} {f g h i}
    // with a..i = 1..9.
    fn example() -> (Vec<Cluster>, Vec<Cluster>) {
        (
            vec![vec![1, 2, 3], vec![4, 5, 6, 7]],
            vec![vec![1, 2], vec![3, 4], vec![6, 7, 8, 9]],
        )
    }

    #[test]
    fn muc_of_the_reference_example() {
        let (k, r) = example();
        let s = muc(&k, &r);
        // key: {a b c} cut in 2 parts -> 1 link of 2; {d e f g} in 3 -> 1 of 3
        assert_eq!((s.r_num, s.r_den), (2.0, 5.0));
        // response: {a b} 1 of 1; {c d} 0 of 1; {f g h i} 1 of 3
        assert_eq!((s.p_num, s.p_den), (2.0, 5.0));
        assert!(close(s.f1(), 0.4));
    }

    #[test]
    fn b_cubed_of_the_reference_example() {
        let (k, r) = example();
        let s = b_cubed(&k, &r);
        // recall (4/3 + 1/3 + 1/4 + 4/4) / 7 = 5/12; precision (2 + 1 + 1) / 8
        assert!(close(s.recall(), 5.0 / 12.0));
        assert!(close(s.precision(), 0.5));
        assert!(close(s.f1(), 2.0 * 0.5 * (5.0 / 12.0) / (0.5 + 5.0 / 12.0)));
    }

    #[test]
    fn ceaf_e_of_the_reference_example() {
        let (k, r) = example();
        let s = ceaf_e(&k, &r);
        // best alignment {a b c}-{a b} (0.8) + {d e f g}-{f g h i} (0.5) = 1.3
        assert!(close(s.p_num, 1.3));
        assert!(close(s.recall(), 0.65));
        assert!(close(s.precision(), 1.3 / 3.0));
        assert!(close(s.f1(), 0.52));
    }

    #[test]
    fn conll_f1_is_the_mean() {
        let (k, r) = example();
        let s = Scores::compute(&k, &r);
        let b3 = 2.0 * 0.5 * (5.0 / 12.0) / (0.5 + 5.0 / 12.0);
        assert!(close(s.conll_f1(), (0.4 + b3 + 0.52) / 3.0));
    }

    #[test]
    fn identical_partitions_score_one_and_empty_ones_zero() {
        let k = vec![vec![1, 2, 3], vec![4, 5], vec![6]];
        let s = Scores::compute(&k, &k);
        for c in [s.muc, s.b3, s.ceafe] {
            assert!(close(c.f1(), 1.0), "{c:?}");
        }
        let z = Scores::compute(&k, &[]);
        assert_eq!(z.muc.f1(), 0.0);
        assert_eq!(z.b3.precision(), 0.0);
        assert_eq!(z.ceafe.f1(), 0.0);
        assert!(z.conll_f1().is_finite());
    }

    #[test]
    fn all_in_one_response_has_full_muc_recall() {
        // key {1 2} {3 4}; response {1 2 3 4}: MUC R 2/2, P 2/3;
        // B3 R 1, P (4+4)/4/4 = 0.5; CEAF-e best phi4 = 2*2/6 = 2/3: R 1/3, P 2/3
        let k = vec![vec![1, 2], vec![3, 4]];
        let r = vec![vec![1, 2, 3, 4]];
        let s = Scores::compute(&k, &r);
        assert_eq!(
            (s.muc.r_num, s.muc.r_den, s.muc.p_num, s.muc.p_den),
            (2.0, 2.0, 2.0, 3.0)
        );
        assert!(close(s.b3.recall(), 1.0) && close(s.b3.precision(), 0.5));
        assert!(close(s.ceafe.recall(), 1.0 / 3.0) && close(s.ceafe.precision(), 2.0 / 3.0));
    }

    #[test]
    fn assignment_is_one_to_one() {
        // greedy would take 0.9 then 0.1; the best is 0.8 + 0.8
        let w = vec![vec![0.9, 0.8], vec![0.8, 0.1]];
        assert!(close(max_assignment(&w), 1.6));
        assert!(close(max_assignment(&[vec![0.0, 0.5, 0.0]]), 0.5));
        assert_eq!(max_assignment(&[]), 0.0);
    }

    #[test]
    fn singletons_are_dropped_on_request() {
        let k = vec![vec![1], vec![2, 3]];
        assert_eq!(without_singletons(&k), vec![vec![2, 3]]);
    }
}
