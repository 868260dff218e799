//! The PDF ledger checked against what the Excel one shows. Words (from `pdftotext -bbox`)
//! are put in their column by where they start, the columns sharing the page as the
//! model's widths say. Task rows are told apart by the blank band between them: a cell's
//! lines are 12 pt apart, rows at least 6 pt more. A row split over two pages is read as
//! one; a finding continued on a new page shows its number (marked 续) and its problem
//! again, which is read past.

use std::path::Path;

use xuncha::report::ledger::LedgerColumn;

use super::super::pdf::{words, Word};
use super::{columns, squeeze, Seen};

const MM: f64 = 72.0 / 25.4;
/// The table's edges on the A4 landscape page (15 mm margins) and where the page number
/// starts (22 mm from the bottom of a 210 mm page).
const LEFT: f64 = 15.0 * MM;
const RIGHT: f64 = 282.0 * MM;
const BODY_END: f64 = (210.0 - 22.0) * MM;
/// More than the space between two lines of one cell, less than between two rows.
const ROW_GAP: f64 = 5.0;

/// Where each official column starts and ends.
fn edges() -> Vec<(LedgerColumn, f64, f64)> {
    let total: f64 = LedgerColumn::OFFICIAL.iter().map(|c| c.width()).sum();
    let mut x = LEFT;
    LedgerColumn::OFFICIAL
        .iter()
        .map(|c| {
            let w = c.width() / total * (RIGHT - LEFT);
            x += w;
            (*c, x - w, x)
        })
        .collect()
}

/// The column a word starts in, and whether it runs past it (a section row does).
fn column_of(w: &Word, edges: &[(LedgerColumn, f64, f64)]) -> Option<(LedgerColumn, bool)> {
    edges
        .iter()
        .find(|(_, a, b)| w.1 >= a - 0.5 && w.1 < *b)
        .map(|(c, _, b)| (*c, w.3 > b + 1.0))
}

/// Where the header ends on a page: below the last line of every column's label.
fn header_bottom(page: &[Word], edges: &[(LedgerColumn, f64, f64)], limit: f64) -> f64 {
    let mut bottom: f64 = 0.0;
    for (c, a, b) in edges {
        let mut ws: Vec<&Word> = page
            .iter()
            .filter(|w| w.2 < limit && w.1 >= a - 0.5 && w.1 < *b && c.label().contains(&w.0))
            .collect();
        ws.sort_by(|x, y| x.2.total_cmp(&y.2));
        let mut label = String::new();
        for w in ws {
            label.push_str(&w.0);
            if label == c.label() {
                bottom = bottom.max(w.4);
                break;
            }
        }
        assert_eq!(
            label,
            c.label(),
            "the header of every page names {}",
            c.label()
        );
    }
    bottom
}

/// Words in reading order, joined.
fn joined(mut ws: Vec<&Word>) -> String {
    ws.sort_by(|x, y| x.2.total_cmp(&y.2).then(x.1.total_cmp(&y.1)));
    ws.iter().map(|w| squeeze(&w.0)).collect()
}

/// What reading the PDF met besides plain rows, so a test knows it was tried.
#[derive(Debug, Default)]
pub struct Met {
    /// Task rows split over two pages.
    pub split_rows: usize,
    /// Pages that show again the number and problem of the finding they continue.
    pub continued: usize,
}

/// Checks the PDF at `path` shows what `want` (the Excel ledger) shows.
pub fn check(path: &Path, want: &Seen) -> Result<Met, String> {
    let pages = words(path);
    let edges = edges();
    let first = pages.first().ok_or("no page")?;
    let line = |prefix: &str| {
        first
            .iter()
            .find(|w| w.0.starts_with(prefix))
            .map(|w| squeeze(&w.0))
            .unwrap_or_default()
    };
    let title = first
        .iter()
        .min_by(|a, b| a.2.total_cmp(&b.2))
        .map(|w| squeeze(&w.0))
        .unwrap_or_default();
    same("title", &title, &want.title)?;
    same("填报单位", &line("填报单位"), &want.unit_line)?;
    same("填报时间", &line("填报时间"), &want.date_line)?;

    let (finding_cols, task_cols) = (columns(true), columns(false));
    let mut sections = Vec::new();
    // Per page, the words of each finding-level column; and every task band.
    let mut finding_pages: Vec<Vec<Vec<&Word>>> = Vec::new();
    // Each task band's texts, and whether it ends its page (its row may go on overleaf).
    let mut bands: Vec<(Vec<String>, bool)> = Vec::new();
    for (n, page) in pages.iter().enumerate() {
        let top = header_bottom(page, &edges, if n == 0 { 200.0 } else { 130.0 });
        let mut per_finding_col = vec![Vec::new(); finding_cols.len()];
        let mut task_words: Vec<(&Word, usize)> = Vec::new();
        for w in page.iter().filter(|w| w.2 > top + 0.5 && w.2 < BODY_END) {
            let Some((c, wide)) = column_of(w, &edges) else {
                continue;
            };
            if wide {
                sections.push(squeeze(&w.0));
            } else if let Some(k) = finding_cols.iter().position(|f| *f == c) {
                per_finding_col[k].push(w);
            } else if let Some(k) = task_cols.iter().position(|t| *t == c) {
                task_words.push((w, k));
            }
        }
        finding_pages.push(per_finding_col);
        task_words.sort_by(|a, b| a.0 .2.total_cmp(&b.0 .2));
        let mut band: Vec<(&Word, usize)> = Vec::new();
        let mut bottom = f64::MIN;
        for (w, k) in task_words {
            if !band.is_empty() && w.2 > bottom + ROW_GAP {
                bands.push((band_texts(&band, task_cols.len()), false));
                band.clear();
            }
            bottom = bottom.max(w.4);
            if band.is_empty() {
                bottom = w.4;
            }
            band.push((w, k));
        }
        if !band.is_empty() {
            bands.push((band_texts(&band, task_cols.len()), true));
        }
    }
    if sections != want.sections {
        return Err(format!(
            "section rows: PDF {sections:?}, Excel {:?}",
            want.sections
        ));
    }
    let mut met = Met {
        split_rows: check_tasks(&bands, &want.tasks, &task_cols)?,
        continued: 0,
    };
    for (k, c) in finding_cols.iter().enumerate() {
        let expected: Vec<&str> = want.findings.iter().map(|f| f[k].as_str()).collect();
        let repeats = check_finding_column(*c, &finding_pages, k, &expected)?;
        if *c == LedgerColumn::Seq {
            met.continued = repeats;
        }
    }
    Ok(met)
}

fn same(what: &str, pdf: &str, xlsx: &str) -> Result<(), String> {
    if pdf == xlsx {
        Ok(())
    } else {
        Err(format!("{what}: PDF “{pdf}”, Excel “{xlsx}”"))
    }
}

fn band_texts(band: &[(&Word, usize)], n: usize) -> Vec<String> {
    (0..n)
        .map(|k| {
            joined(
                band.iter()
                    .filter(|(_, c)| *c == k)
                    .map(|(w, _)| *w)
                    .collect(),
            )
        })
        .collect()
}

/// Task by task: each task's cells are the next band's, or, when its row was split over
/// two pages, the last band of a page and the first of the next. Returns how many rows
/// were split.
fn check_tasks(
    bands: &[(Vec<String>, bool)],
    want: &[Vec<String>],
    cols: &[LedgerColumn],
) -> Result<usize, String> {
    let mut next = bands.iter();
    let mut split = 0;
    for (i, task) in want.iter().enumerate() {
        let mut got = vec![String::new(); task.len()];
        loop {
            let (band, ends_page) = next
                .next()
                .ok_or_else(|| format!("task {} is not in the PDF", i + 1))?;
            for (g, b) in got.iter_mut().zip(band) {
                g.push_str(b);
            }
            if got == *task {
                break;
            }
            let goes_on = *ends_page
                && task
                    .iter()
                    .zip(&got)
                    .all(|(t, g)| t.starts_with(g.as_str()));
            split += usize::from(goes_on);
            if !goes_on {
                let k = (0..task.len()).find(|k| got[*k] != task[*k]).unwrap_or(0);
                return Err(format!(
                    "task {} {}: PDF “{}”, Excel “{}”",
                    i + 1,
                    cols[k].label(),
                    got[k],
                    task[k]
                ));
            }
        }
    }
    match next.next() {
        Some((extra, _)) => Err(format!("the PDF has a row more: {extra:?}")),
        None => Ok(split),
    }
}

/// One finding-level column, page by page: the findings' texts in order. A page may
/// start by showing again the start of the text of the finding it continues (序号 and
/// 反馈问题 are repeated on a continuation page, the number marked 续). Returns how many
/// pages did.
fn check_finding_column(
    column: LedgerColumn,
    pages: &[Vec<Vec<&Word>>],
    k: usize,
    want: &[&str],
) -> Result<usize, String> {
    let mut repeats = 0;
    // Numbers are compared whole, text character by character.
    let tokens = |texts: Vec<String>| -> Vec<String> {
        if column == LedgerColumn::Seq {
            texts
        } else {
            texts.concat().chars().map(String::from).collect()
        }
    };
    let expected = tokens(want.iter().map(|s| s.to_string()).collect());
    // Where each finding's tokens start in `expected`.
    let mut starts = Vec::new();
    let mut at = 0;
    for w in want {
        starts.push(at);
        at += tokens(vec![w.to_string()]).len();
    }
    let mut pos = 0;
    for (n, page) in pages.iter().enumerate() {
        let mut ws = page[k].clone();
        ws.sort_by(|x, y| x.2.total_cmp(&y.2).then(x.1.total_cmp(&y.1)));
        let texts: Vec<String> = ws
            .iter()
            .map(|w| squeeze(&w.0))
            .filter(|t| !(column == LedgerColumn::Seq && t == "续"))
            .collect();
        let got = tokens(texts);
        let fits = |from: usize| {
            got.len() - from <= expected.len() - pos
                && got[from..] == expected[pos..pos + got.len() - from]
        };
        // The finding this page may continue: the last one begun before it.
        let repeat = starts.iter().rposition(|s| *s < pos).map_or(0, |f| {
            let text = &expected[starts[f]..pos.min(starts.get(f + 1).copied().unwrap_or(pos))];
            (1..=text.len().min(got.len()))
                .rev()
                .find(|len| got[..*len] == text[..*len] && fits(*len))
                .unwrap_or(0)
        });
        let from = if fits(0) { 0 } else { repeat };
        if from == 0 && !fits(0) {
            let found: String = got.concat();
            let around: String = expected[pos..(pos + got.len()).min(expected.len())].concat();
            return Err(format!(
                "page {} {}: PDF “{found}”, Excel “{around}”",
                n + 1,
                column.label()
            ));
        }
        repeats += usize::from(from > 0);
        pos += got.len() - from;
    }
    if pos == expected.len() {
        Ok(repeats)
    } else {
        Err(format!(
            "{}: the PDF stops at “{}”",
            column.label(),
            expected[..pos]
                .concat()
                .chars()
                .rev()
                .take(20)
                .collect::<String>()
        ))
    }
}
