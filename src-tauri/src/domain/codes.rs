//! The coded values of the domain: each has an English code (stored and in JSON, from
//! DOMAIN.md) and a Chinese label (shown), and parses from either, plus common variants
//! found in hand-kept ledgers.

use serde::{Deserialize, Serialize};

/// Declares an enum whose variants carry a code, a label and accepted aliases.
macro_rules! coded_enum {
    ($(#[$m:meta])* $name:ident, $what:literal {
        $($(#[$vm:meta])* $var:ident = $code:literal / $label:literal $(| $alias:literal)*),+ $(,)?
    }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
        pub enum $name {
            $($(#[$vm])* #[serde(rename = $code)] $var),+
        }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$var),+];
            /// What this kind of value is called, in Chinese (for error messages).
            pub const WHAT: &'static str = $what;

            /// The English code stored in the database and used in JSON.
            pub fn code(self) -> &'static str {
                match self { $($name::$var => $code),+ }
            }

            /// The Chinese label shown to users.
            pub fn label(self) -> &'static str {
                match self { $($name::$var => $label),+ }
            }

            /// The value with this exact English code.
            pub fn from_code(code: &str) -> Option<Self> {
                match code {
                    $($code => Some($name::$var),)+
                    _ => None,
                }
            }

            /// Parses a code, a label or a known variant (whitespace ignored).
            pub fn parse(text: &str) -> Option<Self> {
                let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
                $(
                    if t.eq_ignore_ascii_case($code) || t == $label $(|| t == $alias)* {
                        return Some($name::$var);
                    }
                )+
                None
            }

            /// Parses like [`Self::parse`], or gives a validation error naming `field`.
            pub fn parse_field(text: &str, field: &str) -> crate::Result<Self> {
                Self::parse(text).ok_or_else(|| {
                    let choices: Vec<String> = Self::ALL
                        .iter()
                        .map(|v| format!("{}（{}）", v.label(), v.code()))
                        .collect();
                    crate::Error::invalid(
                        field,
                        format!("{}“{}”无法识别，可选：{}", $what, text, choices.join("、")),
                    )
                })
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.label())
            }
        }

        impl rusqlite::types::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(self.code().into())
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(v: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
                let s = v.as_str()?;
                $name::from_code(s).or_else(|| $name::parse(s)).ok_or_else(|| {
                    rusqlite::types::FromSqlError::Other(format!("unknown {} code {s}", stringify!($name)).into())
                })
            }
        }
    };
}

coded_enum!(
    /// 巡察类型.
    InspectionKind, "巡察类型" {
        Regular = "regular" / "常规巡察" | "常规",
        Special = "special" / "专项巡察" | "专项",
        Flexible = "flexible" / "机动巡察" | "机动",
        FollowUp = "follow_up" / "巡察“回头看”" | "回头看" | "巡察回头看" | "巡察\"回头看\"",
    }
);

coded_enum!(
    /// 问题性质: 共性 or 个性 (names a specific person or matter).
    Nature, "问题性质" {
        Common = "common" / "共性问题" | "共性",
        Specific = "specific" / "个性问题" | "个性",
    }
);

coded_enum!(
    /// 整改时限的类型.
    DeadlineKind, "整改时限类型" {
        Date = "date" / "限期完成" | "日期" | "限期",
        Immediate = "immediate" / "立行立改" | "立即整改" | "即知即改",
        LongTerm = "long_term" / "长期坚持" | "持续整改" | "长期" | "常态化整改" | "持续推进",
    }
);

coded_enum!(
    /// 整改状态 of a task (and, derived, of a finding), in the order work moves through them.
    Status, "整改状态" {
        NotStarted = "not_started" / "未启动" | "未开始" | "尚未启动" | "未整改",
        InProgress = "in_progress" / "正在推进" | "推进中" | "整改中" | "正在整改" | "进行中" | "正在推进中",
        LongTerm = "long_term" / "长期坚持" | "持续整改" | "长期推进" | "持续推进" | "基本完成并持续整改" | "基本完成",
        Completed = "completed" / "已完成" | "完成" | "已整改" | "完成整改" | "整改完成" | "已完成整改",
        Closed = "closed" / "已销号" | "销号" | "已办结",
    }
);

coded_enum!(
    /// What one row of a returned fill-in workbook (填报表) would change in the ledger.
    FillInChange, "填报变化" {
        Progress = "progress" / "新进展",
        StatusChange = "status_change" / "状态变更",
        Unchanged = "unchanged" / "无变化",
        /// The task changed in the ledger after the workbook went out.
        Conflict = "conflict" / "冲突",
        /// This row of this workbook was applied before.
        Applied = "applied" / "已导入",
        /// What the unit wrote cannot be applied (a bad date, a status the rules refuse).
        Invalid = "invalid" / "有误",
    }
);

coded_enum!(
    /// 预警 colour by days left (DOMAIN.md: 20/10 days, overdue).
    Warning, "预警" {
        Green = "green" / "绿色预警" | "绿",
        Yellow = "yellow" / "黄色预警" | "黄",
        Red = "red" / "红色预警（逾期）" | "红" | "逾期",
    }
);

coded_enum!(
    /// Official counting of a finding in reports.
    Completion, "整改完成情况" {
        Completed = "completed" / "完成整改",
        BasicallyCompleted = "basically_completed" / "基本完成并持续整改",
        Incomplete = "incomplete" / "未完成",
    }
);

coded_enum!(
    /// State of a close-out request (提请销号).
    CloseOutState, "销号状态" {
        Requested = "requested" / "待审批" | "已提请",
        /// 双审核: passed the first review (初审), waiting for the final one (终审).
        FirstApproved = "first_approved" / "初审通过，待终审" | "待终审" | "初审通过",
        Approved = "approved" / "已批准销号" | "已批准" | "通过",
        Rejected = "rejected" / "已退回" | "退回",
    }
);

coded_enum!(
    /// Which review a pending close-out request waits for: the only one (审批), or under
    /// 双审核 the first (初审, the unit's principal) or the final (终审, the superior leader
    /// in charge).
    ReviewStep, "审核环节" {
        Single = "single" / "审批",
        First = "first" / "初审",
        Final = "final" / "终审",
    }
);

coded_enum!(
    /// 建章立制: 立、改、废.
    RegulationAction, "建章立制类型" {
        Establish = "establish" / "新建" | "立",
        Revise = "revise" / "修订" | "改",
        Abolish = "abolish" / "废止" | "废",
    }
);

coded_enum!(
    /// Directory entries: people and units, typed once.
    DirectoryKind, "名录类型" {
        Person = "person" / "人员" | "人",
        Unit = "unit" / "单位" | "部门",
    }
);

coded_enum!(
    /// A working paper is drafted on site and approved by the team meeting.
    PaperStatus, "底稿状态" {
        Draft = "draft" / "草稿",
        Approved = "approved" / "已审定",
    }
);

coded_enum!(
    /// What a follow-up check (回头看) concluded.
    FollowUpResult, "回头看结论" {
        Held = "held" / "整改成效巩固" | "巩固" | "良好",
        Rebound = "rebound" / "问题反弹" | "反弹",
    }
);

coded_enum!(
    /// What the secretary personally did for the rectification (主要负责人组织落实整改情况报告).
    SecretaryActionKind, "书记履职类型" {
        /// 主持召开会议.
        Meeting = "meeting" / "主持会议" | "会议" | "主持召开会议",
        /// 谈心谈话、约谈.
        Talk = "talk" / "谈心谈话" | "谈话" | "约谈",
        /// 领办督办问题.
        Problem = "problem" / "领办问题" | "领办" | "督办问题",
        /// 调研督导.
        Visit = "visit" / "调研督导" | "调研" | "督导",
    }
);

coded_enum!(
    /// 问责 as the 整改情况通报 counts it, by kind.
    AccountabilityKind, "问责类型" {
        Discipline = "discipline" / "党纪政务处分" | "党纪处分" | "政务处分" | "纪律处分",
        Organisational = "organisational" / "组织处理" | "组织调整",
        Admonition = "admonition" / "诫勉" | "诫勉谈话",
        Criticism = "criticism" / "批评教育" | "通报批评" | "责令检查" | "书面检查",
        Reminder = "reminder" / "提醒谈话" | "谈话提醒" | "约谈",
    }
);

coded_enum!(
    /// The role a copy of the app acts with in exchange packages (README, 交换): what its
    /// changes may do on this copy is decided here, by the role it was enrolled with.
    PeerRole, "副本角色" {
        /// 巡察组: the inspection team's copy.
        Team = "team" / "巡察组" | "巡察组副本",
        /// 台账管理员: the inspected unit's keeper of the ledger.
        Keeper = "keeper" / "台账管理员" | "台账管理" | "整改办",
        /// 责任单位: a department reporting on its own tasks.
        Unit = "unit" / "责任单位" | "股室" | "部门",
    }
);

coded_enum!(
    /// 督办 letters, one for each warning colour (DOMAIN.md): 预警函 to the 责任人, 提醒函 also
    /// to the 责任领导, 督办通知书 to the unit and its principal.
    LetterKind, "督办函件" {
        Warning = "warning" / "预警函" | "整改预警函",
        Reminder = "reminder" / "提醒函" | "整改提醒函",
        Notice = "notice" / "督办通知书" | "督办单" | "整改督办通知书",
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_codes_labels_and_variants() {
        let cases = [
            ("in_progress", Status::InProgress),
            ("正在推进", Status::InProgress),
            (" 整改中 ", Status::InProgress),
            ("已销号", Status::Closed),
            ("持续整改", Status::LongTerm),
            ("COMPLETED", Status::Completed),
        ];
        for (text, want) in cases {
            assert_eq!(Status::parse(text), Some(want), "{text}");
        }
        assert_eq!(Status::parse("差不多了"), None);
    }

    #[test]
    fn parse_field_names_the_choices() {
        let err = Nature::parse_field("大概", "nature").unwrap_err();
        assert_eq!(err.field(), Some("nature"));
        assert!(err.to_string().contains("共性问题（common）"), "{err}");
    }
}
