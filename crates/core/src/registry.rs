use std::error::Error as StdError;
use std::path::PathBuf;

use crate::Extractor;

/// What a user can change about the built-in extractors without recompiling;
/// each extractor reads the fields that concern it.
#[derive(Clone, Debug, Default)]
pub struct Settings {
    /// Extra regex rule files (TOML), added to the built-in rules.
    pub rule_files: Vec<PathBuf>,
    /// Use only `rule_files`, not the built-in rules.
    pub replace_rules: bool,
    /// Extra gazetteer lists (TSV), added to the built-in lists.
    pub gazetteer_files: Vec<PathBuf>,
    /// A date lexicon (TOML) replacing the built-in one.
    pub date_lexicon: Option<PathBuf>,
    /// Extra holiday files (TSV), added to the built-in holidays.
    pub holiday_files: Vec<PathBuf>,
    /// Use only `holiday_files`, not the built-in holidays.
    pub replace_holidays: bool,
    /// The members of the combined extractor, by name, in priority order;
    /// empty means the combination's default members.
    pub combine: Vec<String>,
    /// A directory of lists replacing the combination's built-in ones
    /// (office levels, initials cues, legal forms, compass points).
    pub combined_data: Option<PathBuf>,
}

type BoxError = Box<dyn StdError + Send + Sync>;
type Factory =
    Box<dyn Fn(&Settings, &Registry) -> Result<Box<dyn Extractor>, BoxError> + Send + Sync>;

/// Builds extractors by name.
///
/// The registry itself knows no extractor: the crate that links them all
/// (the `nerbench` package) registers each one, so the CLI, the tests and the
/// benches find new extractors without changing their own code. A factory gets
/// the registry too, so a combination can build its members.
#[derive(Default)]
pub struct Registry {
    entries: Vec<(String, String, Factory)>,
}

/// Why the registry could not give an extractor.
#[derive(Debug, thiserror::Error)]
pub enum RegistryError {
    /// No extractor is registered under that name.
    #[error("unknown extractor {name:?} (known: {})", known.join(", "))]
    Unknown { name: String, known: Vec<String> },
    /// The extractor's factory failed, for instance on a bad user file.
    #[error("cannot build extractor {name:?}")]
    Build {
        name: String,
        #[source]
        source: BoxError,
    },
}

impl Registry {
    /// An empty registry.
    pub fn new() -> Registry {
        Registry::default()
    }

    /// Registers `factory` under `name` with a one-line description, replacing
    /// any earlier entry of that name.
    pub fn register<F>(&mut self, name: &str, description: &str, factory: F)
    where
        F: Fn(&Settings, &Registry) -> Result<Box<dyn Extractor>, BoxError> + Send + Sync + 'static,
    {
        self.entries.retain(|(n, _, _)| n != name);
        self.entries
            .push((name.to_string(), description.to_string(), Box::new(factory)));
    }

    /// Names in registration order.
    pub fn names(&self) -> Vec<&str> {
        self.entries.iter().map(|(n, _, _)| n.as_str()).collect()
    }

    /// `(name, description)` pairs in registration order.
    pub fn describe(&self) -> impl Iterator<Item = (&str, &str)> {
        self.entries
            .iter()
            .map(|(n, d, _)| (n.as_str(), d.as_str()))
    }

    /// Builds the extractor registered as `name`.
    pub fn build(
        &self,
        name: &str,
        settings: &Settings,
    ) -> Result<Box<dyn Extractor>, RegistryError> {
        let (_, _, factory) = self
            .entries
            .iter()
            .find(|(n, _, _)| n == name)
            .ok_or_else(|| RegistryError::Unknown {
                name: name.to_string(),
                known: self.names().into_iter().map(String::from).collect(),
            })?;
        factory(settings, self).map_err(|source| RegistryError::Build {
            name: name.to_string(),
            source,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Document, Entity, Label};

    struct Nothing;

    impl Extractor for Nothing {
        fn name(&self) -> &str {
            "nothing"
        }
        fn labels(&self) -> &[Label] {
            &[]
        }
        fn extract(&self, _: &Document) -> Vec<Entity> {
            Vec::new()
        }
    }

    #[test]
    fn builds_by_name_and_reports_unknown_names() {
        let mut registry = Registry::new();
        registry.register("nothing", "finds nothing", |_, _| Ok(Box::new(Nothing)));
        registry.register(
            "broken",
            "always fails",
            |_, _| Err("bad rules file".into()),
        );
        let settings = Settings::default();
        assert_eq!(
            registry.build("nothing", &settings).unwrap().name(),
            "nothing"
        );
        let err = registry.build("missing", &settings).err().unwrap();
        assert_eq!(
            err.to_string(),
            r#"unknown extractor "missing" (known: nothing, broken)"#
        );
        let err = registry.build("broken", &settings).err().unwrap();
        assert_eq!(err.to_string(), r#"cannot build extractor "broken""#);
        // The cause is the source, so that it is printed once.
        let cause = std::error::Error::source(&err).map(ToString::to_string);
        assert_eq!(cause.as_deref(), Some("bad rules file"));
    }
}
