//! What a column holds, read from its data cells: dates, short personal names, amounts or
//! text. A header alone misleads (目标设定完成时间 names a goal but holds dates; 验收负责人
//! names the acceptance but holds a person), so the guess of a column's field looks at
//! its content too.

use calamine::Data;

use super::grid::Grid;
use super::values::{cell_text, is_placeholder, join_broken_name};
use crate::domain::dates::parse_date;
use crate::domain::names::split_names;

/// What most of a column's cells hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Content {
    /// Nothing under the header.
    Empty,
    Dates,
    /// Short personal names (张三, 李四、王五).
    Names,
    /// Numbers that are not dates, or text such as “12.5万元”.
    Amounts,
    Text,
}

/// Cells looked at per column: enough to tell, cheap on a 50,000-row sheet.
const SAMPLE: usize = 200;

/// Endings of unit names (办公室, 财务科, 区教育局…): such a name is not a person's.
const UNIT_ENDINGS: &str = "局科室部委办处组队所站院校中心司会社厅馆团庭署股段行厂场";

/// Two-character surnames: a four-character name starts with one (欧阳修远); other
/// four-character texts are phrases (完善制度).
const COMPOUND_SURNAMES: &[&str] = &[
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒",
    "令狐", "夏侯", "轩辕", "端木", "独孤", "南宫", "西门", "呼延",
];

/// The common one-character surnames (about nine in ten people carry one of them): a
/// short text starting otherwise (已起草, 未开始) is not a name.
const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝";

/// Whether `name` looks like a person's name: a common surname and one or two more
/// Chinese characters (two after a two-character surname), not a unit.
pub fn is_person_name(name: &str) -> bool {
    let n = name.chars().count();
    let compound = COMPOUND_SURNAMES.iter().any(|s| name.starts_with(s));
    let single = name.chars().next().is_some_and(|c| SURNAMES.contains(c));
    (((2..=3).contains(&n) && single) || ((3..=4).contains(&n) && compound))
        && name
            .chars()
            .all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c) || c == '·')
        && !name
            .chars()
            .last()
            .is_some_and(|c| UNIT_ENDINGS.contains(c))
        && ![
            "完成", "推进", "启动", "销号", "坚持", "立改", "整改", "正常",
        ]
        .iter()
        .any(|w| name.contains(w))
}

fn is_date(d: &Data, year: i32) -> bool {
    match d {
        Data::DateTime(_) | Data::DateTimeIso(_) => true,
        Data::String(s) => {
            let compact: String = s.chars().filter(|c| !c.is_whitespace()).collect();
            parse_date(&compact, Some(year)).is_some()
        }
        _ => false,
    }
}

fn is_amount(d: &Data) -> bool {
    match d {
        Data::Float(_) | Data::Int(_) => true,
        Data::String(s) => {
            let t = s.trim().trim_end_matches("万元").trim_end_matches('元');
            !t.is_empty() && t.parse::<f64>().is_ok()
        }
        _ => false,
    }
}

/// What column `c` holds in rows `from..=to` (cells continuing a merge from above are
/// counted once, placeholders such as “/” not at all). `numbers_are_dates`: the header
/// speaks of a date, so a plain number in the Excel date range is one (a General-format
/// date cell).
pub fn of_column(
    g: &Grid,
    c: u32,
    from: u32,
    to: u32,
    year: i32,
    numbers_are_dates: bool,
) -> Content {
    let (mut n, mut dates, mut names, mut amounts) = (0usize, 0usize, 0usize, 0usize);
    for r in from..=to {
        if n >= SAMPLE {
            break;
        }
        if g.continues_from_above(r, c) {
            continue;
        }
        let v = g.value(r, c);
        let text = cell_text(v);
        if text.is_empty() || is_placeholder(&text) {
            continue;
        }
        n += 1;
        let serial = matches!(v, Data::Float(f) if super::values::SERIAL_RANGE.contains(f))
            || matches!(v, Data::Int(i) if super::values::SERIAL_RANGE.contains(&(*i as f64)));
        if is_date(v, year) || (numbers_are_dates && serial) {
            dates += 1;
        } else if is_amount(v) {
            amounts += 1;
        } else {
            let parts = split_names(&join_broken_name(&text));
            if !parts.is_empty() && parts.iter().all(|p| is_person_name(p)) {
                names += 1;
            }
        }
    }
    if n == 0 {
        return Content::Empty;
    }
    // Most cells decide: a stray note in a date column does not make it text.
    let most = |k: usize| k * 10 >= n * 6;
    if most(dates) {
        Content::Dates
    } else if most(names) {
        Content::Names
    } else if most(amounts) {
        Content::Amounts
    } else {
        Content::Text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn people_and_units() {
        for name in ["张三", "欧阳修远", "李明华"] {
            assert!(is_person_name(name), "{name}");
        }
        for not in [
            "办公室",
            "财务科",
            "区教育局",
            "已完成",
            "王",
            "整改到位了吗",
            "A组",
            "已起草",
            "完善制度",
        ] {
            assert!(!is_person_name(not), "{not}");
        }
    }

    #[test]
    fn columns_by_content() {
        let s = |t: &str| Data::String(t.into());
        let cells = vec![
            (0, 0, s("2019年 6 月 25 日")),
            (1, 0, Data::Float(45747.0)),
            (2, 0, s("/")),
            (0, 1, s("张三")),
            (1, 1, s("李\n四")),
            (0, 2, Data::Float(12.5)),
            (1, 2, s("3万元")),
            (0, 3, s("完善制度")),
            (1, 3, s("张三")),
        ];
        let (g, _) = Grid::new(cells, Vec::new());
        assert_eq!(of_column(&g, 0, 0, 2, 2025, true), Content::Dates);
        assert_eq!(of_column(&g, 0, 0, 2, 2025, false), Content::Text);
        assert_eq!(of_column(&g, 1, 0, 2, 2025, false), Content::Names);
        assert_eq!(of_column(&g, 2, 0, 2, 2025, false), Content::Amounts);
        assert_eq!(of_column(&g, 3, 0, 2, 2025, false), Content::Text);
        assert_eq!(of_column(&g, 4, 0, 2, 2025, false), Content::Empty);
    }
}
