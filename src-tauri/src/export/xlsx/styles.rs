//! The cell formats of every exported sheet, built once from the template's fonts so all
//! sheets look alike: 小标宋 title, 黑体 headers, 仿宋 body, thin borders, wrapped text.

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder};

use super::template::Fonts;

/// Chinese date shown as 2025年3月31日 (a real date cell underneath).
pub const DATE_FORMAT: &str = "yyyy\"年\"m\"月\"d\"日\"";

/// GB2312 character set: tells Excel and WPS the font is a Chinese one.
const CHARSET_GB2312: u8 = 134;

/// The formats of one workbook.
pub struct Styles {
    pub title: Format,
    pub subline_left: Format,
    pub subline_right: Format,
    pub header: Format,
    pub section: Format,
    pub body: Format,
    pub body_center: Format,
    pub date: Format,
    pub number: Format,
    pub percent: Format,
    pub note: Format,
    pub red: Format,
    pub yellow: Format,
    pub green: Format,
    pub fonts: Fonts,
}

fn font(name: &str, size: f64) -> Format {
    Format::new()
        .set_font_name(name)
        .set_font_size(size)
        .set_font_charset(CHARSET_GB2312)
}

impl Styles {
    /// Formats for the given fonts.
    pub fn new(fonts: &Fonts) -> Self {
        let body = font(&fonts.body, fonts.body_size)
            .set_border(FormatBorder::Thin)
            .set_text_wrap()
            .set_align(FormatAlign::VerticalCenter)
            .set_align(FormatAlign::Left);
        let body_center = body.clone().set_align(FormatAlign::Center);
        Styles {
            title: font(&fonts.title, fonts.title_size)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            subline_left: font(&fonts.body, fonts.body_size)
                .set_align(FormatAlign::Left)
                .set_align(FormatAlign::VerticalCenter),
            subline_right: font(&fonts.body, fonts.body_size)
                .set_align(FormatAlign::Right)
                .set_align(FormatAlign::VerticalCenter),
            header: font(&fonts.header, fonts.header_size)
                .set_border(FormatBorder::Thin)
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            section: font(&fonts.header, fonts.header_size)
                .set_border(FormatBorder::Thin)
                .set_text_wrap()
                .set_align(FormatAlign::Left)
                .set_align(FormatAlign::VerticalCenter),
            date: body_center.clone().set_num_format(DATE_FORMAT),
            number: body_center.clone().set_num_format("0"),
            percent: body_center.clone().set_num_format("0.0%"),
            note: font(&fonts.body, fonts.body_size - 1.0)
                .set_text_wrap()
                .set_align(FormatAlign::Left)
                .set_align(FormatAlign::Top),
            red: Format::new()
                .set_background_color(Color::RGB(0xFFC7CE))
                .set_font_color(Color::RGB(0x9C0006)),
            yellow: Format::new()
                .set_background_color(Color::RGB(0xFFEB9C))
                .set_font_color(Color::RGB(0x9C5700)),
            green: Format::new()
                .set_background_color(Color::RGB(0xC6EFCE))
                .set_font_color(Color::RGB(0x006100)),
            body,
            body_center,
            fonts: fonts.clone(),
        }
    }
}
