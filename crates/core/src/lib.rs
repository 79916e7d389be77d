//! The shared model of nerbench: what a document, a span, an entity and an
//! extractor are, and the one place where byte offsets meet code-point offsets.
//!
//! Every other nerbench crate speaks these types: gold sets load into
//! [`Document`]s and [`Entity`]s, extractors implement [`Extractor`], and the
//! scorer compares entity lists. Offsets inside the model are always **byte**
//! offsets into the document's UTF-8 text (what Rust slices with); files on
//! disk use Unicode code points, and [`offsets::OffsetIndex`] converts between
//! the two.
//!
//! ```
//! use nerbench_core::{Document, Entity, Label, Span};
//!
//! let doc = Document::new("d1", "Presiden Rusia\u{a0}Vladimir Putin tiba.");
//! let span = Span::within(&doc.text, 16, 30).unwrap();
//! let putin = Entity::new(&doc.text, span, Label::Per, "example");
//! assert_eq!(putin.text, "Vladimir Putin");
//!
//! // "\u{a0}" is two bytes but one code point.
//! let index = doc.offset_index();
//! assert_eq!(index.to_char(16), Some(15));
//! assert_eq!(index.to_byte(15), Some(16));
//! ```

mod document;
mod entity;
mod extractor;
mod label;
pub mod offsets;
mod registry;
mod select;
mod source;
mod span;
pub mod words;

pub use chrono::{NaiveDate, TimeDelta};
pub use document::Document;
pub use entity::{overlaps, sort_entities, Entity};
pub use extractor::Extractor;
pub use label::{Label, ParseLabelError};
pub use registry::{Registry, RegistryError, Settings};
pub use select::{select_disjoint, select_disjoint_or_cut};
pub use source::Source;
pub use span::{Span, SpanError};
