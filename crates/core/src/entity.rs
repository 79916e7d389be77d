use crate::{Label, Source, Span};

/// A labelled mention: where it is, what it is, what it says, and who found it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Entity {
    /// Byte range in the document's text.
    pub span: Span,
    /// Entity type.
    pub label: Label,
    /// The document's text at `span`, kept so reports need not re-slice.
    pub text: String,
    /// A normalised value: for DATE, a TIMEX3 value such as `2023-10-12`.
    pub value: Option<String>,
    /// What produced the entity: an extractor's name, or `gold`.
    pub source: Source,
}

impl Entity {
    /// An entity over `span` of `doc_text`, which must be valid for that text
    /// (build it with [`Span::within`]).
    #[inline]
    pub fn new(doc_text: &str, span: Span, label: Label, source: impl Into<Source>) -> Entity {
        Entity {
            span,
            label,
            text: doc_text[span.range()].to_string(),
            value: None,
            source: source.into(),
        }
    }

    /// What [`sort_entities`] orders by: span (start, then end), then label.
    #[inline]
    pub fn sort_key(&self) -> (Span, &Label) {
        (self.span, &self.label)
    }

    /// The same entity with a normalised value.
    pub fn with_value(mut self, value: impl Into<String>) -> Entity {
        self.value = Some(value.into());
        self
    }
}

/// Sorts entities into the canonical order: by start, then end, then label.
pub fn sort_entities(entities: &mut [Entity]) {
    // Extractors mostly hand over lists in this order already, and a stable
    // sort would still take a scratch buffer to find that out.
    if !entities.is_sorted_by(|a, b| a.sort_key() <= b.sort_key()) {
        entities.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    }
}

/// Every pair of overlapping entities, as index pairs `(i, j)` with `i < j`
/// into `entities` (which need not be sorted).
pub fn overlaps(entities: &[Entity]) -> Vec<(usize, usize)> {
    let mut order: Vec<usize> = (0..entities.len()).collect();
    order.sort_by_key(|&i| entities[i].span);
    let mut pairs = Vec::new();
    for (k, &i) in order.iter().enumerate() {
        // Sorted by start: only the following entities that start before this
        // one ends can overlap it.
        for &j in &order[k + 1..] {
            if entities[j].span.start() >= entities[i].span.end() {
                break;
            }
            pairs.push((i.min(j), i.max(j)));
        }
    }
    pairs.sort_unstable();
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ent(text: &str, start: usize, end: usize) -> Entity {
        Entity::new(
            text,
            Span::within(text, start, end).unwrap(),
            Label::Loc,
            "test",
        )
    }

    #[test]
    fn finds_every_overlapping_pair() {
        let text = "Dewan Keamanan PBB di Korea Utara";
        let entities = vec![
            ent(text, 15, 18),
            ent(text, 0, 18),
            ent(text, 22, 33),
            ent(text, 6, 14),
        ];
        assert_eq!(overlaps(&entities), vec![(0, 1), (1, 3)]);
    }

    #[test]
    fn sorting_is_canonical() {
        let text = "Korea Utara";
        let mut entities = vec![ent(text, 6, 11), ent(text, 0, 11), ent(text, 0, 5)];
        sort_entities(&mut entities);
        let spans: Vec<_> = entities
            .iter()
            .map(|e| (e.span.start(), e.span.end()))
            .collect();
        assert_eq!(spans, vec![(0, 5), (0, 11), (6, 11)]);
        assert_eq!(entities[1].text, "Korea Utara");
    }
}
