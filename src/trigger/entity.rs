//! `normalizeEntity`: a card as `listentities` / `getentity` return it, in the same
//! `{folder, entityId, properties, fields}` shape as a delivery, so that the sample card
//! a user maps from and the live delivery carry the same names. Responses flatten the
//! properties beside `ID` and `Folder`; some clients see them nested under `Properties`
//! (NOTES.md §5.3): both are read.

use super::fields::fields_of;
use super::id::parse_id;
use super::hash::{properties_hash, properties_hash_where};
use super::limits::MAX_PROPERTIES;
use super::normalize::{kind_of, lookup, Card};
use crate::error::{Error, Path};
use serde_json::{Map, Value};

/// Keys of a flattened entity that are the card's own, not properties.
const OWN_KEYS: [&str; 3] = ["ID", "EntityID", "Folder"];

/// Where an entity keeps its properties.
pub enum Props<'a> {
    /// Under `Properties`.
    Nested(&'a Map<String, Value>),
    /// Beside `ID` and `Folder`, in the entity itself.
    Flat(&'a Map<String, Value>),
}

/// An entity read in place.
pub struct EntityRef<'a> {
    pub entity_id: u64,
    pub folder: Option<u64>,
    pub props: Props<'a>,
}

fn own_key(k: &str) -> bool {
    OWN_KEYS.iter().any(|o| k.eq_ignore_ascii_case(o)) || k.eq_ignore_ascii_case("properties")
}

/// Reads an entity's id, folder and where its properties are; errors name `path`.
pub fn read_entity<'a>(value: &'a Value, path: &Path) -> Result<EntityRef<'a>, Error> {
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
    let props = match lookup(m, "Properties", &["properties"]) {
        Some(Value::Object(nested)) => {
            if nested.len() > MAX_PROPERTIES {
                return Err(too_many(path.key("Properties").as_str(), nested.len()));
            }
            Props::Nested(nested)
        }
        _ => {
            let n = m.keys().filter(|k| !own_key(k)).count();
            if n > MAX_PROPERTIES {
                return Err(too_many(path.as_str(), n));
            }
            Props::Flat(m)
        }
    };
    Ok(EntityRef { entity_id, folder, props })
}

fn too_many(path: &str, n: usize) -> Error {
    Error::at(path, "too_large", format!("has {n} properties; the limit is {MAX_PROPERTIES}"))
}

impl EntityRef<'_> {
    /// The content hash of the card, as `content_hash(&card.fields)`, without building it.
    pub fn hash(&self) -> u64 {
        match self.props {
            Props::Nested(m) => properties_hash(m),
            Props::Flat(m) => properties_hash_where(m, |k| !own_key(k)),
        }
    }

    pub fn card(&self) -> Card {
        let properties: Map<String, Value> = match self.props {
            Props::Nested(m) => m.clone(),
            Props::Flat(m) => m.iter().filter(|(k, _)| !own_key(k)).map(|(k, v)| (k.clone(), v.clone())).collect(),
        };
        let fields = fields_of(&properties);
        Card { folder: self.folder, entity_id: self.entity_id, properties, fields }
    }
}

/// Normalises one entity; errors name `path` (e.g. `entities[3]`).
pub fn normalize_entity(value: &Value, path: &Path) -> Result<Card, Error> {
    Ok(read_entity(value, path)?.card())
}
