//! Just enough ISO-8601 for filter date ranges: `YYYY-MM-DD`, optionally
//! `THH:MM[:SS[.fff]]`, optionally `Z` or `±HH:MM`. SUMIT writes dates with the
//! company's offset (`2026-09-26T00:00:00+03:00`).

use crate::iml::date::civil::{days_from_civil, days_in_month};

/// A parsed date: the wall-clock time as milliseconds since 1970-01-01 (as if UTC),
/// the offset in minutes when one was written, and whether a time of day was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateTime {
    pub local_ms: i64,
    pub offset_min: Option<i32>,
    pub has_time: bool,
}

impl DateTime {
    /// Milliseconds since the epoch in UTC, when the offset is known.
    pub fn utc_ms(self) -> Option<i64> {
        self.offset_min.map(|o| self.local_ms - o as i64 * 60_000)
    }
}

/// Compares two instants. When both carry an offset they are compared as instants;
/// otherwise as wall-clock times, so that a bound written without an offset means the
/// same day the user sees on the card.
pub fn compare(a: DateTime, b: DateTime) -> std::cmp::Ordering {
    match (a.utc_ms(), b.utc_ms()) {
        (Some(x), Some(y)) => x.cmp(&y),
        _ => a.local_ms.cmp(&b.local_ms),
    }
}

pub fn parse(s: &str) -> Option<DateTime> {
    let b = s.trim().as_bytes();
    let num = |from: usize, len: usize| -> Option<i64> {
        let part = b.get(from..from + len)?;
        part.iter().try_fold(0i64, |acc, c| c.is_ascii_digit().then(|| acc * 10 + (c - b'0') as i64))
    };
    let (y, mo, d) = (num(0, 4)?, num(5, 2)?, num(8, 2)?);
    if b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') || !(1..=12).contains(&mo) || d < 1 || d > days_in_month(y, mo) {
        return None;
    }
    let mut ms = days_from_civil(y, mo, d) * 86_400_000;
    let mut i = 10;
    let mut has_time = false;
    if matches!(b.get(i), Some(b'T') | Some(b't') | Some(b' ')) && b.len() > i + 1 {
        let (h, mi) = (num(i + 1, 2)?, num(i + 4, 2)?);
        if b.get(i + 3) != Some(&b':') || h > 23 || mi > 59 {
            return None;
        }
        ms += (h * 60 + mi) * 60_000;
        i += 6;
        if b.get(i) == Some(&b':') {
            let sec = num(i + 1, 2)?;
            if sec > 60 {
                return None;
            }
            ms += sec * 1000;
            i += 3;
            if b.get(i) == Some(&b'.') {
                i += 1;
                let start = i;
                let mut frac = 0i64;
                while let Some(c) = b.get(i).filter(|c| c.is_ascii_digit()) {
                    if i - start < 3 {
                        frac = frac * 10 + (c - b'0') as i64;
                    }
                    i += 1;
                }
                if i == start {
                    return None;
                }
                for _ in (i - start)..3 {
                    frac *= 10;
                }
                ms += frac;
            }
        }
        has_time = true;
    }
    let offset_min = match b.get(i) {
        None => None,
        Some(b'Z') | Some(b'z') if i + 1 == b.len() => Some(0),
        Some(sign @ (b'+' | b'-')) => {
            let h = num(i + 1, 2)?;
            let m = if b.get(i + 3) == Some(&b':') { num(i + 4, 2)? } else { num(i + 3, 2)? };
            let end = if b.get(i + 3) == Some(&b':') { i + 6 } else { i + 5 };
            if end != b.len() || h > 23 || m > 59 {
                return None;
            }
            let o = (h * 60 + m) as i32;
            Some(if *sign == b'-' { -o } else { o })
        }
        _ => return None,
    };
    Some(DateTime { local_ms: ms, offset_min, has_time })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_sumit_dates() {
        let a = parse("2026-09-26T00:00:00+03:00").unwrap();
        assert_eq!(a.offset_min, Some(180));
        assert_eq!(a.utc_ms(), Some(parse("2026-09-25T21:00:00Z").unwrap().utc_ms().unwrap()));
        assert_eq!(parse("1970-01-02").unwrap().local_ms, 86_400_000);
        assert_eq!(parse("2024-02-29T12:30:15.5").unwrap().local_ms % 86_400_000, (12 * 3600 + 30 * 60 + 15) * 1000 + 500);
        assert!(parse("2023-02-29").is_none());
        assert!(parse("2026-09-26T25:00").is_none());
        assert!(parse("hello").is_none());
        assert!(parse("2026-09-26T00:00:00+03:00x").is_none());
    }
}
