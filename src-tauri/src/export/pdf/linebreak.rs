//! Chinese line breaking (禁则) and justification for the document grid.
//!
//! Text is cut into unbreakable units: opening punctuation sticks to what follows, closing
//! punctuation to what precedes, a Latin word or number stays whole. Lines are filled
//! greedily with units, so no line starts with ，。、；：？！）》” and no line ends with
//! （《“; a unit that does not fit moves to the next line (推出) and the short line is
//! justified by spreading the difference over its characters.
//!
//! A Chinese character and a Latin letter or digit side by side are set about a fifth of an
//! em apart ([`SCRIPT_GAP_EM`], as LibreOffice, Word and WPS do by default), and a line may
//! break between them: “2026年” may end one line with “2026” and start the next with “年”,
//! as the office suites that open our .docx break it.

use crate::export::fonts::is_wide;

/// Characters that may not start a line (closing punctuation and the like).
pub fn is_no_start(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '）'
            | '》'
            | '」'
            | '』'
            | '】'
            | '〕'
            | '〉'
            | '〗'
            | '］'
            | '｝'
            | '”'
            | '’'
            | '…'
            | '—'
            | '·'
            | '％'
            | '‰'
            | '～'
            | '．'
            | ','
            | '.'
            | ';'
            | ':'
            | '?'
            | '!'
            | ')'
            | ']'
            | '}'
            | '%'
    )
}

/// Marks after which a line may still break before a Latin word or number (“时限：|2026”):
/// the full-width colon, semicolon, question and exclamation marks (Unicode's nonstarters
/// and exclamations, UAX #14 NS and EX). After closing punctuation (CL and CP: ，。、）)
/// LibreOffice keeps the word on the line (“，2名”); both measured.
fn breaks_before_a_word(c: char) -> bool {
    matches!(c, '：' | '；' | '？' | '！')
}

/// Characters that may not end a line (opening punctuation).
pub fn is_no_end(c: char) -> bool {
    matches!(
        c,
        '（' | '《'
            | '「'
            | '『'
            | '【'
            | '〔'
            | '〈'
            | '〖'
            | '［'
            | '｛'
            | '“'
            | '‘'
            | '('
            | '['
            | '{'
    )
}

fn is_word_char(c: char) -> bool {
    !is_wide(c) && !c.is_whitespace() && !is_no_end(c)
}

/// LibreOffice's space between a Chinese character and a Latin letter or digit beside it,
/// in ems of the text's size: a fifth of the font height (`SwTxtFormatter::BuildPortions`),
/// which it applies whatever the .docx says; Word and WPS apply their own by default.
pub const SCRIPT_GAP_EM: f32 = 0.2;

/// Whether `a` and `b`, side by side, are set a script gap apart: both letters or digits,
/// one of a Chinese (wide) script and one not.
pub fn script_gap(a: char, b: char) -> bool {
    a.is_alphanumeric() && b.is_alphanumeric() && is_wide(a) != is_wide(b)
}

/// The space set where scripts meet, in points, as LibreOffice sets it.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct ScriptGap {
    /// Between a Chinese and a Latin letter or digit ([`script_gap`]).
    pub letters: f32,
    /// Between a Chinese mark and a Latin letter or digit (“：2”, “（2）”).
    pub marks: f32,
}

impl ScriptGap {
    pub const NONE: ScriptGap = ScriptGap {
        letters: 0.0,
        marks: 0.0,
    };

    /// Text of `size` points whose characters are squeezed `squeeze` points each (the
    /// grid's −0.25 pt at 3号, `GbLayout`; 0 in tables). LibreOffice sets a change of
    /// script as a new portion and leaves out the letter spacing of the portion's last
    /// character, so both kinds of meeting stand that much further apart (measured 0.25–0.26
    /// pt per pair at 3号), letters and digits by [`SCRIPT_GAP_EM`] more (1.8 pt in 9-pt
    /// table cells).
    pub fn set(size: f32, squeeze: f32) -> ScriptGap {
        let left_out = (-squeeze).max(0.0);
        ScriptGap {
            letters: SCRIPT_GAP_EM * size + left_out,
            marks: left_out,
        }
    }

    /// The space set between `a` and `b`.
    pub fn between(self, a: char, b: char) -> f32 {
        if script_gap(a, b) {
            self.letters
        } else if (a.is_ascii_alphanumeric() && is_wide(b))
            || (is_wide(a) && b.is_ascii_alphanumeric())
        {
            self.marks
        } else {
            0.0
        }
    }

    /// The gaps inside `text`.
    pub fn within(self, text: &str) -> f32 {
        if self == ScriptGap::NONE {
            return 0.0;
        }
        let chars: Vec<char> = text.chars().collect();
        chars.windows(2).map(|w| self.between(w[0], w[1])).sum()
    }
}

/// One line of a paragraph.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub text: String,
    /// Width as set (sum of measured advances), in points.
    pub width: f32,
    /// Number of characters (glyphs) on the line.
    pub chars: usize,
    /// The paragraph's last line is not justified.
    pub last: bool,
}

impl Line {
    /// Extra spacing per character that makes the line exactly `avail` wide; 0 for the last
    /// line, and for lines so short that spreading them would look broken.
    pub fn justify_spacing(&self, avail: f32, max_per_char: f32) -> f32 {
        if self.last || self.chars < 2 {
            return 0.0;
        }
        let extra = (avail - self.width) / (self.chars - 1) as f32;
        if extra > 0.0 && extra <= max_per_char {
            extra
        } else {
            0.0
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct Unit {
    start: usize,
    end: usize,
    width: f32,
    chars: usize,
    space: bool,
}

/// Splits `text` into unbreakable units measured with `measure`.
fn units(text: &str, measure: &impl Fn(char) -> f32, gap: ScriptGap) -> Vec<Unit> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let start = i;
        if chars[i].1.is_whitespace() {
            i += 1;
            out.push(unit(text, &chars, start, i, measure, gap, true));
            continue;
        }
        while i < chars.len() && is_no_end(chars[i].1) {
            i += 1;
        }
        if i < chars.len() && !chars[i].1.is_whitespace() {
            if is_word_char(chars[i].1) {
                while i < chars.len() && is_word_char(chars[i].1) {
                    i += 1;
                }
            } else {
                i += 1;
            }
        }
        while i < chars.len() && is_no_start(chars[i].1) {
            let mark = chars[i].1;
            i += 1;
            if breaks_before_a_word(mark) {
                continue;
            }
            // Closing punctuation takes a Latin word or number after it along: 照片.png
            // stays whole, and “，2名” and “。2026” are not parted (LibreOffice's line
            // breaking never breaks there).
            while i < chars.len() && is_word_char(chars[i].1) {
                i += 1;
            }
        }
        if i == start {
            i += 1;
        }
        out.push(unit(text, &chars, start, i, measure, gap, false));
    }
    out
}

fn unit(
    text: &str,
    chars: &[(usize, char)],
    from: usize,
    to: usize,
    measure: &impl Fn(char) -> f32,
    gap: ScriptGap,
    space: bool,
) -> Unit {
    let start = chars[from].0;
    let end = chars.get(to).map(|c| c.0).unwrap_or(text.len());
    Unit {
        start,
        end,
        width: chars[from..to].iter().map(|c| measure(c.1)).sum::<f32>()
            + gap.within(&text[start..end]),
        chars: to - from,
        space,
    }
}

/// Breaks `text` (one paragraph, no line feeds) into lines: the first `first_width` wide,
/// the others `width` wide. `measure` gives a character's advance in points as set.
pub fn break_lines(
    text: &str,
    first_width: f32,
    width: f32,
    measure: impl Fn(char) -> f32,
) -> Vec<Line> {
    break_lines_with(text, first_width, width, measure, ScriptGap::NONE)
}

/// [`break_lines`] with `gap` where scripts meet; a gap at a line break is not set.
pub fn break_lines_with(
    text: &str,
    first_width: f32,
    width: f32,
    measure: impl Fn(char) -> f32,
    gap: ScriptGap,
) -> Vec<Line> {
    const SLACK: f32 = 0.01;
    let mut lines: Vec<Line> = Vec::new();
    let mut cur: Vec<Unit> = Vec::new();
    let mut cur_w = 0.0;
    let avail = |lines: &Vec<Line>| if lines.is_empty() { first_width } else { width };
    let finish = |cur: &mut Vec<Unit>, lines: &mut Vec<Line>| {
        while cur.last().is_some_and(|u| u.space) {
            cur.pop();
        }
        let text: String = cur.iter().map(|u| &text[u.start..u.end]).collect();
        lines.push(Line {
            width: text.chars().map(&measure).sum::<f32>() + gap.within(&text),
            chars: cur.iter().map(|u| u.chars).sum(),
            text,
            last: false,
        });
        cur.clear();
    };
    // The gap between the line so far and what comes next.
    let join = |cur: &[Unit], next_start: usize| -> f32 {
        let Some(last) = cur.last() else { return 0.0 };
        match (
            text[..last.end].chars().next_back(),
            text[next_start..].chars().next(),
        ) {
            (Some(a), Some(b)) => gap.between(a, b),
            _ => 0.0,
        }
    };
    for u in units(text, &measure, gap) {
        if u.space && cur.is_empty() {
            continue;
        }
        let j = join(&cur, u.start);
        if cur_w + j + u.width <= avail(&lines) + SLACK {
            cur_w += j + u.width;
            cur.push(u);
            continue;
        }
        if !cur.is_empty() {
            finish(&mut cur, &mut lines);
            cur_w = 0.0;
            if u.space {
                continue;
            }
        }
        if u.width <= avail(&lines) + SLACK {
            cur_w = u.width;
            cur.push(u);
            continue;
        }
        // A unit wider than a line (a long number or address): cut it by characters.
        for (off, c) in text[u.start..u.end].char_indices() {
            let start = u.start + off;
            let w = measure(c);
            let j = join(&cur, start);
            if cur_w + j + w > avail(&lines) + SLACK && !cur.is_empty() {
                finish(&mut cur, &mut lines);
                cur_w = 0.0;
            }
            cur_w += join(&cur, start) + w;
            cur.push(Unit {
                start,
                end: start + c.len_utf8(),
                width: w,
                chars: 1,
                space: false,
            });
        }
    }
    if !cur.is_empty() || lines.is_empty() {
        finish(&mut cur, &mut lines);
    }
    if let Some(l) = lines.last_mut() {
        l.last = true;
    }
    lines
}

/// Breaks a title into `n` balanced lines (梯形/菱形, not one long line and a stub): the
/// narrowest width that still needs no more lines than greedy breaking at `width`.
pub fn balanced_lines(text: &str, width: f32, measure: impl Fn(char) -> f32) -> Vec<Line> {
    let greedy = break_lines(text, width, width, &measure);
    if greedy.len() < 2 {
        return greedy;
    }
    let n = greedy.len();
    let total: f32 = text.chars().map(&measure).sum();
    let step = 1.0;
    let mut w = (total / n as f32).min(width);
    while w < width {
        let lines = break_lines(text, w, w, &measure);
        if lines.len() <= n {
            return lines;
        }
        w += step;
    }
    greedy
}

/// Breaks a title of two lines where the words stay whole (标题回行时词意完整) and the lines
/// are about even: among the legal break points, the one that best balances the lines,
/// preferring a break after an organisation or a particle (…巡察组 | 巡察反馈意见…, …的 |)
/// to one inside a word. Titles of one line or more than two are left to
/// [`balanced_lines`].
pub fn title_lines(text: &str, width: f32, measure: impl Fn(char) -> f32) -> Vec<Line> {
    let lines = balanced_lines(text, width, &measure);
    if lines.len() != 2 {
        return lines;
    }
    let chars: Vec<char> = text.chars().collect();
    let widths: Vec<f32> = chars.iter().map(|&c| measure(c)).collect();
    let total: f32 = widths.iter().sum();
    let em = widths.iter().copied().fold(0.0, f32::max).max(1.0);
    let good = |a: char, b: char| "组的于局部委会厅院办".contains(a) || "关巡整反".contains(b);
    let mut best: Option<(f32, usize)> = None;
    let mut w1 = 0.0;
    for k in 1..chars.len() {
        w1 += widths[k - 1];
        let w2 = total - w1;
        let (a, b) = (chars[k - 1], chars[k]);
        let inside_word = is_word_char(a) && is_word_char(b);
        let legal = !(is_no_start(b) || is_no_end(a) || inside_word);
        if !legal || w1 > width + 0.01 || w2 > width + 0.01 {
            continue;
        }
        let score = (w1 - w2).abs() / em + if good(a, b) { 0.0 } else { 4.0 };
        if best.is_none_or(|(s, _)| score < s) {
            best = Some((score, k));
        }
    }
    let Some((_, k)) = best else {
        return lines;
    };
    let line = |from: usize, to: usize, last: bool| Line {
        text: chars[from..to].iter().collect(),
        width: widths[from..to].iter().sum(),
        chars: to - from,
        last,
    };
    vec![line(0, k, false), line(k, chars.len(), true)]
}

#[cfg(test)]
#[path = "linebreak_props.rs"]
mod props;

#[cfg(test)]
#[path = "linebreak_tests.rs"]
mod tests;
