//! Justification: a line that does not fill the type area (a unit was pushed to the next
//! line) is spread to the full width, the slack shared out over the gaps between
//! characters — but never inside a Latin word or a number: “2024年” stays “2024年”, not
//! “2 0 2 4 年”. Pieces of the line that need different spacing are placed separately.

use super::linebreak::Line;

/// A piece of a justified line: offset from the line's left edge, text, and the spacing
/// after each of its characters.
#[derive(Debug, Clone, PartialEq)]
pub struct Piece {
    pub dx: f32,
    pub text: String,
    pub spacing: f32,
}

/// Lays `line` out over `avail` points. `advance(c)` is a character's advance as set
/// (including the grid's `base` spacing); slack is spread only if it is at most
/// `max_per_gap` per gap, else the line stays as it is.
pub fn justify(
    line: &Line,
    avail: f32,
    base: f32,
    max_per_gap: f32,
    advance: impl Fn(char) -> f32,
) -> Vec<Piece> {
    let plain = || {
        vec![Piece {
            dx: 0.0,
            text: line.text.clone(),
            spacing: base,
        }]
    };
    let chars: Vec<char> = line.text.chars().collect();
    if line.last || chars.len() < 2 {
        return plain();
    }
    let tight = |k: usize| k + 1 < chars.len() && tight_pair(chars[k], chars[k + 1]);
    let gaps = (0..chars.len() - 1).filter(|&k| !tight(k)).count();
    let slack = avail - line.width;
    if gaps == 0 || slack <= 0.0 || slack / gaps as f32 > max_per_gap {
        return plain();
    }
    let extra = slack / gaps as f32;
    if gaps == chars.len() - 1 {
        return vec![Piece {
            dx: 0.0,
            text: line.text.clone(),
            spacing: base + extra,
        }];
    }
    // Pieces alternate: a word (tight gaps: own spacing only) and a run whose gaps are all
    // spread; the gap between two pieces is always spread.
    let mut pieces: Vec<Piece> = Vec::new();
    let mut x = 0.0;
    let mut k = 0;
    while k < chars.len() {
        let word = tight(k);
        let mut e = k;
        if word {
            while tight(e) {
                e += 1;
            }
        } else {
            while e + 1 < chars.len() && !tight(e) && !tight(e + 1) {
                e += 1;
            }
        }
        pieces.push(Piece {
            dx: x,
            text: chars[k..=e].iter().collect(),
            spacing: if word { base } else { base + extra },
        });
        x += chars[k..=e].iter().map(|&c| advance(c)).sum::<f32>();
        if !word {
            x += extra * (e - k) as f32;
        }
        if e + 1 < chars.len() {
            x += extra;
        }
        k = e + 1;
    }
    pieces
}

/// Two characters that are never spread apart: inside a Latin word or number (2024,
/// WPS, 1.5%), or the halves of a doubled dash or ellipsis (—— ……).
fn tight_pair(a: char, b: char) -> bool {
    (a.is_ascii_graphic() && b.is_ascii_graphic()) || (a == b && matches!(a, '—' | '…'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::pdf::linebreak::break_lines;

    /// CJK 10 pt, Latin 5 pt, no base spacing.
    fn m(c: char) -> f32 {
        if crate::export::fonts::is_wide(c) {
            10.0
        } else {
            5.0
        }
    }

    fn line(text: &str) -> Line {
        Line {
            width: text.chars().map(m).sum(),
            chars: text.chars().count(),
            text: text.into(),
            last: false,
        }
    }

    /// Where each character starts, from the pieces.
    fn starts(pieces: &[Piece]) -> Vec<f32> {
        let mut out = Vec::new();
        for p in pieces {
            let mut x = p.dx;
            for c in p.text.chars() {
                out.push(x);
                x += m(c) + p.spacing;
            }
        }
        out
    }

    #[test]
    fn cjk_lines_spread_evenly() {
        let l = line("一二三四");
        let p = justify(&l, 46.0, 0.0, 10.0, m);
        assert_eq!(p.len(), 1);
        assert!((p[0].spacing - 2.0).abs() < 1e-4);
    }

    #[test]
    fn numbers_are_not_spread() {
        // 年2024年: 6 characters, 5 gaps of which 3 are inside the number.
        let l = line("召开2024年");
        let p = justify(&l, 58.0, 0.0, 10.0, m);
        let x = starts(&p);
        // Digits keep their natural 5 pt pitch.
        for k in 2..5 {
            assert!((x[k + 1] - x[k] - 5.0).abs() < 1e-4, "{x:?}");
        }
        // The slack (8 pt) went to the 3 open gaps; the last glyph ends at 58.
        assert!((x[6] + 10.0 - 58.0).abs() < 1e-3, "{x:?} {p:?}");
        let text: String = p.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(text, "召开2024年");
    }

    #[test]
    fn last_lines_and_wide_slack_stay_as_set() {
        let lines = break_lines("一二三四五", 40.0, 40.0, m);
        assert_eq!(justify(&lines[1], 40.0, 0.0, 10.0, m).len(), 1);
        assert_eq!(justify(&lines[1], 40.0, 0.0, 10.0, m)[0].spacing, 0.0);
        let l = line("一二");
        assert_eq!(justify(&l, 60.0, 0.0, 10.0, m)[0].spacing, 0.0);
    }
}
