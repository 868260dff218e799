//! 录入: what the inspection found — feedback findings, working papers, immediate fixes,
//! confidential leads and recommendations.

use chrono::NaiveDate;
use xuncha::app::intake as app;
use xuncha::db::{leads, Db};
use xuncha::domain::*;
use xuncha::Result;

use super::overview::list_findings;
use super::{opt_date, req_date, which};
use crate::args::*;
use crate::output;

/// The optional `--nature` option.
fn nature(text: Option<&str>) -> Result<Option<Nature>> {
    text.map(|n| Nature::parse_field(n, "nature")).transpose()
}

/// `xuncha finding …`: the problems in the feedback.
pub(super) fn finding(db: &Db, j: bool, c: &FindingCmd, today: NaiveDate) -> Result<()> {
    match c {
        FindingCmd::Add {
            inspection,
            fields: f,
        } => {
            let input = FindingInput {
                inspection_id: which(db, *inspection)?,
                category_id: None,
                category: f.category.clone().unwrap_or_default(),
                title: f.title.clone().unwrap_or_default(),
                manifestation: f.manifestation.clone().unwrap_or_default(),
                nature: nature(f.nature.as_deref())?,
                source: f.source.clone(),
                found_on: opt_date("found_on", f.found_on.as_deref())?,
                tags: f.tags.clone(),
            };
            let created = app::add_finding(db, &input, today)?;
            output::created(
                j,
                created.id,
                &format!("反馈问题{}", created.number),
                &created,
            )
        }
        FindingCmd::List { inspection } => list_findings(db, j, *inspection, today),
        FindingCmd::Show { id } => {
            let f = app::finding(db, *id, today)?;
            if j {
                return output::json(&f);
            }
            println!("{}", output::finding(&f));
            Ok(())
        }
        FindingCmd::Edit { id, fields: f } => {
            let patch = FindingPatch {
                category_id: None,
                category: f.category.clone(),
                title: f.title.clone(),
                manifestation: f.manifestation.clone(),
                nature: nature(f.nature.as_deref())?,
                source: f.source.clone(),
                found_on: opt_date("found_on", f.found_on.as_deref())?,
                tags: (!f.tags.is_empty()).then(|| f.tags.clone()),
            };
            let out = app::update_finding(db, *id, &patch, today)?;
            output::done(j, &format!("已修改反馈问题{}", out.number), &out)
        }
        FindingCmd::Delete { id } => {
            app::delete_finding(db, *id)?;
            output::done(
                j,
                &format!("已删除反馈问题 {id}"),
                &serde_json::json!({ "deleted": id }),
            )
        }
    }
}

/// `xuncha paper …`: working papers, which become findings once approved.
pub(super) fn paper(db: &Db, j: bool, c: &PaperCmd, today: NaiveDate) -> Result<()> {
    match c {
        PaperCmd::Add {
            inspection,
            number,
            title,
            manifestation,
            basis,
            evidence,
            principal_responsibility,
            first_responsible,
            supervisory_responsibility,
            found_by,
            found_on,
        } => {
            let v = WorkingPaper {
                id: 0,
                inspection_id: which(db, *inspection)?,
                number: number.clone(),
                title: title.clone(),
                manifestation: manifestation.clone(),
                basis: basis.clone(),
                evidence_list: evidence.clone(),
                principal_responsibility: principal_responsibility.clone(),
                first_responsible: first_responsible.clone(),
                supervisory_responsibility: supervisory_responsibility.clone(),
                found_by: found_by.clone(),
                found_on: opt_date("found_on", found_on.as_deref())?,
                review: String::new(),
                signed_by: String::new(),
                status: PaperStatus::Draft,
                finding_id: None,
            };
            let out = app::add_working_paper(db, &v)?;
            output::created(j, out.id, "问题底稿", &out)
        }
        PaperCmd::Approve {
            id,
            category,
            signed_by,
            review,
            nature: n,
        } => {
            let approval = PaperApproval {
                category_id: None,
                category: category.clone(),
                signed_by: signed_by.clone(),
                review: review.clone(),
                nature: Nature::parse_field(n, "nature")?,
            };
            let f = app::approve_working_paper(db, *id, &approval, today)?;
            output::done(
                j,
                &format!("底稿已审定，转为反馈问题{}（编号 {}）", f.number, f.id),
                &f,
            )
        }
        PaperCmd::List { inspection } => {
            let id = which(db, *inspection)?;
            let all = app::working_papers(db, id)?;
            output::list(j, &all, None, |v| {
                format!(
                    "{}  {}  {}（{}）",
                    v.id,
                    v.number,
                    v.title,
                    v.status.label()
                )
            })
        }
    }
}

/// `xuncha immediate …`: problems fixed on the spot (立行立改).
pub(super) fn immediate(db: &Db, j: bool, c: &ImmediateCmd) -> Result<()> {
    match c {
        ImmediateCmd::Add {
            inspection,
            finding,
            title,
            action,
            date,
        } => {
            let v = ImmediateFix {
                id: 0,
                inspection_id: which(db, *inspection)?,
                finding_id: *finding,
                title: title.clone(),
                action: action.clone(),
                fixed_on: opt_date("fixed_on", date.as_deref())?,
            };
            let out = app::add_immediate_fix(db, &v)?;
            output::created(j, out.id, "立行立改事项", &out)
        }
        ImmediateCmd::List { inspection } => {
            let id = which(db, *inspection)?;
            let all = app::immediate_fixes(db, id)?;
            output::list(j, &all, None, |v| {
                format!(
                    "{}  {}：{}（{}）",
                    v.id,
                    v.title,
                    v.action,
                    output::date(v.fixed_on)
                )
            })
        }
    }
}

/// `xuncha lead …`: confidential leads and their transfer.
pub(super) fn lead(db: &Db, j: bool, c: &LeadCmd) -> Result<()> {
    match c {
        LeadCmd::Add {
            inspection,
            person,
            position,
            summary,
            found_on,
        } => {
            let input = leads::LeadInput {
                inspection_id: which(db, *inspection)?,
                person: person.clone(),
                position: position.clone(),
                summary: summary.clone(),
                found_on: opt_date("found_on", found_on.as_deref())?,
            };
            let l = app::add_lead(db, &input)?;
            output::created(j, l.id, "问题线索（保密）", &l)
        }
        LeadCmd::Transfer {
            id,
            to,
            date,
            receipt,
        } => {
            let t = Transfer {
                to: to.clone(),
                on: req_date("on", date)?,
                receipt_no: receipt.clone(),
            };
            let l = app::transfer_lead(db, *id, &t)?;
            output::done(j, &format!("线索 {id} 已移交{}", t.to), &l)
        }
        LeadCmd::List { inspection } => {
            let id = which(db, *inspection)?;
            let all = app::leads(db, id)?;
            if !j {
                println!("【保密】问题线索");
            }
            output::list(j, &all, None, |l| {
                let t = l
                    .transfer
                    .as_ref()
                    .map(|t| format!("已于{}移交{}", dates::format_cn(t.on), t.to))
                    .unwrap_or_else(|| "未移交".into());
                format!(
                    "{}  {}（{}）：{}　{}",
                    l.id, l.person, l.position, l.summary, t
                )
            })
        }
    }
}

/// `xuncha recommendation …`: the inspection's recommendations.
pub(super) fn recommendation(db: &Db, j: bool, c: &RecommendationCmd) -> Result<()> {
    match c {
        RecommendationCmd::Add { inspection, text } => {
            let id = which(db, *inspection)?;
            let out = app::add_recommendation(db, id, text)?;
            output::created(j, out.id, "意见建议", &out)
        }
        RecommendationCmd::List { inspection } => {
            let id = which(db, *inspection)?;
            let all = app::recommendations(db, id)?;
            output::list(j, &all, None, |v| format!("{}. {}", v.seq, v.text))
        }
    }
}
