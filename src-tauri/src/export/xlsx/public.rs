//! The 公开版 (public edition) of the ledger, for publication and public notices: people's
//! names are masked to their surname (王建国 → 王某某) wherever they appear — the
//! responsibility columns, close-out signatures, the inspection's leaders, and inside any
//! text that mentions a known person — while units stay as they are, and the names of
//! people held accountable are left out. The masking works on a copy of the data, so the
//! sheets are laid out exactly as in the internal edition.

use std::collections::HashSet;

use crate::domain::names::split_names;
use crate::report::data::LedgerData;

/// Two-character surnames, kept whole (欧阳修文 → 欧阳某某).
const COMPOUND_SURNAMES: &[&str] = &[
    "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "令狐", "长孙", "慕容", "宇文",
    "司徒", "夏侯", "端木", "轩辕", "独孤", "南宫", "西门", "申屠", "澹台", "钟离",
];

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
            // One character is not a name to look for inside text.
            .filter(|n| n.chars().count() >= 2)
            .filter(|n| seen.insert(n.clone()))
            .map(|n| {
                let m = mask_name(&n);
                (n, m)
            })
            .collect();
        known.sort_by_key(|(n, _)| std::cmp::Reverse(n.chars().count()));
        Masker { known }
    }

    /// A field holding people's names (several with 、): each masked.
    pub fn names(&self, field: &str) -> String {
        split_names(field)
            .iter()
            .map(|n| mask_name(n))
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
    }
    for c in d.close_outs.values_mut().flatten() {
        c.requested_by = m.names(&c.requested_by);
        c.approvers = c.approvers.iter().map(|n| m.names(n)).collect();
        c.summary = m.text(&c.summary);
        c.verdict = m.text(&c.verdict);
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
