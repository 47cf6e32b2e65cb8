//! `normalizeEntity`: a card as `listentities` / `getentity` return it, in the same
//! `{folder, entityId, properties, fields}` shape as a delivery, so that the sample card
//! a user maps from and the live delivery carry the same names. Responses flatten the
//! properties beside `ID` and `Folder`; some clients see them nested under `Properties`
//! (NOTES.md §5.3): both are read.

use super::fields::fields_of;
use super::id::parse_id;
use super::normalize::{kind_of, lookup, properties_of, Card};
use crate::error::{Error, Path};
use serde_json::{Map, Value};

/// Keys of a flattened entity that are the card's own, not properties.
const OWN_KEYS: [&str; 3] = ["ID", "EntityID", "Folder"];

/// Normalises one entity; errors name `path` (e.g. `entities[3]`).
pub fn normalize_entity(value: &Value, path: &Path) -> Result<Card, Error> {
    let m = match value {
        Value::Object(m) => m,
        other => {
            return Err(Error::at(path.as_str(), "invalid_type", format!("must be an entity object, got {}", kind_of(other))))
        }
    };
    let id_path = path.key("ID");
    let entity_id = match lookup(m, "ID", &["id", "entityid"]) {
        None | Some(Value::Null) => {
            return Err(Error::at(id_path.as_str(), "missing_entity_id", "is missing; an entity has an ID"))
        }
        Some(v) => parse_id(v, id_path.as_str())?,
    };
    let folder = match lookup(m, "Folder", &["folder"]) {
        None | Some(Value::Null) => None,
        Some(v) => Some(parse_id(v, path.key("Folder").as_str())?),
    };
    let properties = match lookup(m, "Properties", &["properties"]) {
        Some(nested @ Value::Object(_)) => properties_of(Some(nested), path.key("Properties").as_str())?,
        _ => {
            let flat: Map<String, Value> = m
                .iter()
                .filter(|(k, _)| !OWN_KEYS.iter().any(|o| k.eq_ignore_ascii_case(o)) && !k.eq_ignore_ascii_case("properties"))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            properties_of(Some(&Value::Object(flat)), path.as_str())?
        }
    };
    let fields = fields_of(&properties);
    Ok(Card { folder, entity_id, properties, fields })
}
