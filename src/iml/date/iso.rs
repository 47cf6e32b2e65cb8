//! ISO 8601 out (`toISOString`) and in; other texts go to `js_forms`.
//! A text without an offset is wall-clock time in the zone; a date alone is midnight.

use super::civil::{self, days_in_month, fields_from_ms, Fields};
use super::format::push_num;
use super::js_forms::parse_loose;
use super::{DateError, Zone};

/// Exactly JS `Date.prototype.toISOString`: `2024-01-01T00:00:00.000Z`, and
/// `+275760-09-13T00:00:00.000Z` / `-000001-...` outside years 0-9999.
pub fn to_iso(ms: i64) -> String {
    let f = fields_from_ms(ms.clamp(-civil::MAX_MS, civil::MAX_MS));
    let mut out = String::with_capacity(27);
    if (0..=9999).contains(&f.year) {
        push_num(&mut out, f.year, 4);
    } else {
        if f.year > 0 {
            out.push('+');
        }
        push_num(&mut out, f.year, 6);
    }
    for (sep, value, width) in [
        ('-', f.month, 2),
        ('-', f.day, 2),
        ('T', f.hour, 2),
        (':', f.minute, 2),
        (':', f.second, 2),
        ('.', f.ms, 3),
    ] {
        out.push(sep);
        push_num(&mut out, value, width);
    }
    out.push('Z');
    out
}

/// Wall-clock fields plus the offset written in the text, if any.
pub struct Reading {
    pub fields: Fields,
    pub offset_seconds: Option<i32>,
}

impl Reading {
    pub fn resolve(&self, zone: &Zone) -> Result<i64, DateError> {
        let local = civil::ms_from_fields(&self.fields).ok_or_else(out_of_range)?;
        let ms = match self.offset_seconds {
            Some(off) => local - off as i64 * 1000,
            None => zone.to_utc(local),
        };
        if ms.unsigned_abs() > civil::MAX_MS as u64 {
            Err(out_of_range())
        } else {
            Ok(ms)
        }
    }
}

fn out_of_range() -> DateError {
    DateError::new("the date is out of range (beyond ±8.64e15 ms, year ±275760)")
}

/// Reads ISO 8601 (moment's extended and basic forms), then the JS `Date` forms.
#[inline(never)]
pub fn parse_any(text: &str, zone: &Zone) -> Result<i64, DateError> {
    let t = text.trim();
    let reading = parse_iso(t).or_else(|| parse_loose(t)).ok_or_else(|| {
        DateError::new(format!(
            "\"{}\" is not a date: expected ISO 8601 such as 2024-01-31 or 2024-01-31T10:00:00Z",
            shorten(t)
        ))
    })?;
    check_fields(&reading.fields, t)?;
    reading.resolve(zone)
}

pub fn shorten(t: &str) -> String {
    match t.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", &t[..i]),
        None => t.to_string(),
    }
}

/// Rejects fields that do not name a real date and time (month 13, February 30, 25:00);
/// 24:00:00 is the end of the day and rolls over.
fn check_fields(f: &Fields, text: &str) -> Result<(), DateError> {
    let bad = |what: &str| {
        Err(DateError::new(format!(
            "\"{}\" has an invalid {what}",
            shorten(text)
        )))
    };
    if !(1..=12).contains(&f.month) {
        return bad("month");
    }
    if f.day < 1 || f.day > days_in_month(f.year, f.month) {
        return bad("day of month");
    }
    if f.hour > 24 || (f.hour == 24 && (f.minute, f.second, f.ms) != (0, 0, 0)) {
        return bad("hour");
    }
    if f.minute > 59 {
        return bad("minute");
    }
    if f.second > 59 {
        return bad("second");
    }
    Ok(())
}

/// A cursor over ASCII-ish text.
struct Cur<'a> {
    s: &'a [u8],
    i: usize,
}

impl Cur<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }
    fn eat(&mut self, b: u8) -> bool {
        if self.peek() == Some(b) {
            self.i += 1;
            true
        } else {
            false
        }
    }
    /// Exactly `n` digits.
    fn digits(&mut self, n: usize) -> Option<i64> {
        let slice = self.s.get(self.i..self.i + n)?;
        if !slice.iter().all(u8::is_ascii_digit) {
            return None;
        }
        self.i += n;
        Some(slice.iter().fold(0, |acc, d| acc * 10 + (d - b'0') as i64))
    }
    fn count_digits(&self) -> usize {
        self.s[self.i..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count()
    }
    fn done(&self) -> bool {
        self.i >= self.s.len()
    }
}

/// moment's ISO 8601 forms: `YYYY-MM-DD`, `YYYY-MM`, `YYYYMMDD`, `±YYYYYY-MM-DD`,
/// `YYYY-DDD`, `GGGG-[W]WW(-E)`, then optionally `T` or a space, `HH(:mm(:ss([.,]S+)))`
/// (or basic `HHmmss`), and an offset `Z`, `±HH`, `±HH:mm`, `±HHmm`.
pub fn parse_iso(t: &str) -> Option<Reading> {
    let mut c = Cur {
        s: t.as_bytes(),
        i: 0,
    };
    let year = match c.peek()? {
        b'+' | b'-' => {
            let neg = c.peek() == Some(b'-');
            c.i += 1;
            let y = c.digits(6)?;
            if neg {
                -y
            } else {
                y
            }
        }
        _ => c.digits(4)?,
    };
    let extended = c.eat(b'-');
    let (month, day);
    if c.eat(b'W') {
        let week = c.digits(2)?;
        if extended && c.peek() == Some(b'-') {
            c.i += 1;
        }
        let weekday = if c.peek().is_some_and(|b| b.is_ascii_digit()) {
            c.digits(1)?
        } else {
            1
        };
        if !(1..=53).contains(&week) || !(1..=7).contains(&weekday) {
            return None;
        }
        let days = civil::days_from_week(year, week, weekday % 7, 1, 4);
        let (y, m, d) = civil::civil_from_days(days);
        return time_part(
            &mut c,
            extended,
            Fields {
                year: y,
                month: m,
                day: d,
                ..zero()
            },
        );
    }
    let n = c.count_digits();
    if extended {
        match n {
            2 => {
                month = c.digits(2)?;
                day = if c.eat(b'-') { c.digits(2)? } else { 1 };
            }
            3 => (month, day) = civil::month_day_of_year(year, c.digits(3)?)?,
            _ => return None,
        }
    } else {
        match n {
            0 if c.done() || matches!(c.peek(), Some(b'T') | Some(b' ')) => return None,
            4 => {
                month = c.digits(2)?;
                day = c.digits(2)?;
            }
            3 => (month, day) = civil::month_day_of_year(year, c.digits(3)?)?,
            _ => return None,
        }
    }
    time_part(
        &mut c,
        extended,
        Fields {
            year,
            month,
            day,
            ..zero()
        },
    )
}

fn zero() -> Fields {
    Fields {
        year: 1970,
        month: 1,
        day: 1,
        hour: 0,
        minute: 0,
        second: 0,
        ms: 0,
    }
}

fn time_part(c: &mut Cur, extended: bool, mut f: Fields) -> Option<Reading> {
    if c.done() {
        return Some(Reading {
            fields: f,
            offset_seconds: None,
        });
    }
    if !(c.eat(b'T') || c.eat(b't') || c.eat(b' ')) {
        return None;
    }
    f.hour = c.digits(2)?;
    let sep = |c: &mut Cur| {
        if extended {
            c.eat(b':')
        } else {
            c.peek().is_some_and(|b| b.is_ascii_digit())
        }
    };
    if sep(c) {
        f.minute = c.digits(2)?;
        if sep(c) {
            f.second = c.digits(2)?;
            if c.eat(b'.') || c.eat(b',') {
                let n = c.count_digits();
                if n == 0 {
                    return None;
                }
                let frac = &c.s[c.i..c.i + n];
                f.ms = frac
                    .iter()
                    .chain(b"000")
                    .take(3)
                    .fold(0, |a, d| a * 10 + (d - b'0') as i64);
                c.i += n;
            }
        }
    }
    while c.peek() == Some(b' ') {
        c.i += 1;
    }
    let offset = if c.done() {
        None
    } else if c.eat(b'Z') || c.eat(b'z') {
        Some(0)
    } else {
        let rest = std::str::from_utf8(&c.s[c.i..]).ok()?;
        c.i = c.s.len();
        Some(super::zone::parse_offset(rest)?)
    };
    if !c.done() {
        return None;
    }
    Some(Reading {
        fields: f,
        offset_seconds: offset,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(t: &str) -> Result<i64, DateError> {
        parse_any(t, &Zone::utc())
    }

    #[test]
    fn iso_out() {
        assert_eq!(to_iso(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(to_iso(-1), "1969-12-31T23:59:59.999Z");
        assert_eq!(to_iso(8_640_000_000_000_000), "+275760-09-13T00:00:00.000Z");
        assert_eq!(to_iso(-62_198_755_200_000), "-000001-01-01T00:00:00.000Z");
    }

    #[test]
    fn iso_in() {
        assert_eq!(utc("2016-12-28T16:03:06.536Z"), Ok(1_482_940_986_536));
        assert_eq!(utc("2016-12-28T18:03:06.536+02:00"), Ok(1_482_940_986_536));
        assert_eq!(utc("20161228T160306Z"), Ok(1_482_940_986_000));
        assert_eq!(utc("2016-12-28"), Ok(1_482_883_200_000));
        assert_eq!(utc("2016-12-28 16:03"), Ok(1_482_940_980_000));
        assert_eq!(utc("2016-12-27T24:00:00"), Ok(1_482_883_200_000));
        assert!(utc("2016-02-30").is_err());
        assert!(utc("2016-12-28T25:00").is_err());
    }
}
