//! Gold sets for nerbench: hand-labelled documents read from disk, checked
//! against every rule of the format, and written back byte for byte.
//!
//! A gold set comes in one of two shapes; both count offsets in Unicode
//! **code points** (as Python, brat and spaCy do), `start` inclusive, `end`
//! exclusive, while the loaded [`Entity`]s carry **byte** spans (converted by
//! [`nerbench_core::offsets::OffsetIndex`]) and `source` `"gold"`.
//!
//! **Directory**: `<dir>/articles/<id>.txt` holds a document's text exactly
//! as stored (UTF-8, no normalisation); `<dir>/annotations/<id>.json` holds
//!
//! ```json
//! {
//!   "id": "<id>",
//!   "dct": "2023-10-12",
//!   "source": "https://…",
//!   "entities": [
//!     {"start": 59, "end": 70, "label": "PER", "text": "Kim Jong Un"},
//!     {"start": 243, "end": 253, "label": "DATE", "text": "12 Oktober", "value": "2023-10-12"}
//!   ]
//! }
//! ```
//!
//! `dct` and `source` may be left out; `entities` may not. An optional
//! `<dir>/labels.txt` declares labels beyond PER, ORG, LOC and DATE, one per
//! line (blank lines and `#` comments skipped). A single annotation file can
//! be read on its own: its article is `../articles/<id>.txt` beside it.
//!
//! **JSONL**: one document per line, `{"id", "text", "dct"?, "source"?,
//! "entities"?: [...]}`, blank lines skipped; `entities` left out means none
//! (a corpus to extract from). [`JsonlReader`] streams such a file.
//!
//! In both shapes, keys the format does not know are ignored, also inside
//! entities, and not written back.
//!
//! **Rules** (each broken rule is a [`Problem`]; every problem of every
//! document is reported, one bad document never hides another):
//! the file is JSON of the shape above (position of a syntax error given);
//! `dct` is a `YYYY-MM-DD` calendar date; ids are unique, and in a directory
//! each annotation's `id` is its file name and has an article, and each
//! article has an annotation; for each entity, `start < end <= ` the text's
//! length, `text` is the slice of the document at its offsets, its `label` is
//! standard or declared, and a DATE's `value` is TIMEX3 ([`timex`]);
//! no two entities overlap. A DATE **without** a value is an error by default
//! (the guidelines give every DATE one, and scoring values needs them);
//! [`Checks::date_values_optional`] relaxes it, for predictions and for
//! corpora labelled without values.
//!
//! **Canonical layout**, which the writers produce and which therefore
//! survives a load and a write byte for byte: annotation files as above (keys
//! in that order, two-space indent, one entity per line with keys `start,
//! end, label, text, value` separated by `", "` and `": "`, `"entities": []`
//! when empty, final newline); JSONL lines compact serde_json (no spaces)
//! with keys `id, text, dct, source, entities`; strings escaped as
//! serde_json does (non-ASCII written as is); absent options left out;
//! entities in their loaded order; `labels.txt` one label per line.
//!
//! ```
//! use nerbench_gold::{Checks, GoldSet, JsonlReader};
//!
//! let line = r#"{"id": "d1", "text": "Presiden Rusia\u00a0Vladimir Putin", "entities": [
//!     {"start": 9, "end": 14, "label": "LOC", "text": "Rusia"},
//!     {"start": 15, "end": 29, "label": "PER", "text": "Vladimir Putin"}]}"#
//!     .replace('\n', "");
//! let documents = JsonlReader::new(line.as_bytes(), "mem.jsonl", Checks::default())
//!     .collect::<Result<Vec<_>, _>>()
//!     .unwrap();
//! // Code point 15 is byte 16: the NO-BREAK SPACE takes two bytes.
//! assert_eq!(documents[0].entities[1].span.start(), 16);
//!
//! let set = GoldSet { documents, labels: Checks::default().labels().to_vec() };
//! assert_eq!(set.summary().entities(), 2);
//! let mut out = Vec::new();
//! set.write_jsonl(&mut out).unwrap();
//! assert!(String::from_utf8(out).unwrap().contains(r#""start":15,"end":29"#));
//! ```

mod check;
mod dir;
mod json;
mod jsonl;
mod problem;
mod summary;
pub mod timex;

use std::fs::File;
use std::io::{self, BufReader, Write};
use std::path::{Path, PathBuf};

use nerbench_core::{Document, Entity, Label};

pub use check::Checks;
pub use jsonl::JsonlReader;
pub use problem::{EntityRef, Problem, ProblemKind, Problems};
pub use summary::Summary;

use dir::DirReader;

/// One annotated document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoldDocument {
    /// The document (id, text, DCT).
    pub document: Document,
    /// Its entities in file order, with byte spans and `source` `"gold"`.
    pub entities: Vec<Entity>,
    /// Where the text comes from (a URL), if given.
    pub source: Option<String>,
}

impl GoldDocument {
    /// Writes the canonical annotation file of this document.
    pub fn write_json(&self, w: impl Write) -> io::Result<()> {
        json::write_annotation(self, w)
    }

    /// Writes this document as one canonical JSONL line.
    pub fn write_jsonl(&self, w: impl Write) -> io::Result<()> {
        json::write_line(self, w)
    }
}

/// A gold set that passed every check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoldSet {
    /// The documents, in file (or line) order.
    pub documents: Vec<GoldDocument>,
    /// The labels the set allows: the standard four, then declared ones.
    pub labels: Vec<Label>,
}

/// The path given cannot be read as a gold set at all.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// It does not exist or cannot be read.
    #[error("cannot read {}", .path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    /// A directory without `annotations/`.
    #[error("{} is not a gold set directory (it has no annotations/ directory)", .0.display())]
    NotAGoldSet(PathBuf),
    /// A file that is neither `.json` nor `.jsonl`.
    #[error("{} is neither a directory nor a .json or .jsonl file", .0.display())]
    UnknownShape(PathBuf),
}

/// Why a gold set could not be loaded for scoring.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error(transparent)]
    Open(#[from] OpenError),
    /// It was read, but breaks rules of the format.
    #[error("{} is not a valid gold set: {problems}", .path.display())]
    Invalid { path: PathBuf, problems: Problems },
}

/// Documents read one at a time from a gold set of either shape, each
/// checked: `Ok` for a document with no problem, `Err` with all of a
/// document's problems otherwise (and for problems of the set itself, such as
/// an article without annotation).
pub struct GoldReader(Shape);

enum Shape {
    Dir(DirReader),
    Jsonl(JsonlReader<BufReader<File>>),
}

impl GoldReader {
    /// The labels allowed: those of the checks, plus those `labels.txt` declares.
    pub fn labels(&self) -> &[Label] {
        match &self.0 {
            Shape::Dir(r) => r.checks().labels(),
            Shape::Jsonl(r) => r.checks().labels(),
        }
    }
}

impl Iterator for GoldReader {
    type Item = Result<GoldDocument, Problems>;

    fn next(&mut self) -> Option<Self::Item> {
        match &mut self.0 {
            Shape::Dir(r) => r.next(),
            Shape::Jsonl(r) => r.next(),
        }
    }
}

/// Opens a gold set: a directory, an annotation `.json` file or a `.jsonl`
/// corpus. Fails only if `path` cannot be read as one; problems inside come
/// out of the reader.
pub fn open(path: impl AsRef<Path>, checks: &Checks) -> Result<GoldReader, OpenError> {
    let path = path.as_ref();
    let io_error = |source| OpenError::Io {
        path: path.to_path_buf(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(io_error)?;
    let shape = if meta.is_dir() {
        Shape::Dir(DirReader::directory(path, checks.clone())?)
    } else {
        match path.extension().and_then(|e| e.to_str()) {
            Some("jsonl") => {
                let file = File::open(path).map_err(io_error)?;
                Shape::Jsonl(JsonlReader::new(BufReader::new(file), path, checks.clone()))
            }
            Some("json") => Shape::Dir(DirReader::single(path, checks.clone())),
            _ => return Err(OpenError::UnknownShape(path.to_path_buf())),
        }
    };
    Ok(GoldReader(shape))
}

impl GoldSet {
    /// Loads a gold set for scoring with the default [`Checks`].
    pub fn load(path: impl AsRef<Path>) -> Result<GoldSet, LoadError> {
        GoldSet::load_with(path, &Checks::default())
    }

    /// Loads a gold set for scoring: every document, or every problem.
    pub fn load_with(path: impl AsRef<Path>, checks: &Checks) -> Result<GoldSet, LoadError> {
        let mut reader = open(&path, checks)?;
        let (mut documents, mut problems) = (Vec::new(), Vec::new());
        for item in &mut reader {
            match item {
                Ok(doc) => documents.push(doc),
                Err(Problems(more)) => problems.extend(more),
            }
        }
        if !problems.is_empty() {
            return Err(LoadError::Invalid {
                path: path.as_ref().to_path_buf(),
                problems: Problems(problems),
            });
        }
        Ok(GoldSet {
            documents,
            labels: reader.labels().to_vec(),
        })
    }

    /// Counts of the set.
    pub fn summary(&self) -> Summary {
        let mut summary = Summary::new(&self.labels);
        for doc in &self.documents {
            summary.add(doc);
        }
        summary
    }

    /// Writes the set as a directory (creating it), in the canonical layout.
    pub fn write_dir(&self, root: impl AsRef<Path>) -> io::Result<()> {
        dir::write_dir(root.as_ref(), &self.documents, &self.labels)
    }

    /// Writes the set as canonical JSONL (declared labels are not kept).
    pub fn write_jsonl(&self, mut w: impl Write) -> io::Result<()> {
        for doc in &self.documents {
            doc.write_jsonl(&mut w)?;
        }
        Ok(())
    }
}
