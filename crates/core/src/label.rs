use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

/// An entity type. The four labels of the guidelines are variants; any other
/// label a gold set declares is carried as [`Label::Other`].
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Label {
    /// A person.
    Per,
    /// An organisation, institution, outlet or agency.
    Org,
    /// A country, city, region, geographic feature or bloc.
    Loc,
    /// A calendar date, week, month, year or span of years.
    Date,
    /// Any other label, spelled as the gold set spells it.
    Other(Arc<str>),
}

impl Label {
    /// The four labels of the annotation guidelines, in their usual order.
    pub const STANDARD: [Label; 4] = [Label::Per, Label::Org, Label::Loc, Label::Date];

    /// The label's name as written in files ("PER", "ORG", …).
    #[inline]
    pub fn as_str(&self) -> &str {
        match self {
            Label::Per => "PER",
            Label::Org => "ORG",
            Label::Loc => "LOC",
            Label::Date => "DATE",
            Label::Other(name) => name,
        }
    }

    /// True for the four labels of the guidelines.
    pub fn is_standard(&self) -> bool {
        !matches!(self, Label::Other(_))
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A label name that is empty or holds characters other than ASCII letters,
/// digits, `_` and `-`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("invalid label name {0:?}: use ASCII letters, digits, '_' or '-'")]
pub struct ParseLabelError(pub String);

impl FromStr for Label {
    type Err = ParseLabelError;

    /// Parses a label name. The standard names are matched exactly (labels
    /// are case-sensitive, as in CoNLL and brat); anything else well formed
    /// becomes [`Label::Other`]. Whether such a label is *allowed* is the gold
    /// set's business, not the parser's.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s {
            "PER" => Label::Per,
            "ORG" => Label::Org,
            "LOC" => Label::Loc,
            "DATE" => Label::Date,
            _ if !s.is_empty()
                && s.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-') =>
            {
                Label::Other(s.into())
            }
            _ => return Err(ParseLabelError(s.to_string())),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_its_name() {
        for name in ["PER", "ORG", "LOC", "DATE", "EVENT", "MISC-X"] {
            let label: Label = name.parse().unwrap();
            assert_eq!(label.to_string(), name);
        }
        assert_eq!("PER".parse::<Label>().unwrap(), Label::Per);
        assert!(!"EVENT".parse::<Label>().unwrap().is_standard());
    }

    #[test]
    fn rejects_malformed_names() {
        for bad in ["", "P ER", "PÉR", "per\n"] {
            assert_eq!(bad.parse::<Label>(), Err(ParseLabelError(bad.to_string())));
        }
    }
}
