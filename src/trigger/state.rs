//! Saved states, as compact text. Both start with a tag and a version, so that a state
//! from another engine or a future format is refused with a clear error instead of
//! being misread, then a `.` and base64url bytes (see `codec.rs`).
//!
//! Matcher, `ogm1.`: varint card count, then the cards from least to most recently
//! seen (so the order *is* the recency; nothing else is stored for it), each as one
//! flags byte (status in bits 0–1, bit 2 "has a previous hash", bit 3 "creation
//! reported"), the entity id as a varint, the content hash (8 bytes), and the previous
//! hash (8 bytes) when there is one. 14 to 22 bytes a card, 19 to 30 characters.
//!
//! Listing (`diffListing`), `ogd1.`: the distinct folder ids, then the cards sorted by
//! id, each as the id's distance from the previous id (varint: dense ids take 1–3
//! bytes), the folder's index plus one (0: none) and the content hash.

use super::codec::{base64url, corrupt, from_base64url, put_varint, Reader};
use super::limits::{MAX_LISTING_CARDS, MAX_STATE_CHARS};
use super::memory::{Memory, Record, Status};
use crate::error::Error;

const MATCHER_TAG: &str = "ogm1.";
const LISTING_TAG: &str = "ogd1.";

fn payload(text: &str, tag: &str, what: &str) -> Result<Vec<u8>, Error> {
    if text.len() > MAX_STATE_CHARS {
        return Err(Error::at("state", "too_large", format!("is {} characters; the limit is {MAX_STATE_CHARS}", text.len())));
    }
    match text.strip_prefix(tag) {
        Some(rest) => from_base64url(rest),
        None if text.starts_with("og") && text.get(4..5) == Some(".") && text.get(..3) == tag.get(..3) => Err(Error::at(
            "state",
            "unsupported_state_version",
            format!("is a {what} state of version {:?}; this build reads version 1", text.get(3..4).unwrap_or("")),
        )),
        None => Err(corrupt(&format!("is not a {what} state (it should start with {tag:?})"))),
    }
}

pub fn save_matcher(memory: &Memory) -> String {
    let mut out = Vec::with_capacity(memory.len() * 18 + 8);
    put_varint(&mut out, memory.len() as u64);
    for (id, r) in memory.oldest_first() {
        let status = match r.status {
            Status::Live => 0,
            Status::Archived => 1,
            Status::Deleted => 2,
        };
        let flags = status | if r.prev_hash != 0 { 4 } else { 0 } | if r.created { 8 } else { 0 };
        out.push(flags);
        put_varint(&mut out, id);
        out.extend_from_slice(&r.hash.to_le_bytes());
        if r.prev_hash != 0 {
            out.extend_from_slice(&r.prev_hash.to_le_bytes());
        }
    }
    format!("{MATCHER_TAG}{}", base64url(&out))
}

/// Restores cards into `memory`; when the state holds more cards than the memory's
/// bound, the least recently seen ones are dropped, as they would have been.
pub fn restore_matcher(text: &str, memory: &mut Memory) -> Result<(), Error> {
    let bytes = payload(text, MATCHER_TAG, "matcher")?;
    let mut r = Reader::new(&bytes);
    let count = r.varint()?;
    // A card takes at least 10 bytes, so a count beyond that is a lie.
    if count > (r.remaining() / 10) as u64 {
        return Err(corrupt("claims more cards than it holds"));
    }
    let skip = (count as usize).saturating_sub(memory.capacity());
    for i in 0..count as usize {
        let flags = r.byte()?;
        if flags & !0b1111 != 0 {
            return Err(corrupt("holds an unknown card flag"));
        }
        let status = match flags & 3 {
            0 => Status::Live,
            1 => Status::Archived,
            2 => Status::Deleted,
            _ => return Err(corrupt("holds an unknown card status")),
        };
        let id = r.varint()?;
        let hash = r.u64()?;
        let prev_hash = if flags & 4 != 0 { r.u64()? } else { 0 };
        if id == 0 || hash == 0 {
            return Err(corrupt("holds an empty card"));
        }
        if i >= skip {
            memory.put(id, Record { hash, prev_hash, status, created: flags & 8 != 0 });
        }
    }
    if r.remaining() != 0 {
        return Err(corrupt("has bytes after its last card"));
    }
    Ok(())
}

/// One card of a listing, as remembered between polls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Listed {
    pub id: u64,
    pub folder: Option<u64>,
    pub hash: u64,
}

/// `cards` must be sorted by id without repeats.
pub fn save_listing(cards: &[Listed]) -> String {
    let mut folders: Vec<u64> = cards.iter().filter_map(|c| c.folder).collect();
    folders.sort_unstable();
    folders.dedup();
    let mut out = Vec::with_capacity(cards.len() * 12 + 16);
    put_varint(&mut out, folders.len() as u64);
    for f in &folders {
        put_varint(&mut out, *f);
    }
    put_varint(&mut out, cards.len() as u64);
    let mut last = 0u64;
    for c in cards {
        put_varint(&mut out, c.id - last);
        last = c.id;
        let folder = c.folder.map_or(0, |f| folders.binary_search(&f).map_or(0, |i| i as u64 + 1));
        put_varint(&mut out, folder);
        out.extend_from_slice(&c.hash.to_le_bytes());
    }
    format!("{LISTING_TAG}{}", base64url(&out))
}

pub fn restore_listing(text: &str) -> Result<Vec<Listed>, Error> {
    let bytes = payload(text, LISTING_TAG, "listing")?;
    let mut r = Reader::new(&bytes);
    let nf = r.varint()?;
    if nf > r.remaining() as u64 {
        return Err(corrupt("claims more folders than it holds"));
    }
    let folders: Vec<u64> = (0..nf).map(|_| r.varint()).collect::<Result<_, _>>()?;
    let count = r.varint()?;
    if count > (r.remaining() / 10) as u64 || count > MAX_LISTING_CARDS as u64 {
        return Err(corrupt("claims more cards than it holds"));
    }
    let mut cards = Vec::with_capacity(count as usize);
    let mut last = 0u64;
    for _ in 0..count {
        let delta = r.varint()?;
        if delta == 0 && !cards.is_empty() {
            return Err(corrupt("repeats a card"));
        }
        let id = last.checked_add(delta).ok_or_else(|| corrupt("holds an id beyond 64 bits"))?;
        last = id;
        let fi = r.varint()?;
        let folder = match fi {
            0 => None,
            n => Some(*folders.get((n - 1) as usize).ok_or_else(|| corrupt("names a folder it does not list"))?),
        };
        cards.push(Listed { id, folder, hash: r.u64()? });
    }
    if r.remaining() != 0 {
        return Err(corrupt("has bytes after its last card"));
    }
    Ok(cards)
}
