//! `TriggerMatcher`: which subscriptions a delivery fires, and exactly once.
//!
//! What is knowable. A delivery names the card (`EntityID`), its folder, the type of
//! the SUMIT trigger that sent it and the card's current columns. It carries no
//! timestamp, sequence number or delivery id, and SUMIT retries a delivery whose answer
//! took over 10 s (NOTES.md §6.3). So "same delivery" can only mean "same card, same
//! content", and order can only be inferred from content already seen. The matcher
//! therefore remembers, per card: the hash of the latest content, the hash of the
//! content before it, whether it already reported the card's creation, and whether the
//! card was archived or deleted.
//!
//! Rules, per delivery:
//! - `Create` fires `create` once per card; a later `Create` for the same card is a
//!   retry (even if SUMIT rebuilt its content).
//! - `Update`, `CreateOrUpdate` (and a delivery without `Type`) fire when the content
//!   differs from both the latest and the previous content. Equal to the latest: a retry.
//!   Equal to the previous: a late retry overtaken by a newer change (A, B, then A's
//!   retry), so dropped. The price: a genuine revert straight back to the previous
//!   content (A → B → A) is not reported; A → B → C → A is.
//! - Under `CreateOrUpdate` SUMIT does not say which happened: the first sighting of a
//!   card is a `create`, every later change an `update`. A matcher that starts while
//!   cards already exist (or that forgot a card at its bound) reports their first
//!   change as `create`.
//! - Not knowable: when a card's first delivery (A) is overtaken by its second (B), B is
//!   reported as the `create` and A, arriving later, as an `update`; nothing in a
//!   payload says A is older. Only a replay of content already superseded is caught.
//! - `Archive` and `Delete` fire once. The card's content is forgotten; a small tombstone
//!   stays so that a replayed archive or delete, or a stale update delivered after the
//!   delete, fires nothing. An update with new content after an archive fires (the card
//!   was restored); nothing fires after a delete (ids are not reused).
//!
//! A subscription fires when the delivery's folder is its folder (or the caller says
//! which subscription the delivery arrived for, by its URL), it wants that kind, and
//! all its filters hold. The memory is bounded (least recently seen forgotten first)
//! and is saved to and restored from a compact string (`state.rs`).

use super::body::decode_raw;
use super::digest::digest;
use super::fields::field_value;
use super::filter::Filter;
use super::hash::{content_hash, properties_hash};
use super::limits::{DEFAULT_MAX_CARDS, MAX_CARDS_LIMIT};
use super::memory::{Memory, Record, Status};
use super::normalize::{read_delivery, Card};
use super::state;
use super::subscription::{Kind, Subscription};
use crate::api::TriggerType;
use crate::error::Error;
use serde_json::Value;

/// One subscription that fired, by its index in the matcher's subscriptions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fired {
    pub subscription: usize,
    pub kind: Kind,
}

pub struct Matcher {
    subscriptions: Vec<Subscription>,
    memory: Memory,
    /// Properties that some filter reads: the streaming path keeps their values.
    wanted: Vec<String>,
}

impl Matcher {
    /// A matcher over `subscriptions`, remembering at most `max_cards` cards (default
    /// `DEFAULT_MAX_CARDS`), restored from `saved` when given.
    pub fn new(subscriptions: Vec<Subscription>, saved: Option<&str>, max_cards: Option<usize>) -> Result<Matcher, Error> {
        let cap = match max_cards {
            None => DEFAULT_MAX_CARDS,
            Some(n) if (1..=MAX_CARDS_LIMIT).contains(&n) => n,
            Some(n) => {
                return Err(Error::at(
                    "options.maxCards",
                    "invalid_option",
                    format!("is {n}; it must be between 1 and {MAX_CARDS_LIMIT}"),
                ))
            }
        };
        let mut memory = Memory::new(cap);
        if let Some(text) = saved.filter(|t| !t.trim().is_empty()) {
            state::restore_matcher(text.trim(), &mut memory)?;
        }
        let mut wanted: Vec<String> =
            subscriptions.iter().flat_map(|s| s.filters.iter().map(|f| f.property.clone())).collect();
        wanted.sort();
        wanted.dedup();
        Ok(Matcher { subscriptions, memory, wanted })
    }

    pub fn subscriptions(&self) -> &[Subscription] {
        &self.subscriptions
    }

    /// Cards remembered now, and the bound.
    pub fn remembered(&self) -> (usize, usize) {
        (self.memory.len(), self.memory.capacity())
    }

    pub fn save_state(&self) -> String {
        state::save_matcher(&self.memory)
    }

    /// The subscriptions `card` fires; `only` restricts to one subscription (the one
    /// whose URL received the delivery) and then skips the folder check.
    pub fn accept(&mut self, card: &Card, trigger_type: Option<TriggerType>, only: Option<usize>) -> Vec<Fired> {
        let hash = content_hash(&card.fields);
        let Some(kind) = self.decide(card.entity_id, hash, trigger_type) else { return Vec::new() };
        self.fire(kind, card.folder, only, |f| f.holds(&card.fields))
    }

    /// `accept` for a delivery (or event) still in its parsed JSON: the hot path, which
    /// reads SUMIT's values in place instead of building `properties` and `fields`.
    pub fn accept_value(&mut self, delivery: &Value, only: Option<usize>) -> Result<Vec<Fired>, Error> {
        let d = read_delivery(delivery)?;
        let empty = serde_json::Map::new();
        let props = d.properties.unwrap_or(&empty);
        let hash = properties_hash(props);
        let Some(kind) = self.decide(d.entity_id, hash, d.trigger_type) else { return Ok(Vec::new()) };
        Ok(self.fire(kind, d.folder, only, |f| {
            f.holds_field(&props.get(&f.property).map_or(Value::Null, field_value))
        }))
    }

    /// `accept` for a delivery body as received (JSON, or a `json=` form): the fastest
    /// path, a streaming pass over the text when it has the plain shape (`digest.rs`).
    pub fn accept_text(&mut self, text: &str, only: Option<usize>) -> Result<Vec<Fired>, Error> {
        if let Some(d) = digest(text, &self.wanted) {
            let Some(kind) = self.decide(d.entity_id, d.hash, d.trigger_type) else { return Ok(Vec::new()) };
            let field = |p: &str| d.captured.iter().find(|(k, _)| k == p).map(|(_, v)| v);
            return Ok(self.fire(kind, d.folder, only, |f| f.holds_field(field(&f.property).unwrap_or(&Value::Null))));
        }
        let value = decode_raw(None, text.as_bytes())?;
        self.accept_value(&value, only)
    }

    fn fire(&self, kind: Kind, folder: Option<u64>, only: Option<usize>, holds: impl Fn(&Filter) -> bool) -> Vec<Fired> {
        let mut fired = Vec::new();
        for (i, s) in self.subscriptions.iter().enumerate() {
            let folder_ok = match only {
                Some(o) => o == i,
                None => folder.is_none_or(|f| f == s.folder),
            };
            if folder_ok && s.wants(kind) && s.filters.iter().all(&holds) {
                fired.push(Fired { subscription: i, kind });
            }
        }
        fired
    }

    /// What happened to the card, or `None` for a retry or a stale replay; updates the
    /// memory either way.
    pub fn decide(&mut self, entity_id: u64, hash: u64, trigger_type: Option<TriggerType>) -> Option<Kind> {
        let hash = hash.max(1);
        let seen = self.memory.get(entity_id);
        match trigger_type {
            Some(t @ (TriggerType::Archive | TriggerType::Delete)) => {
                let (kind, status) = if t == TriggerType::Archive {
                    (Kind::Archive, Status::Archived)
                } else {
                    (Kind::Delete, Status::Deleted)
                };
                if let Some(r) = seen {
                    if r.status == Status::Deleted || r.status == status {
                        return None;
                    }
                }
                let last = seen.map_or(hash, |r| r.hash);
                let created = seen.is_some_and(|r| r.created);
                self.memory.put(entity_id, Record { hash: last, prev_hash: 0, status, created });
                Some(kind)
            }
            Some(TriggerType::Create) => match seen {
                Some(r) if r.created || r.status == Status::Deleted => None,
                Some(r) => {
                    self.memory.put(entity_id, Record { created: true, ..r });
                    Some(Kind::Create)
                }
                None => {
                    self.memory.put(entity_id, Record { hash, prev_hash: 0, status: Status::Live, created: true });
                    Some(Kind::Create)
                }
            },
            other => match seen {
                None => {
                    let kind = if other == Some(TriggerType::Update) { Kind::Update } else { Kind::Create };
                    let created = kind == Kind::Create;
                    self.memory.put(entity_id, Record { hash, prev_hash: 0, status: Status::Live, created });
                    Some(kind)
                }
                Some(r) => {
                    if r.status == Status::Deleted || hash == r.hash || hash == r.prev_hash {
                        return None;
                    }
                    self.memory.put(entity_id, Record { hash, prev_hash: r.hash, status: Status::Live, created: r.created });
                    Some(Kind::Update)
                }
            },
        }
    }

    /// Index of the subscription with this id.
    pub fn subscription_index(&self, id: &str) -> Option<usize> {
        self.subscriptions.iter().position(|s| s.id == id)
    }
}
