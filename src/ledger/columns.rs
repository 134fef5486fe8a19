//! The roster's columns as one JSON object, read back in the order written (a gradebook keeps the
//! roster's column order; a map type would sort them).

use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserializer, Serializer};

/// Writes the pairs as an object.
pub fn serialize<S: Serializer>(columns: &[(String, String)], s: S) -> Result<S::Ok, S::Error> {
    let mut m = s.serialize_map(Some(columns.len()))?;
    for (k, v) in columns {
        m.serialize_entry(k, v)?;
    }
    m.end()
}

/// Reads an object into pairs, in file order.
pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<(String, String)>, D::Error> {
    struct Pairs;
    impl<'de> Visitor<'de> for Pairs {
        type Value = Vec<(String, String)>;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an object of text values")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut v = Vec::new();
            while let Some(pair) = map.next_entry::<String, String>()? {
                v.push(pair);
            }
            Ok(v)
        }
    }
    d.deserialize_map(Pairs)
}
