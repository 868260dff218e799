//! `xuncha exchange …`: signed exchange packages between copies of the app.

use chrono::NaiveDate;
use xuncha::app::exchange::{self as app, Resolution};
use xuncha::db::Db;
use xuncha::domain::exchange::{Peer, ReviewItem};
use xuncha::domain::PeerRole;
use xuncha::{Error, Result};

use crate::exchange_args::ExchangeCmd;
use crate::output;

pub(super) fn exchange(db: &Db, j: bool, c: &ExchangeCmd, today: NaiveDate) -> Result<()> {
    match c {
        ExchangeCmd::Identity { name, out } => {
            let id = app::write_identity(db, name.as_deref(), out)?;
            let msg = format!(
                "已写出本机“{}”的身份文件：{}（设备编号 {}）。请交给对方用 xuncha exchange trust 登记",
                id.name,
                out.display(),
                id.device_id
            );
            output::done(j, &msg, &id)
        }
        ExchangeCmd::Trust { file, role, unit } => {
            let role = PeerRole::parse_field(role, "role")?;
            let p = app::trust(db, file, role, unit.as_deref())?;
            output::done(j, &format!("已登记：{}", peer_line(&p)), &p)
        }
        ExchangeCmd::Peers => {
            output::list(j, &app::peers(db)?, Some("还没有登记任何副本"), peer_line)
        }
        ExchangeCmd::Revoke { who } => {
            let p = app::revoke(db, who)?;
            output::done(j, &format!("已吊销：{}", peer_line(&p)), &p)
        }
        ExchangeCmd::Export { unit, to, out } => {
            let peer = app::recipient(db, to.as_deref(), unit.as_deref())?;
            let e = app::export(db, &peer, out, today)?;
            let msg = format!(
                "已生成给“{}”的第 {} 号交换包（{} 项变更，{} 个佐证材料文件）：{}",
                e.to,
                e.seq,
                e.events,
                e.files,
                e.file.display()
            );
            output::done(j, &msg, &e)
        }
        ExchangeCmd::Import { file, dry_run } => {
            if *dry_run {
                let info = app::preview(db, file)?;
                if j {
                    return output::json(&info);
                }
                println!("{}", package_line(&info));
                return Ok(());
            }
            let done = app::import(db, file, today)?;
            if j {
                return output::json(&done);
            }
            println!("{}", package_line(&done.package));
            if done.package.already_imported {
                println!("这个交换包已经导入过，未写入任何数据");
                return Ok(());
            }
            let a = &done.applied;
            println!(
                "已导入：新增 {} 条，修改 {} 条，本机已有 {} 条；待处理 {} 项",
                a.created, a.edited, a.unchanged, a.to_review
            );
            if a.to_review > 0 {
                println!("用 xuncha exchange reviews 查看待处理清单");
            }
            Ok(())
        }
        ExchangeCmd::Reviews { all } => output::list(
            j,
            &app::reviews(db, *all)?,
            Some("待处理清单是空的"),
            review_line,
        ),
        ExchangeCmd::Resolve { id, take } => {
            let how = match take.trim() {
                "theirs" | "对方" | "采用对方" => Resolution::Theirs,
                "ours" | "本机" | "保留本机" => Resolution::Ours,
                other => {
                    return Err(Error::invalid(
                        "take",
                        format!(
                            "“{other}”无法识别：请写 theirs（采用对方的）或 ours（保留本机的）"
                        ),
                    ))
                }
            };
            let item = app::resolve(db, *id, how, today)?;
            output::done(j, &format!("已处理：{}", review_line(&item)), &item)
        }
    }
}

fn peer_line(p: &Peer) -> String {
    let unit = match p.unit.as_str() {
        "" => String::new(),
        u => format!("（{u}）"),
    };
    let revoked = match &p.revoked_at {
        Some(_) => "  已吊销",
        None => "",
    };
    format!(
        "{}  {}{unit}  设备编号 {}  已发 {} 号/对方确认 {} 号/已收 {} 号{revoked}",
        p.identity.name,
        p.role.label(),
        p.identity.device_id,
        p.sent_seq,
        p.acked_seq,
        p.received_seq
    )
}

fn package_line(info: &app::PackageInfo) -> String {
    let changes: Vec<String> = info
        .changes
        .iter()
        .map(|(what, c, e)| format!("{what} 新增 {c} 修改 {e}"))
        .collect();
    format!(
        "来自“{}”（{}）的第 {} 号交换包，签名和文件核验无误：{}；佐证材料 {} 个",
        info.from,
        info.role.label(),
        info.seq,
        if changes.is_empty() {
            "没有变更".to_owned()
        } else {
            changes.join("，")
        },
        info.files
    )
}

fn review_line(r: &ReviewItem) -> String {
    let field = match r.field.as_str() {
        "" => String::new(),
        f => format!(
            " [{f}] 本机 {} / 对方 {}",
            r.ours.as_deref().unwrap_or("—"),
            r.theirs.as_deref().unwrap_or("—")
        ),
    };
    let done = match (&r.resolved_at, r.resolution.as_str()) {
        (Some(_), "theirs") => "  已采用对方的",
        (Some(_), _) => "  已保留本机的",
        (None, _) => "",
    };
    format!(
        "{}. 来自“{}”第 {} 号包  {}{field}：{}{done}",
        r.id, r.peer_name, r.seq, r.subject, r.reason
    )
}
