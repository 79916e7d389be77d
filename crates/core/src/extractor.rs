use crate::{Document, Entity, Label};

/// Something that finds entities in a document.
///
/// Implementations are `Send + Sync` so that one extractor can serve a whole
/// corpus from many threads. `extract` returns a flat list: sorted by span
/// (see [`crate::sort_entities`]), no two entities overlapping, each with its
/// `source` set to the extractor's name (or, for a combination, to the name
/// of the member that found it).
pub trait Extractor: Send + Sync {
    /// The name the registry and reports know this extractor by.
    fn name(&self) -> &str;

    /// The labels this extractor can produce; scoring per label uses it to
    /// tell "found nothing" from "does not try".
    fn labels(&self) -> &[Label];

    /// Finds the entities of one document.
    fn extract(&self, doc: &Document) -> Vec<Entity>;

    /// The entities of one document before any document-level pass that
    /// spreads what was found over the rest of the text (alias propagation).
    /// A combination asks its members for these, merges them, and runs such
    /// passes once over the merged list: a name the merge rejects then
    /// spreads nothing, and the text is not read again per member. The
    /// default is [`Extractor::extract`], for extractors without such passes.
    fn extract_local(&self, doc: &Document) -> Vec<Entity> {
        self.extract(doc)
    }
}
