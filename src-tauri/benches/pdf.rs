//! PDF benchmark (not a test): a 1,000-task ledger and a ~20-page feedback report — time,
//! peak memory and file size — side by side, in the same run, with LibreOffice headless
//! converting an Excel ledger of the same rows to PDF (what a user would otherwise do).
//!
//! Run: `cargo bench -p xuncha --bench pdf` (`-- --quick`: a 40-task ledger and a short
//! report, without LibreOffice, to check it runs). Each case runs in a child process
//! so its peak memory (VmHWM) is its own. LibreOffice is skipped with a message when not
//! installed. Targets: ≥10× faster than LibreOffice, a smaller file, the report < 0.5 s and
//! < 1 MB.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use xuncha::export::fonts::{text_width_pt, FontRole, FontSet};
use xuncha::export::pdf::{compose, ledger_pdf, render};
use xuncha::report::data::LedgerData;
use xuncha::report::feedback::feedback_report;
use xuncha::report::ledger::{Block, LedgerTable};
use xuncha::report::public::Edition;
use xuncha::report::sample::{self, Tasks};

/// The sample inspection of `findings` × `tasks`.
fn sample_ledger((findings, tasks): (usize, usize)) -> Result<LedgerData, String> {
    sample::ledger(findings, Tasks::Each(tasks)).map_err(|e| e.to_string())
}

/// 250 findings × 4 tasks.
const LEDGER: (usize, usize) = (250, 4);
/// About 20 pages of feedback report.
const REPORT: (usize, usize) = (44, 1);
/// The sizes of `--quick`.
const QUICK: [(usize, usize); 2] = [(10, 4), (4, 1)];

/// The ledger's and the report's sizes.
fn sizes(quick: bool) -> [(usize, usize); 2] {
    if quick {
        QUICK
    } else {
        [LEDGER, REPORT]
    }
}

struct Figures {
    secs: f64,
    peak_kb: u64,
    bytes: u64,
    note: String,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let quick = args.iter().any(|a| a == "--quick");
    if args.len() >= 4 && args[1] == "case" {
        return run_case(&args[2], Path::new(&args[3]), quick);
    }
    let dir = tempfile_dir()?;
    println!(
        "PDF benchmark — 1,000-task ledger, ~20-page feedback report (release build recommended)\n"
    );
    let ledger = child("ledger", &dir.join("xuncha-ledger.pdf"), quick)?;
    let report = child("report", &dir.join("report.pdf"), quick)?;
    let lo = if quick {
        Err("--quick".to_owned())
    } else {
        libreoffice(&dir)
    };
    println!(
        "{:<34} {:>9} {:>11} {:>11}  note",
        "case", "time (s)", "peak (MB)", "size (KB)"
    );
    let row = |name: &str, f: &Figures| {
        println!(
            "{:<34} {:>9.3} {:>11.1} {:>11.1}  {}",
            name,
            f.secs,
            f.peak_kb as f64 / 1024.0,
            f.bytes as f64 / 1024.0,
            f.note
        )
    };
    row("xuncha ledger PDF", &ledger);
    row("xuncha feedback report PDF", &report);
    match &lo {
        Ok(f) => {
            row("LibreOffice xlsx → PDF (same rows)", f);
            println!();
            println!(
                "ledger vs LibreOffice: {:.1}× faster (target ≥ 10×), file {:.2}× the size (target < 1), peak memory {:.2}×",
                f.secs / ledger.secs,
                ledger.bytes as f64 / f.bytes as f64,
                ledger.peak_kb as f64 / f.peak_kb.max(1) as f64
            );
        }
        Err(e) => println!("LibreOffice column skipped: {e}"),
    }
    println!(
        "report: {:.3} s (target < 0.5 s), {:.0} KB (target < 1 MB)",
        report.secs,
        report.bytes as f64 / 1024.0
    );
    if std::env::var_os("XUNCHA_BENCH_KEEP").is_none() {
        let _ = std::fs::remove_dir_all(&dir);
    }
    Ok(())
}

fn tempfile_dir() -> std::io::Result<PathBuf> {
    let dir = std::env::temp_dir().join(format!("xuncha-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

/// Runs one case in this process (as the child): prints seconds, VmHWM (KB), bytes, note.
fn run_case(case: &str, out: &Path, quick: bool) -> Result<(), Box<dyn std::error::Error>> {
    let [ledger, report] = sizes(quick);
    // The sample is written through the store first; only the document is timed.
    let data = sample_ledger(if case == "ledger" { ledger } else { report })?;
    let start = Instant::now();
    let (bytes, note) = match case {
        "ledger" => {
            let bytes = ledger_pdf(&[&data], Edition::Internal)?;
            (bytes, format!("{} tasks", ledger.0 * ledger.1))
        }
        _ => {
            let doc = feedback_report(&data);
            let pages = compose::compose(&doc, FontSet::global()).len();
            let bytes = render(&doc)?;
            (bytes, format!("{pages} pages"))
        }
    };
    std::fs::write(out, &bytes)?;
    let secs = start.elapsed().as_secs_f64();
    println!("{secs} {} {} {note}", vm_hwm_kb(), bytes.len());
    Ok(())
}

fn vm_hwm_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.split_whitespace().next())
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}

fn child(case: &str, out: &Path, quick: bool) -> Result<Figures, Box<dyn std::error::Error>> {
    let exe = std::env::current_exe()?;
    let mut cmd = Command::new(exe);
    cmd.arg("case").arg(case).arg(out);
    if quick {
        cmd.arg("--quick");
    }
    let output = cmd.output()?;
    if !output.status.success() {
        return Err(String::from_utf8_lossy(&output.stderr).into_owned().into());
    }
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    let mut parts = text.trim().splitn(4, ' ');
    let mut next = || parts.next().unwrap_or_default().to_owned();
    Ok(Figures {
        secs: next().parse()?,
        peak_kb: next().parse()?,
        bytes: next().parse()?,
        note: next(),
    })
}

/// Writes the same 1,000 rows as a plain landscape xlsx and times LibreOffice converting it.
fn libreoffice(dir: &Path) -> Result<Figures, String> {
    let soffice = ["soffice", "libreoffice"]
        .into_iter()
        .find(|b| Command::new(b).arg("--version").output().is_ok())
        .ok_or("LibreOffice (soffice) is not installed")?;
    let xlsx = dir.join("ledger.xlsx");
    write_xlsx(&xlsx).map_err(|e| e.to_string())?;
    let profile = format!(
        "-env:UserInstallation=file://{}",
        dir.join("lo-profile").display()
    );
    let convert = |outdir: &Path| -> Result<(f64, u64), String> {
        let start = Instant::now();
        // GNU time reports the peak RSS of the whole conversion (soffice forks).
        let (prog, pre): (&str, Vec<String>) = if Path::new("/usr/bin/time").exists() {
            (
                "/usr/bin/time",
                vec!["-f".into(), "%M".into(), soffice.into()],
            )
        } else {
            (soffice, Vec::new())
        };
        let out = Command::new(prog)
            .args(pre)
            .args([
                profile.as_str(),
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
            ])
            .arg(outdir)
            .arg(&xlsx)
            .output()
            .map_err(|e| e.to_string())?;
        let secs = start.elapsed().as_secs_f64();
        let peak = String::from_utf8_lossy(&out.stderr)
            .lines()
            .rev()
            .find_map(|l| l.trim().parse::<u64>().ok())
            .unwrap_or(0);
        Ok((secs, peak))
    };
    // The first run creates LibreOffice's profile; time the second, as a user would see it.
    convert(&dir.join("warmup"))?;
    let (secs, peak_kb) = convert(dir)?;
    let pdf = dir.join("ledger.pdf.lo");
    let produced = dir.join("ledger.pdf");
    let bytes = std::fs::metadata(&produced)
        .map(|m| m.len())
        .map_err(|e| e.to_string())?;
    let _ = std::fs::rename(&produced, pdf);
    Ok(Figures {
        secs,
        peak_kb,
        bytes,
        note: "warm profile".into(),
    })
}

/// Lines `text` wraps to in a column `width_mm` wide at 9 pt.
fn line_count(text: &str, width_mm: f32) -> usize {
    let avail = width_mm * 72.0 / 25.4 - 6.0;
    text.split('\n')
        .map(|p| {
            (text_width_pt(FontRole::Fang, p, 9.0) / avail)
                .ceil()
                .max(1.0) as usize
        })
        .sum()
}

fn write_xlsx(path: &Path) -> Result<(), Box<dyn std::error::Error>> {
    use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook};
    let data = sample_ledger(LEDGER)?;
    let table = LedgerTable::official(&[&data], Edition::Internal);
    let columns = &table.columns;
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_repeat_rows(0, 0)?;
    let cell = Format::new()
        .set_text_wrap()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::VerticalCenter)
        .set_font_name("FandolFang")
        .set_font_size(9);
    let head = cell.clone().set_bold().set_align(FormatAlign::Center);
    for (c, col) in columns.iter().enumerate() {
        ws.set_column_width(c as u16, col.width() / 2.0)?;
        ws.write_with_format(0, c as u16, col.label(), &head)?;
    }
    let last = columns.len() as u16 - 1;
    let mut row = 1u32;
    for block in &table.blocks {
        let f = match block {
            Block::Inspection(heading) | Block::Category(heading) => {
                ws.merge_range(row, 0, row, last, heading, &head)?;
                row += 1;
                continue;
            }
            Block::Finding(f) => f,
        };
        let n = f.tasks.len() as u32;
        let mut merged_lines = 1;
        for (c, col) in columns.iter().enumerate() {
            if !col.is_finding_level() {
                continue;
            }
            let text = f.head[c].shown().into_owned();
            if n > 1 {
                ws.merge_range(row, c as u16, row + n - 1, c as u16, &text, &cell)?;
            } else {
                ws.write_with_format(row, c as u16, &text, &cell)?;
            }
            merged_lines = merged_lines.max(line_count(&text, col.width() as f32));
        }
        // Row heights that show every line, as a careful clerk (or the Excel exporter)
        // would set them; LibreOffice keeps explicit heights.
        let mut heights: Vec<f64> = Vec::new();
        for (r, cells) in f.tasks.iter().enumerate() {
            let mut lines = 1;
            for (c, col) in columns.iter().enumerate() {
                if col.is_finding_level() {
                    continue;
                }
                let text = cells[c].shown().into_owned();
                ws.write_with_format(row + r as u32, c as u16, &text, &cell)?;
                lines = lines.max(line_count(&text, col.width() as f32));
            }
            heights.push(lines as f64 * 12.0 + 4.0);
        }
        let need = merged_lines as f64 * 12.0 + 4.0;
        let have: f64 = heights.iter().sum();
        if let Some(last) = heights.last_mut() {
            *last += (need - have).max(0.0);
        }
        for (r, h) in heights.iter().enumerate() {
            ws.set_row_height(row + r as u32, *h)?;
        }
        row += n;
    }
    wb.save(path)?;
    Ok(())
}
