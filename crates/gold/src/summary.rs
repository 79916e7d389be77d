//! Counts of a gold set: documents, and entities per label and per document.

use std::fmt;

use nerbench_core::Label;
use serde::ser::{Serialize, SerializeMap, SerializeStruct, Serializer};

use crate::GoldDocument;

/// Entities per label for each document, built one document at a time (so a
/// streamed corpus need not be held in memory).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    /// Column order: the gold set's labels, then any other label met.
    labels: Vec<Label>,
    /// Per document, a count per column (missing trailing columns are 0).
    rows: Vec<(String, Vec<usize>)>,
    totals: Vec<usize>,
}

impl Summary {
    /// An empty summary whose columns are `labels` (zero counts included).
    pub fn new(labels: &[Label]) -> Summary {
        Summary {
            labels: labels.to_vec(),
            rows: Vec::new(),
            totals: vec![0; labels.len()],
        }
    }

    /// Counts one more document.
    pub fn add(&mut self, doc: &GoldDocument) {
        let mut counts = vec![0; self.labels.len()];
        for entity in &doc.entities {
            let column = match self.column(&entity.label) {
                Some(column) => column,
                None => {
                    self.labels.push(entity.label.clone());
                    self.totals.push(0);
                    counts.push(0);
                    self.labels.len() - 1
                }
            };
            counts[column] += 1;
            self.totals[column] += 1;
        }
        self.rows.push((doc.document.id.clone(), counts));
    }

    fn column(&self, label: &Label) -> Option<usize> {
        self.labels.iter().position(|l| l == label)
    }

    /// Number of documents.
    pub fn documents(&self) -> usize {
        self.rows.len()
    }

    /// Number of entities.
    pub fn entities(&self) -> usize {
        self.totals.iter().sum()
    }

    /// Entities of `label` over all documents.
    pub fn count(&self, label: &Label) -> usize {
        self.column(label).map_or(0, |c| self.totals[c])
    }

    /// Entities of `label` in the document `id` (0 if there is none).
    pub fn count_in(&self, id: &str, label: &Label) -> usize {
        let row = self.rows.iter().find(|(row, _)| row == id);
        match (row, self.column(label)) {
            (Some((_, counts)), Some(c)) => counts.get(c).copied().unwrap_or(0),
            _ => 0,
        }
    }

    /// The labels, in column order.
    pub fn labels(&self) -> &[Label] {
        &self.labels
    }
}

/// Counts in column order, zeros included, as a JSON object.
struct Counts<'a>(&'a [Label], &'a [usize]);

impl Serialize for Counts<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (i, label) in self.0.iter().enumerate() {
            map.serialize_entry(label.as_str(), &self.1.get(i).copied().unwrap_or(0))?;
        }
        map.end()
    }
}

struct Rows<'a>(&'a Summary);

impl Serialize for Rows<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let labels = &self.0.labels;
        let mut map = s.serialize_map(Some(self.0.rows.len()))?;
        for (id, counts) in &self.0.rows {
            map.serialize_entry(id, &Counts(labels, counts))?;
        }
        map.end()
    }
}

impl Serialize for Summary {
    /// `{"documents", "entities", "per_label": {label: n}, "per_document":
    /// {id: {label: n}}}`, labels in column order.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut out = s.serialize_struct("Summary", 4)?;
        out.serialize_field("documents", &self.documents())?;
        out.serialize_field("entities", &self.entities())?;
        out.serialize_field("per_label", &Counts(&self.labels, &self.totals))?;
        out.serialize_field("per_document", &Rows(self))?;
        out.end()
    }
}

impl fmt::Display for Summary {
    /// A count line, then a table: one row per document, one column per
    /// label, totals last.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (docs, entities) = (self.documents(), self.entities());
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        writeln!(
            f,
            "{docs} document{}, {entities} entit{}",
            plural(docs),
            if entities == 1 { "y" } else { "ies" }
        )?;
        let id_width = self
            .rows
            .iter()
            .map(|(id, _)| id.chars().count())
            .chain([8]) // "document"
            .max()
            .unwrap_or(8);
        let widths: Vec<usize> = (self.labels.iter().zip(&self.totals))
            .map(|(label, total)| label.as_str().len().max(total.to_string().len()))
            .collect();
        let total_width = "total".len().max(entities.to_string().len());
        let mut row = |name: &str, cells: Vec<String>, total: String| {
            write!(f, "{name:<id_width$}")?;
            for (value, width) in cells.iter().zip(&widths) {
                write!(f, "  {value:>width$}")?;
            }
            writeln!(f, "  {total:>total_width$}")
        };
        let names = self.labels.iter().map(Label::to_string).collect();
        row("document", names, "total".into())?;
        for (id, counts) in &self.rows {
            let cells = (0..self.labels.len())
                .map(|c| counts.get(c).copied().unwrap_or(0).to_string())
                .collect();
            row(id, cells, counts.iter().sum::<usize>().to_string())?;
        }
        let totals = self.totals.iter().map(usize::to_string).collect();
        row("total", totals, entities.to_string())
    }
}

#[cfg(test)]
mod tests {
    use nerbench_core::{Document, Entity, Span};

    use super::*;

    fn doc(id: &str, labels: &[Label]) -> GoldDocument {
        let text = "x".repeat(labels.len());
        let entities = labels
            .iter()
            .enumerate()
            .map(|(i, l)| {
                Entity::new(
                    &text,
                    Span::within(&text, i, i + 1).unwrap(),
                    l.clone(),
                    "gold",
                )
            })
            .collect();
        GoldDocument {
            document: Document::new(id, text),
            entities,
            source: None,
        }
    }

    #[test]
    fn counts_per_label_and_document() {
        let event = Label::Other("EVENT".into());
        let mut summary = Summary::new(&Label::STANDARD);
        summary.add(&doc("a", &[Label::Per, Label::Per, Label::Date]));
        summary.add(&doc("long_document_id", &[Label::Loc, event.clone()]));
        assert_eq!(summary.documents(), 2);
        assert_eq!(summary.entities(), 5);
        assert_eq!(summary.count(&Label::Per), 2);
        assert_eq!(summary.count(&Label::Org), 0);
        assert_eq!(summary.count_in("long_document_id", &event), 1);
        assert_eq!(
            summary.to_string(),
            "\
2 documents, 5 entities
document          PER  ORG  LOC  DATE  EVENT  total
a                   2    0    0     1      0      3
long_document_id    0    0    1     0      1      2
total               2    0    1     1      1      5
"
        );
        assert_eq!(
            serde_json::to_string(&summary).unwrap(),
            r#"{"documents":2,"entities":5,"per_label":{"PER":2,"ORG":0,"LOC":1,"DATE":1,"EVENT":1},"per_document":{"a":{"PER":2,"ORG":0,"LOC":0,"DATE":1,"EVENT":0},"long_document_id":{"PER":0,"ORG":0,"LOC":1,"DATE":0,"EVENT":1}}}"#
        );
    }
}
