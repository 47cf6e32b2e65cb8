//! The matcher's hot path: read a delivery body and compute its content hash in one
//! streaming pass, without building `serde_json::Value`s (no maps, no strings kept).
//! It mirrors `hash::properties_hash` exactly (a test holds the two together) and
//! keeps the values of the few properties that filters need.
//!
//! It only accepts the plain shape `{"Folder", "EntityID", "Type", "Properties"}` with
//! valid parts. Anything else (a form, a positional array, odd key spelling, a bad id)
//! answers `None`, and the caller takes the full path, which gives the same result or
//! the precise error. So this pass can never disagree with the rules, only be skipped.

use super::fields::field_value;
use super::hash::{
    arr_end, arr_push, arr_start, bool_hash, f64_hash, field_hash, i64_hash, key_hash, null_hash, obj_end, obj_entry,
    obj_entry_keyed, str_hash, u64_hash,
};
use super::id::parse_id;
use super::limits::{MAX_DELIVERY_BYTES, MAX_PROPERTIES};
use super::normalize::parse_trigger_type;
use crate::api::TriggerType;
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::Value;
use std::fmt;

/// What the matcher needs from a delivery.
pub struct Digest {
    pub folder: Option<u64>,
    pub entity_id: u64,
    pub trigger_type: Option<TriggerType>,
    pub hash: u64,
    /// `(property, field value)` for the properties named in `wanted`.
    pub captured: Vec<(String, Value)>,
}

/// The digest of a JSON body, or `None` when the full path must decide.
pub fn digest(text: &str, wanted: &[String]) -> Option<Digest> {
    if text.len() > MAX_DELIVERY_BYTES {
        return None;
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let d = Top { wanted }.deserialize(&mut de).ok()??;
    de.end().ok()?;
    Some(d)
}

type Fail<E> = Result<Option<Digest>, E>;

/// What `diffListing` needs from one entity.
pub struct EntityDigest {
    pub entity_id: u64,
    pub folder: Option<u64>,
    pub hash: u64,
}

/// The digest of one entity's JSON text (flattened or nested properties), or `None`
/// when the full path must decide. Mirrors `entity::EntityRef::hash`.
pub fn digest_entity(text: &str) -> Option<EntityDigest> {
    let mut de = serde_json::Deserializer::from_str(text);
    let d = EntityTop.deserialize(&mut de).ok()??;
    de.end().ok()?;
    Some(d)
}

struct EntityTop;

impl<'de> DeserializeSeed<'de> for EntityTop {
    type Value = Option<EntityDigest>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Option<EntityDigest>, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for EntityTop {
    type Value = Option<EntityDigest>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an entity object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Option<EntityDigest>, A::Error> {
        let (mut id, mut folder, mut nested) = (None, None, None);
        let (mut sum, mut n) = (0u64, 0usize);
        let mut keys = SeenKeys::default();
        while let Some(key) = map.next_key::<KeyText<'de>>()? {
            let k = key.as_str();
            let Some(kh) = keys.insert(k) else { return Ok(None) };
            match k {
                "ID" => id = Some(map.next_value::<Value>()?),
                "Folder" => folder = Some(map.next_value::<Value>()?),
                "Properties" => match map.next_value_seed(Props { wanted: &[] })? {
                    Some(Some((h, _))) => nested = Some(h),
                    Some(None) => return Ok(None),
                    None => {}
                },
                _ if ["id", "entityid", "folder", "properties"].iter().any(|o| k.eq_ignore_ascii_case(o)) => return Ok(None),
                _ => {
                    n += 1;
                    if n > MAX_PROPERTIES {
                        return Ok(None);
                    }
                    sum = sum.wrapping_add(obj_entry_keyed(kh, map.next_value_seed(Hashes)?.field));
                }
            }
        }
        let Some(Ok(entity_id)) = id.as_ref().map(|v| parse_id(v, "ID")) else { return Ok(None) };
        let folder = match folder {
            None | Some(Value::Null) => None,
            Some(v) => match parse_id(&v, "Folder") {
                Ok(f) => Some(f),
                Err(_) => return Ok(None),
            },
        };
        Ok(Some(EntityDigest { entity_id, folder, hash: nested.unwrap_or_else(|| obj_end(sum, n)) }))
    }
}

struct Top<'w> {
    wanted: &'w [String],
}

#[derive(PartialEq)]
enum TopKey {
    Folder,
    EntityId,
    Type,
    Properties,
    /// A spelling the full path would also read (`entityId`, `FOLDER`): let it decide.
    Odd,
    Other,
}

struct TopKeySeed;

impl<'de> DeserializeSeed<'de> for TopKeySeed {
    type Value = TopKey;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<TopKey, D::Error> {
        d.deserialize_str(self)
    }
}

impl Visitor<'_> for TopKeySeed {
    type Value = TopKey;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a key")
    }
    fn visit_str<E: de::Error>(self, k: &str) -> Result<TopKey, E> {
        Ok(match k {
            "Folder" => TopKey::Folder,
            "EntityID" => TopKey::EntityId,
            "Type" => TopKey::Type,
            "Properties" => TopKey::Properties,
            _ if ["folder", "entityid", "entity_id", "type", "properties"].iter().any(|n| k.eq_ignore_ascii_case(n)) => {
                TopKey::Odd
            }
            _ => TopKey::Other,
        })
    }
}

impl<'de> DeserializeSeed<'de> for Top<'_> {
    type Value = Option<Digest>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Option<Digest>, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Top<'_> {
    type Value = Option<Digest>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a delivery object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Fail<A::Error> {
        let (mut folder, mut entity, mut ty, mut props) = (None, None, None, None);
        let mut seen = [false; 4];
        while let Some(key) = map.next_key_seed(TopKeySeed)? {
            let slot = match key {
                TopKey::Folder => 0,
                TopKey::EntityId => 1,
                TopKey::Type => 2,
                TopKey::Properties => 3,
                TopKey::Odd => return Ok(None),
                TopKey::Other => {
                    // read as the full path reads it: serde's `IgnoredAny` checks only the syntax,
                    // so `1e999` under a key nobody reads passed here while the full path
                    // refused the body (found by fuzzing). Such keys are rare: the cost is
                    // an allocation, and no second copy of the value reader in the wasm.
                    map.next_value::<Value>()?;
                    continue;
                }
            };
            if std::mem::replace(&mut seen[slot], true) {
                return Ok(None);
            }
            match key {
                TopKey::Folder => folder = map.next_value_seed(IdSeed)?,
                TopKey::EntityId => entity = map.next_value_seed(IdSeed)?,
                TopKey::Type => ty = Some(map.next_value_seed(TypeSeed)?),
                _ => props = map.next_value_seed(Props { wanted: self.wanted })?,
            }
        }
        // An id or type that is present but unusable: the full path says what is wrong.
        let Some(IdOrNull::Id(entity_id)) = entity else { return Ok(None) };
        let folder = match folder {
            None | Some(IdOrNull::Null) => None,
            Some(IdOrNull::Id(f)) => Some(f),
            Some(IdOrNull::Bad) => return Ok(None),
        };
        let trigger_type = match ty {
            None => None,
            Some(Some(t)) => t,
            Some(None) => return Ok(None),
        };
        let (hash, captured) = match props {
            None => (obj_end(0, 0), Vec::new()),
            Some(None) => return Ok(None),
            Some(Some(p)) => p,
        };
        Ok(Some(Digest { folder, entity_id, trigger_type, hash, captured }))
    }
}

enum IdOrNull {
    Id(u64),
    Null,
    Bad,
}

/// An id as `id::parse_id` reads it; numbers without building a value.
struct IdSeed;

impl<'de> DeserializeSeed<'de> for IdSeed {
    type Value = Option<IdOrNull>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Option<IdOrNull>, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for IdSeed {
    type Value = Option<IdOrNull>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an id")
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Some(IdOrNull::Null))
    }
    fn visit_u64<E: de::Error>(self, u: u64) -> Result<Self::Value, E> {
        Ok(Some(checked(parse_id(&Value::from(u), ""))))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Ok(Some(IdOrNull::Bad))
    }
    fn visit_f64<E: de::Error>(self, f: f64) -> Result<Self::Value, E> {
        Ok(Some(serde_json::Number::from_f64(f).map_or(IdOrNull::Bad, |n| checked(parse_id(&Value::Number(n), "")))))
    }
    fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
        Ok(Some(checked(parse_id(&Value::String(s.to_string()), ""))))
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(Some(IdOrNull::Bad))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<Value>()?.is_some() {}
        Ok(Some(IdOrNull::Bad))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        while map.next_entry::<String, Value>()?.is_some() {}
        Ok(Some(IdOrNull::Bad))
    }
}

fn checked(r: Result<u64, crate::error::Error>) -> IdOrNull {
    r.map_or(IdOrNull::Bad, IdOrNull::Id)
}

/// `Type`: `Some(None)` inside is "unusable".
struct TypeSeed;

impl<'de> DeserializeSeed<'de> for TypeSeed {
    type Value = Option<Option<TriggerType>>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for TypeSeed {
    type Value = Option<Option<TriggerType>>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a trigger type")
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Some(None))
    }
    fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
        if s.trim().is_empty() {
            return Ok(Some(None));
        }
        Ok(parse_trigger_type(s, "Type").ok().map(Some))
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<Value>()?.is_some() {}
        Ok(None)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        while map.next_entry::<String, Value>()?.is_some() {}
        Ok(None)
    }
}

/// `Properties`: `None` inside means "give up" (too many, not an object).
struct Props<'w> {
    wanted: &'w [String],
}

type PropsOut = Option<Option<(u64, Vec<(String, Value)>)>>;

impl<'de> DeserializeSeed<'de> for Props<'_> {
    type Value = PropsOut;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<PropsOut, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Props<'_> {
    type Value = PropsOut;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("properties")
    }
    fn visit_unit<E: de::Error>(self) -> Result<PropsOut, E> {
        Ok(None)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<PropsOut, A::Error> {
        let (mut sum, mut n) = (0u64, 0usize);
        let mut captured = Vec::new();
        let mut keys = SeenKeys::default();
        while let Some(key) = map.next_key::<KeyText<'de>>()? {
            let k = key.as_str();
            n += 1;
            // A repeated key keeps its last value in the full path; rather than mirror
            // that here, let the full path decide.
            if n > MAX_PROPERTIES {
                return Ok(Some(None));
            }
            let Some(kh) = keys.insert(k) else { return Ok(Some(None)) };
            let field = if self.wanted.iter().any(|w| w == k) {
                let v: Value = map.next_value()?;
                let h = field_hash(&v);
                captured.push((k.to_string(), field_value(&v)));
                h
            } else {
                map.next_value_seed(Hashes)?.field
            };
            sum = sum.wrapping_add(obj_entry_keyed(kh, field));
        }
        Ok(Some(Some((obj_end(sum, n), captured))))
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<PropsOut, E> {
        Ok(Some(None))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<PropsOut, E> {
        Ok(Some(None))
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<PropsOut, E> {
        Ok(Some(None))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<PropsOut, E> {
        Ok(Some(None))
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<PropsOut, E> {
        Ok(Some(None))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<PropsOut, A::Error> {
        while seq.next_element::<Value>()?.is_some() {}
        Ok(Some(None))
    }
}

/// A key, borrowed from the body when it has no escapes.
enum KeyText<'de> {
    Borrowed(&'de str),
    Owned(String),
}

impl KeyText<'_> {
    fn as_str(&self) -> &str {
        match self {
            KeyText::Borrowed(s) => s,
            KeyText::Owned(s) => s,
        }
    }
}

impl<'de> de::Deserialize<'de> for KeyText<'de> {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = KeyText<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<KeyText<'de>, E> {
                Ok(KeyText::Borrowed(s))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<KeyText<'de>, E> {
                Ok(KeyText::Owned(s.to_string()))
            }
        }
        d.deserialize_str(V)
    }
}

/// The hashes of one value: as SUMIT sent it (`value`), in mapped form (`field`), as
/// one element of a multi-value (`single`), and as a reference id when it could be one.
#[derive(Clone, Copy)]
struct H {
    value: u64,
    single: u64,
    field: u64,
    ref_id: Option<u64>,
}

impl H {
    fn plain(h: u64) -> H {
        H { value: h, single: h, field: h, ref_id: None }
    }
}

struct Hashes;

impl<'de> DeserializeSeed<'de> for Hashes {
    type Value = H;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<H, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Hashes {
    type Value = H;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_unit<E: de::Error>(self) -> Result<H, E> {
        Ok(H::plain(null_hash()))
    }
    fn visit_bool<E: de::Error>(self, b: bool) -> Result<H, E> {
        Ok(H::plain(bool_hash(b)))
    }
    fn visit_i64<E: de::Error>(self, i: i64) -> Result<H, E> {
        let h = i64_hash(i);
        Ok(H { ref_id: Some(h), ..H::plain(h) })
    }
    fn visit_u64<E: de::Error>(self, u: u64) -> Result<H, E> {
        // serde_json keeps u64 <= i64::MAX as an i64-readable number; both hash alike.
        let h = u64_hash(u);
        Ok(H { ref_id: Some(h), ..H::plain(h) })
    }
    fn visit_f64<E: de::Error>(self, f: f64) -> Result<H, E> {
        let h = f64_hash(f);
        Ok(H { ref_id: Some(h), ..H::plain(h) })
    }
    fn visit_str<E: de::Error>(self, s: &str) -> Result<H, E> {
        let value = str_hash(s);
        let single = if s.is_empty() { null_hash() } else { value };
        let ref_id = if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
            s.parse::<u64>().ok().map(u64_hash)
        } else {
            None
        };
        Ok(H { value, single, field: single, ref_id })
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<H, A::Error> {
        let (mut values, mut singles, mut first, mut n) = (arr_start(), arr_start(), null_hash(), 0usize);
        while let Some(item) = seq.next_element_seed(Hashes)? {
            if n == 0 {
                first = item.single;
            }
            values = arr_push(values, item.value);
            singles = arr_push(singles, item.single);
            n += 1;
        }
        let field = match n {
            0 => null_hash(),
            1 => first,
            _ => arr_end(singles, n),
        };
        Ok(H { value: arr_end(values, n), single: field, field, ref_id: None })
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<H, A::Error> {
        let (mut values, mut fields, mut n) = (0u64, 0u64, 0usize);
        let (mut id, mut name, mut schema) = (None, None, None);
        let mut keys = SeenKeys::default();
        while let Some(key) = map.next_key::<KeyText<'de>>()? {
            let k = key.as_str();
            let Some(kh) = keys.insert(k) else { return Err(de::Error::custom("repeated key")) };
            let h = map.next_value_seed(Hashes)?;
            values = values.wrapping_add(obj_entry_keyed(kh, h.value));
            fields = fields.wrapping_add(obj_entry_keyed(kh, h.field));
            n += 1;
            match k {
                "ID" => id = Some(h.ref_id),
                "Name" => name = Some(h.value),
                "SchemaID" => schema = Some(h.ref_id),
                _ => {}
            }
        }
        let single = match id {
            Some(Some(idh)) => {
                let sum = obj_entry("id", idh)
                    .wrapping_add(obj_entry("name", name.unwrap_or_else(null_hash)))
                    .wrapping_add(obj_entry("schemaId", schema.flatten().unwrap_or_else(null_hash)));
                obj_end(sum, 3)
            }
            _ => obj_end(fields, n),
        };
        Ok(H { value: obj_end(values, n), single, field: single, ref_id: None })
    }
}

/// The keys of one object so far, by hash; the first few without allocating.
#[derive(Default)]
struct SeenKeys {
    small: [u64; 12],
    n: usize,
    more: Vec<u64>,
}

impl SeenKeys {
    /// The key's hash (`hash::key_hash`), or `None` when `k` was already seen.
    fn insert(&mut self, k: &str) -> Option<u64> {
        let h = key_hash(k);
        let n = self.n.min(self.small.len());
        if self.small[..n].contains(&h) || self.more.contains(&h) {
            return None;
        }
        if self.n < self.small.len() {
            self.small[self.n] = h;
        } else {
            self.more.push(h);
        }
        self.n += 1;
        Some(h)
    }
}

