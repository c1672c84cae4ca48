//! Sorting the engine's short lists: a day's openings, a year's holidays, a calendar's closed
//! dates, the evidence of a finding.
//!
//! By insertion, in one small function: each library sort of a type of its own weighs 2-4 KB
//! of wasm in the browser's bundles, and these lists hold a handful to a few hundred items.

/// Sorts `items` by `key`, ties in their given order.
pub(crate) fn by_key<T, K: PartialOrd>(items: &mut [T], key: impl Fn(&T) -> K) {
    for i in 1..items.len() {
        let mut j = i;
        while j > 0 && key(&items[j - 1]) > key(&items[j]) {
            items.swap(j - 1, j);
            j -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn sorts_by_the_key_and_keeps_ties_in_order() {
        let mut items = [(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e')];
        super::by_key(&mut items, |&(n, _)| n);
        assert_eq!(items, [(1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c')]);
        let mut empty: [u8; 0] = [];
        super::by_key(&mut empty, |&n| n);
    }
}
