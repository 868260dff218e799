//! The 公开版 (public edition) of the ledger, for publication and public notices: people's
//! names are masked to their surname (王建国 → 王某某) wherever they appear — the
//! responsibility columns, close-out signatures, the inspection's leaders, and inside any
//! text that mentions a known person — while units stay as they are, and the names of
//! people held accountable are left out. The masking works on a copy of the data
//! ([`masked_ledgers`]), so the Excel and the PDF writers lay the public edition out exactly
//! as the internal one, and every title says （公开版） ([`Edition::title`]).

use std::collections::HashSet;

use crate::domain::names::split_names;
use crate::report::data::LedgerData;
use crate::report::doc::{apply_edits, Document};

/// Words added to every title of the 公开版.
pub const PUBLIC_MARK: &str = "（公开版）";

/// Which edition a document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edition {
    /// For the party organisations: everything, names included.
    Internal,
    /// For publication: names masked, titles marked （公开版）.
    Public,
}

impl Edition {
    /// A title as this edition shows it.
    pub fn title(self, title: &str) -> String {
        match self {
            Edition::Internal => title.to_owned(),
            Edition::Public => format!("{title}{PUBLIC_MARK}"),
        }
    }
}

/// The 公开版's copy of the ledgers: the people named in any of them, and `known_people`
/// (the directory's), masked in all of them by one [`Masker`].
pub fn masked_ledgers(all: &[LedgerData], known_people: &[String]) -> Vec<LedgerData> {
    let names: Vec<String> = all
        .iter()
        .flat_map(people)
        .chain(known_people.iter().cloned())
        .collect();
    let masker = Masker::new(names.iter().map(String::as_str));
    all.iter().map(|d| masked(d, &masker)).collect()
}

/// The 公开版 of a composed document: every person `data` or `known_people` names masked
/// wherever its text mentions them, and the title marked （公开版）.
pub fn public_document(doc: &Document, data: &LedgerData, known_people: &[String]) -> Document {
    let names: Vec<String> = people(data)
        .into_iter()
        .chain(known_people.iter().cloned())
        .collect();
    let masker = Masker::new(names.iter().map(String::as_str));
    let masked: std::collections::HashMap<String, String> = doc
        .texts()
        .into_iter()
        .map(|(id, text)| (id, masker.text(&text)))
        .collect();
    let mut out = apply_edits(doc.clone(), &masked);
    out.title = Edition::Public.title(&out.title);
    out
}

/// Two-character surnames, kept whole (欧阳修文 → 欧阳某某).
const COMPOUND_SURNAMES: &[&str] = &[
    "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "令狐", "长孙", "慕容", "宇文",
    "司徒", "夏侯", "端木", "轩辕", "独孤", "南宫", "西门", "申屠", "澹台", "钟离",
];

/// Last characters of units written where a person is expected (an acceptance group
/// signing a close-out: 区委巡察办, 财务科).
const UNIT_ENDINGS: &str = "室科委办组局部处队所院站厅会社村司股团校馆厂行中心";

/// Whether `name` is a person's name rather than a unit's: Chinese names are two to four
/// characters (or a transcribed name with ·) and do not end like a unit.
pub fn is_person(name: &str) -> bool {
    let name = name.trim();
    let n = name.chars().count();
    if name.contains('·') {
        return n >= 2;
    }
    (2..=4).contains(&n) && !name.ends_with(|c: char| UNIT_ENDINGS.contains(c))
}

/// A person's name as the public edition shows it: the surname and one 某 for each other
/// character (王建国 → 王某某, 王芳 → 王某).
pub fn mask_name(name: &str) -> String {
    let name = name.trim();
    if name.is_empty() {
        return String::new();
    }
    let surname = COMPOUND_SURNAMES
        .iter()
        .find(|s| name.starts_with(**s) && name.chars().count() > 2)
        .map_or_else(|| name.chars().take(1).collect(), |s| (*s).to_owned());
    let rest = name.chars().count() - surname.chars().count();
    format!("{surname}{}", "某".repeat(rest.max(1)))
}

/// Masks the people of one inspection's data.
pub struct Masker {
    /// Known names and their masked form, longest first (so 王建国 is replaced before a
    /// shorter name it contains).
    known: Vec<(String, String)>,
}

impl Masker {
    /// A masker knowing `names` (and the people named in `data`).
    pub fn new<'a>(names: impl IntoIterator<Item = &'a str>) -> Self {
        let mut seen = HashSet::new();
        let mut known: Vec<(String, String)> = names
            .into_iter()
            .flat_map(split_names)
            // One character is not a name to look for inside text, nor is a unit.
            .filter(|n| is_person(n))
            .filter(|n| seen.insert(n.clone()))
            .map(|n| {
                let m = mask_name(&n);
                (n, m)
            })
            .collect();
        known.sort_by_key(|(n, _)| std::cmp::Reverse(n.chars().count()));
        Masker { known }
    }

    /// A field holding people's names (several with 、): each masked; a unit written there
    /// stays.
    pub fn names(&self, field: &str) -> String {
        split_names(field)
            .iter()
            .map(|n| {
                if is_person(n) {
                    mask_name(n)
                } else {
                    n.clone()
                }
            })
            .collect::<Vec<_>>()
            .join("、")
    }

    /// Free text with every known person's name masked.
    pub fn text(&self, text: &str) -> String {
        let mut out = text.to_owned();
        for (name, masked) in &self.known {
            if out.contains(name.as_str()) {
                out = out.replace(name.as_str(), masked);
            }
        }
        out
    }
}

/// The people named in `data`'s person fields.
pub fn people(data: &LedgerData) -> Vec<String> {
    let i = &data.inspection;
    let mut out: Vec<String> = vec![
        i.org_secretary.clone(),
        i.team_leader.clone(),
        i.deputy_leader.clone(),
    ];
    out.extend(i.team_members.iter().cloned());
    for t in data.findings.iter().flat_map(|f| &f.tasks) {
        let a = &t.assignment;
        out.extend([
            a.lead_leader.clone(),
            a.responsible_leader.clone(),
            a.responsible_person.clone(),
        ]);
    }
    for p in data.progress.values().flatten() {
        out.push(p.by.clone());
    }
    for c in data.close_outs.values().flatten() {
        out.push(c.requested_by.clone());
        out.extend(c.approvers.iter().cloned());
        out.extend(c.first_reviewers.iter().cloned());
    }
    out.extend(data.accountabilities.iter().map(|a| a.person.clone()));
    out
}

/// A copy of `data` with people masked: person fields by [`mask_name`], free text by
/// `masker`, the accountable people's names removed.
pub fn masked(data: &LedgerData, masker: &Masker) -> LedgerData {
    let m = masker;
    let mut d = data.clone();
    let i = &mut d.inspection;
    i.org_secretary = m.names(&i.org_secretary);
    i.team_leader = m.names(&i.team_leader);
    i.deputy_leader = m.names(&i.deputy_leader);
    i.team_members = i.team_members.iter().map(|n| m.names(n)).collect();
    i.name = m.text(&i.name);
    for f in &mut d.findings {
        f.title = m.text(&f.title);
        f.manifestation = m.text(&f.manifestation);
        f.source = m.text(&f.source);
        for t in &mut f.tasks {
            t.measure = m.text(&t.measure);
            t.goal = m.text(&t.goal);
            t.acceptance = m.text(&t.acceptance);
            t.note = m.text(&t.note);
            for s in &mut t.milestones {
                s.target = m.text(&s.target);
            }
            let a = &mut t.assignment;
            a.lead_leader = m.names(&a.lead_leader);
            a.responsible_leader = m.names(&a.responsible_leader);
            a.responsible_person = m.names(&a.responsible_person);
        }
    }
    for p in d.progress.values_mut().flatten() {
        p.text = m.text(&p.text);
        p.by = m.names(&p.by);
        // Evidence is listed by file name, which may name a person (王建国讲话稿.pdf).
        for e in &mut p.evidence {
            e.file_name = m.text(&e.file_name);
        }
    }
    for c in d.close_outs.values_mut().flatten() {
        c.requested_by = m.names(&c.requested_by);
        c.approvers = c.approvers.iter().map(|n| m.names(n)).collect();
        c.first_reviewers = c.first_reviewers.iter().map(|n| m.names(n)).collect();
        c.summary = m.text(&c.summary);
        c.verdict = m.text(&c.verdict);
        c.first_opinion = m.text(&c.first_opinion);
    }
    for x in &mut d.immediate_fixes {
        x.title = m.text(&x.title);
        x.action = m.text(&x.action);
    }
    for x in &mut d.recommendations {
        x.text = m.text(&x.text);
    }
    for x in &mut d.regulations {
        x.name = m.text(&x.name);
    }
    for x in &mut d.accountabilities {
        x.person = String::new();
        x.notes = m.text(&x.notes);
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_keep_their_surname() {
        let cases = [
            ("王建国", "王某某"),
            ("王芳", "王某"),
            ("欧阳修文", "欧阳某某"),
            ("欧阳", "欧某"),
            ("𠀾堃", "𠀾某"),
            (" ", ""),
        ];
        for (name, want) in cases {
            assert_eq!(mask_name(name), want, "{name}");
        }
    }

    use crate::report::sample::Tasks;

    #[test]
    fn no_known_name_survives_anywhere() {
        let mut data = crate::report::sample::ledger(12, Tasks::UpTo(3)).unwrap();
        // A name inside free text.
        let f = &mut data.findings[0];
        f.manifestation
            .push_str("经查，周建国同志对此负有领导责任。");
        let names: Vec<String> = people(&data)
            .iter()
            .flat_map(|n| split_names(n))
            .filter(|n| is_person(n))
            .collect();
        assert!(names.len() >= 10, "{names:?}");
        let m = Masker::new(names.iter().map(String::as_str));
        let json = serde_json::to_string(&masked(&data, &m)).unwrap();
        for n in &names {
            assert!(!json.contains(n.as_str()), "{n} survives");
        }
        assert!(json.contains("周某某同志对此负有领导责任"));
        assert!(json.contains("财务科"), "units stay");
        assert!(
            json.contains("区委第三巡察组"),
            "a group signing a close-out stays"
        );
    }

    #[test]
    fn people_and_units() {
        for p in ["王建国", "王芳", "欧阳修文", "买买提·艾力"] {
            assert!(is_person(p), "{p}");
        }
        for u in [
            "办公室",
            "财务科",
            "机关党委",
            "区委巡察办",
            "纪检组",
            "区委第三巡察组",
            "张",
        ] {
            assert!(!is_person(u), "{u}");
        }
    }

    #[test]
    fn fields_and_text() {
        let m = Masker::new(["王建国、李明华", "王建", "张"]);
        assert_eq!(m.names("王建国、李明华"), "王某某、李某某");
        assert_eq!(
            m.text("王建国同志与王建、张三谈话，李明华记录"),
            "王某某同志与王某、张三谈话，李某某记录"
        );
    }
}
