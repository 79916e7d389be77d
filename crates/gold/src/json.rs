//! The two shapes on disk: what serde reads and what the writers produce.

use std::io::{self, Write};

use nerbench_core::Entity;
use serde::{Deserialize, Serialize};

use crate::check::RawDocument;
use crate::GoldDocument;

/// An entity as written: code-point offsets. Unknown keys are ignored.
#[derive(Debug, Deserialize, Serialize)]
pub(crate) struct RawEntity {
    pub start: usize,
    pub end: usize,
    pub label: String,
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

/// `annotations/<id>.json`.
#[derive(Deserialize)]
pub(crate) struct RawAnnotation {
    id: String,
    dct: Option<String>,
    source: Option<String>,
    entities: Vec<RawEntity>,
}

impl From<RawAnnotation> for RawDocument {
    fn from(a: RawAnnotation) -> RawDocument {
        RawDocument {
            id: a.id,
            dct: a.dct,
            source: a.source,
            entities: a.entities,
        }
    }
}

/// One line of a JSONL corpus; `entities` may be left out (text to extract).
#[derive(Deserialize)]
pub(crate) struct RawLine {
    id: String,
    text: String,
    dct: Option<String>,
    source: Option<String>,
    #[serde(default)]
    entities: Vec<RawEntity>,
}

impl RawLine {
    pub fn split(self) -> (RawDocument, String) {
        let raw = RawDocument {
            id: self.id,
            dct: self.dct,
            source: self.source,
            entities: self.entities,
        };
        (raw, self.text)
    }
}

/// A JSONL line as the writer lays it out: keys in this order, absent
/// options left out.
#[derive(Serialize)]
struct LineOut<'a> {
    id: &'a str,
    text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    dct: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    entities: Vec<RawEntity>,
}

fn raw_entities(doc: &GoldDocument) -> io::Result<Vec<RawEntity>> {
    let index = doc.document.offset_index();
    doc.entities
        .iter()
        .map(|e: &Entity| {
            let (start, end) = index.chars_of(e.span).map_err(|err| {
                io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!("document {:?}: {err}", doc.document.id),
                )
            })?;
            Ok(RawEntity {
                start,
                end,
                label: e.label.to_string(),
                text: e.text.clone(),
                value: e.value.clone(),
            })
        })
        .collect()
}

fn dct(doc: &GoldDocument) -> Option<String> {
    doc.document.dct.map(|d| d.format("%Y-%m-%d").to_string())
}

/// The canonical annotation file: two-space indented keys `id`, `dct`,
/// `source`, `entities` (absent options left out), one entity per line as
/// `{"start": 0, "end": 3, "label": "PER", "text": "Kim"}`, a final newline.
pub(crate) fn write_annotation(doc: &GoldDocument, mut w: impl Write) -> io::Result<()> {
    let entities = raw_entities(doc)?;
    writeln!(w, "{{")?;
    writeln!(w, "  \"id\": {},", serde_json::to_string(&doc.document.id)?)?;
    if let Some(dct) = dct(doc) {
        writeln!(w, "  \"dct\": \"{dct}\",")?;
    }
    if let Some(source) = &doc.source {
        writeln!(w, "  \"source\": {},", serde_json::to_string(source)?)?;
    }
    if entities.is_empty() {
        writeln!(w, "  \"entities\": []")?;
    } else {
        writeln!(w, "  \"entities\": [")?;
        for (i, e) in entities.iter().enumerate() {
            let comma = if i + 1 < entities.len() { "," } else { "" };
            write!(
                w,
                "    {{\"start\": {}, \"end\": {}, \"label\": {}, \"text\": {}",
                e.start,
                e.end,
                serde_json::to_string(&e.label)?,
                serde_json::to_string(&e.text)?
            )?;
            if let Some(value) = &e.value {
                write!(w, ", \"value\": {}", serde_json::to_string(value)?)?;
            }
            writeln!(w, "}}{comma}")?;
        }
        writeln!(w, "  ]")?;
    }
    writeln!(w, "}}")
}

/// One canonical JSONL line, newline included.
pub(crate) fn write_line(doc: &GoldDocument, mut w: impl Write) -> io::Result<()> {
    let line = LineOut {
        id: &doc.document.id,
        text: &doc.document.text,
        dct: dct(doc),
        source: doc.source.as_deref(),
        entities: raw_entities(doc)?,
    };
    serde_json::to_writer(&mut w, &line)?;
    w.write_all(b"\n")
}

/// The 1-based line on which each element of the top-level `"entities"` array
/// of a (valid) JSON object starts. serde keeps no positions, so this is a
/// small scan that knows strings, nesting and nothing else.
pub(crate) fn entity_lines(src: &[u8]) -> Vec<usize> {
    let mut lines = Vec::new();
    let (mut line, mut depth, mut in_entities) = (1, 0usize, false);
    let mut last_string: &[u8] = b"";
    let mut i = 0;
    while i < src.len() {
        match src[i] {
            b'\n' => line += 1,
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < src.len() && src[i] != b'"' {
                    // Skip the escaped byte; raw newlines cannot occur in strings.
                    i += if src[i] == b'\\' { 2 } else { 1 };
                }
                last_string = src.get(start..i).unwrap_or_default();
            }
            open @ (b'{' | b'[') => {
                if in_entities && depth == 2 {
                    lines.push(line);
                }
                // The last string before a `[` in the top object is its key.
                if open == b'[' && depth == 1 && last_string == b"entities" {
                    in_entities = true;
                }
                depth += 1;
            }
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                if depth == 1 {
                    in_entities = false;
                }
            }
            _ => {}
        }
        i += 1;
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_line_of_each_entity() {
        let src = br#"{
  "id": "entities",
  "source": {"entities": [{"x": "[{"}]},
  "entities": [
    {"start": 0, "end": 3, "label": "PER", "text": "K\"{m"},
    {"start": 4,
     "end": 7, "label": "LOC", "text": "]}"}, {"start": 8, "end": 9, "label": "LOC", "text": "x"}
  ],
  "after": [{"a": 1}]
}"#;
        assert_eq!(entity_lines(src), vec![5, 6, 7]);
    }

    #[test]
    fn scanning_broken_input_does_not_panic() {
        assert_eq!(entity_lines(b"{\"entities\": [{"), vec![1]);
        assert_eq!(entity_lines(b"{\"entities\": [\n\"\\"), Vec::<usize>::new());
        assert_eq!(entity_lines(b"]]]}}}{\"entities\":[{"), vec![1]);
    }
}
