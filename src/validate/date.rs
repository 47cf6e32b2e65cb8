//! Dates: the API wants JSON dates such as `2023-11-30`. We accept ISO dates and datetimes.
//! A datetime with an offset or `Z` (what Make produces: UTC) names an instant, and the
//! document date is that instant's date in Israel, where SUMIT keeps its books; a datetime
//! without an offset is taken as written.

use super::{kind_of, Checked, Invalid};
use crate::iml::date::civil::{civil_from_days, days_from_civil, days_in_month};
use crate::iml::date::{zone, Zone};
use std::sync::OnceLock;
use serde_json::Value;

fn bad() -> Invalid {
    Invalid::new("invalid_date", "must be a date such as 2026-11-30 (or an ISO date and time)")
}

/// Israel's offset from UTC in seconds at a UTC instant, from the time-zone data that
/// IML's date functions use (so that both follow the same rules, past years included).
fn israel_offset(utc_seconds: i64) -> i64 {
    static ISRAEL: OnceLock<Option<Zone>> = OnceLock::new();
    match ISRAEL.get_or_init(|| zone("Asia/Jerusalem").ok()) {
        Some(z) => z.offset_at(utc_seconds.saturating_mul(1000)) as i64,
        None => 2 * 3_600,
    }
}

fn num(s: &str, len: usize) -> Option<i64> {
    (s.len() == len && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok()).flatten()
}

/// `YYYY-MM-DD` from an ISO date or datetime.
pub fn date(v: &Value) -> Checked<String> {
    let s = match v {
        Value::String(s) => s.trim(),
        other => return Err(Invalid::new("invalid_type", format!("must be a date as text, not {}", kind_of(other)))),
    };
    if s.len() < 10 || !s.is_char_boundary(10) {
        return Err(bad());
    }
    let (day, rest) = s.split_at(10);
    let b = day.as_bytes();
    if b[4] != b'-' || b[7] != b'-' {
        return Err(bad());
    }
    let (y, m, d) = (num(&day[0..4], 4).ok_or_else(bad)?, num(&day[5..7], 2).ok_or_else(bad)?, num(&day[8..10], 2).ok_or_else(bad)?);
    if !(1..=12).contains(&m) || d < 1 || d > days_in_month(y, m) || y < 1900 {
        return Err(bad());
    }
    if rest.is_empty() {
        return Ok(format!("{y:04}-{m:02}-{d:02}"));
    }
    // time part: [T ]HH:MM[:SS[.fraction]][Z|±HH:MM]
    let rest = rest.strip_prefix(['T', 't', ' ']).ok_or_else(bad)?;
    let (clock, zone) = match rest.find(['Z', 'z', '+', '-']) {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    let mut parts = clock.split(':');
    let hh = parts.next().and_then(|p| num(p, 2)).ok_or_else(bad)?;
    let mm = parts.next().and_then(|p| num(p, 2)).ok_or_else(bad)?;
    let ss = match parts.next() {
        None => 0,
        Some(p) => {
            let (whole, frac) = p.split_once('.').unwrap_or((p, "0"));
            if frac.is_empty() || !frac.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad());
            }
            num(whole, 2).ok_or_else(bad)?
        }
    };
    if parts.next().is_some() || hh > 23 || mm > 59 || ss > 60 {
        return Err(bad());
    }
    let offset = match zone {
        "" => return Ok(format!("{y:04}-{m:02}-{d:02}")),
        "Z" | "z" => 0,
        z if !z.is_ascii() => return Err(bad()),
        z => {
            let sign = if z.starts_with('-') { -1 } else { 1 };
            let z = &z[1..];
            let (oh, om) = match z.split_once(':') {
                Some((h, m)) => (num(h, 2), num(m, 2)),
                None if z.len() == 4 => (num(&z[..2], 2), num(&z[2..], 2)),
                None => (num(z, 2), Some(0)),
            };
            let (oh, om) = (oh.ok_or_else(bad)?, om.ok_or_else(bad)?);
            if oh > 14 || om > 59 {
                return Err(bad());
            }
            sign * (oh * 3_600 + om * 60)
        }
    };
    let utc = days_from_civil(y, m, d) * 86_400 + hh * 3_600 + mm * 60 + ss - offset;
    let local = utc + israel_offset(utc);
    let (y, m, d) = civil_from_days(local.div_euclid(86_400));
    Ok(format!("{y:04}-{m:02}-{d:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn dates_and_datetimes() {
        let cases = [
            ("2026-11-30", "2026-11-30"),
            (" 2024-02-29 ", "2024-02-29"),
            ("2026-11-30T10:00:00", "2026-11-30"),
            ("2026-11-30 23:59", "2026-11-30"),
            // Make's UTC output: 22:30Z on 30 Nov is 00:30 on 1 Dec in Israel (winter, +2)
            ("2026-11-30T22:30:00.000Z", "2026-12-01"),
            ("2026-11-30T21:59:59Z", "2026-11-30"),
            // summer (+3): 21:30Z on 1 Jul is 00:30 on 2 Jul
            ("2026-07-01T21:30:00Z", "2026-07-02"),
            ("2026-07-01T20:59:00Z", "2026-07-01"),
            ("2026-09-24T00:00:00+03:00", "2026-09-24"),
            ("2026-01-01T01:00:00-05:00", "2026-01-01"),
        ];
        for (input, out) in cases {
            assert_eq!(date(&json!(input)).unwrap(), out, "{input}");
        }
    }

    #[test]
    fn israel_summer_time_boundaries() {
        // 2026: summer time starts Friday 27 March 02:00, ends Sunday 25 October 02:00
        let at = |y: i64, m: i64, d: i64, h: i64| days_from_civil(y, m, d) * 86_400 + h * 3_600;
        assert_eq!(israel_offset(at(2026, 3, 26, 23)), 7_200);
        assert_eq!(israel_offset(at(2026, 3, 27, 0)), 10_800);
        assert_eq!(israel_offset(at(2026, 10, 24, 22)), 10_800);
        assert_eq!(israel_offset(at(2026, 10, 24, 23)), 7_200);
    }

    #[test]
    fn bad_dates() {
        for bad in ["", "30/11/2026", "2026-13-01", "2026-02-29", "2026-11-31", "2026-11-3", "2026-11-30T25:00", "2026-11-30X", "2026-11-30T10:00+99:00", "tomorrow", "2026-11-30T10", "2026-11-30T10:00+a€", "2026-11-30T10:00-€", "202€-11-30"] {
            assert_eq!(date(&json!(bad)).unwrap_err().code, "invalid_date", "{bad}");
        }
        assert_eq!(date(&json!(1700000000000i64)).unwrap_err().code, "invalid_type");
    }
}
