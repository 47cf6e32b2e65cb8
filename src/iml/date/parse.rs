//! `parseDate`: text to a date by a moment.js pattern, with moment's forgiving
//! (non-strict) rules, which Make relies on:
//! - each token takes the first text that fits it *anywhere* in what is left, skipping
//!   what comes before (so separators need not match: `2024/01/31` reads with
//!   `YYYY-MM-DD`), and a token that finds nothing is ignored;
//! - numbers may have fewer digits than the token (`D` and `DD` both read `7` and `07`);
//! - names are read in any case, from full or short forms (`jan`, `Sept`, `MONDAY`);
//! - missing parts default: without year, month and day, the date is today's in the
//!   zone; a later part missing is its first value (month 1, day 1, 00:00:00.000);
//! - the text fails when no token matches at all, when a name is unknown, when a value
//!   is out of range (month 13, February 30, minute 60), or when a weekday name
//!   contradicts the date.
//!
//! `X` (Unix seconds, up to 3 decimals) and `x` (milliseconds) give the instant itself;
//! an offset read by `Z`/`ZZ` fixes the instant; otherwise the wall time is read in the zone.

use super::civil::{self, days_in_month, fields_from_ms, Fields, MAX_MS};
use super::iso::{parse_any, shorten};
use super::locale::{month_from_name, weekday_from_name, ISO_DOW, ISO_DOY, WEEK_DOW, WEEK_DOY};
use super::tokens::{expand_long_formats, tokenize, Piece, Tok};
use super::{DateError, Zone};

const MAX_TEXT: usize = 4_096;
const MAX_PATTERN: usize = 1_024;

/// Make's `parseDate(text; pattern; zone)`; `pattern` `None` reads ISO 8601 and the
/// other forms JS `Date` accepts. "Today" (for a pattern without a date) is taken as
/// 1970-01-01: use [`parse_at`] to give the real current time.
pub fn parse(text: &str, pattern: Option<&str>, zone: &Zone) -> Result<i64, DateError> {
    parse_at(text, pattern, zone, 0)
}

/// [`parse`] with the current time `now_ms`, which fills in the date of a text that has
/// none (`parseDate("10:30"; "HH:mm")` is today at 10:30 in the zone).
pub fn parse_at(
    text: &str,
    pattern: Option<&str>,
    zone: &Zone,
    now_ms: i64,
) -> Result<i64, DateError> {
    if text.len() > MAX_TEXT {
        return Err(DateError::new(format!(
            "the date text is too long ({} bytes, at most {MAX_TEXT})",
            text.len()
        )));
    }
    match pattern {
        None => parse_any(text, zone),
        Some(pattern) => parse_with(text, pattern, zone, now_ms),
    }
}

/// `parse_at` with a pattern. Out of line, as is `parse_any`: one function of both was
/// 17 KB of wasm, compiled whole by V8 on the first date read either way.
#[inline(never)]
fn parse_with(text: &str, pattern: &str, zone: &Zone, now_ms: i64) -> Result<i64, DateError> {
    if pattern.len() > MAX_PATTERN {
        return Err(DateError::new(format!(
            "the date pattern is too long ({} bytes, at most {MAX_PATTERN})",
            pattern.len()
        )));
    }
    let expanded = expand_long_formats(pattern);
    let mut st = State::default();
    let mut rest = text;
    for piece in tokenize(&expanded) {
        let (matcher, token) = match piece {
            Piece::Literal(lit) => (Matcher::Literal(lit), None),
            Piece::Token(tok, t) => match matcher_for(tok) {
                Some(m) => (m, Some(tok)),
                // Tokens moment cannot read (eras, ordinals of months, zone names) are
                // looked for as plain text, as moment does.
                None => (Matcher::Literal(t), None),
            },
        };
        let Some((start, end)) = matcher.find(rest) else {
            continue;
        };
        let found = &rest[start..end];
        rest = &rest[end..];
        if let Some(tok) = token {
            st.parsed_any = true;
            st.apply(tok, found)
                .map_err(|why| fail(text, pattern, &why))?;
        }
    }
    if !st.parsed_any {
        return Err(fail(
            text,
            pattern,
            "nothing in the text matches the pattern",
        ));
    }
    st.resolve(zone, now_ms)
        .map_err(|why| fail(text, pattern, &why))
}

fn fail(text: &str, pattern: &str, why: &str) -> DateError {
    DateError::new(format!(
        "cannot read \"{}\" as a date with pattern \"{}\": {why}",
        shorten(text),
        shorten(pattern)
    ))
}

/// What a token's regex (moment's non-strict one) accepts.
#[derive(Debug, Clone, Copy)]
enum Matcher<'a> {
    /// `\d{min,max}`
    Digits(usize, usize),
    /// `[+-]?\d{1,max}`
    Signed(usize),
    /// `[+-]?\d+(\.\d{1,3})?`
    Timestamp,
    /// moment's `matchWord`: optional digits, then letters.
    Word,
    /// `[ap]\.?m?\.?`, any case.
    Meridiem,
    /// `Z|[+-]\d\d(?::?\d\d)?`, any case.
    Offset,
    /// `\d{1,2}(th|st|nd|rd)|\d{1,2}`
    Ordinal,
    Literal(&'a str),
}

fn digits_at(s: &[u8], max: usize) -> usize {
    s.iter()
        .take(max)
        .take_while(|b| b.is_ascii_digit())
        .count()
}

impl Matcher<'_> {
    /// Length of the match starting exactly at the start of `s`.
    fn match_here(&self, s: &str) -> Option<usize> {
        let b = s.as_bytes();
        let sign = |b: &[u8]| usize::from(matches!(b.first(), Some(b'+') | Some(b'-')));
        match *self {
            Matcher::Digits(min, max) => {
                let n = digits_at(b, max);
                (n >= min).then_some(n)
            }
            Matcher::Signed(max) => {
                let sg = sign(b);
                let n = digits_at(&b[sg..], max);
                (n >= 1).then_some(sg + n)
            }
            Matcher::Timestamp => {
                let sg = sign(b);
                let n = digits_at(&b[sg..], usize::MAX);
                if n == 0 {
                    return None;
                }
                let mut len = sg + n;
                if b.get(len) == Some(&b'.') {
                    let f = digits_at(&b[len + 1..], 3);
                    if f > 0 {
                        len += 1 + f;
                    }
                }
                Some(len)
            }
            Matcher::Word => {
                let d = digits_at(b, 256);
                let letters: usize = s[d..]
                    .chars()
                    .take(256)
                    // moment's word: ASCII letters, apostrophes and (roughly) any non-ASCII letter.
                    .take_while(|c| c.is_ascii_alphabetic() || *c == '\'' || !c.is_ascii())
                    .map(char::len_utf8)
                    .sum();
                (letters > 0).then_some(d + letters)
            }
            Matcher::Meridiem => {
                if !matches!(b.first(), Some(b'a' | b'A' | b'p' | b'P')) {
                    return None;
                }
                let mut len = 1;
                for want in [b'.', b'm', b'.'] {
                    if b.get(len).is_some_and(|c| c.to_ascii_lowercase() == want) {
                        len += 1;
                    }
                }
                Some(len)
            }
            Matcher::Offset => {
                if matches!(b.first(), Some(b'Z' | b'z')) {
                    return Some(1);
                }
                if sign(b) == 0 || digits_at(&b[1..], 2) != 2 {
                    return None;
                }
                if b.get(3) == Some(&b':') && digits_at(&b[4..], 2) == 2 {
                    Some(6)
                } else if digits_at(&b[3..], 2) == 2 {
                    Some(5)
                } else {
                    Some(3)
                }
            }
            Matcher::Ordinal => {
                let n = digits_at(b, 2);
                if n == 0 {
                    return None;
                }
                let suffix = ["th", "st", "nd", "rd"]
                    .iter()
                    .any(|sfx| s[n..].starts_with(sfx));
                Some(if suffix { n + 2 } else { n })
            }
            Matcher::Literal(lit) => (!lit.is_empty() && s.starts_with(lit)).then_some(lit.len()),
        }
    }

    /// The first match anywhere in `s`, as (start, end).
    fn find(&self, s: &str) -> Option<(usize, usize)> {
        if let Matcher::Literal(lit) = self {
            return s
                .find(lit)
                .filter(|_| !lit.is_empty())
                .map(|i| (i, i + lit.len()));
        }
        s.char_indices()
            .find_map(|(i, _)| self.match_here(&s[i..]).map(|n| (i, i + n)))
    }
}

fn matcher_for(tok: Tok) -> Option<Matcher<'static>> {
    use Matcher::*;
    use Tok::*;
    Some(match tok {
        Month | Month2 | Date | Date2 | Weekday | LocaleWeekday | IsoWeekday | Week | Week2
        | IsoWeek | IsoWeek2 | WeekYear2 | IsoWeekYear2 | Year2 => Digits(1, 2),
        Hour | Hour2 | Hour12 | Hour12_2 | HourK | HourK2 | Minute | Minute2 | Second | Second2 => {
            Digits(1, 2)
        }
        MonthShort | MonthLong | WeekdayMin | WeekdayShort | WeekdayLong => Word,
        DateOrd => Ordinal,
        DayOfYear => Digits(1, 3),
        DayOfYear3 => Digits(3, 3),
        WeekYear4 | IsoWeekYear4 | Year4 => Digits(1, 4),
        WeekYear5 | IsoWeekYear5 | Year5 | Year6 => Signed(6),
        Year | UnixMs => Signed(usize::MAX),
        Quarter => Digits(1, 1),
        Hmm12 | Hmm => Digits(3, 4),
        Hmmss12 | Hmmss => Digits(5, 6),
        MeridiemLower | MeridiemUpper => Meridiem,
        Unix => Timestamp,
        Tok::Offset | OffsetCompact => Matcher::Offset,
        Fraction(n) if n <= 3 => Digits(1, 3),
        Fraction(_) => Digits(1, usize::MAX),
        _ => return None,
    })
}

/// Week-based parts (moment's `config._w`).
#[derive(Debug, Default)]
struct Weeks {
    d: Option<i64>,
    e: Option<i64>,
    iso_e: Option<i64>,
    w: Option<i64>,
    iso_w: Option<i64>,
    gg: Option<i64>,
    iso_gg: Option<i64>,
}

impl Weeks {
    fn any(&self) -> bool {
        self.d.is_some()
            || self.e.is_some()
            || self.iso_e.is_some()
            || self.w.is_some()
            || self.iso_w.is_some()
            || self.gg.is_some()
            || self.iso_gg.is_some()
    }
}

#[derive(Debug, Default)]
struct State {
    parsed_any: bool,
    year: Option<i64>,
    month: Option<i64>,
    day: Option<i64>,
    hour: Option<i64>,
    minute: Option<i64>,
    second: Option<i64>,
    ms: Option<i64>,
    day_of_year: Option<i64>,
    pm: Option<bool>,
    offset_minutes: Option<i64>,
    timestamp: Option<i64>,
    weeks: Weeks,
}

/// Milliseconds of the digits after a decimal point (`5` → 500, `123456` → 123).
pub fn fraction_ms(digits: &str) -> i64 {
    digits
        .bytes()
        .chain(*b"000")
        .take(3)
        .fold(0, |a, d| a * 10 + (d - b'0') as i64)
}

fn num(s: &str) -> Result<i64, String> {
    s.trim_start_matches('+')
        .parse::<i64>()
        .map_err(|_| format!("the number {s} is too large"))
}

/// moment's `parseTwoDigitYear`: 69-99 are the 1900s, 00-68 the 2000s.
fn two_digit_year(v: i64) -> i64 {
    v + if v > 68 { 1900 } else { 2000 }
}

impl State {
    fn apply(&mut self, tok: Tok, found: &str) -> Result<(), String> {
        use Tok::*;
        match tok {
            Month | Month2 => self.month = Some(num(found)?),
            MonthShort | MonthLong => {
                self.month = Some(
                    month_from_name(found)
                        .ok_or_else(|| format!("\"{found}\" is not a month name"))?,
                )
            }
            Quarter => self.month = Some((num(found)? - 1) * 3 + 1),
            Date | Date2 => self.day = Some(num(found)?),
            DateOrd => self.day = Some(num(&found[..digits_at(found.as_bytes(), 2)])?),
            DayOfYear | DayOfYear3 => self.day_of_year = Some(num(found)?),
            Weekday => self.weeks.d = Some(num(found)?),
            LocaleWeekday => self.weeks.e = Some(num(found)?),
            IsoWeekday => self.weeks.iso_e = Some(num(found)?),
            WeekdayMin | WeekdayShort | WeekdayLong => {
                self.weeks.d = Some(
                    weekday_from_name(found)
                        .ok_or_else(|| format!("\"{found}\" is not a day name"))?,
                )
            }
            Week | Week2 => self.weeks.w = Some(num(found)?),
            IsoWeek | IsoWeek2 => self.weeks.iso_w = Some(num(found)?),
            WeekYear2 => self.weeks.gg = Some(two_digit_year(num(found)?)),
            IsoWeekYear2 => self.weeks.iso_gg = Some(two_digit_year(num(found)?)),
            WeekYear4 | WeekYear5 => self.weeks.gg = Some(num(found)?),
            IsoWeekYear4 | IsoWeekYear5 => self.weeks.iso_gg = Some(num(found)?),
            Year4 if found.len() == 2 => self.year = Some(two_digit_year(num(found)?)),
            Year2 => self.year = Some(two_digit_year(num(found)?)),
            Year | Year4 | Year5 | Year6 => self.year = Some(num(found)?),
            Hour | Hour2 | Hour12 | Hour12_2 => self.hour = Some(num(found)?),
            HourK | HourK2 => self.hour = Some(num(found)? % 24),
            Hmm12 | Hmm | Hmmss12 | Hmmss => {
                let (h, rest) = found.split_at(if found.len() % 2 == 1 { 1 } else { 2 });
                self.hour = Some(num(h)?);
                self.minute = Some(num(&rest[..2])?);
                if rest.len() > 2 {
                    self.second = Some(num(&rest[2..])?);
                }
            }
            MeridiemLower | MeridiemUpper => {
                self.pm = Some(found.as_bytes()[0].eq_ignore_ascii_case(&b'p'))
            }
            Minute | Minute2 => self.minute = Some(num(found)?),
            Second | Second2 => self.second = Some(num(found)?),
            Unix => {
                let (whole, frac) = found.split_once('.').unwrap_or((found, ""));
                let secs = num(whole)?;
                let frac_ms = fraction_ms(frac);
                let ms = secs
                    .checked_mul(1000)
                    .and_then(|v| {
                        if whole.starts_with('-') {
                            v.checked_sub(frac_ms)
                        } else {
                            v.checked_add(frac_ms)
                        }
                    })
                    .ok_or("the timestamp is out of range")?;
                self.timestamp = Some(ms);
            }
            UnixMs => {
                self.timestamp =
                    Some(num(found).map_err(|_| "the timestamp is out of range".to_string())?)
            }
            Offset | OffsetCompact => {
                let b = found.as_bytes();
                self.offset_minutes = Some(if b[0].eq_ignore_ascii_case(&b'z') {
                    0
                } else {
                    let digits: Vec<i64> = b[1..]
                        .iter()
                        .filter(|c| c.is_ascii_digit())
                        .map(|c| (c - b'0') as i64)
                        .collect();
                    let h = digits[0] * 10 + digits[1];
                    let m = if digits.len() >= 4 {
                        digits[2] * 10 + digits[3]
                    } else {
                        0
                    };
                    if b[0] == b'-' {
                        -(h * 60 + m)
                    } else {
                        h * 60 + m
                    }
                });
            }
            // Fractional seconds: the digits are a decimal fraction of a second.
            Fraction(_) => self.ms = Some(fraction_ms(found)),
            _ => {}
        }
        Ok(())
    }

    fn resolve(mut self, zone: &Zone, now_ms: i64) -> Result<i64, String> {
        if let Some(ts) = self.timestamp {
            return if ts.unsigned_abs() > MAX_MS as u64 {
                Err("the timestamp is out of range".into())
            } else {
                Ok(ts)
            };
        }
        if self.pm.is_some()
            && [
                self.year,
                self.month,
                self.day,
                self.hour,
                self.minute,
                self.second,
                self.ms,
            ]
            .iter()
            .all(Option::is_none)
        {
            return Err("only AM/PM was found".into());
        }
        if let (Some(pm), Some(h)) = (self.pm, self.hour) {
            if pm && h < 12 {
                self.hour = Some(h + 12);
            } else if !pm && h == 12 {
                self.hour = Some(0);
            }
        }
        let now = fields_from_ms(zone.to_local(now_ms.clamp(-MAX_MS, MAX_MS)));
        let mut weekday_overflow = false;
        if self.weeks.any() && self.day.is_none() && self.month.is_none() {
            weekday_overflow = self.apply_weeks(&now)?;
        }
        if let Some(doy) = self.day_of_year {
            let year = self.year.unwrap_or(now.year);
            let (m, d) = civil::month_day_of_year(year, doy).ok_or_else(|| format!("day of year {doy} is out of range"))?;
            self.month = Some(m);
            self.day = Some(d);
        }
        // Today's date fills the leading missing parts; later missing parts start at their first value.
        let mut f = Fields {
            year: 0,
            month: 1,
            day: 1,
            hour: 0,
            minute: 0,
            second: 0,
            ms: 0,
        };
        let date_parts = [self.year, self.month, self.day];
        let today = [now.year, now.month, now.day];
        let leading = date_parts.iter().take_while(|p| p.is_none()).count();
        let filled: Vec<i64> = (0..3)
            .map(|i| {
                if i < leading {
                    today[i]
                } else {
                    date_parts[i].unwrap_or(1)
                }
            })
            .collect();
        (f.year, f.month, f.day) = (filled[0], filled[1], filled[2]);
        f.hour = self.hour.unwrap_or(0);
        f.minute = self.minute.unwrap_or(0);
        f.second = self.second.unwrap_or(0);
        f.ms = self.ms.unwrap_or(0);
        if f.year.unsigned_abs() > 300_000 {
            return Err(format!("year {} is out of range", f.year));
        }
        if !(1..=12).contains(&f.month) {
            return Err(format!("month {} is out of range", f.month));
        }
        if f.day < 1 || f.day > days_in_month(f.year, f.month) {
            return Err(format!(
                "day {} is out of range for {:04}-{:02}",
                f.day, f.year, f.month
            ));
        }
        if !(0..=24).contains(&f.hour) || (f.hour == 24 && (f.minute, f.second, f.ms) != (0, 0, 0))
        {
            return Err(format!("hour {} is out of range", f.hour));
        }
        if !(0..=59).contains(&f.minute) {
            return Err(format!("minute {} is out of range", f.minute));
        }
        if !(0..=59).contains(&f.second) {
            return Err(format!("second {} is out of range", f.second));
        }
        if weekday_overflow {
            return Err("the day of the week is out of range".into());
        }
        if let Some(d) = self.weeks.d {
            let actual = civil::weekday_from_days(civil::days_from_civil(f.year, f.month, f.day));
            if d != actual {
                return Err(format!(
                    "the day of the week does not match the date (it is a {})",
                    super::locale::WEEKDAYS[actual as usize]
                ));
            }
        }
        let local = civil::ms_from_fields(&f).ok_or("the date is out of range")?;
        let ms = match self.offset_minutes {
            Some(off) => local - off * 60_000,
            None => zone.to_utc(local),
        };
        if ms.unsigned_abs() > MAX_MS as u64 {
            return Err("the date is out of range".into());
        }
        Ok(ms)
    }

    /// moment's `dayOfYearFromWeekInfo`: a date from week-year, week and weekday. Returns
    /// whether the weekday was out of range.
    fn apply_weeks(&mut self, now: &Fields) -> Result<bool, String> {
        let w = &self.weeks;
        let (dow, doy, week_year, week, weekday, overflow);
        if w.iso_gg.is_some() || w.iso_w.is_some() || w.iso_e.is_some() {
            (dow, doy) = (ISO_DOW, ISO_DOY);
            let cur = civil::week_of_year(now.year, now.month, now.day, dow, doy);
            week_year = w.iso_gg.or(self.year).unwrap_or(cur.0);
            week = w.iso_w.unwrap_or(1);
            let e = w.iso_e.unwrap_or(1);
            overflow = !(1..=7).contains(&e);
            weekday = e.rem_euclid(7);
        } else {
            (dow, doy) = (WEEK_DOW, WEEK_DOY);
            let cur = civil::week_of_year(now.year, now.month, now.day, dow, doy);
            week_year = w.gg.or(self.year).unwrap_or(cur.0);
            week = w.w.unwrap_or(cur.1);
            if let Some(d) = w.d {
                overflow = !(0..=6).contains(&d);
                weekday = d;
            } else if let Some(e) = w.e {
                overflow = !(0..=6).contains(&e);
                weekday = e + dow;
            } else {
                overflow = false;
                weekday = dow;
            }
        }
        if week_year.unsigned_abs() > 300_000 {
            return Err(format!("week-year {week_year} is out of range"));
        }
        if week < 1 || week > civil::weeks_in_year(week_year, dow, doy) {
            return Err(format!("week {week} is out of range"));
        }
        if !overflow {
            let (y, m, d) = civil::civil_from_days(civil::days_from_week(
                week_year,
                week,
                weekday.clamp(-7, 14),
                dow,
                doy,
            ));
            self.year = Some(y);
            self.month = Some(m);
            self.day = Some(d);
        }
        Ok(overflow)
    }
}
