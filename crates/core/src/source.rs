use std::collections::BTreeSet;
use std::fmt;
use std::ops::Deref;
use std::sync::{Mutex, PoisonError};

/// Who found an entity: an extractor's name, or `gold`.
///
/// Each name is stored once per process and a `Source` refers to it, so
/// copying one, as every entity an extractor finds does, writes no shared
/// count and allocates nothing. (An `Arc<str>` per document did both: a count
/// written twice per entity, and an allocation often freed on another thread
/// than the one that made it. In interleaved runs of the scaling bench the
/// pipeline on two threads went from 52-61 MB/s to 53-68 MB/s without it.)
/// Names are few (one per extractor, gold set or predictions file), so
/// keeping them for the life of the process costs a few bytes.
///
/// ```
/// use nerbench_core::Source;
///
/// let source = Source::new("gazetteer");
/// assert_eq!(&*source, "gazetteer");
/// assert_eq!(source, Source::from("gazetteer"));
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Source(&'static str);

/// Every name a [`Source`] was made of.
static NAMES: Mutex<BTreeSet<&'static str>> = Mutex::new(BTreeSet::new());

impl Source {
    /// The source named `name`. Takes a lock: make a source once (when an
    /// extractor is built) and copy it, not once per entity.
    pub fn new(name: &str) -> Source {
        // The set is never left half-changed, so a panic elsewhere while the
        // lock was held leaves it usable.
        let mut names = NAMES.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(&known) = names.get(name) {
            return Source(known);
        }
        let leaked: &'static str = Box::leak(name.into());
        names.insert(leaked);
        Source(leaked)
    }

    /// The name.
    pub fn as_str(self) -> &'static str {
        self.0
    }
}

impl From<&str> for Source {
    fn from(name: &str) -> Source {
        Source::new(name)
    }
}

impl From<String> for Source {
    fn from(name: String) -> Source {
        Source::new(&name)
    }
}

impl Deref for Source {
    type Target = str;

    fn deref(&self) -> &str {
        self.0
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl fmt::Debug for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.0, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_name_is_stored_once() {
        let a = Source::new(&String::from("one-name"));
        let b = Source::new("one-name");
        assert_eq!(a, b);
        assert!(std::ptr::eq(a.as_str(), b.as_str()));
        assert_ne!(a, Source::new("another-name"));
        assert_eq!(format!("{a} {a:?}"), "one-name \"one-name\"");
    }
}
