//! File names for per-learner files (feedback, Gradescope results) derived from learners' names:
//! only letters, digits and `-`, never a path, never a name Windows reserves, and two learners
//! whose names collide (also when they differ only in case) get distinct names.

use std::collections::HashSet;

/// One file stem per name, in order; unique ignoring case.
pub fn stems<'a>(names: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut taken: HashSet<String> = HashSet::new();
    names
        .into_iter()
        .map(|n| {
            let base = safe(n);
            let mut stem = base.clone();
            let mut i = 2;
            while !taken.insert(stem.to_lowercase()) {
                stem = format!("{base}-{i}");
                i += 1;
            }
            stem
        })
        .collect()
}

/// `Pérez, Ana` → `Pérez-Ana`; `../x` → `x`; empty → `learner`.
fn safe(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
        if out.chars().count() >= 60 {
            break;
        }
    }
    let out = out.trim_end_matches('-').to_string();
    const RESERVED: [&str; 6] = ["con", "prn", "aux", "nul", "com1", "lpt1"];
    let lower = out.to_lowercase();
    if out.is_empty() {
        "learner".into()
    } else if RESERVED.contains(&lower.as_str())
        || lower.starts_with("com") && lower.len() == 4
        || lower.starts_with("lpt") && lower.len() == 4
    {
        format!("learner-{out}")
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::stems;

    #[test]
    fn names_become_safe_distinct_stems() {
        let got = stems([
            "Pérez, Ana",
            "../../etc/passwd",
            "ana pérez",
            "Pérez Ana",
            "PÉREZ ANA",
            "",
            "CON",
            "Pérez-Ana-2",
        ]);
        assert_eq!(
            got,
            [
                "Pérez-Ana",
                "etc-passwd",
                "ana-pérez",
                "Pérez-Ana-2",
                "PÉREZ-ANA-3",
                "learner",
                "learner-CON",
                "Pérez-Ana-2-2",
            ]
        );
    }
}
