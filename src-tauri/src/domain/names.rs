//! Names of people and units as users write them: several in one cell or argument,
//! separated by 、，,；;/／ or line breaks. The one rule for the directory, the CLI, the
//! importer and the exports' 责任清单.

/// Splits a cell holding several names; trims each and drops blanks and repeats.
pub fn split_names(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for part in text.split(|c: char| "、，,；;/／\n\r".contains(c)) {
        let name = part
            .trim()
            .trim_matches(|c: char| c == '。' || c.is_whitespace());
        if !name.is_empty() && !out.iter().any(|n| n == name) {
            out.push(name.to_owned());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_on_every_usual_separator() {
        let cases: [(&str, &[&str]); 6] = [
            ("办公室", &["办公室"]),
            ("办公室、财务科", &["办公室", "财务科"]),
            (
                "办公室，财务科,人事科；纪检组;党建办",
                &["办公室", "财务科", "人事科", "纪检组", "党建办"],
            ),
            ("办公室/财务科", &["办公室", "财务科"]),
            (" 办公室\n财务科\r\n办公室 ", &["办公室", "财务科"]),
            ("  ", &[]),
        ];
        for (text, want) in cases {
            assert_eq!(split_names(text), want, "{text}");
        }
    }

    #[test]
    fn splits_unit_lists_and_drops_blanks() {
        assert_eq!(
            split_names("办公室、财务科，人事科; 纪检组/ 工会\n团委"),
            ["办公室", "财务科", "人事科", "纪检组", "工会", "团委"]
        );
        assert_eq!(split_names("办公室／财务科。"), ["办公室", "财务科"]);
        assert!(split_names(" 、 ").is_empty());
    }
}
