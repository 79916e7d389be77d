use std::path::PathBuf;

/// Why a set of rules could not be loaded. Every variant names the file and,
/// where it applies, the line and the rule.
#[derive(Debug, thiserror::Error)]
pub enum RulesError {
    /// The file could not be read.
    #[error("{file}: cannot read rules file")]
    Read {
        file: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The file is not valid TOML or does not have the shape of a rules file.
    #[error("{file}:{line}:{column}: {message}")]
    Toml {
        file: String,
        line: usize,
        column: usize,
        message: String,
    },
    /// A rule's pattern (or exclude pattern) does not compile.
    #[error("{file}:{line}: rule {id:?}: bad pattern: {message}")]
    Pattern {
        file: String,
        line: usize,
        id: String,
        message: String,
    },
    /// A rule names a label other than PER, ORG, LOC or DATE.
    #[error("{file}:{line}: rule {id:?}: unknown label {label:?} (use PER, ORG, LOC or DATE)")]
    Label {
        file: String,
        line: usize,
        id: String,
        label: String,
    },
    /// A rule's capture group does not exist in its pattern.
    #[error(
        "{file}:{line}: rule {id:?}: capture group {group} out of range \
         (the pattern has groups 0 to {max})"
    )]
    Group {
        file: String,
        line: usize,
        id: String,
        group: usize,
        max: usize,
    },
    /// A pattern uses `{{NAME}}` for a variable no file defines, or variables
    /// refer to each other in a cycle.
    #[error("{file}:{line}: {what}: {problem}")]
    Variable {
        file: String,
        line: usize,
        what: String,
        problem: String,
    },
    /// Two rules of one file share an id.
    #[error("{file}:{line}: rule {id:?} is defined twice in this file (first on line {first})")]
    DuplicateId {
        file: String,
        line: usize,
        id: String,
        first: usize,
    },
    /// The built-in rules were replaced by nothing.
    #[error("no rules: the built-in rules are replaced but no rules file was given")]
    NoRules,
}
