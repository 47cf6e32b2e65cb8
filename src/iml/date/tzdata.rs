//! Reads the compact IANA table generated into `tzdata_table.rs`
//! (`cargo test --test iml_date_tzdata -- --ignored regenerate` rebuilds it from the
//! system's `/usr/share/zoneinfo`).
//!
//! `NAMES` is `name offset\n` lines, `offset` being where the zone's record starts in
//! `RECORDS`; links share their target's record. A record is: zigzag varint of the
//! offset in force on Jan 1 of `FIRST_YEAR`; varint count of transitions; per transition
//! a varint of seconds since the previous one (the first since Jan 1 of `FIRST_YEAR`)
//! and a zigzag varint of the new offset; varint length of the POSIX TZ rule, the rule.

use super::tzdata_table::{FIRST_YEAR, NAMES, RECORDS};

/// The table's spelling of `name` (matched case-insensitively) and its record.
pub fn lookup(name: &str) -> Option<(&'static str, &'static [u8])> {
    if name.is_empty() || name.contains(['\n', ' ']) {
        return None;
    }
    NAMES.lines().find_map(|line| {
        let (n, off) = line.split_once(' ')?;
        if n.eq_ignore_ascii_case(name) {
            Some((n, RECORDS.get(off.parse::<usize>().ok()?..)?))
        } else {
            None
        }
    })
}

/// Every zone name the table knows.
pub fn names() -> impl Iterator<Item = &'static str> {
    NAMES.lines().filter_map(|l| l.split_once(' ').map(|(n, _)| n))
}

/// (initial offset, transitions as (UTC seconds, new offset), POSIX rule text).
pub fn decode(record: &'static [u8]) -> (i32, Vec<(i64, i32)>, &'static str) {
    let mut r = Reader { b: record, i: 0 };
    let initial = r.zigzag() as i32;
    let n = r.varint() as usize;
    let mut t = super::civil::days_from_civil(FIRST_YEAR, 1, 1) * 86_400;
    let mut transitions = Vec::with_capacity(n.min(1024));
    for _ in 0..n {
        t += r.varint() as i64;
        transitions.push((t, r.zigzag() as i32));
    }
    let len = r.varint() as usize;
    let rule = record
        .get(r.i..r.i + len)
        .and_then(|b| std::str::from_utf8(b).ok())
        .unwrap_or("");
    (initial, transitions, rule)
}

struct Reader {
    b: &'static [u8],
    i: usize,
}

impl Reader {
    fn varint(&mut self) -> u64 {
        let mut v = 0u64;
        let mut shift = 0;
        while let Some(&byte) = self.b.get(self.i) {
            self.i += 1;
            v |= ((byte & 0x7f) as u64) << shift;
            if byte & 0x80 == 0 || shift > 56 {
                break;
            }
            shift += 7;
        }
        v
    }
    fn zigzag(&mut self) -> i64 {
        let v = self.varint();
        (v >> 1) as i64 ^ -((v & 1) as i64)
    }
}
