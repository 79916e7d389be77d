//! Tables rendered as aligned plain text, Markdown or HTML, and the page
//! every HTML output shares (self-contained: inline CSS, no external asset).

use std::fmt::Write;

use nerbench_eval::{Interval, Prf};

use super::options::Format;

/// A titled table whose first column is text and the others numbers.
#[derive(Debug, Default)]
pub struct Table {
    pub title: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// Lines printed under the table.
    pub notes: Vec<String>,
    /// How many leading columns hold text (left-aligned); the rest are numbers.
    pub text_columns: usize,
}

impl Table {
    pub fn new(title: impl Into<String>, header: &[&str]) -> Table {
        Table {
            title: title.into(),
            header: header.iter().map(|h| h.to_string()).collect(),
            text_columns: 1,
            ..Table::default()
        }
    }

    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    /// Aligned columns: text left-aligned, numbers right-aligned.
    fn plain(&self, out: &mut String) {
        let columns = self.header.len();
        let mut widths = vec![0; columns];
        for row in std::iter::once(&self.header).chain(&self.rows) {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(cell.chars().count());
            }
        }
        let line = |out: &mut String, row: &[String]| {
            let mut text = String::new();
            for (k, (cell, w)) in row.iter().zip(&widths).enumerate() {
                let pad = " ".repeat(w - cell.chars().count());
                let gap = if k == 0 { "" } else { "  " };
                if k < self.text_columns {
                    write!(text, "{gap}{cell}{pad}")
                } else {
                    write!(text, "{gap}{pad}{cell}")
                }
                .expect("writing to a String");
            }
            out.push_str(text.trim_end());
            out.push('\n');
        };
        if !self.title.is_empty() {
            out.push_str(&self.title);
            out.push('\n');
        }
        line(out, &self.header);
        let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
        line(out, &rule);
        for row in &self.rows {
            line(out, row);
        }
        for note in &self.notes {
            out.push_str(note);
            out.push('\n');
        }
    }

    fn markdown(&self, out: &mut String) {
        if !self.title.is_empty() {
            writeln!(out, "### {}\n", self.title).expect("writing to a String");
        }
        let cells = |row: &[String]| -> String {
            let escaped: Vec<String> = row.iter().map(|c| markdown_escape(c)).collect();
            format!("| {} |\n", escaped.join(" | "))
        };
        out.push_str(&cells(&self.header));
        let rule: Vec<String> = (0..self.header.len())
            .map(|k| if k < self.text_columns { "---" } else { "---:" }.to_string())
            .collect();
        out.push_str(&format!("|{}|\n", rule.join("|")));
        for row in &self.rows {
            out.push_str(&cells(row));
        }
        if !self.notes.is_empty() {
            out.push('\n');
            for note in &self.notes {
                writeln!(out, "{note}  ").expect("writing to a String");
            }
        }
    }

    pub fn html(&self, out: &mut String) {
        if !self.title.is_empty() {
            writeln!(out, "<h2>{}</h2>", escape(&self.title)).expect("writing to a String");
        }
        out.push_str("<table class=\"scores\">\n<thead><tr>");
        for h in &self.header {
            write!(out, "<th>{}</th>", escape(h)).expect("writing to a String");
        }
        out.push_str("</tr></thead>\n<tbody>\n");
        for row in &self.rows {
            out.push_str("<tr>");
            for (k, cell) in row.iter().enumerate() {
                let class = if k < self.text_columns {
                    " class=\"t\""
                } else {
                    ""
                };
                write!(out, "<td{class}>{}</td>", escape(cell)).expect("writing to a String");
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody></table>\n");
        for note in &self.notes {
            writeln!(out, "<p class=\"note\">{}</p>", escape(note)).expect("writing to a String");
        }
    }
}

/// Renders a heading line and tables, or for JSON the value `json` builds.
pub fn render(
    format: Format,
    heading: &str,
    tables: &[Table],
    json: impl FnOnce() -> serde_json::Value,
) -> anyhow::Result<String> {
    let mut out = String::new();
    match format {
        Format::Json => {
            out = serde_json::to_string_pretty(&json())?;
            out.push('\n');
        }
        Format::Table => {
            writeln!(out, "{heading}").expect("writing to a String");
            for t in tables {
                out.push('\n');
                t.plain(&mut out);
            }
        }
        Format::Markdown => {
            writeln!(out, "## {heading}").expect("writing to a String");
            for t in tables {
                out.push('\n');
                t.markdown(&mut out);
            }
        }
        Format::Html => {
            let mut body = String::new();
            writeln!(body, "<h1>{}</h1>", escape(heading)).expect("writing to a String");
            for t in tables {
                t.html(&mut body);
            }
            out = page(heading, &body, "");
        }
    }
    Ok(out)
}

/// Escapes what would end a Markdown table cell or start markup in it.
fn markdown_escape(cell: &str) -> String {
    let mut out = String::with_capacity(cell.len());
    for c in cell.chars() {
        match c {
            '|' | '\\' | '`' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes text for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The shared CSS of every HTML page.
const CSS: &str = include_str!("report.css");

/// A complete, self-contained HTML page.
pub fn page(title: &str, body: &str, script: &str) -> String {
    let script = if script.is_empty() {
        String::new()
    } else {
        format!("<script>\n{script}</script>\n")
    };
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n{body}{script}</body>\n</html>\n",
        escape(title)
    )
}

/// A ratio with three decimals.
pub fn num(x: f64) -> String {
    format!("{x:.3}")
}

/// `[lower, upper]` of an interval.
pub fn interval(i: &Interval) -> String {
    format!("[{:.3}, {:.3}]", i.lower, i.upper)
}

/// Precision, recall and F1 as three cells.
pub fn prf(p: &Prf) -> [String; 3] {
    [num(p.precision), num(p.recall), num(p.f1)]
}

/// The confidence level as a percentage label (`95%`).
pub fn level(level: f64) -> String {
    let pct = level * 100.0;
    if (pct - pct.round()).abs() < 1e-9 {
        format!("{pct:.0}%")
    } else {
        format!("{pct}%")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Table {
        let mut t = Table::new("Scores <all>", &["label", "F1"]);
        t.row(vec!["PER|x".into(), "0.500".into()]);
        t.row(vec!["Brändli".into(), "1.000".into()]);
        t.notes.push("note & more".into());
        t
    }

    #[test]
    fn plain_text_aligns_by_characters() {
        let mut out = String::new();
        table().plain(&mut out);
        assert_eq!(
            out,
            "Scores <all>\nlabel       F1\n-------  -----\nPER|x    0.500\nBrändli  1.000\nnote & more\n"
        );
    }

    #[test]
    fn markdown_escapes_pipes_and_html_escapes_markup() {
        let mut md = String::new();
        table().markdown(&mut md);
        assert!(md.contains("| PER\\|x | 0.500 |\n"), "{md}");
        assert!(md.contains("|---|---:|\n"), "{md}");
        let mut html = String::new();
        table().html(&mut html);
        assert!(html.contains("<h2>Scores &lt;all&gt;</h2>"), "{html}");
        assert!(html.contains("note &amp; more"), "{html}");
        assert_eq!(
            escape(r#"<a href="x">'&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }

    #[test]
    fn levels_print_as_percentages() {
        assert_eq!(level(0.95), "95%");
        assert_eq!(level(0.975), "97.5%");
    }
}
