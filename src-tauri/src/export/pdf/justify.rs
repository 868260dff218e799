//! Justification: a line that does not fill the type area (a unit was pushed to the next
//! line) is spread to the full width, the slack shared out over the gaps between
//! characters — but never inside a Latin word or a number: “2024年” stays “2024年”, not
//! “2 0 2 4 年”. Pieces of the line that need different spacing are placed separately.

use super::linebreak::{Line, ScriptGap};
use super::writer::Text;
use crate::export::fonts::{FontRole, FontSet};

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
/// `max_per_gap` per gap, else the line stays as it is. `gap` separates the scripts
/// ([`ScriptGap`]), on every line, justified or not.
pub fn justify(
    line: &Line,
    avail: f32,
    base: f32,
    max_per_gap: f32,
    gap: ScriptGap,
    advance: impl Fn(char) -> f32,
) -> Vec<Piece> {
    let chars: Vec<char> = line.text.chars().collect();
    let n = chars.len();
    let tight = |k: usize| k + 1 < n && tight_pair(chars[k], chars[k + 1]);
    let kern = |k: usize| {
        if k + 1 < n {
            gap.between(chars[k], chars[k + 1])
        } else {
            0.0
        }
    };
    let gaps = (0..n.saturating_sub(1)).filter(|&k| !tight(k)).count();
    let slack = avail - line.width;
    let spread = !line.last && n >= 2 && gaps > 0 && slack > 0.0;
    let extra = if spread && slack / gaps as f32 <= max_per_gap {
        slack / gaps as f32
    } else {
        0.0
    };
    // Pieces alternate: a word (tight gaps: own spacing only) and a run whose gaps are all
    // spread; a script gap also ends a piece. The gap between two pieces is always spread.
    let mut pieces: Vec<Piece> = Vec::new();
    let mut x = 0.0;
    let mut k = 0;
    while k < n {
        let word = tight(k);
        let mut e = k;
        while e + 1 < n && kern(e) == 0.0 {
            let go_on = if word {
                tight(e)
            } else {
                !tight(e) && !tight(e + 1)
            };
            if !go_on {
                break;
            }
            e += 1;
        }
        let spacing = if word { base } else { base + extra };
        pieces.push(Piece {
            dx: x,
            text: chars[k..=e].iter().collect(),
            spacing,
        });
        x += chars[k..=e].iter().map(|&c| advance(c)).sum::<f32>();
        if !word {
            x += extra * (e - k) as f32;
        }
        if e + 1 < n {
            x += extra + kern(e);
        }
        k = e + 1;
    }
    if pieces.len() <= 1 {
        // One piece: the whole line at one spacing (an empty line stays one empty piece).
        let spacing = pieces.first().map_or(base, |p| p.spacing);
        return vec![Piece {
            dx: 0.0,
            text: line.text.clone(),
            spacing,
        }];
    }
    pieces
}

/// Sets `text` on one line without justifying it: its pieces and their width.
pub fn set_line(
    text: &str,
    base: f32,
    gap: ScriptGap,
    advance: impl Fn(char) -> f32,
) -> (Vec<Piece>, f32) {
    let width = text.chars().map(&advance).sum::<f32>() + gap.within(text);
    let line = Line {
        text: text.to_owned(),
        width,
        chars: text.chars().count(),
        last: true,
    };
    (justify(&line, width, base, 0.0, gap, advance), width)
}

/// A line of table text (not squeezed, not justified) as `role` at `size` sets it: its
/// pieces, a script gap apart, and its width.
pub struct CellLine {
    pieces: Vec<Piece>,
    pub width: f32,
}

impl CellLine {
    pub fn new(fonts: &FontSet, role: FontRole, size: f32, text: &str) -> CellLine {
        let advance = |c: char| fonts.advance_em(role, c) * size;
        let (pieces, width) = set_line(text, 0.0, ScriptGap::set(size, 0.0), advance);
        CellLine { pieces, width }
    }

    /// The pieces placed from `x` on `baseline`.
    pub fn texts(self, x: f32, baseline: f32, role: FontRole, size: f32) -> Vec<Text> {
        self.pieces
            .into_iter()
            .map(|p| Text {
                x: x + p.dx,
                baseline,
                role,
                size,
                text: p.text,
                spacing: p.spacing,
                bold: false,
            })
            .collect()
    }
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

    const GAP: ScriptGap = ScriptGap {
        letters: 2.0,
        marks: 0.5,
    };

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
        let p = justify(&l, 46.0, 0.0, 10.0, ScriptGap::NONE, m);
        assert_eq!(p.len(), 1);
        assert!((p[0].spacing - 2.0).abs() < 1e-4);
    }

    #[test]
    fn numbers_are_not_spread() {
        // 年2024年: 6 characters, 5 gaps of which 3 are inside the number.
        let l = line("召开2024年");
        let p = justify(&l, 58.0, 0.0, 10.0, ScriptGap::NONE, m);
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
        assert_eq!(
            justify(&lines[1], 40.0, 0.0, 10.0, ScriptGap::NONE, m).len(),
            1
        );
        assert_eq!(
            justify(&lines[1], 40.0, 0.0, 10.0, ScriptGap::NONE, m)[0].spacing,
            0.0
        );
        let l = line("一二");
        assert_eq!(
            justify(&l, 60.0, 0.0, 10.0, ScriptGap::NONE, m)[0].spacing,
            0.0
        );
    }

    #[test]
    fn script_gaps_are_set_on_every_line() {
        // 截至2024年: gaps of 2 pt before and after the number, on a last line too.
        let l = Line {
            text: "截至2024年".into(),
            width: 50.0 + 4.0,
            chars: 7,
            last: true,
        };
        let x = starts(&justify(&l, 54.0, 0.0, 10.0, GAP, m));
        assert!((x[2] - 22.0).abs() < 1e-4, "{x:?}");
        assert!((x[6] - (22.0 + 20.0 + 2.0)).abs() < 1e-4, "{x:?}");
        // Justified: the slack goes to the open gaps, the script gaps stay on top.
        let l = Line { last: false, ..l };
        let x = starts(&justify(&l, 57.0, 0.0, 10.0, GAP, m));
        assert!((x[2] - 24.0).abs() < 1e-4, "{x:?}");
        assert!((x[6] + 10.0 - 57.0).abs() < 1e-3, "{x:?}");
        // Punctuation takes only the portion's share: （2024）.
        let (p, w) = set_line("（2024）", 0.0, GAP, m);
        let share = GAP.marks;
        assert!((w - (40.0 + 2.0 * share)).abs() < 1e-4, "{w}");
        let want = [
            0.0,
            10.0 + share,
            15.0 + share,
            20.0 + share,
            25.0 + share,
            30.0 + 2.0 * share,
        ];
        for (got, want) in starts(&p).iter().zip(want) {
            assert!((got - want).abs() < 1e-4, "{:?}", starts(&p));
        }
    }
}
