//! Typed errors of the scorer.

use std::fmt;

use nerbench_core::{Label, SpanError};
use serde::{Deserialize, Serialize};

/// Which list an entity came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    Gold,
    Predicted,
}

impl fmt::Display for Side {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Side::Gold => "gold",
            Side::Predicted => "predicted",
        })
    }
}

/// Why scoring or a statistic could not be computed.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum EvalError {
    /// An entity's span does not fit its document's text.
    #[error("document {document:?}: {side} {label} entity")]
    BadSpan {
        document: String,
        side: Side,
        label: Label,
        #[source]
        source: SpanError,
    },
    /// The same document id was scored or merged twice.
    #[error("document {0:?} occurs twice")]
    DuplicateDocument(String),
    /// A confidence level or significance threshold outside (0, 1).
    #[error("level {0} must lie strictly between 0 and 1")]
    InvalidLevel(f64),
    /// Zero bootstrap resamples or randomisation trials were asked for.
    #[error("the number of resamples or trials must be at least 1")]
    NoTrials,
    /// A bootstrap over a scorecard without documents.
    #[error("the scorecard has no documents to resample")]
    NoDocuments,
    /// A comparison of no systems at all.
    #[error("no systems to compare")]
    NoSystems,
    /// Two systems were not scored on the same documents.
    #[error("document {0:?} was scored for one system but not the other")]
    DocumentMismatch(String),
    /// Two systems were scored against different gold entities.
    #[error("document {0:?} has different gold entities for the two systems")]
    GoldMismatch(String),
}
