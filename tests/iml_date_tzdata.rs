//! The compact IANA table against the system's tzdata (`/usr/share/zoneinfo`), and its
//! generator.
//!
//! `cargo test --test iml_date_tzdata -- --ignored regenerate` rewrites
//! `src/iml/date/tzdata_table.rs` from the TZif files of every zone and link listed in
//! `/usr/share/zoneinfo/tzdata.zi`. The other tests check, for every zone, that the
//! table gives the same offset as the TZif file at every transition since
//! `FIRST_YEAR` (and a second before it) and on the 1st and 15th of every month to 2040.
//! They pass vacuously on a machine without tzdata.
// Host only: plain #[test]s do not run on wasm32 (see tests/iml_date_wasm.rs).
#![cfg(not(target_arch = "wasm32"))]

use officeguy_make::iml::date::{posix_rule_offset, tzdata_version, zone, zone_names};
use std::collections::BTreeMap;
use std::path::Path;

const ZONEINFO: &str = "/usr/share/zoneinfo";
const FIRST_YEAR: i64 = 1970;
const FIRST_SECS: i64 = 0; // 1970-01-01T00:00:00Z
/// Zones kept with their whole history, before 1970 too: the zone of OfficeGuy's users.
const FULL_HISTORY: &[&str] = &["Asia/Jerusalem"];

/// What a TZif file says: transitions (UTC seconds, offset after), the offset before the
/// first, and the POSIX footer.
struct Tzif {
    initial: i32,
    transitions: Vec<(i64, i32)>,
    footer: String,
}

fn be32(b: &[u8], at: usize) -> usize {
    u32::from_be_bytes(b[at..at + 4].try_into().unwrap()) as usize
}

fn read_tzif(path: &Path) -> Option<Tzif> {
    let b = std::fs::read(path).ok()?;
    if &b[..4] != b"TZif" || b[4] < b'2' {
        return None;
    }
    // Skip the v1 block.
    let counts = |at: usize| {
        (
            be32(&b, at + 20),
            be32(&b, at + 24),
            be32(&b, at + 28),
            be32(&b, at + 32),
            be32(&b, at + 36),
            be32(&b, at + 40),
        )
    };
    let (isut, isstd, leap, time, typ, chars) = counts(0);
    let v2 = 44 + time * 5 + typ * 6 + chars + leap * 8 + isstd + isut;
    let (isut, isstd, leap, time, typ, chars) = counts(v2);
    let mut at = v2 + 44;
    let times: Vec<i64> = (0..time)
        .map(|i| i64::from_be_bytes(b[at + i * 8..at + i * 8 + 8].try_into().unwrap()))
        .collect();
    at += time * 8;
    let idx: Vec<usize> = b[at..at + time].iter().map(|&x| x as usize).collect();
    at += time;
    let offsets: Vec<i32> = (0..typ)
        .map(|i| i32::from_be_bytes(b[at + i * 6..at + i * 6 + 4].try_into().unwrap()))
        .collect();
    at += typ * 6 + chars + leap * 12 + isstd + isut;
    let footer = std::str::from_utf8(&b[at..])
        .ok()?
        .trim_matches('\n')
        .to_string();
    Some(Tzif {
        initial: offsets[0],
        transitions: times
            .into_iter()
            .zip(idx)
            .map(|(t, i)| (t, offsets[i]))
            .collect(),
        footer,
    })
}

impl Tzif {
    /// Offset at `secs` per the file (the footer beyond the last transition).
    fn offset_at(&self, secs: i64) -> i32 {
        let n = self.transitions.partition_point(|(t, _)| *t <= secs);
        if n == self.transitions.len() {
            if let Some(off) = posix_rule_offset(&self.footer, secs) {
                return off;
            }
        }
        if n == 0 {
            self.initial
        } else {
            self.transitions[n - 1].1
        }
    }
}

/// Zone names, and (target, alias) pairs of links.
type ZoneList = (Vec<String>, Vec<(String, String)>);

/// Zones (`Z`) and links (`L target alias`) of `tzdata.zi`.
fn zone_list() -> Option<ZoneList> {
    let zi = std::fs::read_to_string(format!("{ZONEINFO}/tzdata.zi")).ok()?;
    let mut zones = Vec::new();
    let mut links = Vec::new();
    for line in zi.lines() {
        let parts: Vec<&str> = line.split_whitespace().collect();
        match parts.as_slice() {
            ["Z", name, ..] => zones.push(name.to_string()),
            ["L", target, alias] => links.push((target.to_string(), alias.to_string())),
            _ => {}
        }
    }
    Some((zones, links))
}

fn varint(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let byte = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

fn zigzag(out: &mut Vec<u8>, v: i64) {
    varint(out, ((v << 1) ^ (v >> 63)) as u64);
}

/// The record of one zone (see `src/iml/date/tzdata.rs` for the layout).
fn record(tz: &Tzif, full_history: bool) -> Record {
    let first_secs = if full_history { i64::MIN } else { FIRST_SECS };
    let initial = if full_history {
        tz.initial
    } else {
        tz.offset_at(FIRST_SECS - 1)
    };
    // Transitions since FIRST_YEAR (or all of them) that change the offset.
    let mut kept: Vec<(i64, i32)> = Vec::new();
    let mut prev = initial;
    for &(t, off) in &tz.transitions {
        if t >= first_secs && off != prev {
            kept.push((t, off));
            prev = off;
        }
    }
    // Drop the tail that the footer rule reproduces: keep up to the first transition
    // from which every later one agrees with the rule.
    if posix_rule_offset(&tz.footer, 0).is_some() {
        // The rule must give each kept transition, and nothing else in between (checked
        // weekly): a zone may have paused DST for a few years (America/Grand_Turk).
        let agrees = |j: usize| {
            let before = if j == 0 { initial } else { kept[j - 1].1 };
            let end = kept.get(j + 1).map_or(kept[j].0 + 1, |n| n.0);
            posix_rule_offset(&tz.footer, kept[j].0) == Some(kept[j].1)
                && posix_rule_offset(&tz.footer, kept[j].0 - 1) == Some(before)
                && (kept[j].0..end)
                    .step_by(7 * 86_400)
                    .all(|t| posix_rule_offset(&tz.footer, t) == Some(kept[j].1))
        };
        let mut k = kept.len();
        while k > 0 && agrees(k - 1) {
            k -= 1;
        }
        kept.truncate((k + 1).min(kept.len()));
    }
    // Transition instants since 1970 nearly all fall on a 15-minute grid; the few others
    // carry their remainder.
    let mut offsets: Vec<i32> = vec![initial];
    for &(_, off) in &kept {
        if !offsets.contains(&off) {
            offsets.push(off);
        }
    }
    assert!(offsets.len() <= 8, "offsets {offsets:?}");
    let mut r = Record::default();
    varint(&mut r.head, offsets.len() as u64);
    for &o in &offsets {
        zigzag(&mut r.head, o as i64);
    }
    varint(&mut r.head, kept.len() as u64);
    for (k, &(t, off)) in kept.iter().enumerate() {
        let base = match k {
            0 => FIRST_SECS,
            1 => kept[0].0,
            _ => kept[k - 2].0 + YEAR_STEP,
        };
        let delta = t - base;
        let (quarters, rem) = (delta.div_euclid(900), delta.rem_euclid(900) as u64);
        varint(&mut r.times, (((quarters << 1) ^ (quarters >> 63)) as u64) << 1 | u64::from(rem != 0));
        if rem != 0 {
            varint(&mut r.times, rem);
        }
        r.switches.push(offsets.iter().position(|&o| o == off).unwrap() as u8);
    }
    varint(&mut r.rules, tz.footer.len() as u64);
    r.rules.extend_from_slice(tz.footer.as_bytes());
    r
}

/// One record's part of each stream (see `src/iml/date/tzdata.rs` for the layout).
#[derive(Default, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Record {
    head: Vec<u8>,
    times: Vec<u8>,
    switches: Vec<u8>,
    rules: Vec<u8>,
}

/// Transitions are counted from the one two before plus this (see tzdata.rs); written into
/// the table, which the reader takes it from.
const YEAR_STEP: i64 = 364 * 86_400;

fn rust_bytes(bytes: &[u8]) -> String {
    let mut s = String::from("b\"");
    for (i, &b) in bytes.iter().enumerate() {
        let line_start = i % 40 == 39;
        if line_start {
            s.push_str("\\\n");
        }
        match b {
            // a line continuation also skips the next line's leading whitespace
            b' ' if line_start => s.push_str("\\x20"),
            b'"' => s.push_str("\\\""),
            b'\\' => s.push_str("\\\\"),
            0x20..=0x7e => s.push(b as char),
            _ => s.push_str(&format!("\\x{b:02x}")),
        }
    }
    s.push('"');
    s
}

/// The version line of `tzdata.zi` (`2025b`).
fn system_version() -> String {
    std::fs::read_to_string(format!("{ZONEINFO}/tzdata.zi"))
        .unwrap_or_default()
        .lines()
        .next()
        .unwrap_or("")
        .trim_start_matches("# version ")
        .to_string()
}

#[test]
#[ignore = "rewrites src/iml/date/tzdata_table.rs from /usr/share/zoneinfo"]
fn regenerate() {
    let (zones, links) = zone_list().expect("tzdata.zi");
    let version = system_version();
    let mut records = Record::default();
    let mut by_content: BTreeMap<Record, usize> = BTreeMap::new();
    let mut names: BTreeMap<String, usize> = BTreeMap::new();
    for name in &zones {
        let Some(tz) = read_tzif(&Path::new(ZONEINFO).join(name)) else {
            continue;
        };
        let rec = record(&tz, FULL_HISTORY.contains(&name.as_str()));
        let next = by_content.len();
        let index = *by_content.entry(rec.clone()).or_insert_with(|| {
            records.head.extend_from_slice(&rec.head);
            records.times.extend_from_slice(&rec.times);
            records.switches.extend_from_slice(&rec.switches);
            records.rules.extend_from_slice(&rec.rules);
            next
        });
        names.insert(name.clone(), index);
    }
    for (target, alias) in &links {
        if let Some(&index) = names.get(target) {
            names.insert(alias.clone(), index);
        }
    }
    // Line i lists the names of record i.
    let mut lines = vec![Vec::new(); by_content.len()];
    for (name, &index) in &names {
        lines[index].push(name.as_str());
    }
    let names_text: String = lines.iter().map(|l| format!("{}\n", l.join("|"))).collect();
    let src = format!(
        "//! Generated by `cargo test --test iml_date_tzdata -- --ignored regenerate` from IANA tzdata\n\
         //! {version} ({} zones and links, {} distinct records); do not edit.\n\
         pub const VERSION: &str = \"{version}\";\n\
         pub const FIRST_YEAR: i64 = {FIRST_YEAR};\n\
         pub const YEAR_STEP: i64 = {YEAR_STEP};\n\
         pub static NAMES: &str = \"\\\n{}\";\n\
         pub static HEADS: &[u8] = {};\n\
         pub static TIMES: &[u8] = {};\n\
         pub static SWITCHES: &[u8] = {};\n\
         pub static RULES: &[u8] = {};\n",
        names.len(),
        by_content.len(),
        names_text.replace('\n', "\\n\\\n"),
        rust_bytes(&records.head),
        rust_bytes(&records.times),
        rust_bytes(&records.switches),
        rust_bytes(&records.rules)
    );
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/iml/date/tzdata_table.rs");
    std::fs::write(out, src).unwrap();
    eprintln!(
        "{} names, {} records, {} bytes of records, {} bytes of names",
        names.len(),
        by_content.len(),
        records.head.len() + records.times.len() + records.switches.len() + records.rules.len(),
        names_text.len()
    );
}

/// Sample instants: each transition since FIRST_YEAR and the second before it, and the
/// 1st and 15th of every month from FIRST_YEAR to 2040.
fn samples(tz: &Tzif, full_history: bool) -> Vec<i64> {
    let mut s: Vec<i64> = tz
        .transitions
        .iter()
        .filter(|(t, _)| full_history || *t >= FIRST_SECS)
        .flat_map(|(t, _)| [*t - 1, *t])
        .collect();
    let mut day = 0i64;
    while day < 25_567 {
        s.push(day * 86_400);
        s.push(day * 86_400 + 14 * 86_400 + 43_200);
        day += 30;
    }
    s
}

#[test]
fn every_zone_matches_system_tzdata() {
    let Some((zones, links)) = zone_list() else {
        return;
    };
    if system_version() != tzdata_version() {
        eprintln!(
            "system tzdata {} differs from the table's {}: not compared",
            system_version(),
            tzdata_version()
        );
        return;
    }
    let mut checked = 0;
    for name in zones.iter().chain(links.iter().map(|(_, alias)| alias)) {
        let file = Path::new(ZONEINFO).join(name);
        let Some(tz) = read_tzif(&file) else { continue };
        let z = zone(name).unwrap_or_else(|e| panic!("{name}: {e}"));
        let target = links
            .iter()
            .find(|(_, alias)| alias == name)
            .map_or(name, |(t, _)| t);
        for secs in samples(&tz, FULL_HISTORY.contains(&target.as_str())) {
            assert_eq!(
                z.offset_at(secs * 1000),
                tz.offset_at(secs),
                "{name} at {secs}"
            );
        }
        checked += 1;
    }
    assert!(checked > 500, "only {checked} zones checked");
}

#[test]
fn table_lists_zones_users_pick() {
    let names: Vec<&str> = zone_names().collect();
    for n in [
        "Asia/Jerusalem",
        "Israel",
        "Asia/Tel_Aviv",
        "Europe/London",
        "Europe/Prague",
        "America/New_York",
        "Etc/UTC",
        "Australia/Sydney",
        "Asia/Kolkata",
        "US/Eastern",
    ] {
        assert!(names.contains(&n), "{n} missing");
    }
}
