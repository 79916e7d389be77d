//! The JSONL shape, read one line at a time.

use std::io::BufRead;
use std::path::PathBuf;

use crate::check::{build, Checks, Ids, Place};
use crate::json::RawLine;
use crate::problem::{ProblemKind, Problems};
use crate::GoldDocument;

/// Reads a JSONL corpus line by line: one checked document (or the problems
/// of that line) per non-blank line, so a corpus of any size is read in the
/// memory of its longest line (plus the set of ids, to find duplicates).
///
/// Problems name `file`, which is only used for messages; a read error ends
/// the iteration after being reported.
///
/// ```
/// use nerbench_gold::{Checks, JsonlReader};
///
/// let corpus = concat!(
///     r#"{"id": "a", "text": "Kim di Pyongyang", "entities": [{"start": 7, "end": 16, "label": "LOC", "text": "Pyongyang"}]}"#,
///     "\n\n",
///     r#"{"id": "b", "text": "Kamis", "extra": true, "entities": [{"start": 0, "end": 5, "label": "DATE", "text": "Kamis", "value": "2023-13-01"}]}"#,
/// );
/// let mut reader = JsonlReader::new(corpus.as_bytes(), "corpus.jsonl", Checks::default());
/// assert_eq!(reader.next().unwrap().unwrap().entities[0].text, "Pyongyang");
/// let problems = reader.next().unwrap().unwrap_err();
/// assert_eq!(
///     problems.0[0].to_string(),
///     r#"corpus.jsonl:3: document "b": entities[0] 0..5 "Kamis": DATE value "2023-13-01" is not TIMEX3: there is no month 13"#
/// );
/// assert!(reader.next().is_none());
/// ```
pub struct JsonlReader<R> {
    reader: R,
    file: PathBuf,
    checks: Checks,
    line: usize,
    buf: Vec<u8>,
    ids: Ids,
    done: bool,
}

impl<R: BufRead> JsonlReader<R> {
    /// A reader of `reader`, whose problems name `file`.
    pub fn new(reader: R, file: impl Into<PathBuf>, checks: Checks) -> JsonlReader<R> {
        JsonlReader {
            reader,
            file: file.into(),
            checks,
            line: 0,
            buf: Vec::new(),
            ids: Ids::default(),
            done: false,
        }
    }

    /// The checks applied to each line.
    pub fn checks(&self) -> &Checks {
        &self.checks
    }

    fn parse_line(&mut self) -> Result<GoldDocument, Problems> {
        let place = Place {
            file: &self.file,
            line: Some(self.line),
            entity_lines: &[],
        };
        // Without its line break, so that a line cut short is reported on its
        // own line (serde_json would see the end after the break, a line on).
        let line = self.buf.strip_suffix(b"\n").unwrap_or(&self.buf);
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let (raw, text) = match serde_json::from_slice::<RawLine>(line) {
            Ok(line) => line.split(),
            Err(err) => return Err(Problems(vec![place.json_problem(&err)])),
        };
        let duplicate = self.ids.record(&raw.id, &place);
        match (build(raw, Some(text), &place, &self.checks), duplicate) {
            (Ok(doc), None) => Ok(doc),
            (Ok(_), Some(dup)) => Err(Problems(vec![dup])),
            (Err(problems), dup) => Err(Problems(dup.into_iter().chain(problems).collect())),
        }
    }
}

impl<R: BufRead> Iterator for JsonlReader<R> {
    type Item = Result<GoldDocument, Problems>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            self.buf.clear();
            match self.reader.read_until(b'\n', &mut self.buf) {
                Ok(0) => self.done = true,
                Ok(_) => {
                    self.line += 1;
                    if !self.buf.iter().all(u8::is_ascii_whitespace) {
                        return Some(self.parse_line());
                    }
                }
                Err(err) => {
                    self.done = true;
                    let place = Place {
                        file: &self.file,
                        line: Some(self.line + 1),
                        entity_lines: &[],
                    };
                    let problem = place.problem(None, ProblemKind::Unreadable(err.to_string()));
                    return Some(Err(Problems(vec![problem])));
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_cut_short_is_reported_on_its_own_line_and_the_next_still_read() {
        let input =
            "{\"id\":\"a\",\"text\":\"x\"}\n{\"id\":\"b\",\n{\"id\":\"c\",\"text\":\"y\"}\r\n";
        let results: Vec<_> =
            JsonlReader::new(input.as_bytes(), "c.jsonl", Checks::default()).collect();
        assert_eq!(results.len(), 3);
        let problems = results[1].as_ref().unwrap_err();
        assert_eq!(problems.0.len(), 1);
        let rendered = problems.0[0].to_string();
        assert!(
            rendered.starts_with("c.jsonl:2:10: invalid JSON: EOF"),
            "{rendered}"
        );
        assert_eq!(results[2].as_ref().unwrap().document.id, "c");
    }
}
