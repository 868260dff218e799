//! The order and the numbers of an inspection's findings in every document: grouped under
//! their categories (一、…方面 in the ledger, （一）… in the reports), and numbered from 1 within
//! each category, as the feedback report numbers them. The ledger's 序号, the reports'
//! “1.” and the lists' numbers all come from here, so a reader can find one finding in each.

use std::collections::HashMap;

use crate::domain::{Category, Finding};
use crate::report::data::LedgerData;
use crate::report::numbering::level2;

/// Findings grouped by category, in the categories' order; findings whose category is not
/// in the list (renamed or deleted) follow under their own category name. A finding's
/// number is its place in its group, from 1 (see [`sections`]).
pub fn by_category(data: &LedgerData) -> Vec<(String, Vec<&Finding>)> {
    by_category_of(&data.categories, &data.findings)
}

/// [`by_category`] of these categories and findings.
pub fn by_category_of<'a>(
    categories: &[Category],
    findings: &'a [Finding],
) -> Vec<(String, Vec<&'a Finding>)> {
    let mut groups: Vec<(String, Vec<&Finding>)> = categories
        .iter()
        .map(|c| {
            let fs = findings.iter().filter(|f| f.category_id == c.id).collect();
            (c.name.clone(), fs)
        })
        .collect();
    for f in findings {
        if !categories.iter().any(|c| c.id == f.category_id) {
            match groups.iter_mut().find(|(name, _)| *name == f.category) {
                Some((_, fs)) => fs.push(f),
                None => groups.push((f.category.clone(), vec![f])),
            }
        }
    }
    groups.retain(|(_, fs)| !fs.is_empty());
    groups
}

/// One category's findings, numbered.
#[derive(Debug, Clone)]
pub struct Section<'a> {
    /// The category's place among the named categories (一、二、…), `None` for findings
    /// without a category (no section row).
    pub ordinal: Option<usize>,
    pub name: String,
    /// Each finding with its number (1, 2, … within the category).
    pub findings: Vec<(usize, &'a Finding)>,
}

/// The findings by category, numbered: the one numbering of every document.
pub fn sections(data: &LedgerData) -> Vec<Section<'_>> {
    sections_of(&data.categories, &data.findings)
}

/// [`sections`] of these categories and findings.
pub fn sections_of<'a>(categories: &[Category], findings: &'a [Finding]) -> Vec<Section<'a>> {
    let mut ordinal = 0;
    by_category_of(categories, findings)
        .into_iter()
        .map(|(name, fs)| {
            let named = !name.trim().is_empty();
            ordinal += usize::from(named);
            Section {
                ordinal: named.then_some(ordinal),
                name: name.trim().to_owned(),
                findings: fs
                    .into_iter()
                    .enumerate()
                    .map(|(i, f)| (i + 1, f))
                    .collect(),
            }
        })
        .collect()
}

/// Where a finding stands in the documents: its category and its number there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FindingNo {
    pub ordinal: Option<usize>,
    pub number: usize,
}

impl std::fmt::Display for FindingNo {
    /// As a list without section rows names it: （二）3, as the feedback report's （二）…3.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.ordinal {
            Some(k) => write!(f, "{}{}", level2(k), self.number),
            None => write!(f, "{}", self.number),
        }
    }
}

/// Every finding's [`FindingNo`], by finding id.
pub fn numbers(data: &LedgerData) -> HashMap<i64, FindingNo> {
    numbers_of(&data.categories, &data.findings)
}

/// [`numbers`] of these categories and findings (one inspection's, all of them: a finding's
/// number depends on the others).
pub fn numbers_of(categories: &[Category], findings: &[Finding]) -> HashMap<i64, FindingNo> {
    sections_of(categories, findings)
        .iter()
        .flat_map(|s| {
            s.findings.iter().map(|(number, f)| {
                let no = FindingNo {
                    ordinal: s.ordinal,
                    number: *number,
                };
                (f.id, no)
            })
        })
        .collect()
}
