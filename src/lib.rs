//! The `nerbench` package: links every extractor crate into one
//! [`Registry`], which the binary, the integration tests and the benches share.
//!
//! ```
//! use nerbench_core::{Document, Settings};
//!
//! let registry = nerbench::registry();
//! let gazetteer = registry.build("gazetteer", &Settings::default()).unwrap();
//! let doc = Document::new("d", "Presiden Rusia Vladimir Putin tiba di Pyongyang.");
//! let found: Vec<_> = gazetteer.extract(&doc).into_iter().map(|e| e.text).collect();
//! assert_eq!(found, ["Rusia", "Vladimir Putin", "Pyongyang"]);
//! ```

pub mod pipeline;

use nerbench_core::{Extractor, Registry};
use nerbench_dates::DateExtractor;
use nerbench_gazetteer::Gazetteer;

/// Every extractor nerbench ships, registered by name.
pub fn registry() -> Registry {
    let mut registry = Registry::new();
    registry.register(
        "gazetteer",
        "Aho-Corasick lookup of named lists (countries, cities, organisations, outlets, leaders)",
        |settings, _| {
            Ok(Box::new(Gazetteer::with_files(&settings.gazetteer_files)?) as Box<dyn Extractor>)
        },
    );
    registry.register(
        DateExtractor::NAME,
        "Indonesian date expressions resolved to TIMEX3 values against the DCT",
        |_, _| Ok(Box::new(DateExtractor::new()) as Box<dyn Extractor>),
    );
    registry
}
