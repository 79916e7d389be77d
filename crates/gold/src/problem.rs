//! What can be wrong with a gold set, as typed values that print as one line.

use std::fmt;
use std::path::PathBuf;

use crate::timex::TimexError;

/// One problem found in a gold set: where it is and what it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The file the problem is in.
    pub file: PathBuf,
    /// 1-based line in `file`, where one is meaningful.
    pub line: Option<usize>,
    /// 1-based column on `line` (JSON errors only).
    pub column: Option<usize>,
    /// The id of the document concerned, once it is known.
    pub document: Option<String>,
    /// The entity concerned, for entity-level problems.
    pub entity: Option<EntityRef>,
    /// What is wrong.
    pub kind: ProblemKind,
}

/// An entity as written in the file: its index in `entities`, its
/// code-point offsets and its `text`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntityRef {
    pub index: usize,
    pub start: usize,
    pub end: usize,
    pub text: String,
}

impl fmt::Display for EntityRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Debug quoting shows invisible characters such as NO-BREAK SPACE.
        write!(
            f,
            "entities[{}] {}..{} {:?}",
            self.index, self.start, self.end, self.text
        )
    }
}

/// The kinds of problem, one per rule of the format.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ProblemKind {
    /// A file or line could not be read.
    #[error("cannot read: {0}")]
    Unreadable(String),
    /// An article is not UTF-8; `byte` is where the first bad byte is.
    #[error("not UTF-8 (first bad byte at offset {byte})")]
    NotUtf8 { byte: usize },
    /// Not JSON at all: serde_json's message, without its position.
    #[error("invalid JSON: {0}")]
    InvalidJson(String),
    /// JSON, but not of the format's shape (a missing field, a wrong type).
    #[error("not a gold document: {0}")]
    WrongShape(String),
    /// The document creation time is not a `YYYY-MM-DD` calendar date.
    #[error("dct {0:?} is not a valid date (YYYY-MM-DD)")]
    BadDct(String),
    /// Another document already has this id.
    #[error("duplicate document id (first used at {first})")]
    DuplicateId { first: String },
    /// An annotation's `id` differs from its file name.
    #[error("id does not match the file name {file_stem:?}")]
    IdMismatch { file_stem: String },
    /// An annotation with no article beside it.
    #[error("no article for this annotation (expected {})", .expected.display())]
    MissingArticle { expected: PathBuf },
    /// An article with no annotation.
    #[error("no annotation for this article (expected {})", .expected.display())]
    MissingAnnotation { expected: PathBuf },
    /// `start` is not before `end`.
    #[error("empty or reversed span: start {start} is not before end {end}")]
    EmptySpan { start: usize, end: usize },
    /// The span ends past the text, which has `len` code points.
    #[error("ends at {end}, past the end of the text (length {len})")]
    PastEnd { end: usize, len: usize },
    /// The entity's `text` differs from the document at its offsets.
    #[error("text {written:?} does not match the document, which has {actual:?} there")]
    TextMismatch { written: String, actual: String },
    /// Two entities share characters (the problem's entity is the first).
    #[error("overlaps {other}")]
    Overlap { other: EntityRef },
    /// A label name that is not well formed.
    #[error("invalid label name {0:?}: use ASCII letters, digits, '_' or '-'")]
    InvalidLabel(String),
    /// A well-formed label this gold set does not declare.
    #[error("unknown label {label:?} (known: {})", .known.join(", "))]
    UnknownLabel { label: String, known: Vec<String> },
    /// A DATE without a `value`, where values are required.
    #[error("DATE entity has no value")]
    MissingDateValue,
    /// A DATE `value` that is not an accepted TIMEX3 date.
    #[error("DATE value {value:?} is not TIMEX3: {reason}")]
    BadTimex { value: String, reason: TimexError },
}

impl fmt::Display for Problem {
    /// `file:line:column: document "id": entities[i] s..e "text": what`, with
    /// the parts that do not apply left out.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        f.write_str(": ")?;
        if let Some(id) = &self.document {
            write!(f, "document {id:?}: ")?;
        }
        if let Some(entity) = &self.entity {
            write!(f, "{entity}: ")?;
        }
        write!(f, "{}", self.kind)
    }
}

/// Every problem found, in the order found; the error of a failed load.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Problems(pub Vec<Problem>);

impl fmt::Display for Problems {
    /// A count, then one problem per line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.0.len();
        write!(f, "{n} problem{}", if n == 1 { "" } else { "s" })?;
        for problem in &self.0 {
            write!(f, "\n{problem}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Problems {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_one_line_with_every_known_part() {
        let problem = Problem {
            file: "gold/annotations/a.json".into(),
            line: Some(7),
            column: None,
            document: Some("a".into()),
            entity: Some(EntityRef {
                index: 3,
                start: 10,
                end: 15,
                text: "Kim\u{a0}J".into(),
            }),
            kind: ProblemKind::TextMismatch {
                written: "Kim\u{a0}J".into(),
                actual: "Kim J".into(),
            },
        };
        assert_eq!(
            problem.to_string(),
            r#"gold/annotations/a.json:7: document "a": entities[3] 10..15 "Kim\u{a0}J": text "Kim\u{a0}J" does not match the document, which has "Kim J" there"#
        );
        let bare = Problem {
            file: "x.jsonl".into(),
            line: Some(2),
            column: Some(5),
            document: None,
            entity: None,
            kind: ProblemKind::InvalidJson("EOF while parsing a string".into()),
        };
        assert_eq!(
            bare.to_string(),
            "x.jsonl:2:5: invalid JSON: EOF while parsing a string"
        );
        assert_eq!(
            Problems(vec![bare.clone(), bare])
                .to_string()
                .lines()
                .count(),
            3
        );
    }
}
