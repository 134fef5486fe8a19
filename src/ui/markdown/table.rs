//! Tables: fits the columns into a width (narrow columns keep their size, wide ones share the
//! rest and wrap their cells), aligns each cell and draws the separators.

use super::row::{Look, Role, Row, Seg};
use super::wrap::{self, push, row_width};
use crate::doc::{Align, Inlines};

/// Rows of a table: the header, a rule, then the body. `max`: width in cells (`None`: natural
/// column widths).
pub fn layout(
    head: &[Inlines],
    body: &[Vec<Inlines>],
    aligns: &[Align],
    max: Option<usize>,
    look: Look,
) -> Vec<Row> {
    let cols = body
        .iter()
        .map(Vec::len)
        .chain([head.len(), aligns.len()])
        .max()
        .unwrap_or(0);
    if cols == 0 {
        return Vec::new();
    }
    let (sep, joint, line) = match look {
        Look::Styled => (" │ ", "─┼─", "─"),
        Look::Plain => (" | ", "-+-", "-"),
    };
    let cell = |inl: &Inlines, header: bool| -> Vec<Seg> {
        inl.iter()
            .map(|p| Seg {
                text: p.text.clone(),
                role: if header {
                    Role::TableHead(p.flags)
                } else {
                    Role::Text(p.flags)
                },
            })
            .collect()
    };
    let head_cells: Vec<Vec<Seg>> = head.iter().map(|c| cell(c, true)).collect();
    let body_cells: Vec<Vec<Vec<Seg>>> = body
        .iter()
        .map(|r| r.iter().map(|c| cell(c, false)).collect())
        .collect();

    let mut natural = vec![0usize; cols];
    for row in std::iter::once(&head_cells).chain(&body_cells) {
        for (c, segs) in row.iter().enumerate() {
            let w = wrap::wrap(segs, None)
                .iter()
                .map(|r| row_width(r))
                .max()
                .unwrap_or(0);
            natural[c] = natural[c].max(w);
        }
    }
    let widths = match max {
        Some(m) => fit(&natural, m.saturating_sub(wrap::width(sep) * (cols - 1))),
        None => natural,
    };

    let mut out = Vec::new();
    let aligned = |c: usize| aligns.get(c).copied().unwrap_or(Align::Left);
    emit_row(&mut out, &head_cells, &widths, &aligned, sep);
    let mut rule = Vec::new();
    for (c, w) in widths.iter().enumerate() {
        if c > 0 {
            push(&mut rule, joint, Role::TableBorder);
        }
        push(&mut rule, &line.repeat(*w), Role::TableBorder);
    }
    out.push(rule);
    for row in &body_cells {
        emit_row(&mut out, row, &widths, &aligned, sep);
    }
    out
}

/// One table row, as many lines as its tallest wrapped cell.
fn emit_row(
    out: &mut Vec<Row>,
    cells: &[Vec<Seg>],
    widths: &[usize],
    align: &dyn Fn(usize) -> Align,
    sep: &str,
) {
    let wrapped: Vec<Vec<Row>> = widths
        .iter()
        .enumerate()
        .map(|(c, w)| {
            cells
                .get(c)
                .map(|segs| wrap::wrap(segs, Some(*w)))
                .unwrap_or_default()
        })
        .collect();
    let height = wrapped.iter().map(Vec::len).max().unwrap_or(0).max(1);
    for k in 0..height {
        let mut row = Vec::new();
        for (c, w) in widths.iter().enumerate() {
            if c > 0 {
                push(&mut row, sep, Role::TableBorder);
            }
            let content = wrapped[c].get(k).cloned().unwrap_or_default();
            let pad = w.saturating_sub(row_width(&content));
            let (before, after) = match align(c) {
                Align::Left => (0, pad),
                Align::Right => (pad, 0),
                Align::Center => (pad / 2, pad - pad / 2),
            };
            push(&mut row, &" ".repeat(before), Role::Pad);
            for s in content {
                push(&mut row, &s.text, s.role);
            }
            push(&mut row, &" ".repeat(after), Role::Pad);
        }
        out.push(row);
    }
}

/// Column widths that add up to at most `budget` (each at least 1 when the budget is too
/// small): columns narrower than an even share keep their natural width, the rest split what is
/// left.
fn fit(natural: &[usize], budget: usize) -> Vec<usize> {
    if natural.iter().sum::<usize>() <= budget {
        return natural.to_vec();
    }
    let mut widths = vec![0; natural.len()];
    let mut open: Vec<usize> = (0..natural.len()).collect();
    let mut left = budget;
    while !open.is_empty() {
        let share = left / open.len();
        let (fits, rest): (Vec<usize>, Vec<usize>) =
            open.iter().partition(|&&c| natural[c] <= share);
        if fits.is_empty() {
            let extra = left % open.len();
            for (k, &c) in open.iter().enumerate() {
                widths[c] = (share + usize::from(k < extra)).max(1);
            }
            break;
        }
        for c in fits {
            widths[c] = natural[c];
            left -= natural[c];
        }
        open = rest;
    }
    widths
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::{Flags, Piece};

    fn inl(s: &str) -> Inlines {
        vec![Piece {
            text: s.into(),
            flags: Flags::default(),
        }]
    }

    fn text(rows: &[Row]) -> Vec<String> {
        rows.iter()
            .map(|r| r.iter().map(|s| s.text.as_str()).collect())
            .collect()
    }

    #[test]
    fn natural_widths_when_they_fit() {
        let rows = layout(
            &[inl("Orden"), inl("Efecto")],
            &[vec![inl("ps"), inl("lista contenedores")]],
            &[Align::Left, Align::Right],
            Some(80),
            Look::Plain,
        );
        assert_eq!(
            text(&rows),
            [
                "Orden |             Efecto",
                "------+-------------------",
                "ps    | lista contenedores"
            ]
        );
        assert!(matches!(rows[0][0].role, Role::TableHead(_)));
    }

    #[test]
    fn wide_columns_shrink_and_wrap() {
        let rows = layout(
            &[inl("Orden"), inl("Efecto")],
            &[vec![inl("ps"), inl("lista los contenedores en marcha")]],
            &[],
            Some(24),
            Look::Styled,
        );
        for r in &rows {
            assert!(row_width(r) <= 24, "{r:?}");
        }
        let t = text(&rows);
        assert_eq!(t[0], "Orden │ Efecto          ");
        assert_eq!(t[2], "ps    │ lista los       ");
        assert_eq!(t[3], "      │ contenedores en ");
        assert_eq!(t[4], "      │ marcha          ");
    }

    #[test]
    fn fit_shares_the_budget() {
        assert_eq!(fit(&[5, 30, 30], 45), vec![5, 20, 20]);
        assert_eq!(fit(&[5, 30, 30], 46), vec![5, 21, 20]);
        assert_eq!(fit(&[4, 4], 1), vec![1, 1]);
        assert_eq!(fit(&[0, 9], 3), vec![0, 3]);
    }
}
