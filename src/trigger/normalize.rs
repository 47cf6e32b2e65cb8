//! `normalizeWebhook`: one SUMIT delivery, in whatever shape it came, as one clean event.
//!
//! Shapes accepted (NOTES.md §6.2): `{"Folder", "EntityID", "Type", "Properties"}` with
//! ids as numbers or digit strings and property values as arrays (SUMIT) or scalars;
//! archive and delete deliveries without `Properties`; the positional form
//! `[Folder, EntityID, Type, Properties]` that one receiver handles (unverified, cheap to
//! accept); and an already-normalised event (`{folder, entityId, type, properties}`), so
//! that an event can be stored and fed back. Keys are matched exactly first, then without
//! regard to case.

use super::body;
use super::fields::fields_of;
use super::id::{id_value, parse_id, truncate};
use super::limits::MAX_PROPERTIES;
use super::safe_json::{Safe, SafeMap};
use crate::api::TriggerType;
use crate::error::Error;
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Map, Value};

/// A card: its folder, id, SUMIT's property values and their mapped form.
#[derive(Debug, Clone, PartialEq)]
pub struct Card {
    /// `None` when the payload did not say (archive and delete shapes are undocumented).
    pub folder: Option<u64>,
    pub entity_id: u64,
    pub properties: Map<String, Value>,
    pub fields: Map<String, Value>,
}

/// One delivery, normalised.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub card: Card,
    /// The trigger type SUMIT named in `Type` (the subscription's type, not necessarily
    /// what happened: under `CreateOrUpdate` the matcher decides).
    pub trigger_type: Option<TriggerType>,
    /// The delivery as JSON, after form decoding.
    pub raw: Value,
}

/// Where a delivery's body came from.
pub enum Body<'a> {
    /// The bytes (or text) as posted, with the request's content type.
    Raw { content_type: Option<&'a str>, bytes: &'a [u8] },
    /// A body the receiver already parsed (Make's `body`).
    Parsed(Value),
}

/// Normalises one delivery.
pub fn normalize_webhook(body: Body<'_>) -> Result<Event, Error> {
    let value = match body {
        Body::Raw { content_type, bytes } => body::decode_raw(content_type, bytes)?,
        Body::Parsed(v) => body::decode_parsed(v)?,
    };
    event_from_value(value)
}

/// `normalize_webhook` straight to the JSON text of the event, without copying the
/// properties out of the delivery (the wasm export's path: one parse, one write).
pub fn normalize_webhook_json(body: Body<'_>) -> Result<String, Error> {
    let value = match body {
        Body::Raw { content_type, bytes } => body::decode_raw(content_type, bytes)?,
        Body::Parsed(v) => body::decode_parsed(v)?,
    };
    let d = read_delivery(&value)?;
    let empty = Map::new();
    let properties = d.properties.unwrap_or(&empty);
    let fields = fields_of(properties);
    let out = EventOut { d: &d, properties, fields: &fields, raw: &value };
    let mut text = Vec::with_capacity(256 + 3 * properties.len() * 32);
    serde_json::to_writer(&mut text, &out).map_err(|e| Error::new("internal", format!("event could not be written: {e}")))?;
    // serde_json writes valid UTF-8.
    String::from_utf8(text).map_err(|_| Error::new("internal", "event is not UTF-8"))
}

struct EventOut<'a> {
    d: &'a DeliveryRef<'a>,
    properties: &'a Map<String, Value>,
    fields: &'a Map<String, Value>,
    raw: &'a Value,
}

impl Serialize for EventOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(6))?;
        map.serialize_entry("folder", &opt_id(self.d.folder))?;
        map.serialize_entry("entityId", &id_value(self.d.entity_id))?;
        map.serialize_entry("type", &self.d.trigger_type.map(|t| t.key()))?;
        map.serialize_entry("properties", &SafeMap(self.properties))?;
        map.serialize_entry("fields", &SafeMap(self.fields))?;
        map.serialize_entry("raw", &Safe(self.raw))?;
        map.end()
    }
}

/// Normalises a delivery (or an event) that is already JSON.
pub fn event_from_value(value: Value) -> Result<Event, Error> {
    let d = read_delivery(&value)?;
    let properties = d.properties.cloned().unwrap_or_default();
    let fields = fields_of(&properties);
    let card = Card { folder: d.folder, entity_id: d.entity_id, properties, fields };
    Ok(Event { card, trigger_type: d.trigger_type, raw: value })
}

/// A delivery read in place: what the matcher needs, without copying the properties.
pub struct DeliveryRef<'a> {
    pub folder: Option<u64>,
    pub entity_id: u64,
    pub trigger_type: Option<TriggerType>,
    pub properties: Option<&'a Map<String, Value>>,
}

/// Reads the parts of a delivery, checking each.
pub fn read_delivery(value: &Value) -> Result<DeliveryRef<'_>, Error> {
    let (folder, entity_id, trigger_type, properties) = match value {
        Value::Object(m) => (
            lookup(m, "Folder", &["folder"]),
            lookup(m, "EntityID", &["entityid", "entity_id"]),
            lookup(m, "Type", &["type"]),
            lookup(m, "Properties", &["properties"]),
        ),
        Value::Array(a) if (2..=4).contains(&a.len()) => (a.first(), a.get(1), a.get(2), a.get(3)),
        other => {
            return Err(Error::at(
                "body",
                "invalid_type",
                format!("must be a JSON object with EntityID, got {}", kind_of(other)),
            ))
        }
    };
    let entity_id = match entity_id {
        None | Some(Value::Null) => {
            return Err(Error::at("EntityID", "missing_entity_id", "is missing; every SUMIT delivery names its card"))
        }
        Some(v) => parse_id(v, "EntityID")?,
    };
    let folder = match folder {
        None | Some(Value::Null) => None,
        Some(v) => Some(parse_id(v, "Folder")?),
    };
    let trigger_type = match trigger_type {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) if s.trim().is_empty() => None,
        Some(Value::String(s)) => Some(parse_trigger_type(s, "Type")?),
        Some(other) => {
            return Err(Error::at("Type", "invalid_type", format!("must be text such as \"Create\", got {}", kind_of(other))))
        }
    };
    let properties = properties_ref(properties, "Properties")?;
    Ok(DeliveryRef { folder, entity_id, trigger_type, properties })
}

/// SUMIT's type names and our keys; past-tense forms (`Deleted`) are read too, since the
/// archive and delete payloads have never been captured.
pub fn parse_trigger_type(s: &str, path: &str) -> Result<TriggerType, Error> {
    TriggerType::parse(s)
        .or_else(|| s.trim().strip_suffix('d').and_then(TriggerType::parse))
        .ok_or_else(|| {
            Error::at(
                path,
                "unknown_trigger_type",
                format!("{:?} is not a trigger type; expected one of {}", truncate(s, 40), TriggerType::valid_names()),
            )
        })
}

pub(crate) fn properties_ref<'a>(v: Option<&'a Value>, path: &str) -> Result<Option<&'a Map<String, Value>>, Error> {
    match v {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Object(m)) => {
            if m.len() > MAX_PROPERTIES {
                return Err(Error::at(
                    path,
                    "too_large",
                    format!("has {} properties; the limit is {MAX_PROPERTIES}", m.len()),
                ));
            }
            Ok(Some(m))
        }
        Some(other) => Err(Error::at(path, "invalid_type", format!("must be an object of properties, got {}", kind_of(other)))),
    }
}

/// The value at `key`, or at a key equal to one of `folded` ignoring ASCII case.
pub(crate) fn lookup<'a>(m: &'a Map<String, Value>, key: &str, folded: &[&str]) -> Option<&'a Value> {
    m.get(key).or_else(|| {
        m.iter()
            .find(|(k, _)| folded.iter().any(|f| k.eq_ignore_ascii_case(f)))
            .map(|(_, v)| v)
    })
}

pub(crate) fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn opt_id(id: Option<u64>) -> Value {
    id.map(id_value).unwrap_or(Value::Null)
}

impl Card {
    fn write<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        map.serialize_entry("folder", &opt_id(self.folder))?;
        map.serialize_entry("entityId", &id_value(self.entity_id))?;
        Ok(())
    }
    fn write_values<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        map.serialize_entry("properties", &SafeMap(&self.properties))?;
        map.serialize_entry("fields", &SafeMap(&self.fields))
    }
}

impl Serialize for Card {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(4))?;
        self.write(&mut map)?;
        self.write_values(&mut map)?;
        map.end()
    }
}

impl Serialize for Event {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(6))?;
        self.card.write(&mut map)?;
        map.serialize_entry("type", &self.trigger_type.map(|t| t.key()))?;
        self.card.write_values(&mut map)?;
        map.serialize_entry("raw", &Safe(&self.raw))?;
        map.end()
    }
}
