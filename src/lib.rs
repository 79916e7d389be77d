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

use nerbench_combined::Combined;
use nerbench_core::{Extractor, Registry, Settings};
use nerbench_dates::DateExtractor;
use nerbench_gazetteer::Gazetteer;
use nerbench_regex_rules::RegexRules;

// The extractors build a `String` per entity and the scorer several per error
// record; mimalloc serves these small allocations about a fifth faster than
// the system allocator. Set here, in the package that links every extractor,
// it is the allocator of everything built on this package: the `nerbench`
// binary, and the benches and examples that time it, so they measure what the
// command line runs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

type Built = Result<Box<dyn Extractor>, Box<dyn std::error::Error + Send + Sync>>;

/// The members of `combined` when `Settings::combine` names none, in priority
/// order: a curated list beats a pattern on a tie in span length ("menurut
/// Kremlin" is ORG from the list, not PER from the attribution rule).
pub const DEFAULT_COMBINATION: [&str; 3] = ["gazetteer", "regex", "dates"];

/// Every extractor nerbench ships, registered by name.
pub fn registry() -> Registry {
    let mut registry = Registry::new();
    registry.register(
        "gazetteer",
        "Aho-Corasick lookup of named lists (countries, cities, organisations, outlets, leaders)",
        |settings, _| -> Built { Ok(Box::new(Gazetteer::with_files(&settings.gazetteer_files)?)) },
    );
    registry.register(
        RegexRules::NAME,
        "pattern rules of Indonesian news (titles, attribution, organisation and place forms, bylines)",
        |settings, _| -> Built { Ok(Box::new(RegexRules::from_settings(settings)?)) },
    );
    registry.register(
        DateExtractor::NAME,
        "Indonesian date expressions resolved to TIMEX3 values against the DCT",
        |settings, _| -> Built { Ok(Box::new(DateExtractor::from_settings(settings)?)) },
    );
    registry.register(
        Combined::NAME,
        "the other extractors merged: longest span wins, ties by member priority",
        |settings, registry| -> Built { Ok(Box::new(combination(settings, registry)?)) },
    );
    registry
}

fn combination(
    settings: &Settings,
    registry: &Registry,
) -> Result<Combined, Box<dyn std::error::Error + Send + Sync>> {
    let names: Vec<&str> = if settings.combine.is_empty() {
        DEFAULT_COMBINATION.to_vec()
    } else {
        settings.combine.iter().map(String::as_str).collect()
    };
    if names.contains(&Combined::NAME) {
        return Err("the combination cannot contain itself".into());
    }
    let members = names
        .into_iter()
        .map(|name| registry.build(name, settings))
        .collect::<Result<Vec<_>, _>>()?;
    let combined = Combined::new(members);
    Ok(match &settings.combined_data {
        Some(dir) => combined.with_data_dir(dir)?,
        None => combined,
    })
}
