//! Appends evidence to a printed document, making one file to print: PDF files page by
//! page, JPEG and PNG images each on an A4 page of their own, scaled into the type area.
//! Other files (Word, Excel, archives) cannot be printed from here; the caller says so in
//! the list of materials.
//!
//! PDFs are read and merged with lopdf: each file's objects are renumbered after those
//! already in the result, its pages hung under the result's page tree (with the attributes
//! they inherited from their own tree copied onto them), its catalog left behind.

use std::io::Write;

use lopdf::{dictionary, Dictionary, Document, Object, ObjectId, Stream};

use crate::export::gb9704::{mm, GB};
use crate::{Error, Result};

/// One piece of the file to print, in order.
#[derive(Debug, Clone)]
pub enum Part {
    /// A PDF: ours (the dossier) or an evidence file.
    Pdf(Vec<u8>),
    /// A JPEG or PNG image.
    Image(Vec<u8>),
}

/// What a file can become when appended, by its name.
pub fn part_of(file_name: &str, bytes: Vec<u8>) -> Option<Part> {
    let ext = file_name
        .rsplit_once('.')
        .map(|(_, e)| e.to_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "pdf" => Some(Part::Pdf(bytes)),
        "jpg" | "jpeg" | "png" => Some(Part::Image(bytes)),
        _ => None,
    }
}

/// The pages a part takes; an error for a file that cannot be read (damaged, encrypted,
/// not what its name says).
pub fn page_count(part: &Part) -> Result<usize> {
    match part {
        Part::Pdf(bytes) => Ok(load(bytes)?.get_pages().len()),
        Part::Image(bytes) => image(bytes).map(|_| 1),
    }
}

fn bad(what: &str) -> Error {
    Error::invalid("evidence", what.to_owned())
}

fn load(bytes: &[u8]) -> Result<Document> {
    let doc = Document::load_mem(bytes).map_err(|_| bad("PDF 文件已损坏或无法读取"))?;
    if doc.is_encrypted() {
        return Err(bad("PDF 文件已加密，不能并入"));
    }
    Ok(doc)
}

/// The parts in one PDF, in order.
pub fn concat(parts: &[Part]) -> Result<Vec<u8>> {
    let mut out = Document::with_version("1.7");
    let root = out.new_object_id();
    let mut kids: Vec<Object> = Vec::new();
    for part in parts {
        match part {
            Part::Pdf(bytes) => merge(&mut out, root, load(bytes)?, &mut kids)?,
            Part::Image(bytes) => {
                let page = image_page(&mut out, root, bytes)?;
                kids.push(page.into());
            }
        }
    }
    let count = kids.len() as i64;
    out.objects.insert(
        root,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => kids,
            "Count" => count,
        }),
    );
    let catalog = out.add_object(dictionary! { "Type" => "Catalog", "Pages" => root });
    out.trailer.set("Root", catalog);
    out.prune_objects();
    out.compress();
    let mut bytes = Vec::new();
    out.save_to(&mut bytes)
        .map_err(|e| Error::invalid("pdf", format!("合并 PDF 失败：{e}")))?;
    Ok(bytes)
}

/// Keys a page inherits from its ancestors in the page tree (PDF 32000 7.7.3.4).
const INHERITED: [&[u8]; 4] = [b"Resources", b"MediaBox", b"CropBox", b"Rotate"];

fn merge(
    out: &mut Document,
    root: ObjectId,
    mut doc: Document,
    kids: &mut Vec<Object>,
) -> Result<()> {
    doc.renumber_objects_with(out.max_id + 1);
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    for &id in &pages {
        // What the page inherited, copied onto it before it leaves its own tree.
        let mut inherited: Vec<(Vec<u8>, Object)> = Vec::new();
        let mut parent = doc
            .get_dictionary(id)
            .ok()
            .and_then(|d| d.get(b"Parent").ok())
            .and_then(|p| p.as_reference().ok());
        let own = doc
            .get_dictionary(id)
            .map_err(|_| bad("PDF 页面无法读取"))?
            .clone();
        let mut depth = 0;
        while let Some(pid) = parent {
            depth += 1;
            let Ok(node) = doc.get_dictionary(pid) else {
                break;
            };
            for key in INHERITED {
                if !own.has(key) && !inherited.iter().any(|(k, _)| k == key) {
                    if let Ok(v) = node.get(key) {
                        inherited.push((key.to_vec(), v.clone()));
                    }
                }
            }
            parent = node.get(b"Parent").ok().and_then(|p| p.as_reference().ok());
            if depth > 64 {
                break;
            }
        }
        let page = doc
            .get_dictionary_mut(id)
            .map_err(|_| bad("PDF 页面无法读取"))?;
        for (k, v) in inherited {
            page.set(k, v);
        }
        if !page.has(b"MediaBox") {
            page.set("MediaBox", a4_box());
        }
        page.set("Parent", root);
        kids.push(id.into());
    }
    out.max_id = out.max_id.max(doc.max_id);
    out.objects.extend(doc.objects);
    Ok(())
}

fn a4_box() -> Vec<Object> {
    vec![
        0.into(),
        0.into(),
        mm(GB.page_w_mm).into(),
        mm(GB.page_h_mm).into(),
    ]
}

/// An image as a PDF image: its size, colour space, and the stream as PDF filters read it.
struct Image {
    width: u32,
    height: u32,
    stream: Stream,
}

fn image(bytes: &[u8]) -> Result<Image> {
    if bytes.starts_with(&[0xFF, 0xD8]) {
        let (width, height, components) =
            jpeg_size(bytes).ok_or_else(|| bad("JPEG 图片无法读取"))?;
        let space = match components {
            1 => "DeviceGray",
            4 => "DeviceCMYK",
            _ => "DeviceRGB",
        };
        let mut dict = dictionary! {
            "Type" => "XObject", "Subtype" => "Image",
            "Width" => width, "Height" => height,
            "ColorSpace" => space, "BitsPerComponent" => 8, "Filter" => "DCTDecode",
        };
        if components == 4 {
            // Adobe's CMYK JPEGs are stored inverted.
            dict.set(
                "Decode",
                vec![
                    1.into(),
                    0.into(),
                    1.into(),
                    0.into(),
                    1.into(),
                    0.into(),
                    1.into(),
                    0.into(),
                ],
            );
        }
        let mut stream = Stream::new(dict, bytes.to_vec());
        stream.allows_compression = false;
        return Ok(Image {
            width,
            height,
            stream,
        });
    }
    png_image(bytes).ok_or_else(|| bad("图片无法读取：只能并入 JPEG 和 PNG 图片"))
}

/// Width, height and colour components from a JPEG's frame header (SOFn).
fn jpeg_size(b: &[u8]) -> Option<(u32, u32, u8)> {
    let mut i = 2;
    while i + 9 < b.len() {
        if b[i] != 0xFF {
            return None;
        }
        let marker = b[i + 1];
        let len = usize::from(u16::from_be_bytes([b[i + 2], b[i + 3]]));
        let frame = (0xC0..=0xCF).contains(&marker) && !matches!(marker, 0xC4 | 0xC8 | 0xCC);
        if frame {
            let h = u16::from_be_bytes([b[i + 5], b[i + 6]]);
            let w = u16::from_be_bytes([b[i + 7], b[i + 8]]);
            return (w > 0 && h > 0).then_some((u32::from(w), u32::from(h), b[i + 9]));
        }
        i += 2 + len;
    }
    None
}

/// A PNG decoded to 8-bit grey or RGB (transparency laid on white), deflated.
fn png_image(bytes: &[u8]) -> Option<Image> {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().ok()?;
    let mut buf = vec![0; reader.output_buffer_size()?];
    let info = reader.next_frame(&mut buf).ok()?;
    let data = &buf[..info.buffer_size()];
    let on_white =
        |c: u8, a: u8| ((u16::from(c) * u16::from(a) + 255 * (255 - u16::from(a))) / 255) as u8;
    let (pixels, space): (Vec<u8>, &str) = match info.color_type {
        png::ColorType::Grayscale => (data.to_vec(), "DeviceGray"),
        png::ColorType::GrayscaleAlpha => (
            data.chunks_exact(2).map(|p| on_white(p[0], p[1])).collect(),
            "DeviceGray",
        ),
        png::ColorType::Rgb => (data.to_vec(), "DeviceRGB"),
        png::ColorType::Rgba => (
            data.chunks_exact(4)
                .flat_map(|p| {
                    [
                        on_white(p[0], p[3]),
                        on_white(p[1], p[3]),
                        on_white(p[2], p[3]),
                    ]
                })
                .collect(),
            "DeviceRGB",
        ),
        png::ColorType::Indexed => return None,
    };
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    z.write_all(&pixels).ok()?;
    let deflated = z.finish().ok()?;
    let dict = dictionary! {
        "Type" => "XObject", "Subtype" => "Image",
        "Width" => info.width, "Height" => info.height,
        "ColorSpace" => space, "BitsPerComponent" => 8, "Filter" => "FlateDecode",
    };
    let mut stream = Stream::new(dict, deflated);
    stream.allows_compression = false;
    Some(Image {
        width: info.width,
        height: info.height,
        stream,
    })
}

/// An A4 page holding the image, as large as fits the type area, centred in it.
fn image_page(out: &mut Document, root: ObjectId, bytes: &[u8]) -> Result<ObjectId> {
    let img = image(bytes)?;
    let (area_w, area_h) = (
        GB.area_right() - GB.area_left(),
        GB.area_top() - GB.area_bottom(),
    );
    let scale = (area_w / img.width as f32).min(area_h / img.height as f32);
    let (w, h) = (img.width as f32 * scale, img.height as f32 * scale);
    let x = GB.area_left() + (area_w - w) / 2.0;
    let y = GB.area_bottom() + (area_h - h) / 2.0;
    let xobject = out.add_object(img.stream);
    let content = format!("q {w:.2} 0 0 {h:.2} {x:.2} {y:.2} cm /Im0 Do Q").into_bytes();
    let content = out.add_object(Stream::new(Dictionary::new(), content));
    Ok(out.add_object(dictionary! {
        "Type" => "Page",
        "Parent" => root,
        "MediaBox" => a4_box(),
        "Contents" => content,
        "Resources" => dictionary! { "XObject" => dictionary! { "Im0" => xobject } },
    }))
}
