use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::offsets::OffsetIndex;

/// A text to extract from, with what is known about it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Document {
    /// Identifier, unique within a corpus.
    pub id: String,
    /// The text exactly as stored: no normalisation, no trimming.
    pub text: String,
    /// Document creation time, against which relative dates are resolved.
    pub dct: Option<NaiveDate>,
    /// Free-form facts about the document (source, URL…), kept in key order.
    pub metadata: BTreeMap<String, String>,
}

impl Document {
    /// A document with no DCT and no metadata.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Document {
        Document {
            id: id.into(),
            text: text.into(),
            ..Document::default()
        }
    }

    /// The same document with a creation time.
    pub fn with_dct(mut self, dct: NaiveDate) -> Document {
        self.dct = Some(dct);
        self
    }

    /// Byte/code-point conversion for this document's text.
    pub fn offset_index(&self) -> OffsetIndex<'_> {
        OffsetIndex::new(&self.text)
    }
}
