//! The matcher's memory of cards: a bounded map from entity id to what was last seen,
//! with least-recently-seen eviction in O(1) (an index into a slab of nodes that are
//! linked from oldest to newest). One node is 40 bytes; with the hash index, a
//! remembered card costs about 60 bytes of memory.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// What the matcher last knew about a card.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Record {
    /// Content hash of the latest content seen (never 0).
    pub hash: u64,
    /// Content hash of the content before it, 0 when none. A delivery carrying it is a
    /// late replay (see `matcher.rs`).
    pub prev_hash: u64,
    pub status: Status,
    /// The card's creation was already reported.
    pub created: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Live,
    Archived,
    Deleted,
}

const NIL: u32 = u32::MAX;

struct Node {
    id: u64,
    record: Record,
    older: u32,
    newer: u32,
}

/// Entity ids are already well spread; one multiply spreads their low bits further.
#[derive(Default)]
pub struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ *b as u64).wrapping_mul(0x100_0000_01B3);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (n ^ (n >> 29)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

pub type IdMap<V> = HashMap<u64, V, BuildHasherDefault<IdHasher>>;

pub struct Memory {
    index: IdMap<u32>,
    nodes: Vec<Node>,
    oldest: u32,
    newest: u32,
    cap: usize,
}

impl Memory {
    /// A memory of at most `cap` cards (at least one).
    pub fn new(cap: usize) -> Memory {
        let cap = cap.max(1);
        Memory { index: IdMap::default(), nodes: Vec::new(), oldest: NIL, newest: NIL, cap }
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    pub fn capacity(&self) -> usize {
        self.cap
    }

    /// The card's record, marking it as the most recently seen.
    pub fn get(&mut self, id: u64) -> Option<Record> {
        let i = *self.index.get(&id)?;
        self.touch(i);
        Some(self.nodes[i as usize].record)
    }

    /// Without touching: for tests and inspection.
    pub fn peek(&self, id: u64) -> Option<Record> {
        self.index.get(&id).map(|i| self.nodes[*i as usize].record)
    }

    /// Stores the card's record as the most recently seen, forgetting the least recently
    /// seen card when the memory is full.
    pub fn put(&mut self, id: u64, record: Record) {
        if let Some(&i) = self.index.get(&id) {
            self.nodes[i as usize].record = record;
            self.touch(i);
            return;
        }
        let i = if self.nodes.len() < self.cap {
            self.nodes.push(Node { id, record, older: NIL, newer: NIL });
            (self.nodes.len() - 1) as u32
        } else {
            let victim = self.oldest;
            self.unlink(victim);
            let node = &mut self.nodes[victim as usize];
            self.index.remove(&node.id);
            node.id = id;
            node.record = record;
            victim
        };
        self.index.insert(id, i);
        self.link_newest(i);
    }

    /// Cards from the least to the most recently seen.
    pub fn oldest_first(&self) -> impl Iterator<Item = (u64, Record)> + '_ {
        let mut at = self.oldest;
        std::iter::from_fn(move || {
            if at == NIL {
                return None;
            }
            let n = &self.nodes[at as usize];
            at = n.newer;
            Some((n.id, n.record))
        })
    }

    fn touch(&mut self, i: u32) {
        if self.newest != i {
            self.unlink(i);
            self.link_newest(i);
        }
    }

    fn unlink(&mut self, i: u32) {
        let (older, newer) = {
            let n = &self.nodes[i as usize];
            (n.older, n.newer)
        };
        if older == NIL { self.oldest = newer } else { self.nodes[older as usize].newer = newer }
        if newer == NIL { self.newest = older } else { self.nodes[newer as usize].older = older }
    }

    fn link_newest(&mut self, i: u32) {
        let prev = self.newest;
        {
            let n = &mut self.nodes[i as usize];
            n.older = prev;
            n.newer = NIL;
        }
        if prev == NIL { self.oldest = i } else { self.nodes[prev as usize].newer = i }
        self.newest = i;
    }
}
