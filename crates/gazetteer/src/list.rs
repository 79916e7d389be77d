//! Reading gazetteer lists: TSV lines `surface<TAB>label<TAB>source` under a
//! header of `#` comments, which may hold the directives `# casefold: true`
//! and `# uppercase: true` (see [`CaseForms`]).
//! The label is `PER`, `ORG`, `LOC`, or `-` for a phrase that holds a listed
//! name but is none itself (see [`Entry::label`]).

use std::path::PathBuf;
use std::sync::Arc;

use nerbench_core::Label;

/// Why a gazetteer could not be built. Every error about a list's content
/// names the list (a file path, or `builtin:NAME`) and the 1-based line.
#[derive(Debug, thiserror::Error)]
pub enum GazetteerError {
    /// A user list could not be read.
    #[error("cannot read gazetteer list {}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A line does not have exactly three tab-separated columns.
    #[error(
        "{list}:{line}: expected 3 tab-separated columns (surface, label, source), found {found}"
    )]
    Columns {
        list: String,
        line: usize,
        found: usize,
    },
    /// The surface column is empty.
    #[error("{list}:{line}: empty surface")]
    EmptySurface { list: String, line: usize },
    /// The surface starts or ends with whitespace, which would put the
    /// whitespace inside every span it finds.
    #[error("{list}:{line}: surface {surface:?} starts or ends with whitespace")]
    SurfaceWhitespace {
        list: String,
        line: usize,
        surface: String,
    },
    /// The label column is not PER, ORG, LOC or `-`.
    #[error("{list}:{line}: unknown label {label:?} (expected PER, ORG, LOC or -)")]
    UnknownLabel {
        list: String,
        line: usize,
        label: String,
    },
    /// The source column is empty: every entry says where it comes from.
    #[error("{list}:{line}: empty source column")]
    EmptySource { list: String, line: usize },
    /// A header directive has a value it does not understand.
    #[error("{list}:{line}: directive {directive:?} expects true or false, found {value:?}")]
    Directive {
        list: String,
        line: usize,
        directive: String,
        value: String,
    },
    /// One list gives the same surface two different labels.
    #[error("{list}:{line}: {surface:?} is labelled {label} here but {first_label} on line {first_line}")]
    Conflict {
        list: String,
        line: usize,
        surface: String,
        /// The labels as written (`-` for no name).
        label: String,
        first_label: String,
        first_line: usize,
    },
    /// The automaton could not be built (for instance, far too many patterns).
    #[error("cannot build the gazetteer automaton")]
    Build(#[from] aho_corasick::BuildError),
}

/// One gazetteer entry: a surface form, its label, where it comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The text to find, as written in the list.
    pub surface: String,
    /// The label of every match, or `None` (`-` in a list) for a phrase that
    /// is no name but holds one: a title such as "Wali Kota", whose "Kota
    /// Surabaya" would otherwise be taken for the city's official name. Such
    /// a match gives no entity, and, as matches do not overlap, no entry is
    /// found starting inside it.
    pub label: Option<Label>,
    /// The entry's provenance (third column of the list).
    pub source: Arc<str>,
    /// The list it was read from: a path, or `builtin:NAME`.
    pub list: Arc<str>,
    /// Its 1-based line in that list.
    pub line: usize,
    /// The case forms of the surface that match, as the list's header asks.
    pub case: CaseForms,
}

/// Which forms of an entry's surface match.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CaseForms {
    /// The surface as written.
    #[default]
    Exact,
    /// As written, and all in capitals (`# uppercase: true`): bylines,
    /// credits and datelines print outlets so ("REUTERS | AL JAZEERA"),
    /// while a lowercase form could be a common word.
    Upper,
    /// Each word in lower, UPPER or Capitalised form (`# casefold: true`).
    Fold,
}

/// The header directive that switches a list to case-insensitive matching.
const CASEFOLD: &str = "casefold";
/// The header directive that adds the all-capitals form of each entry.
const UPPERCASE: &str = "uppercase";

/// The label column of a phrase that is no name.
const NO_NAME: &str = "-";

/// A label as a list writes it.
fn label_text(label: Option<&Label>) -> String {
    label.map_or_else(|| NO_NAME.to_string(), Label::to_string)
}

impl Entry {
    /// The label as a list writes it: `PER`, `ORG`, `LOC`, or `-`.
    pub fn label_text(&self) -> String {
        label_text(self.label.as_ref())
    }
}

/// Parses one list. `list` names it in errors and in [`Entry::list`].
pub(crate) fn parse(list: &str, text: &str) -> Result<Vec<Entry>, GazetteerError> {
    let list_name: Arc<str> = list.into();
    let (mut casefold, mut uppercase) = (false, false);
    let mut in_header = true;
    let mut entries: Vec<Entry> = Vec::new();
    // Key (folded when the list is casefold) -> index in `entries`, to catch
    // one list contradicting itself.
    let mut seen = std::collections::HashMap::new();
    // Sources repeat on nearly every line; share one allocation per value.
    let mut last_source: Option<Arc<str>> = None;

    for (index, raw) in text.lines().enumerate() {
        let line = index + 1;
        let row = raw.strip_suffix('\r').unwrap_or(raw);
        if row.trim().is_empty() {
            continue;
        }
        if let Some(comment) = row.strip_prefix('#') {
            if in_header {
                if let Some((key, value)) = comment.split_once(':') {
                    let key = key.trim();
                    let flag = match key {
                        CASEFOLD => &mut casefold,
                        UPPERCASE => &mut uppercase,
                        _ => continue,
                    };
                    *flag = match value.trim() {
                        "true" => true,
                        "false" => false,
                        other => {
                            return Err(GazetteerError::Directive {
                                list: list.to_string(),
                                line,
                                directive: key.to_string(),
                                value: other.to_string(),
                            })
                        }
                    };
                }
            }
            continue;
        }
        in_header = false;
        let case = match (casefold, uppercase) {
            (true, _) => CaseForms::Fold,
            (false, true) => CaseForms::Upper,
            (false, false) => CaseForms::Exact,
        };

        let columns: Vec<&str> = row.split('\t').collect();
        let [surface, label, source] = columns[..] else {
            return Err(GazetteerError::Columns {
                list: list.to_string(),
                line,
                found: columns.len(),
            });
        };
        if surface.is_empty() {
            return Err(GazetteerError::EmptySurface {
                list: list.to_string(),
                line,
            });
        }
        if surface.trim() != surface {
            return Err(GazetteerError::SurfaceWhitespace {
                list: list.to_string(),
                line,
                surface: surface.to_string(),
            });
        }
        let label = match label.trim() {
            "PER" => Some(Label::Per),
            "ORG" => Some(Label::Org),
            "LOC" => Some(Label::Loc),
            NO_NAME => None,
            other => {
                return Err(GazetteerError::UnknownLabel {
                    list: list.to_string(),
                    line,
                    label: other.to_string(),
                })
            }
        };
        let source = source.trim();
        if source.is_empty() {
            return Err(GazetteerError::EmptySource {
                list: list.to_string(),
                line,
            });
        }
        let source = match &last_source {
            Some(s) if &**s == source => s.clone(),
            _ => {
                let s: Arc<str> = source.into();
                last_source = Some(s.clone());
                s
            }
        };

        let key = if casefold {
            surface.to_lowercase()
        } else {
            surface.to_string()
        };
        if let Some(&first) = seen.get(&key) {
            let first: &Entry = &entries[first];
            if first.label != label {
                return Err(GazetteerError::Conflict {
                    list: list.to_string(),
                    line,
                    surface: surface.to_string(),
                    label: label_text(label.as_ref()),
                    first_label: label_text(first.label.as_ref()),
                    first_line: first.line,
                });
            }
            // The same entry twice: keep the first.
            continue;
        }
        seen.insert(key, entries.len());
        entries.push(Entry {
            surface: surface.to_string(),
            label,
            source,
            list: list_name.clone(),
            line,
            case,
        });
    }
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_entries_and_the_casefold_directive() {
        let text = "# source: test\n# casefold: true\n\nkompas.com\tORG\tpress\r\nAS\tLOC\tpress\n";
        let entries = parse("t.tsv", text).unwrap();
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].surface, "kompas.com");
        assert_eq!(entries[0].label, Some(Label::Org));
        assert_eq!(&*entries[0].source, "press");
        assert!(entries.iter().all(|e| e.case == CaseForms::Fold));
        assert_eq!(entries[1].line, 5);
        assert_eq!(
            parse("t.tsv", "AS\tLOC\tx\n").unwrap()[0].case,
            CaseForms::Exact
        );
        let upper = parse("t.tsv", "# uppercase: true\nReuters\tORG\tx\n").unwrap();
        assert_eq!(upper[0].case, CaseForms::Upper);
    }

    #[test]
    fn a_directive_after_the_header_is_a_plain_comment() {
        let entries = parse("t.tsv", "AS\tLOC\tx\n# casefold: true\nRI\tLOC\tx\n").unwrap();
        assert!(entries.iter().all(|e| e.case == CaseForms::Exact));
    }

    #[test]
    fn malformed_lines_name_list_and_line() {
        let cases = [
            (
                "A\tLOC\n",
                "t.tsv:1: expected 3 tab-separated columns (surface, label, source), found 2",
            ),
            (
                "# h\nA\tLOC\tx\tmore\n",
                "t.tsv:2: expected 3 tab-separated columns (surface, label, source), found 4",
            ),
            ("\tLOC\tx\n", "t.tsv:1: empty surface"),
            (
                " A\tLOC\tx\n",
                "t.tsv:1: surface \" A\" starts or ends with whitespace",
            ),
            (
                "A\tPLACE\tx\n",
                "t.tsv:1: unknown label \"PLACE\" (expected PER, ORG, LOC or -)",
            ),
            ("A\tLOC\t \n", "t.tsv:1: empty source column"),
            (
                "# casefold: yes\n",
                "t.tsv:1: directive \"casefold\" expects true or false, found \"yes\"",
            ),
            (
                "# source: x\n# uppercase: 1\n",
                "t.tsv:2: directive \"uppercase\" expects true or false, found \"1\"",
            ),
            (
                "A\tLOC\tx\nB\tORG\tx\nA\tORG\ty\n",
                "t.tsv:3: \"A\" is labelled ORG here but LOC on line 1",
            ),
            (
                "A\tLOC\tx\nA\t-\ty\n",
                "t.tsv:2: \"A\" is labelled - here but LOC on line 1",
            ),
        ];
        for (text, message) in cases {
            assert_eq!(parse("t.tsv", text).unwrap_err().to_string(), message);
        }
    }

    #[test]
    fn casefold_lists_conflict_on_folded_surfaces() {
        let text = "# casefold: true\nKompas.com\tORG\tx\nKOMPAS.COM\tLOC\tx\n";
        assert!(matches!(
            parse("t.tsv", text),
            Err(GazetteerError::Conflict {
                line: 3,
                first_line: 2,
                ..
            })
        ));
        // Without casefold they are two different surfaces.
        assert_eq!(
            parse("t.tsv", "Kompas.com\tORG\tx\nKOMPAS.COM\tLOC\tx\n")
                .unwrap()
                .len(),
            2
        );
    }

    #[test]
    fn repeated_identical_entries_are_kept_once() {
        let entries = parse("t.tsv", "Rusia\tLOC\ta\nRusia\tLOC\tb\n").unwrap();
        assert_eq!(entries.len(), 1);
        assert_eq!(&*entries[0].source, "a");
    }
}
