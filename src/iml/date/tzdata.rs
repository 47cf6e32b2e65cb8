//! Reads the compact IANA table generated into `tzdata_table.rs`
//! (`cargo test --test iml_date_tzdata -- --ignored regenerate` rebuilds it from the
//! system's `/usr/share/zoneinfo`).
//!
//! Line i of `NAMES` lists, separated by `|`, the zone and link names whose offsets are
//! record i of `RECORDS` (the records are stored one after the other). A record is, in varints:
//! - the number of distinct offsets (at most 8), then each offset
//!   (seconds, zigzag); the first is the one in force on Jan 1 of `FIRST_YEAR`;
//! - the number of transitions, then per transition `quarter_hours << 4 | offset_index << 1
//!   | has_remainder` (the time since the previous transition; the first is counted from
//!   Jan 1 of `FIRST_YEAR`, zigzag, as it may precede it), followed by the remaining
//!   seconds when `has_remainder`;
//! - the length of the POSIX TZ rule for later instants, then the rule.

use super::tzdata_table::{FIRST_YEAR, NAMES, RECORDS};

/// The table's spelling of `name` (matched case-insensitively) and its record.
pub fn lookup(name: &str) -> Option<(&'static str, &'static [u8])> {
    if name.is_empty() || name.contains(['\n', '|']) {
        return None;
    }
    let (canonical, index) = NAMES.lines().enumerate().find_map(|(index, line)| {
        line.split('|')
            .find(|n| n.eq_ignore_ascii_case(name))
            .map(|n| (n, index))
    })?;
    let mut r = Reader { b: RECORDS, i: 0 };
    for _ in 0..index {
        r.skip_record();
    }
    Some((canonical, RECORDS.get(r.i..)?))
}

/// Every zone name the table knows.
pub fn names() -> impl Iterator<Item = &'static str> {
    NAMES.lines().flat_map(|l| l.split('|'))
}

/// (initial offset, transitions as (UTC seconds, new offset), POSIX rule text).
pub fn decode(record: &'static [u8]) -> (i32, Vec<(i64, i32)>, &'static str) {
    let mut r = Reader { b: record, i: 0 };
    let n_offsets = (r.varint() as usize).min(8);
    let offsets: Vec<i32> = (0..n_offsets).map(|_| r.zigzag() as i32).collect();
    let offset = |i: u64| offsets.get(i as usize).copied().unwrap_or(0);
    let n = r.varint() as usize;
    let mut t = super::civil::days_from_civil(FIRST_YEAR, 1, 1) * 86_400;
    let mut transitions = Vec::with_capacity(n.min(1024));
    for i in 0..n {
        let v = r.varint();
        let quarters = v >> 4;
        // The first transition may precede FIRST_YEAR, so its count is zigzag-encoded.
        let quarters = if i == 0 {
            (quarters >> 1) as i64 ^ -((quarters & 1) as i64)
        } else {
            quarters as i64
        };
        t += quarters * 900;
        if v & 1 == 1 {
            t += r.varint() as i64;
        }
        transitions.push((t, offset(v >> 1 & 7)));
    }
    let len = r.varint() as usize;
    let rule = record
        .get(r.i..r.i + len)
        .and_then(|b| std::str::from_utf8(b).ok())
        .unwrap_or("");
    (offset(0), transitions, rule)
}

struct Reader {
    b: &'static [u8],
    i: usize,
}

impl Reader {
    fn skip_record(&mut self) {
        let n_offsets = self.varint();
        for _ in 0..n_offsets {
            self.varint();
        }
        for _ in 0..self.varint() {
            if self.varint() & 1 == 1 {
                self.varint();
            }
        }
        self.i += self.varint() as usize;
    }

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
