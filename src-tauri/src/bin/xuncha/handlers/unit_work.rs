//! 整改组织: `xuncha meeting …`, `xuncha secretary …`, `xuncha leading-group` and
//! `xuncha letterhead`, each through the one application function the desktop calls too.

use xuncha::app::unit_work as app;
use xuncha::db::Db;
use xuncha::domain::dates::format_cn;
use xuncha::domain::names::split_names;
use xuncha::domain::{RectificationMeeting, SecretaryAction, SecretaryActionKind};
use xuncha::Result;

use super::{opt_date, req_date, which};
use crate::args::*;
use crate::output;

/// `xuncha meeting add|list`.
pub(super) fn meeting(db: &Db, j: bool, c: &MeetingCmd) -> Result<()> {
    match c {
        MeetingCmd::Add {
            inspection,
            date,
            chair,
            attendees,
            observers,
            materials,
            criticism,
            measures,
            summary,
        } => {
            let m = RectificationMeeting {
                id: 0,
                inspection_id: which(db, *inspection)?,
                held_on: req_date("held_on", date)?,
                chair: chair.clone(),
                attendees: split_names(attendees),
                observers: split_names(observers),
                materials: materials.clone(),
                criticism: criticism.clone(),
                measures: measures.clone(),
                summary: summary.clone(),
            };
            let out = app::add_meeting(db, &m)?;
            output::created(j, out.id, "整改专题民主生活会", &out)
        }
        MeetingCmd::List { inspection } => {
            let all = app::meetings(db, *inspection)?;
            output::list(
                j,
                &all,
                Some("尚未登记整改专题民主生活会"),
                |m| {
                    format!(
                        "{}  {} 主持：{} 参会：{}",
                        m.id,
                        format_cn(m.held_on),
                        m.chair,
                        m.attendees.join("、")
                    )
                },
            )
        }
    }
}

/// `xuncha secretary add|list`.
pub(super) fn secretary(db: &Db, j: bool, c: &SecretaryCmd) -> Result<()> {
    match c {
        SecretaryCmd::Add {
            inspection,
            kind,
            date,
            text,
        } => {
            let a = SecretaryAction {
                id: 0,
                inspection_id: which(db, *inspection)?,
                kind: SecretaryActionKind::parse_field(kind, "kind")?,
                done_on: req_date("done_on", date)?,
                text: text.clone(),
            };
            let out = app::add_secretary_action(db, &a)?;
            output::created(j, out.id, "书记履职记录", &out)
        }
        SecretaryCmd::List { inspection } => {
            let all = app::secretary_actions(db, *inspection)?;
            output::list(j, &all, Some("尚未登记书记履职记录"), |a| {
                format!(
                    "{}  {} 【{}】{}",
                    a.id,
                    format_cn(a.done_on),
                    a.kind.label(),
                    a.text
                )
            })
        }
    }
}

/// `xuncha leading-group`: sets the fields given, then shows the group.
pub(super) fn leading_group(db: &Db, j: bool, a: &LeadingGroupArgs) -> Result<()> {
    let mut g = app::leading_group(db, a.inspection)?;
    let given = a.deputies.is_some()
        || a.members.is_some()
        || a.office.is_some()
        || a.office_director.is_some();
    if let Some(v) = &a.deputies {
        g.deputies = split_names(v);
    }
    if let Some(v) = &a.members {
        g.members = split_names(v);
    }
    if let Some(v) = &a.office {
        g.office = v.trim().to_owned();
    }
    if let Some(v) = &a.office_director {
        g.office_director = v.trim().to_owned();
    }
    if given {
        app::set_leading_group(db, a.inspection, &g)?;
    }
    output::done(
        j,
        &format!(
            "整改工作领导小组：副组长 {}；成员 {}；办公室设在 {}，主任 {}",
            g.deputies.join("、"),
            g.members.join("、"),
            g.office,
            g.office_director
        ),
        &g,
    )
}

/// `xuncha letterhead DOCUMENT`: sets the fields given, then shows them.
pub(super) fn letterhead(db: &Db, j: bool, a: &LetterheadArgs) -> Result<()> {
    let kind = super::exports::kind(a.document);
    let mut l = app::letterhead(db, a.inspection, kind)?;
    let mut given = false;
    for (arg, field) in [
        (&a.issuer_mark, &mut l.issuer_mark),
        (&a.doc_no, &mut l.doc_no),
        (&a.secrecy, &mut l.secrecy),
        (&a.urgency, &mut l.urgency),
        (&a.signer, &mut l.signer),
        (&a.cc, &mut l.cc),
        (&a.printer, &mut l.printer),
    ] {
        if let Some(v) = arg {
            *field = v.trim().to_owned();
            given = true;
        }
    }
    if let Some(d) = &a.printed_on {
        l.printed_on = opt_date("printed_on", Some(d))?;
        given = true;
    }
    if let Some(p) = a.preprinted {
        l.preprinted = p;
        given = true;
    }
    if given {
        app::set_letterhead(db, a.inspection, kind, &l)?;
    }
    output::done(
        j,
        &format!(
            "{}的版头和版记：发文机关标志“{}”，发文字号“{}”，密级“{}”，紧急程度“{}”，签发人“{}”，抄送“{}”，印发机关“{}”，印发日期 {}{}",
            kind.info().title,
            l.issuer_mark,
            l.doc_no,
            l.secrecy,
            l.urgency,
            l.signer,
            l.cc,
            l.printer,
            output::date(l.printed_on),
            if l.preprinted { "（使用印好红头的公文纸）" } else { "" }
        ),
        &l,
    )
}
