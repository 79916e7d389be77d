//! Maximum-weight bipartite matching (the Hungarian method).
//!
//! Hand-written rather than taken from a crate: it is forty lines, the
//! well-known crate for it (`pathfinding`) needs a newer compiler than the
//! workspace's minimum, and here the weights are *lexicographic* triples, which
//! the textbook algorithm handles unchanged because it only adds, subtracts and
//! compares (a totally ordered abelian group is all it needs). That keeps the
//! "exact matches, then pairs, then overlap, then closeness" preference free of any
//! scaling constant that could overflow. It is checked against brute force in
//! the tests below.

/// A pairing's worth, compared lexicographically, bigger is better.
pub(crate) type Weight = [i64; 4];

const ZERO: Weight = [0; 4];
/// Larger than any reduced cost: first components are at most the matrix size.
const INF: Weight = [i64::MAX / 4, 0, 0, 0];

fn add(a: Weight, b: Weight) -> Weight {
    std::array::from_fn(|k| a[k] + b[k])
}

fn sub(a: Weight, b: Weight) -> Weight {
    std::array::from_fn(|k| a[k] - b[k])
}

/// For a `rows × cols` matrix of weights (`weights[r][c]`), the pairs
/// `(row, col)` of a one-to-one matching with the largest total weight; pairs
/// of weight zero are left out (zero means "may not be paired"). Among equally
/// good matchings the result is fixed by the row and column order.
/// `buffer` as `len` copies of `value`, keeping its allocation.
fn reset<T: Clone>(buffer: &mut Vec<T>, len: usize, value: T) {
    buffer.clear();
    buffer.resize(len, value);
}

#[cfg(test)]
pub(crate) fn max_weight_matching(weights: &[Vec<Weight>], cols: usize) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    Hungarian::default().solve(weights.len(), cols, |r, c| weights[r][c], &mut pairs);
    pairs.sort_unstable();
    pairs
}

/// The Hungarian method with its buffers, kept between calls so that solving
/// many small matrices allocates nothing once the buffers have grown.
#[derive(Debug, Default)]
pub(crate) struct Hungarian {
    /// The weights, `n × m` row-major, in the orientation the algorithm runs in.
    weights: Vec<Weight>,
    u: Vec<Weight>,
    v: Vec<Weight>,
    p: Vec<usize>,
    way: Vec<usize>,
    minv: Vec<Weight>,
    used: Vec<bool>,
}

impl Hungarian {
    /// For a `rows × cols` matrix whose cell `(r, c)` weighs `weight(r, c)`,
    /// appends to `pairs` the pairs `(row, col)` of a one-to-one matching with
    /// the largest total weight, in no particular order; pairs of weight zero
    /// are left out (zero means "may not be paired"). Among equally good
    /// matchings the result is fixed by the row and column order.
    pub(crate) fn solve(
        &mut self,
        rows: usize,
        cols: usize,
        weight: impl Fn(usize, usize) -> Weight,
        pairs: &mut Vec<(usize, usize)>,
    ) {
        if rows == 0 || cols == 0 {
            return;
        }
        // The algorithm wants no more rows than columns; transpose if needed.
        let transposed = rows > cols;
        let (n, m) = if transposed {
            (cols, rows)
        } else {
            (rows, cols)
        };
        self.weights.clear();
        for i in 0..n {
            for j in 0..m {
                self.weights.push(if transposed {
                    weight(j, i)
                } else {
                    weight(i, j)
                });
            }
        }
        let weights = &self.weights;
        let cost = |i: usize, j: usize| -> Weight { sub(ZERO, weights[i * m + j]) };

        // Potentials u (rows) and v (columns), 1-based with a dummy 0; p[j] is the
        // row assigned to column j, way[j] the previous column on the augmenting path.
        let (u, v, p, way) = (&mut self.u, &mut self.v, &mut self.p, &mut self.way);
        let (minv, used) = (&mut self.minv, &mut self.used);
        reset(u, n + 1, ZERO);
        reset(v, m + 1, ZERO);
        reset(p, m + 1, 0);
        reset(way, m + 1, 0);
        for i in 1..=n {
            p[0] = i;
            let mut j0 = 0;
            reset(minv, m + 1, INF);
            reset(used, m + 1, false);
            loop {
                used[j0] = true;
                let i0 = p[j0];
                let mut delta = INF;
                let mut j1 = 0;
                for j in 1..=m {
                    if used[j] {
                        continue;
                    }
                    let cur = sub(sub(cost(i0 - 1, j - 1), u[i0]), v[j]);
                    if cur < minv[j] {
                        minv[j] = cur;
                        way[j] = j0;
                    }
                    if minv[j] < delta {
                        delta = minv[j];
                        j1 = j;
                    }
                }
                for j in 0..=m {
                    if used[j] {
                        u[p[j]] = add(u[p[j]], delta);
                        v[j] = sub(v[j], delta);
                    } else {
                        minv[j] = sub(minv[j], delta);
                    }
                }
                j0 = j1;
                if p[j0] == 0 {
                    break;
                }
            }
            while j0 != 0 {
                let j1 = way[j0];
                p[j0] = p[j1];
                j0 = j1;
            }
        }

        for (j, &row) in p.iter().enumerate().skip(1) {
            if row == 0 {
                continue;
            }
            let (i, j) = (row - 1, j - 1);
            if weights[i * m + j] > ZERO {
                pairs.push(if transposed { (j, i) } else { (i, j) });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn total(weights: &[Vec<Weight>], pairs: &[(usize, usize)]) -> Weight {
        pairs
            .iter()
            .fold(ZERO, |acc, &(r, c)| add(acc, weights[r][c]))
    }

    /// Best total over every one-to-one matching, by exhaustive search.
    fn brute_force(weights: &[Vec<Weight>], cols: usize, row: usize, used: &mut [bool]) -> Weight {
        if row == weights.len() {
            return ZERO;
        }
        let mut best = brute_force(weights, cols, row + 1, used);
        for c in 0..cols {
            if !used[c] && weights[row][c] > ZERO {
                used[c] = true;
                best = best.max(add(
                    weights[row][c],
                    brute_force(weights, cols, row + 1, used),
                ));
                used[c] = false;
            }
        }
        best
    }

    #[test]
    fn prefers_the_lexicographically_better_total() {
        // Row 0 can take column 0 (an exact match) or column 1 (more overlap);
        // row 1 can only take column 1. Best: (0,0) and (1,1).
        let w = vec![
            vec![[1, 1, 3, 0], [0, 1, 9, 0]],
            vec![[0, 0, 0, 0], [0, 1, 1, -5]],
        ];
        assert_eq!(max_weight_matching(&w, 2), vec![(0, 0), (1, 1)]);
        // Zero-weight cells are never paired, even when that leaves rows over.
        let w = vec![vec![[0; 4]], vec![[0, 1, 2, 0]], vec![[0; 4]]];
        assert_eq!(max_weight_matching(&w, 1), vec![(1, 0)]);
        assert!(max_weight_matching(&[], 3).is_empty());
    }

    fn matrix() -> impl Strategy<Value = (Vec<Vec<Weight>>, usize)> {
        (1usize..6, 1usize..6).prop_flat_map(|(rows, cols)| {
            let cell = prop_oneof![
                Just([0i64; 4]),
                (0i64..2, 1i64..6, -4i64..1).prop_map(|(a, b, c)| [a, 1, b, c]),
            ];
            (
                proptest::collection::vec(proptest::collection::vec(cell, cols), rows),
                Just(cols),
            )
        })
    }

    proptest! {
        #[test]
        fn matches_brute_force((weights, cols) in matrix()) {
            let pairs = max_weight_matching(&weights, cols);
            let mut rows_seen = std::collections::HashSet::new();
            let mut cols_seen = std::collections::HashSet::new();
            for &(r, c) in &pairs {
                prop_assert!(rows_seen.insert(r) && cols_seen.insert(c), "not one-to-one");
                prop_assert!(weights[r][c] > ZERO);
            }
            let best = brute_force(&weights, cols, 0, &mut vec![false; cols]);
            prop_assert_eq!(total(&weights, &pairs), best);
        }
    }
}
