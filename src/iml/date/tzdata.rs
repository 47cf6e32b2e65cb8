//! Reads the compact IANA table generated into `tzdata_table.rs`
//! (`cargo test --test iml_date_tzdata -- --ignored regenerate` rebuilds it from the
//! system's `/usr/share/zoneinfo`).
//!
//! Line i of `NAMES` lists, separated by `|`, the zone and link names whose offsets are
//! record i. A record is spread over four byte streams, each holding the records one
//! after the other (a column each compresses better than records interleaved: the module
//! is gzipped, and this table is a tenth of it):
//! - `HEADS`, in varints: the number of distinct offsets (at most 8), each offset
//!   (seconds, zigzag; the first is the one in force on Jan 1 of `FIRST_YEAR`), then the
//!   number of transitions;
//! - `TIMES`, per transition, a varint `quarter_hours << 1 | has_remainder` (zigzag
//!   quarter hours), followed by the remaining seconds (0-899) when `has_remainder`. The
//!   quarter hours count from the transition two before plus 364 days (DST rules move a
//!   transition by 364 or 371 days a year, so this is usually 0 or a week); the second
//!   from the first, the first from Jan 1 of `FIRST_YEAR` (it may precede it);
//! - `SWITCHES`, per transition, the index of the offset it switches to (one byte);
//! - `RULES`, the length of the POSIX TZ rule for later instants, then the rule.

use super::tzdata_table::{FIRST_YEAR, HEADS, NAMES, RULES, SWITCHES, TIMES, YEAR_STEP};

/// Where one record starts in each stream.
#[derive(Debug, Clone, Copy)]
pub struct Record {
    head: usize,
    times: usize,
    switches: usize,
    rule: usize,
}

/// The table's spelling of `name` (matched case-insensitively) and its record.
pub fn lookup(name: &str) -> Option<(&'static str, Record)> {
    if name.is_empty() || name.contains(['\n', '|']) {
        return None;
    }
    let (canonical, index) = NAMES.lines().enumerate().find_map(|(index, line)| {
        line.split('|')
            .find(|n| n.eq_ignore_ascii_case(name))
            .map(|n| (n, index))
    })?;
    let mut at = Record { head: 0, times: 0, switches: 0, rule: 0 };
    for _ in 0..index {
        let mut head = Reader::new(HEADS, at.head);
        let n_offsets = head.varint();
        for _ in 0..n_offsets {
            head.varint();
        }
        let n = head.varint() as usize;
        let mut times = Reader::new(TIMES, at.times);
        for _ in 0..n {
            if times.varint() & 1 == 1 {
                times.varint();
            }
        }
        let mut rule = Reader::new(RULES, at.rule);
        let len = rule.varint() as usize;
        at = Record { head: head.i, times: times.i, switches: at.switches + n, rule: rule.i + len };
    }
    (at.switches <= SWITCHES.len()).then_some((canonical, at))
}

/// Every zone name the table knows.
pub fn names() -> impl Iterator<Item = &'static str> {
    NAMES.lines().flat_map(|l| l.split('|'))
}

/// (initial offset, transitions as (UTC seconds, new offset), POSIX rule text).
pub fn decode(record: Record) -> (i32, Vec<(i64, i32)>, &'static str) {
    let mut head = Reader::new(HEADS, record.head);
    let n_offsets = (head.varint() as usize).min(8);
    let offsets: Vec<i32> = (0..n_offsets).map(|_| head.zigzag() as i32).collect();
    let offset = |i: u8| offsets.get(i as usize).copied().unwrap_or(0);
    let n = head.varint() as usize;
    let mut times = Reader::new(TIMES, record.times);
    let first = super::civil::days_from_civil(FIRST_YEAR, 1, 1) * 86_400;
    let mut transitions: Vec<(i64, i32)> = Vec::with_capacity(n.min(1024));
    for k in 0..n {
        let v = times.varint();
        let q = (v >> 2) as i64 ^ -((v >> 1 & 1) as i64);
        let mut t = match k {
            0 => first,
            1 => transitions[0].0,
            _ => transitions[k - 2].0 + YEAR_STEP,
        } + q * 900;
        if v & 1 == 1 {
            t += times.varint() as i64;
        }
        let switch = SWITCHES.get(record.switches + k).copied().unwrap_or(0);
        transitions.push((t, offset(switch)));
    }
    let mut rules = Reader::new(RULES, record.rule);
    let len = rules.varint() as usize;
    let rule = RULES
        .get(rules.i..rules.i + len)
        .and_then(|b| std::str::from_utf8(b).ok())
        .unwrap_or("");
    (offset(0), transitions, rule)
}

struct Reader {
    b: &'static [u8],
    i: usize,
}

impl Reader {
    fn new(b: &'static [u8], i: usize) -> Reader {
        Reader { b, i }
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
