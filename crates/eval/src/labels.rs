//! Serde helpers: labels are written by name (`"PER"`, `"EVENT"`), because
//! `nerbench_core::Label` itself is not serde-aware.

use nerbench_core::Label;
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serializer};

fn parse<'de, D: Deserializer<'de>>(name: &str) -> Result<Label, D::Error> {
    name.parse().map_err(D::Error::custom)
}

/// A `Label` field.
pub(crate) mod one {
    use super::*;

    pub(crate) fn serialize<S: Serializer>(label: &Label, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(label.as_str())
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Label, D::Error> {
        parse::<D>(&String::deserialize(d)?)
    }
}

/// An `Option<Label>` field (`null` for none).
pub(crate) mod option {
    use super::*;

    pub(crate) fn serialize<S: Serializer>(label: &Option<Label>, s: S) -> Result<S::Ok, S::Error> {
        match label {
            Some(label) => s.serialize_some(label.as_str()),
            None => s.serialize_none(),
        }
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Label>, D::Error> {
        Option::<String>::deserialize(d)?
            .map(|name| parse::<D>(&name))
            .transpose()
    }
}

/// A `BTreeMap<Label, V>` field, as a JSON object keyed by label name.
pub(crate) mod keys {
    use std::collections::BTreeMap;

    use serde::Serialize;

    use super::*;

    pub(crate) fn serialize<S: Serializer, V: Serialize>(
        map: &BTreeMap<Label, V>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        s.collect_map(map.iter().map(|(label, v)| (label.as_str(), v)))
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>, V: Deserialize<'de>>(
        d: D,
    ) -> Result<BTreeMap<Label, V>, D::Error> {
        BTreeMap::<String, V>::deserialize(d)?
            .into_iter()
            .map(|(name, v)| Ok((parse::<D>(&name)?, v)))
            .collect()
    }
}
