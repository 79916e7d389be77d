//! The rules a document must follow, applied to one parsed document at a time.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use nerbench_core::offsets::{CharSpanError, OffsetIndex};
use nerbench_core::{overlaps, Document, Entity, Label, NaiveDate, Source};

use crate::json::RawEntity;
use crate::problem::{EntityRef, Problem, ProblemKind};
use crate::{timex, GoldDocument};

/// What a gold set may contain beyond the fixed rules of the format.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checks {
    labels: Vec<Label>,
    date_values_required: bool,
}

impl Default for Checks {
    /// The four standard labels; every DATE must carry a value.
    fn default() -> Checks {
        Checks {
            labels: Label::STANDARD.to_vec(),
            date_values_required: true,
        }
    }
}

impl Checks {
    /// The same checks, also allowing `label`.
    pub fn with_label(mut self, label: Label) -> Checks {
        self.allow_label(label);
        self
    }

    /// Also allows `label` (once, whatever the number of calls).
    pub fn allow_label(&mut self, label: Label) {
        if !self.labels.contains(&label) {
            self.labels.push(label);
        }
    }

    /// The same checks, but a DATE may lack a `value` (predictions of
    /// extractors that do not normalise, corpora labelled without values).
    pub fn date_values_optional(mut self) -> Checks {
        self.date_values_required = false;
        self
    }

    /// The allowed labels: the standard four first, then the declared ones.
    pub fn labels(&self) -> &[Label] {
        &self.labels
    }
}

/// A document as parsed from either shape, before checking.
pub(crate) struct RawDocument {
    pub id: String,
    pub dct: Option<String>,
    pub source: Option<String>,
    pub entities: Vec<RawEntity>,
}

/// Where a document was read from, so problems can point at it.
pub(crate) struct Place<'a> {
    pub file: &'a Path,
    /// The document's line (JSONL), if any.
    pub line: Option<usize>,
    /// The line of each entity, where known (the directory shape).
    pub entity_lines: &'a [usize],
}

impl Place<'_> {
    pub fn problem(&self, document: Option<&str>, kind: ProblemKind) -> Problem {
        Problem {
            file: self.file.to_path_buf(),
            line: self.line,
            column: None,
            document: document.map(str::to_string),
            entity: None,
            kind,
        }
    }

    fn entity_problem(&self, document: &str, entity: EntityRef, kind: ProblemKind) -> Problem {
        Problem {
            line: self.entity_lines.get(entity.index).copied().or(self.line),
            entity: Some(entity),
            ..self.problem(Some(document), kind)
        }
    }

    /// A serde_json error, at its position (relative to the document's line
    /// in a JSONL file, where the document is a single line).
    pub fn json_problem(&self, err: &serde_json::Error) -> Problem {
        let message = err.to_string();
        let suffix = format!(" at line {} column {}", err.line(), err.column());
        let message = message
            .strip_suffix(&suffix)
            .unwrap_or(&message)
            .to_string();
        let kind = match err.classify() {
            serde_json::error::Category::Data => ProblemKind::WrongShape(message),
            _ => ProblemKind::InvalidJson(message),
        };
        let (line, column) = match self.line {
            Some(line) => (line + err.line().saturating_sub(1), err.column()),
            None => (err.line(), err.column()),
        };
        Problem {
            line: Some(line),
            // serde_json says column 0 for an error at the start of a line.
            column: Some(column).filter(|&c| c > 0),
            ..self.problem(None, kind)
        }
    }
}

/// Ids seen so far in one gold set, with where each was first seen.
#[derive(Debug, Default)]
pub(crate) struct Ids(HashMap<Box<str>, Seen>);

/// Where an id was first seen, kept small (a corpus may have millions of
/// ids): a line of the JSONL file being read, or an annotation file.
#[derive(Debug)]
enum Seen {
    Line(usize),
    File(PathBuf),
}

impl Ids {
    /// Records `id` as seen at `place`; a problem if it was seen before.
    pub fn record(&mut self, id: &str, place: &Place<'_>) -> Option<Problem> {
        if let Some(seen) = self.0.get(id) {
            let first = match seen {
                Seen::Line(line) => format!("{}:{line}", place.file.display()),
                Seen::File(file) => file.display().to_string(),
            };
            return Some(place.problem(Some(id), ProblemKind::DuplicateId { first }));
        }
        let seen = match place.line {
            Some(line) => Seen::Line(line),
            None => Seen::File(place.file.to_path_buf()),
        };
        self.0.insert(id.into(), seen);
        None
    }
}

/// A DCT: exactly `YYYY-MM-DD`, and a real date.
pub(crate) fn parse_dct(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' || !digits(0..4) {
        return None;
    }
    if !digits(5..7) || !digits(8..10) {
        return None;
    }
    NaiveDate::from_ymd_opt(
        s[0..4].parse().ok()?,
        s[5..7].parse().ok()?,
        s[8..10].parse().ok()?,
    )
}

/// Checks one document against every rule and builds it if it passes.
///
/// `text` is `None` when the article could not be read: the span rules are
/// then skipped, every other rule still applies.
pub(crate) fn build(
    raw: RawDocument,
    text: Option<String>,
    place: &Place<'_>,
    checks: &Checks,
) -> Result<GoldDocument, Vec<Problem>> {
    let id = raw.id.as_str();
    let mut problems = Vec::new();
    let dct = raw.dct.and_then(|s| {
        let date = parse_dct(&s);
        if date.is_none() {
            problems.push(place.problem(Some(id), ProblemKind::BadDct(s)));
        }
        date
    });
    let index = text.as_deref().map(OffsetIndex::new);
    let gold = Source::new("gold");
    // Entities with a valid span, with how the file wrote them.
    let mut placed: Vec<(EntityRef, Entity)> = Vec::with_capacity(raw.entities.len());
    for (i, e) in raw.entities.into_iter().enumerate() {
        let here = EntityRef {
            index: i,
            start: e.start,
            end: e.end,
            text: e.text.clone(),
        };
        let mut report = |kind| problems.push(place.entity_problem(id, here.clone(), kind));
        let label = match e.label.parse::<Label>() {
            Ok(label) if checks.labels.contains(&label) => label,
            Ok(label) => {
                report(ProblemKind::UnknownLabel {
                    label: e.label.clone(),
                    known: checks.labels.iter().map(Label::to_string).collect(),
                });
                label
            }
            // Kept as written so that the span is still checked for overlaps;
            // the document is rejected anyway.
            Err(_) => {
                report(ProblemKind::InvalidLabel(e.label.clone()));
                Label::Other(e.label.as_str().into())
            }
        };
        if label == Label::Date {
            match &e.value {
                None if checks.date_values_required => report(ProblemKind::MissingDateValue),
                Some(value) => {
                    if let Err(reason) = timex::check(value) {
                        report(ProblemKind::BadTimex {
                            value: value.clone(),
                            reason,
                        });
                    }
                }
                None => {}
            }
        }
        let (Some(text), Some(index)) = (&text, &index) else {
            continue;
        };
        let span = match index.span_from_chars(e.start, e.end) {
            Ok(span) => span,
            Err(CharSpanError::Empty { start, end }) => {
                report(ProblemKind::EmptySpan { start, end });
                continue;
            }
            Err(CharSpanError::PastEnd { end, len, .. }) => {
                report(ProblemKind::PastEnd { end, len });
                continue;
            }
        };
        let mut entity = Entity::new(text, span, label, gold);
        if entity.text != e.text {
            report(ProblemKind::TextMismatch {
                written: e.text,
                actual: entity.text.clone(),
            });
        }
        entity.value = e.value;
        placed.push((here, entity));
    }
    let (written, entities): (Vec<EntityRef>, Vec<Entity>) = placed.into_iter().unzip();
    for (a, b) in overlaps(&entities) {
        let other = written[b].clone();
        problems.push(place.entity_problem(id, written[a].clone(), ProblemKind::Overlap { other }));
    }
    match text {
        Some(text) if problems.is_empty() => Ok(GoldDocument {
            document: Document {
                id: raw.id,
                text,
                dct,
                metadata: Default::default(),
            },
            entities,
            source: raw.source,
        }),
        _ => Err(problems),
    }
}

#[cfg(test)]
mod tests {
    use crate::{Checks, JsonlReader, ProblemKind};

    /// The problem kinds of each line of `corpus` (empty for a good line).
    fn kinds(corpus: &str, checks: Checks) -> Vec<Vec<ProblemKind>> {
        JsonlReader::new(corpus.as_bytes(), "t.jsonl", checks)
            .map(|item| match item {
                Ok(_) => Vec::new(),
                Err(problems) => problems.0.into_iter().map(|p| p.kind).collect(),
            })
            .collect()
    }

    fn line(text: &str, entities: &str) -> String {
        let text = serde_json::to_string(text).unwrap();
        format!(r#"{{"id":"d","text":{text},"entities":[{entities}]}}"#)
    }

    #[test]
    fn accepts_a_good_document_with_non_ascii_text() {
        let text = "Kim\u{a0}Jong Un “di” Moskow – Brändli";
        let corpus = line(
            text,
            r#"{"start":0,"end":11,"label":"PER","text":"Kim Jong Un"},
               {"start":17,"end":23,"label":"LOC","text":"Moskow"},
               {"start":26,"end":33,"label":"PER","text":"Brändli"}"#,
        )
        .replace('\n', "")
        .replace("Kim Jong", "Kim\u{a0}Jong");
        let docs: Vec<_> = JsonlReader::new(corpus.as_bytes(), "t.jsonl", Checks::default())
            .collect::<Result<_, _>>()
            .unwrap();
        let spans: Vec<_> = docs[0]
            .entities
            .iter()
            .map(|e| (e.span.start(), e.span.end()))
            .collect();
        // Bytes: NO-BREAK SPACE 2, curly quotes 3 each, en dash 3, "ä" 2.
        assert_eq!(spans, vec![(0, 12), (22, 28), (33, 41)]);
        assert_eq!(&*docs[0].entities[2].source, "gold");
    }

    #[test]
    fn every_entity_rule_is_checked_and_all_problems_kept() {
        let corpus = line(
            "Kim di Seoul pada Kamis",
            r#"{"start":0,"end":3,"label":"PER","text":"Kim"},
               {"start":4,"end":4,"label":"PER","text":"x"},
               {"start":20,"end":30,"label":"DATE","text":"Kamis","value":"2023-10-12"},
               {"start":7,"end":12,"label":"LOC","text":"Seol"},
               {"start":0,"end":6,"label":"EVENT","text":"Kim di"},
               {"start":18,"end":23,"label":"DATE","text":"Kamis"},
               {"start":18,"end":23,"label":"per","text":"Kamis","value":"2023-02-30"},
               {"start":7,"end":12,"label":"LO C","text":"Seoul"}"#,
        )
        .replace('\n', "");
        let found = kinds(&corpus, Checks::default()).concat();
        let names: Vec<String> = found.iter().map(|k| format!("{k:?}")).collect();
        let expect = [
            "EmptySpan { start: 4, end: 4 }",
            "PastEnd { end: 30, len: 23 }",
            r#"TextMismatch { written: "Seol", actual: "Seoul" }"#,
            "UnknownLabel { label: \"EVENT\"",
            "MissingDateValue",
            "UnknownLabel { label: \"per\"",
            "InvalidLabel(\"LO C\")",
            "Overlap { other: EntityRef { index: 4,",
            "Overlap { other: EntityRef { index: 7,",
            "Overlap { other: EntityRef { index: 6,",
        ];
        for e in expect {
            assert!(
                names.iter().any(|n| n.starts_with(e)),
                "{e} not in {names:#?}"
            );
        }
        // A timex value on a non-DATE label is not checked as one.
        assert!(
            !names.iter().any(|n| n.starts_with("BadTimex")),
            "{names:#?}"
        );
        assert_eq!(found.len(), expect.len(), "{names:#?}");
    }

    #[test]
    fn document_rules_and_json_errors() {
        let corpus = [
            r#"{"id":"a","text":"x","dct":"2023-02-30"}"#,
            r#"{"id":"b","text":"x","dct":"2023-2-3"}"#,
            r#"{"id":"a","text":"x","dct":"2023-02-28","unknown":{"deep":[1]}}"#,
            r#"{"id":"c","text":"x","entities":[{"start":0}]}"#,
            r#"{"id":"d","text":"x" "y"}"#,
            "",
            r#"{"id":"e","text":"Juni","entities":[{"start":0,"end":4,"label":"DATE","text":"Juni","value":"2023-13"}]}"#,
            r#"{"id":"f","text":"Juni","entities":[{"start":0,"end":4,"label":"DATE","text":"Juni","value":"XXXX-06","note":1}]}"#,
        ]
        .join("\n");
        let found = kinds(&corpus, Checks::default());
        let debug: Vec<String> = found.iter().map(|k| format!("{k:?}")).collect();
        assert_eq!(
            debug,
            [
                r#"[BadDct("2023-02-30")]"#,
                r#"[BadDct("2023-2-3")]"#,
                r#"[DuplicateId { first: "t.jsonl:1" }]"#,
                r#"[WrongShape("missing field `end`")]"#,
                r#"[InvalidJson("expected `,` or `}`")]"#,
                r#"[BadTimex { value: "2023-13", reason: Month(13) }]"#,
                "[]",
            ]
        );
        let problems: Vec<String> =
            JsonlReader::new(corpus.as_bytes(), "t.jsonl", Checks::default())
                .filter_map(Result::err)
                .flat_map(|p| p.0)
                .map(|p| p.to_string())
                .collect();
        assert_eq!(
            problems[3],
            "t.jsonl:4:44: not a gold document: missing field `end`"
        );
        assert_eq!(
            problems[4],
            "t.jsonl:5:22: invalid JSON: expected `,` or `}`"
        );
        assert_eq!(
            problems[5],
            r#"t.jsonl:7: document "e": entities[0] 0..4 "Juni": DATE value "2023-13" is not TIMEX3: there is no month 13"#
        );
    }

    #[test]
    fn declared_labels_and_optional_date_values() {
        let corpus = line(
            "Liga Kamis",
            r#"{"start":0,"end":4,"label":"EVENT","text":"Liga"},{"start":5,"end":10,"label":"DATE","text":"Kamis"}"#,
        );
        let checks = Checks::default()
            .with_label("EVENT".parse().unwrap())
            .date_values_optional();
        assert_eq!(kinds(&corpus, checks), vec![Vec::new()]);
    }

    #[test]
    fn never_panics_on_hostile_lines() {
        let corpus = [
            "\u{feff}{}",
            "null",
            "[]",
            r#"{"id":"a","text":"é","entities":[{"start":18446744073709551615,"end":0,"label":"PER","text":""}]}"#,
            r#"{"id":"b","text":"é","entities":[{"start":0,"end":18446744073709551615,"label":"PER","text":""}]}"#,
            r#"{"id":"c","text":"é","entities":[{"start":-1,"end":1,"label":"PER","text":"é"}]}"#,
            &"[".repeat(10_000),
            "\u{0}\u{ffff}",
        ]
        .join("\n");
        let found = kinds(&corpus, Checks::default());
        assert_eq!(found.len(), 8);
        assert!(found.iter().all(|k| k.len() == 1), "{found:?}");
    }
}
