//! Runs: text cut where the printing face changes (a rare character in a fallback face
//! amid body text), each with its width, for the PDF writer's font switches.

use super::{FaceId, FontRole, FontSet};

/// A run of text printed in one face.
#[derive(Debug, Clone, PartialEq)]
pub struct Run<'a> {
    /// `None` when no face at all has these characters (measured by estimate).
    pub face: Option<FaceId>,
    pub text: &'a str,
    /// Width in ems.
    pub width_em: f32,
}

impl FontSet {
    /// Splits `text` into runs that each print in one face (control characters dropped).
    pub fn runs<'a>(&self, role: FontRole, text: &'a str) -> Vec<Run<'a>> {
        let mut runs: Vec<Run<'a>> = Vec::new();
        let mut start = 0;
        let mut current: Option<(Option<FaceId>, f32)> = None;
        for (i, c) in text.char_indices() {
            if c.is_control() {
                if let Some((face, w)) = current.take() {
                    runs.push(Run {
                        face,
                        text: &text[start..i],
                        width_em: w,
                    });
                }
                start = i + c.len_utf8();
                continue;
            }
            let g = self.glyph(role, c);
            match current {
                Some((f, ref mut w)) if f == g.face => *w += g.advance_em,
                _ => {
                    if let Some((f, w)) = current.take() {
                        runs.push(Run {
                            face: f,
                            text: &text[start..i],
                            width_em: w,
                        });
                    }
                    start = i;
                    current = Some((g.face, g.advance_em));
                }
            }
        }
        if let Some((face, w)) = current {
            runs.push(Run {
                face,
                text: &text[start..],
                width_em: w,
            });
        }
        runs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rare_name_characters_fall_back_per_character() {
        // Needs an installed CJK face with 堃 (Debian: fonts-noto-cjk).
        let s = FontSet::global();
        let runs = s.runs(FontRole::Fang, "王堃同志");
        assert_eq!(runs.len(), 3, "{runs:?}");
        assert_eq!(runs[1].text, "堃");
        assert_ne!(runs[0].face, runs[1].face);
        assert_eq!(runs[0].face, runs[2].face);
        let total: String = runs.iter().map(|r| r.text).collect();
        assert_eq!(total, "王堃同志");
        let width: f32 = runs.iter().map(|r| r.width_em).sum();
        assert!((width - s.width_em(FontRole::Fang, "王堃同志")).abs() < 1e-4);
    }

    #[test]
    fn control_characters_split_and_vanish() {
        let runs = FontSet::global().runs(FontRole::Fang, "整改\n到位");
        let texts: Vec<&str> = runs.iter().map(|r| r.text).collect();
        assert_eq!(texts, ["整改", "到位"]);
    }
}
