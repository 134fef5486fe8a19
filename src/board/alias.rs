//! `--anonymize`: the name a learner goes by on screen — "Learner 017" / «Estudiante 017»,
//! numbered in roster order, so the same roster gives every learner the same alias on every
//! run. Only the board's view uses it; the ledger and reports keep the roster's names.

use crate::i18n::Tr;

/// The alias of the learner at roster position `i` (from 0) in a class of `total`: numbers
/// padded to three digits, or more when the class needs them, so aliases sort as the roster.
pub fn alias(tr: &Tr, i: usize, total: usize) -> String {
    let width = total.to_string().len().max(3);
    tr.ta("grade-board-alias", &[("n", &format!("{:0width$}", i + 1))])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;

    #[test]
    fn aliases_are_numbered_in_roster_order_in_both_languages() {
        assert_eq!(alias(&Tr::new(Lang::Es), 16, 300), "Estudiante 017");
        assert_eq!(alias(&Tr::new(Lang::En), 16, 300), "Learner 017");
        assert_eq!(alias(&Tr::new(Lang::En), 0, 1200), "Learner 0001");
    }
}
