//! Aligned text tables for the terminal: columns fit the terminal width and long
//! cells wrap onto more lines (at word boundaries where possible) instead of being cut.

use std::io::Write;

/// Narrowest a column is squeezed to before the table is allowed to overflow.
const MIN_COLUMN: usize = 8;

fn width_of(s: &str) -> usize {
    s.chars().count()
}

/// Splits `text` into lines of at most `width` characters, breaking at spaces
/// where possible and inside long words otherwise.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = vec![];
    let mut line = String::new();
    for word in text.split(' ') {
        let mut word = word.to_string();
        loop {
            let sep = usize::from(!line.is_empty());
            if width_of(&line) + sep + width_of(&word) <= width {
                if sep == 1 {
                    line.push(' ');
                }
                line.push_str(&word);
                break;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                continue;
            }
            // A word longer than the column: cut it.
            let head: String = word.chars().take(width).collect();
            word = word.chars().skip(width).collect();
            lines.push(head);
            if word.is_empty() {
                break;
            }
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Column widths that fit `total` (separators included): the widest columns are
/// narrowed first, none below [`MIN_COLUMN`] (or its natural width).
pub fn fit(natural: &[usize], total: usize) -> Vec<usize> {
    let mut w = natural.to_vec();
    let sep = 3 * natural.len().saturating_sub(1);
    let budget = total.saturating_sub(sep);
    loop {
        let sum: usize = w.iter().sum();
        if sum <= budget {
            return w;
        }
        let Some((i, &widest)) = w
            .iter()
            .enumerate()
            .max_by_key(|(i, &x)| (x, usize::MAX - i))
        else {
            return w;
        };
        let floor = MIN_COLUMN.min(natural[i]);
        if widest <= floor {
            return w;
        }
        let shrink = (sum - budget).min(widest - floor).min((widest / 4).max(1));
        w[i] = widest - shrink;
    }
}

/// Writes `heads` and `cells` as an aligned table. With `width`, columns are fitted
/// to it and cells wrap; without, every cell is written whole on one line.
pub fn write(
    out: &mut dyn Write,
    heads: &[String],
    cells: &[Vec<String>],
    width: Option<usize>,
) -> std::io::Result<()> {
    let clean = |s: &str| s.replace(['\n', '\r', '\t'], " ");
    let body: Vec<Vec<String>> = cells
        .iter()
        .map(|r| r.iter().map(|c| clean(c)).collect())
        .collect();
    let mut natural: Vec<usize> = heads.iter().map(|h| width_of(h)).collect();
    for r in &body {
        for (i, c) in r.iter().enumerate() {
            natural[i] = natural[i].max(width_of(c));
        }
    }
    let widths = match width {
        Some(total) => fit(&natural, total),
        None => natural,
    };
    let row = |out: &mut dyn Write, row: &[String]| -> std::io::Result<()> {
        let wrapped: Vec<Vec<String>> = row
            .iter()
            .enumerate()
            .map(|(i, c)| wrap(c, widths[i]))
            .collect();
        let height = wrapped.iter().map(Vec::len).max().unwrap_or(1);
        for l in 0..height {
            let parts: Vec<String> = wrapped
                .iter()
                .enumerate()
                .map(|(i, lines)| {
                    let c = lines.get(l).map_or("", String::as_str);
                    format!("{c}{}", " ".repeat(widths[i].saturating_sub(width_of(c))))
                })
                .collect();
            writeln!(out, "{}", parts.join(" | ").trim_end())?;
        }
        Ok(())
    };
    row(out, heads)?;
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    writeln!(out, "{}", rule.join("-+-"))?;
    for r in &body {
        row(out, r)?;
    }
    writeln!(
        out,
        "({} row{})",
        body.len(),
        if body.len() == 1 { "" } else { "s" }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_cells_wrap_within_the_width_and_keep_every_word() {
        let heads = vec!["speaker".to_string(), "claim".to_string()];
        let claim = "the council should reopen the library on Saturdays because families depend on it, and the savings are small";
        let cells = vec![vec!["Ana Lopez".to_string(), claim.to_string()]];
        let mut out = vec![];
        write(&mut out, &heads, &cells, Some(60)).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.lines().all(|l| l.chars().count() <= 60), "{text}");
        let joined: String = text
            .lines()
            .skip(2)
            .filter_map(|l| l.split(" | ").nth(1))
            .map(str::trim)
            .collect::<Vec<_>>()
            .join(" ");
        assert!(joined.contains(claim), "{joined}");
        assert!(text.ends_with("(1 row)\n"));
    }

    #[test]
    fn without_a_width_nothing_is_cut() {
        let long = "x".repeat(300);
        let mut out = vec![];
        write(&mut out, &["a".into()], &[vec![long.clone()]], None).unwrap();
        assert!(String::from_utf8(out).unwrap().contains(&long));
    }

    #[test]
    fn wrap_cuts_words_longer_than_the_column() {
        assert_eq!(wrap("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
        assert_eq!(wrap("a bb ccc", 4), vec!["a bb", "ccc"]);
        assert_eq!(wrap("", 4), vec![""]);
    }
}
