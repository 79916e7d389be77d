//! A gazetteer extractor: finds the names listed in TSV gazetteers (countries,
//! cities, states and provinces abroad, Indonesian regions, organisations,
//! outlets, leaders…) in a text
//! with one Aho-Corasick automaton, keeping only whole-word matches.
//!
//! Lists are TSV files of `surface<TAB>label<TAB>source` lines (label `PER`,
//! `ORG` or `LOC`, or `-` for a phrase that holds a name but is none, such as
//! the title "Wali Kota": its match gives nothing and keeps "Kota Surabaya"
//! from being found inside it) under a header of `#` comments saying where
//! the list comes from. A header line `# casefold: true` makes the list match
//! without regard to case: each word may be in lower, UPPER or Capitalised
//! form; `# uppercase: true` adds only each entry written all in capitals.
//! The built-in lists (`data/*.tsv` in this crate) are always available;
//! users add their own with [`GazetteerBuilder::add_file`] or
//! [`Gazetteer::with_files`].
//!
//! Matching is leftmost-longest, and a match counts only if the characters on
//! either side of it are not letters or digits (Unicode-aware), so "Rusia"
//! is found in “Rusia” and in "Moskow-Rusia" but not in "Rusiana". When the
//! longest candidate at a position fails that test, shorter candidates at the
//! same position are tried before moving on.
//!
//! ```
//! use nerbench_core::{Document, Extractor, Label};
//! use nerbench_gazetteer::Gazetteer;
//!
//! let gazetteer = Gazetteer::builder()
//!     .add_list("mine.tsv", "# source: example\nKorea\tLOC\tex\nKorea Utara\tLOC\tex\n")
//!     .unwrap()
//!     .build()
//!     .unwrap();
//! let doc = Document::new("d", "Korea Utaranya? Tidak: Korea-Rusia dan Korea Utara.");
//! let found: Vec<_> = gazetteer
//!     .extract(&doc)
//!     .into_iter()
//!     .map(|e| (e.text, e.label))
//!     .collect();
//! assert_eq!(
//!     found,
//!     [
//!         ("Korea".to_string(), Label::Loc),
//!         ("Korea".to_string(), Label::Loc),
//!         ("Korea Utara".to_string(), Label::Loc),
//!     ]
//! );
//!
//! // The built-in lists know the world's countries in Indonesian.
//! let builtin = Gazetteer::builtin().unwrap();
//! let doc = Document::new("d", "Presiden Rusia\u{a0}bertemu pemimpin Korea Utara.");
//! let names: Vec<_> = builtin.extract(&doc).into_iter().map(|e| e.text).collect();
//! assert_eq!(names, ["Rusia", "Korea Utara"]);
//! ```

mod list;
mod matcher;

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::Path;

use nerbench_core::{Document, Entity, Extractor, Label, Source, Span};

pub use list::{CaseForms, Entry, GazetteerError};
use matcher::{Hit, Matcher};

/// The built-in lists, in load order: `(name, content)`.
pub const BUILTIN_LISTS: &[(&str, &str)] = &[
    ("countries.tsv", include_str!("../data/countries.tsv")),
    (
        "country_short_forms.tsv",
        include_str!("../data/country_short_forms.tsv"),
    ),
    (
        "world_regions.tsv",
        include_str!("../data/world_regions.tsv"),
    ),
    ("regions.tsv", include_str!("../data/regions.tsv")),
    (
        "geographic_features.tsv",
        include_str!("../data/geographic_features.tsv"),
    ),
    ("world_cities.tsv", include_str!("../data/world_cities.tsv")),
    (
        "world_cities_press.tsv",
        include_str!("../data/world_cities_press.tsv"),
    ),
    (
        "world_subdivisions.tsv",
        include_str!("../data/world_subdivisions.tsv"),
    ),
    (
        "indonesia_regions.tsv",
        include_str!("../data/indonesia_regions.tsv"),
    ),
    (
        "indonesia_cities.tsv",
        include_str!("../data/indonesia_cities.tsv"),
    ),
    (
        "international_orgs.tsv",
        include_str!("../data/international_orgs.tsv"),
    ),
    (
        "indonesia_institutions.tsv",
        include_str!("../data/indonesia_institutions.tsv"),
    ),
    ("media.tsv", include_str!("../data/media.tsv")),
    (
        "media_domains.tsv",
        include_str!("../data/media_domains.tsv"),
    ),
    ("leaders.tsv", include_str!("../data/leaders.tsv")),
    (
        "football_clubs.tsv",
        include_str!("../data/football_clubs.tsv"),
    ),
    ("companies.tsv", include_str!("../data/companies.tsv")),
    ("not_names.tsv", include_str!("../data/not_names.tsv")),
];

/// The entries of one list in the TSV format above, without building a
/// matcher (for a consumer that wants only the names, such as the regions of
/// the combination's regional offices). `list` names it in errors.
///
/// ```
/// let entries = nerbench_gazetteer::parse_list("mine.tsv", "# source: ex\nJombang\tLOC\tex\n").unwrap();
/// assert_eq!(&*entries[0].surface, "Jombang");
/// ```
pub fn parse_list(list: &str, text: &str) -> Result<Vec<Entry>, GazetteerError> {
    list::parse(list, text)
}

/// The name the extractor reports and the registry knows it by.
pub const NAME: &str = "gazetteer";

/// Collects lists, then builds a [`Gazetteer`].
///
/// Lists are applied in the order they are added. When two lists hold the
/// same surface (exactly the same text), the later list wins: its label and
/// source replace the earlier ones, so a user list can relabel or re-source a
/// built-in entry. The same goes for the case forms of a case-folded entry
/// that equal another entry's text: the entry added later wins. Within one
/// list, a surface given two different labels (for a case-folded list: two
/// surfaces equal but for case) is an error ([`GazetteerError::Conflict`]).
#[derive(Debug, Default)]
pub struct GazetteerBuilder {
    /// In the order entries took effect; `None` where a later list replaced one.
    entries: Vec<Option<Entry>>,
    by_surface: HashMap<String, usize>,
}

impl GazetteerBuilder {
    /// Adds the built-in lists ([`BUILTIN_LISTS`]).
    pub fn add_builtin(self) -> Result<Self, GazetteerError> {
        BUILTIN_LISTS
            .iter()
            .try_fold(self, |builder, (name, text)| {
                builder.add_list(&format!("builtin:{name}"), text)
            })
    }

    /// Adds a list read from `path`; errors name the path and line.
    pub fn add_file(self, path: impl AsRef<Path>) -> Result<Self, GazetteerError> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|source| GazetteerError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        self.add_list(&path.display().to_string(), &text)
    }

    /// Adds a list given as text; `name` stands for it in errors.
    pub fn add_list(mut self, name: &str, text: &str) -> Result<Self, GazetteerError> {
        for entry in list::parse(name, text)? {
            if let Some(at) = self
                .by_surface
                .insert(entry.surface.clone(), self.entries.len())
            {
                self.entries[at] = None;
            }
            self.entries.push(Some(entry));
        }
        Ok(self)
    }

    /// Builds the automata (once; extraction only searches).
    pub fn build(self) -> Result<Gazetteer, GazetteerError> {
        let entries: Vec<Entry> = self.entries.into_iter().flatten().collect();
        let matcher = Matcher::new(&entries)?;
        let mut labels: Vec<Label> = entries.iter().filter_map(|e| e.label.clone()).collect();
        labels.sort();
        labels.dedup();
        Ok(Gazetteer {
            entries,
            matcher,
            labels,
            source: Source::new(NAME),
        })
    }
}

/// The gazetteer extractor. Build it once; [`Extractor::extract`] only
/// searches.
#[derive(Debug)]
pub struct Gazetteer {
    entries: Vec<Entry>,
    matcher: Option<Matcher>,
    labels: Vec<Label>,
    source: Source,
}

impl Gazetteer {
    /// An empty builder.
    pub fn builder() -> GazetteerBuilder {
        GazetteerBuilder::default()
    }

    /// The built-in lists only.
    pub fn builtin() -> Result<Gazetteer, GazetteerError> {
        Gazetteer::builder().add_builtin()?.build()
    }

    /// The built-in lists plus user lists, which are applied after them in
    /// the order given (see [`GazetteerBuilder`] for duplicates).
    pub fn with_files<P: AsRef<Path>>(paths: &[P]) -> Result<Gazetteer, GazetteerError> {
        paths
            .iter()
            .try_fold(Gazetteer::builder().add_builtin()?, |b, p| b.add_file(p))?
            .build()
    }

    /// Every entry in effect (after later lists replaced earlier ones).
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }
}

impl Extractor for Gazetteer {
    fn name(&self) -> &str {
        NAME
    }

    fn labels(&self) -> &[Label] {
        &self.labels
    }

    fn extract(&self, doc: &Document) -> Vec<Entity> {
        let text = doc.text.as_str();
        let Some(matcher) = &self.matcher else {
            return Vec::new();
        };
        HITS.with_borrow_mut(|hits| {
            hits.clear();
            hits.extend(matcher.hits(text));
            let mut out = Vec::with_capacity(hits.len());
            out.extend(hits.iter().filter_map(|hit| {
                // Matches of valid UTF-8 patterns start and end on character
                // boundaries, so this never fails; checked all the same.
                let label = self.entries[hit.entry].label.clone()?;
                let span = Span::within(text, hit.start, hit.end).ok()?;
                Some(Entity::new(text, span, label, self.source))
            }));
            out
        })
    }
}

thread_local! {
    /// The hits of the document being searched on this thread. Gathering them
    /// first sizes the entities' vector exactly, instead of growing and
    /// copying it a few times per document (about 7% of the time on news);
    /// the buffer is kept (sized for the most hits a document had) so that
    /// it, too, is allocated once.
    static HITS: RefCell<Vec<Hit>> = const { RefCell::new(Vec::new()) };
}
