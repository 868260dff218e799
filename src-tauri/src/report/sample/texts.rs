//! The fixed words of the sample inspection: names with rare characters (堃 喆 犇 昇 赟 玥
//! 𠀾), units, problems, measures, and a manifestation that runs over a printed page.

use crate::report::numbering::sentence;

/// People: the rare characters need the per-character font fallback.
pub const PEOPLE: [&str; 8] = [
    "王堃",
    "李喆",
    "张犇",
    "刘昇",
    "陈赟",
    "赵玥",
    "孙𠀾",
    "周建国",
];

/// 党组书记: leads every task.
pub const SECRETARY: &str = "张犇";

pub const UNITS: [&str; 6] = [
    "办公室",
    "组织人事科",
    "财务科",
    "宣传教育科",
    "机关党委",
    "经济联络科",
];

pub const TITLES: [&str; 6] = [
    "落实意识形态工作责任制不到位",
    "党组理论学习中心组学习流于形式",
    "落实中央八项规定精神不够严格",
    "选人用人工作不够规范",
    "基层党组织建设存在薄弱环节",
    "上轮巡察反馈问题整改不彻底",
];

pub const MEASURES: [&str; 4] = [
    "制定意识形态工作责任清单，每半年专题研究一次意识形态工作，形成会议纪要",
    "修订党组理论学习中心组学习制度，明确学习计划、专题研讨和学习档案要求",
    "对2023年以来的公务接待和公车使用情况开展全面自查，对违规支出予以清退",
    "完善干部选拔任用工作程序，严格执行动议、民主推荐、考察和讨论决定等环节",
];

pub const RECOMMENDATIONS: [&str; 3] = [
    "提高政治站位，切实扛起全面从严治党政治责任。",
    "坚持问题导向，以整改实效推动统战工作高质量发展。",
    "加强干部队伍建设，营造风清气正的政治生态。",
];

/// The manifestation of finding `i`: every seventh runs over a page of the ledger.
pub fn manifestation(i: usize) -> String {
    let base = "巡察发现，该单位党组对此项工作研究部署不够，2024年度仅召开1次专题会议，\
                会议记录中未见具体工作措施；部分科室负责人对相关要求掌握不全面，\
                工作台账不完整，有关资料未按规定归档；王堃、李喆同志分管的工作中，\
                存在以会议落实会议、以文件落实文件的情况。";
    match i % 7 {
        3 => format!("{}\n{}\n{}", base.repeat(3), base.repeat(3), base.repeat(2)),
        0 => base.to_owned(),
        _ => sentence(&base.chars().take(60 + 10 * (i % 5)).collect::<String>()),
    }
}

/// What a unit writes about its `n`-th step on a task.
pub fn progress_text(unit: &str, n: usize) -> String {
    format!(
        "{unit}牵头召开专题会议{}次，制定整改工作方案，逐项明确责任人和完成时限",
        n + 1
    )
}
