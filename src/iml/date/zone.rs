//! Time zones: UTC, fixed offsets, and IANA zones from the compact table in `tzdata.rs`.
//!
//! An IANA zone is its offset history since 1970 (Asia/Jerusalem: since its first
//! transition), as explicit transitions, followed by the POSIX TZ rule that tzdata itself
//! gives for the future (the TZif footer, e.g. Israel's `IST-2IDT,M3.4.4/26,M10.5.0`).
//! Instants before the first kept transition use the offset in force before it.

use super::civil::{civil_from_days, days_from_civil, days_in_month, is_leap, weekday_from_days};
use super::{tzdata, DateError};

/// A resolved time zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Zone {
    name: String,
    kind: Kind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Kind {
    Fixed(i32),
    Tz {
        initial: i32,
        transitions: Vec<(i64, i32)>,
        rule: Option<PosixRule>,
    },
}

impl Zone {
    pub fn utc() -> Zone {
        Zone {
            name: "UTC".to_string(),
            kind: Kind::Fixed(0),
        }
    }

    /// A zone at a constant offset east of UTC, in seconds.
    pub fn fixed(offset_seconds: i32) -> Zone {
        let offset_seconds = offset_seconds.clamp(-MAX_OFFSET, MAX_OFFSET);
        Zone {
            name: offset_text(offset_seconds / 60, true),
            kind: Kind::Fixed(offset_seconds),
        }
    }

    /// The canonical spelling of the name the zone was resolved from (`Asia/Jerusalem`,
    /// `UTC`, `+02:00`).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Offset east of UTC, in seconds, in force at the instant `ms`.
    pub fn offset_at(&self, ms: i64) -> i32 {
        match &self.kind {
            Kind::Fixed(off) => *off,
            Kind::Tz {
                initial,
                transitions,
                rule,
            } => {
                let secs = ms.div_euclid(1000);
                let idx = transitions.partition_point(|(t, _)| *t <= secs);
                if idx == 0 {
                    return *initial;
                }
                if idx == transitions.len() {
                    if let Some(rule) = rule {
                        return rule.offset_at(secs);
                    }
                }
                transitions[idx - 1].1
            }
        }
    }

    /// The instant at which the wall clock of this zone shows `local_ms` (wall-clock
    /// milliseconds, as if UTC). A wall time skipped by a DST change moves forward by the
    /// size of the gap; a wall time that occurs twice takes the first (earlier) instant.
    /// These are moment-timezone's and JS Temporal's "compatible" choices.
    pub fn to_utc(&self, local_ms: i64) -> i64 {
        const DAY: i64 = 86_400_000;
        let before = self.offset_at(local_ms.saturating_sub(DAY)) as i64 * 1000;
        let after = self.offset_at(local_ms.saturating_add(DAY)) as i64 * 1000;
        let fits = |off: i64| self.offset_at(local_ms.saturating_sub(off)) as i64 * 1000 == off;
        // In a gap neither fits: reading the wall time with the earlier offset lands past
        // the transition, i.e. the wall time shifted forward by the gap.
        let offset = if fits(before) || !fits(after) {
            before
        } else {
            after
        };
        local_ms.saturating_sub(offset)
    }

    /// The zone's abbreviation at `ms` (`IST`, `IDT`, `EST`, `+03`), as moment-timezone
    /// prints for `z`. The table keeps only today's names (from the zone's rule), so an
    /// offset that the rule does not use gets its numeric form (`+0530`).
    pub fn abbreviation_at(&self, ms: i64) -> String {
        match &self.kind {
            // moment prints UTC for any moment with a fixed offset.
            Kind::Fixed(_) => "UTC".to_string(),
            Kind::Tz { rule, .. } => {
                let offset = self.offset_at(ms);
                match rule.as_ref().and_then(|r| r.name_for(offset)) {
                    Some(name) => name.to_string(),
                    None if offset % 3600 == 0 => {
                        let text = offset_text(offset / 60, false);
                        text[..3].to_string()
                    }
                    None => offset_text(offset / 60, false),
                }
            }
        }
    }

    /// Wall-clock milliseconds (as if UTC) of the instant `ms` in this zone.
    pub fn to_local(&self, ms: i64) -> i64 {
        ms.saturating_add(self.offset_at(ms) as i64 * 1000)
    }
}

/// UTC, the zone of a date with no zone given.
impl Default for Zone {
    fn default() -> Zone {
        Zone::utc()
    }
}

const MAX_OFFSET: i32 = 24 * 3600 - 1;

/// `+02:00` (`colon`) or `+0200` for an offset in minutes.
pub fn offset_text(minutes: i32, colon: bool) -> String {
    let sign = if minutes < 0 { '-' } else { '+' };
    let m = minutes.unsigned_abs();
    if colon {
        format!("{sign}{:02}:{:02}", m / 60, m % 60)
    } else {
        format!("{sign}{:02}{:02}", m / 60, m % 60)
    }
}

/// Resolves a zone name: an IANA name (case-insensitive, links included), `UTC`/`GMT`/`Z`,
/// or a fixed offset (`+02:00`, `-0530`, `+02`, `UTC+2`, `GMT-05:30`).
pub fn zone(name: &str) -> Result<Zone, DateError> {
    let trimmed = name.trim();
    if trimmed.len() > 64 {
        return Err(DateError::new(format!(
            "unknown time zone \"{}…\"",
            truncate(trimmed, 40)
        )));
    }
    if let Some(secs) = parse_fixed(trimmed) {
        let mut z = Zone::fixed(secs);
        if trimmed.eq_ignore_ascii_case("utc") || trimmed.eq_ignore_ascii_case("z") {
            z.name = "UTC".to_string();
        }
        return Ok(z);
    }
    match tzdata::lookup(trimmed) {
        Some((canonical, record)) => {
            let (initial, transitions, rule_text) = tzdata::decode(record);
            let rule = PosixRule::parse(rule_text);
            Ok(Zone {
                name: canonical.to_string(),
                kind: Kind::Tz {
                    initial,
                    transitions,
                    rule,
                },
            })
        }
        None => Err(DateError::new(format!("unknown time zone \"{trimmed}\""))),
    }
}

fn truncate(s: &str, max_chars: usize) -> &str {
    match s.char_indices().nth(max_chars) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// Offsets east of UTC: `Z`, `UTC`, `GMT`, `+02:00`, `+0200`, `+02`, `+2`, `UTC+02:00`.
fn parse_fixed(s: &str) -> Option<i32> {
    let upper = s.to_ascii_uppercase();
    let rest = if upper == "Z" || upper == "UTC" || upper == "GMT" || upper == "ETC/UTC" {
        return Some(0);
    } else if let Some(r) = upper
        .strip_prefix("UTC")
        .or_else(|| upper.strip_prefix("GMT"))
    {
        r
    } else {
        &upper[..]
    };
    parse_offset(rest)
}

/// `+HH:MM`, `+HHMM`, `+HH`, `+H` (also with seconds, `+HH:MM:SS`) into seconds east.
pub fn parse_offset(s: &str) -> Option<i32> {
    let (sign, body) = match s.as_bytes().first()? {
        b'+' => (1, &s[1..]),
        b'-' => (-1, &s[1..]),
        _ => return None,
    };
    if body.is_empty() || !body.bytes().all(|b| b.is_ascii_digit() || b == b':') {
        return None;
    }
    let parts: Vec<&str> = body.split(':').collect();
    let (h, m, sec) = match parts.as_slice() {
        [hm] if hm.len() <= 2 => (*hm, "0", "0"),
        [hm] if hm.len() == 4 => (&hm[..2], &hm[2..], "0"),
        [hm] if hm.len() == 6 => (&hm[..2], &hm[2..4], &hm[4..]),
        [h, m] if !h.is_empty() && h.len() <= 2 && m.len() == 2 => (*h, *m, "0"),
        [h, m, s] if !h.is_empty() && h.len() <= 2 && m.len() == 2 && s.len() == 2 => (*h, *m, *s),
        _ => return None,
    };
    let (h, m, sec): (i64, i64, i64) = (h.parse().ok()?, m.parse().ok()?, sec.parse().ok()?);
    if h > 23 || m > 59 || sec > 59 {
        return None;
    }
    Some(sign * (h * 3600 + m * 60 + sec) as i32)
}

/// A POSIX TZ rule such as `EST5EDT,M3.2.0,M11.1.0` (RFC 8536 §3.3 extensions allowed:
/// transition hours from -167 to 167).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PosixRule {
    std: i32,
    std_name: String,
    dst_name: String,
    dst: Option<Dst>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Dst {
    offset: i32,
    start: (RuleDay, i32),
    end: (RuleDay, i32),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RuleDay {
    /// `Jn`: day 1-365, February 29 never counted.
    Julian1(i64),
    /// `n`: day 0-365, February 29 counted.
    Julian0(i64),
    /// `Mm.w.d`: weekday d of week w (5 = last) of month m.
    Month { month: i64, week: i64, weekday: i64 },
}

impl RuleDay {
    fn days(self, year: i64) -> i64 {
        let jan1 = days_from_civil(year, 1, 1);
        match self {
            RuleDay::Julian1(n) => jan1 + n - 1 + if is_leap(year) && n >= 60 { 1 } else { 0 },
            RuleDay::Julian0(n) => jan1 + n,
            RuleDay::Month {
                month,
                week,
                weekday,
            } => {
                let first = days_from_civil(year, month, 1);
                let mut day =
                    1 + (weekday - weekday_from_days(first)).rem_euclid(7) + 7 * (week - 1);
                while day > days_in_month(year, month) {
                    day -= 7;
                }
                first + day - 1
            }
        }
    }
}

impl PosixRule {
    pub fn parse(text: &str) -> Option<PosixRule> {
        let mut p = RuleParser {
            s: text.as_bytes(),
            i: 0,
        };
        let std_name = p.name()?;
        let std = -p.offset()?;
        if p.done() {
            return Some(PosixRule {
                std,
                std_name,
                dst_name: String::new(),
                dst: None,
            });
        }
        let dst_name = p.name()?;
        let offset = if p.peek() == Some(b',') {
            std + 3600
        } else {
            -p.offset()?
        };
        p.expect(b',')?;
        let start = p.rule_time()?;
        p.expect(b',')?;
        let end = p.rule_time()?;
        if !p.done() {
            return None;
        }
        Some(PosixRule {
            std,
            std_name,
            dst_name,
            dst: Some(Dst { offset, start, end }),
        })
    }

    /// The abbreviation the rule uses for an offset (`IST` for +02:00 in Israel), if any.
    fn name_for(&self, offset: i32) -> Option<&str> {
        if offset == self.std {
            Some(&self.std_name)
        } else if self.dst.as_ref().is_some_and(|d| d.offset == offset) {
            Some(&self.dst_name)
        } else {
            None
        }
    }

    pub fn offset_at(&self, secs: i64) -> i32 {
        let Some(dst) = &self.dst else {
            return self.std;
        };
        let year = civil_from_days((secs + self.std as i64).div_euclid(86_400)).0;
        // Transition instants in UTC: the start is read on standard time, the end on DST.
        let start = dst.start.0.days(year) * 86_400 + dst.start.1 as i64 - self.std as i64;
        let end = dst.end.0.days(year) * 86_400 + dst.end.1 as i64 - dst.offset as i64;
        let in_dst = if start < end {
            secs >= start && secs < end
        } else {
            !(secs >= end && secs < start)
        };
        if in_dst {
            dst.offset
        } else {
            self.std
        }
    }
}

struct RuleParser<'a> {
    s: &'a [u8],
    i: usize,
}

impl RuleParser<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }
    fn done(&self) -> bool {
        self.i >= self.s.len()
    }
    fn expect(&mut self, b: u8) -> Option<()> {
        (self.peek()? == b).then(|| self.i += 1)
    }
    /// An abbreviation: `IST`, or `<+03>` (returned without the brackets).
    fn name(&mut self) -> Option<String> {
        let start = self.i;
        if self.peek() == Some(b'<') {
            while self.peek()? != b'>' {
                self.i += 1;
            }
            self.i += 1;
            return Some(String::from_utf8_lossy(&self.s[start + 1..self.i - 1]).into_owned());
        }
        while self.peek().is_some_and(|b| b.is_ascii_alphabetic()) {
            self.i += 1;
        }
        (self.i > start).then(|| String::from_utf8_lossy(&self.s[start..self.i]).into_owned())
    }
    fn number(&mut self) -> Option<i64> {
        let start = self.i;
        while self.peek().is_some_and(|b| b.is_ascii_digit()) && self.i - start < 4 {
            self.i += 1;
        }
        std::str::from_utf8(&self.s[start..self.i])
            .ok()?
            .parse()
            .ok()
    }
    /// `[+-]hh[:mm[:ss]]` in seconds (positive = as written).
    fn offset(&mut self) -> Option<i32> {
        let sign = match self.peek() {
            Some(b'-') => {
                self.i += 1;
                -1
            }
            Some(b'+') => {
                self.i += 1;
                1
            }
            _ => 1,
        };
        let mut secs = self.number()? * 3600;
        if self.peek() == Some(b':') {
            self.i += 1;
            secs += self.number()? * 60;
            if self.peek() == Some(b':') {
                self.i += 1;
                secs += self.number()?;
            }
        }
        Some(sign * secs as i32)
    }
    fn rule_time(&mut self) -> Option<(RuleDay, i32)> {
        let day = match self.peek()? {
            b'J' => {
                self.i += 1;
                RuleDay::Julian1(self.number()?)
            }
            b'M' => {
                self.i += 1;
                let month = self.number()?;
                self.expect(b'.')?;
                let week = self.number()?;
                self.expect(b'.')?;
                let weekday = self.number()?;
                if !(1..=12).contains(&month) || !(1..=5).contains(&week) || weekday > 6 {
                    return None;
                }
                RuleDay::Month {
                    month,
                    week,
                    weekday,
                }
            }
            _ => RuleDay::Julian0(self.number()?),
        };
        let time = if self.peek() == Some(b'/') {
            self.i += 1;
            self.offset()?
        } else {
            7200
        };
        Some((day, time))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn posix_rule_israel() {
        let r = PosixRule::parse("IST-2IDT,M3.4.4/26,M10.5.0").unwrap();
        // 2024-03-29 00:00:00Z is 02:00 IST, the start of DST.
        assert_eq!(r.offset_at(1_711_670_400 - 1), 7200);
        assert_eq!(r.offset_at(1_711_670_400), 10800);
        // 2024-10-26 23:00:00Z is 02:00 IDT on Sunday Oct 27, the end of DST.
        assert_eq!(r.offset_at(1_729_983_600 - 1), 10800);
        assert_eq!(r.offset_at(1_729_983_600), 7200);
    }

    #[test]
    fn posix_rule_southern() {
        let r = PosixRule::parse("AEST-10AEDT,M10.1.0,M4.1.0/3").unwrap();
        // 2024-01-15 is summer in Sydney.
        assert_eq!(r.offset_at(1_705_276_800), 39600);
        // 2024-07-15 is winter.
        assert_eq!(r.offset_at(1_721_001_600), 36000);
    }

    #[test]
    fn fixed_offsets() {
        assert_eq!(parse_fixed("+02:00"), Some(7200));
        assert_eq!(parse_fixed("-0530"), Some(-19800));
        assert_eq!(parse_fixed("UTC+3"), Some(10800));
        assert_eq!(parse_fixed("+25:00"), None);
        assert_eq!(parse_fixed("+2:3"), None);
    }
}
