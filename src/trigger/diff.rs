//! `diffListing`: changes found by polling a folder through `/crm/data/listentities/`
//! (no JSON call lists a view's cards, NOTES.md §5.2).
//!
//! The listing is read as a set: it may be given as one array of entities, as pages
//! (arrays, or `listentities` `Data` objects with `Entities`) in any order, and a card
//! that offset paging shows twice counts once; events come out sorted by entity id, so
//! the same listing gives the same result whatever the page order. The first run (no
//! state) records what exists and reports nothing, unless `emitExisting` (Make's "All"
//! rather than "From now on") asks for every card as `create`. A card that fails to
//! normalise is reported in `errors`; if its id could not be read at all, no card is
//! reported removed on that run (it might be the unreadable one) and the previous
//! state's cards are carried over.

use super::digest::digest_entity;
use super::entity::{normalize_entity, read_entity};
use super::id::id_value;
use super::limits::MAX_LISTING_CARDS;
use super::normalize::{kind_of, lookup, Card};
use super::safe_json::SafeMap;
use super::state::{restore_listing, save_listing, Listed};
use crate::error::{json_refusal, json_too_deep, Error, Issue, Path};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::Value;

#[derive(Debug, Clone, Copy, Default)]
pub struct DiffOptions {
    pub emit_existing: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiffKind {
    Create,
    Update,
    Remove,
}

#[derive(Debug, Clone, PartialEq)]
pub enum DiffEvent {
    Changed(DiffKind, Card),
    Removed { entity_id: u64, folder: Option<u64> },
}

pub struct DiffResult {
    pub events: Vec<DiffEvent>,
    pub state: String,
    pub errors: Vec<Issue>,
}

pub fn diff_listing(state: Option<&str>, entities: &Value, options: DiffOptions) -> Result<DiffResult, Error> {
    let previous = restore(state)?;
    let mut errors = Vec::new();
    let mut unreadable_id = false;
    let mut current: Vec<(Listed, Src)> = Vec::new();
    for_each_entity(entities, &mut |value, path| {
        match read_entity(value, &path) {
            Ok(e) => {
                let listed = Listed { id: e.entity_id, folder: e.folder, hash: e.hash().max(1) };
                current.push((listed, Src::Value(value, path)));
            }
            Err(e) => {
                let at_id = e.path.as_deref().is_some_and(|p| p.ends_with(".ID") || p == path.as_str());
                unreadable_id |= e.code == "missing_entity_id" || at_id;
                errors.extend(e.issues);
            }
        }
        check_count(current.len())
    })?;
    let (events, state) = merge(previous, current, unreadable_id, options)?;
    Ok(DiffResult { events, state, errors })
}

/// `diffListing` over entities given as JSON texts, one per entity (the JS package sends
/// them so, NUL-separated): each is read in one streaming pass, and only the cards that
/// changed are parsed in full. `None` when some entity needs the full path (an odd
/// shape, a bad id): the caller then uses `diff_listing`, which reports it precisely.
pub fn diff_listing_texts<'a>(
    state: Option<&str>,
    texts: impl Iterator<Item = &'a str>,
    options: DiffOptions,
) -> Result<Option<DiffResult>, Error> {
    let previous = restore(state)?;
    let mut current: Vec<(Listed, Src)> = Vec::new();
    let mut odd = Vec::new();
    for (i, text) in texts.enumerate() {
        match digest_entity(text) {
            Some(d) => current.push((Listed { id: d.entity_id, folder: d.folder, hash: d.hash.max(1) }, Src::Text(text))),
            None => odd.push((i, serde_json::from_str::<Value>(text))),
        }
        check_count(current.len())?;
    }
    let mut errors = Vec::new();
    let mut unreadable_id = false;
    if !odd.is_empty() {
        // The full path parses the whole listing at once, which a card nested past the
        // parser's limit fails: with such a card, the odd cards are read here one by one
        // (`i` counting cards across pages), so that it is an error at its place and the
        // others are still diffed. Without one, the full path reports them more precisely.
        if !odd.iter().any(|(_, r)| r.as_ref().is_err_and(json_too_deep)) {
            return Ok(None);
        }
        for (i, parsed) in odd {
            let path = Path::root().key("entities").index(i);
            let value = match parsed {
                Ok(v) => v,
                Err(e) => {
                    let refused = json_refusal(path.as_str(), &e);
                    errors.push(Issue::new(path.as_str(), refused.code, refused.message));
                    unreadable_id = true;
                    continue;
                }
            };
            match read_entity(&value, &path).map(|e| Listed { id: e.entity_id, folder: e.folder, hash: e.hash().max(1) }) {
                Ok(listed) => current.push((listed, Src::Owned(value, path))),
                Err(e) => {
                    let at_id = e.path.as_deref().is_some_and(|p| p.ends_with(".ID") || p == path.as_str());
                    unreadable_id |= e.code == "missing_entity_id" || at_id;
                    errors.extend(e.issues);
                }
            }
            check_count(current.len())?;
        }
    }
    let (events, state) = merge(previous, current, unreadable_id, options)?;
    Ok(Some(DiffResult { events, state, errors }))
}

fn restore(state: Option<&str>) -> Result<Option<Vec<Listed>>, Error> {
    match state.map(str::trim).filter(|s| !s.is_empty()) {
        Some(text) => Ok(Some(restore_listing(text)?)),
        None => Ok(None),
    }
}

fn check_count(n: usize) -> Result<(), Error> {
    if n > MAX_LISTING_CARDS {
        return Err(Error::at("entities", "too_large", format!("holds more than {MAX_LISTING_CARDS} cards; poll a narrower filter")));
    }
    Ok(())
}

/// Where a listed card came from, to build its event only when it changed.
enum Src<'a> {
    Value(&'a Value, Path),
    Owned(Value, Path),
    Text(&'a str),
}

impl Src<'_> {
    fn card(&self) -> Result<Card, Error> {
        match self {
            Src::Value(v, path) => normalize_entity(v, path),
            Src::Owned(v, path) => normalize_entity(v, path),
            Src::Text(t) => {
                let v: Value = serde_json::from_str(t)
                    .map_err(|e| Error::at("entities", "invalid_json", format!("an entity is not valid JSON ({e})")))?;
                normalize_entity(&v, &Path::root().key("entities"))
            }
        }
    }
}

fn merge(
    previous: Option<Vec<Listed>>,
    mut current: Vec<(Listed, Src)>,
    unreadable_id: bool,
    options: DiffOptions,
) -> Result<(Vec<DiffEvent>, String), Error> {
    // A set, whatever the page order: sort by id; a card shown twice keeps one copy,
    // the same one whichever page came first.
    current.sort_by(|a, b| a.0.id.cmp(&b.0.id).then(b.0.hash.cmp(&a.0.hash)));
    current.dedup_by(|later, first| later.0.id == first.0.id);

    let mut events = Vec::new();
    let mut next: Vec<Listed> = Vec::with_capacity(current.len());
    match previous {
        None => {
            for (listed, src) in current {
                next.push(listed);
                if options.emit_existing {
                    events.push(DiffEvent::Changed(DiffKind::Create, src.card()?));
                }
            }
        }
        Some(prev) => {
            let mut p = prev.into_iter().peekable();
            for (listed, src) in current {
                while let Some(old) = p.next_if(|o| o.id < listed.id) {
                    removed(old, unreadable_id, &mut events, &mut next);
                }
                match p.next_if(|o| o.id == listed.id) {
                    Some(old) if old.hash == listed.hash => {}
                    Some(_) => events.push(DiffEvent::Changed(DiffKind::Update, src.card()?)),
                    None => events.push(DiffEvent::Changed(DiffKind::Create, src.card()?)),
                }
                next.push(listed);
            }
            for old in p {
                removed(old, unreadable_id, &mut events, &mut next);
            }
        }
    }
    Ok((events, save_listing(&next)))
}

fn removed(old: Listed, keep: bool, events: &mut Vec<DiffEvent>, next: &mut Vec<Listed>) {
    if keep {
        next.push(old);
    } else {
        events.push(DiffEvent::Removed { entity_id: old.id, folder: old.folder });
    }
}

static NULL: Value = Value::Null;

/// Calls `f` with every entity of the listing and its path.
fn for_each_entity<'a>(
    entities: &'a Value,
    f: &mut dyn FnMut(&'a Value, Path) -> Result<(), Error>,
) -> Result<(), Error> {
    let root = Path::root().key("entities");
    fn page(v: &Value) -> Option<&Vec<Value>> {
        match v {
            Value::Object(m) => match lookup(m, "Entities", &["entities"]) {
                Some(Value::Array(a)) => Some(a),
                _ => None,
            },
            Value::Array(a) => Some(a),
            _ => None,
        }
    }
    match entities {
        Value::Null => Ok(()),
        Value::Object(_) => match page(entities) {
            Some(items) => items.iter().enumerate().try_for_each(|(i, e)| f(e, root.index(i))),
            None => Err(Error::at("entities", "invalid_type", "must be an array of entities, of pages, or a listentities result with Entities")),
        },
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let is_page = matches!(item, Value::Array(_))
                    || matches!(item, Value::Object(m) if lookup(m, "Entities", &["entities"]).is_some() && lookup(m, "ID", &["id"]).is_none());
                match (is_page, page(item)) {
                    (true, Some(inner)) => {
                        for (j, e) in inner.iter().enumerate() {
                            f(e, root.index(i).index(j))?;
                        }
                    }
                    (true, None) => f(&NULL, root.index(i).key("Entities"))?,
                    _ => f(item, root.index(i))?,
                }
            }
            Ok(())
        }
        other => Err(Error::at("entities", "invalid_type", format!("must be an array, got {}", kind_of(other)))),
    }
}

impl DiffKind {
    pub fn key(self) -> &'static str {
        match self {
            DiffKind::Create => "create",
            DiffKind::Update => "update",
            DiffKind::Remove => "remove",
        }
    }
}

impl Serialize for DiffEvent {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(5))?;
        match self {
            DiffEvent::Changed(kind, card) => {
                map.serialize_entry("kind", kind.key())?;
                map.serialize_entry("folder", &card.folder.map(id_value))?;
                map.serialize_entry("entityId", &id_value(card.entity_id))?;
                map.serialize_entry("properties", &SafeMap(&card.properties))?;
                map.serialize_entry("fields", &SafeMap(&card.fields))?;
            }
            DiffEvent::Removed { entity_id, folder } => {
                map.serialize_entry("kind", DiffKind::Remove.key())?;
                map.serialize_entry("folder", &folder.map(id_value))?;
                map.serialize_entry("entityId", &id_value(*entity_id))?;
                map.serialize_entry("properties", &Value::Null)?;
                map.serialize_entry("fields", &Value::Null)?;
            }
        }
        map.end()
    }
}

impl Serialize for DiffResult {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(3))?;
        map.serialize_entry("events", &self.events)?;
        map.serialize_entry("state", &self.state)?;
        map.serialize_entry("errors", &self.errors)?;
        map.end()
    }
}
