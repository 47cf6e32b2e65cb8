//! `formatDate`: a date as text by a moment.js pattern, in English, in a zone.

use super::civil::{self, day_of_year, fields_from_ms, weekday_from_days, Fields};
use super::locale::{self, ISO_DOW, ISO_DOY, WEEK_DOW, WEEK_DOY};
use super::tokens::{expand_long_formats, tokenize, Piece, Tok};
use super::zone::Zone;

/// Longest pattern accepted; a longer one is formatted up to this many bytes so that a
/// pathological input costs bounded time.
const MAX_PATTERN: usize = 10_000;

/// Make's `formatDate(ms; pattern; zone)`. Unknown letters are copied, as moment does.
pub fn format(ms: i64, pattern: &str, zone: &Zone) -> String {
    let ms = ms.clamp(-civil::MAX_MS, civil::MAX_MS);
    let mut end = pattern.len().min(MAX_PATTERN);
    while !pattern.is_char_boundary(end) {
        end -= 1;
    }
    let expanded = expand_long_formats(&pattern[..end]);
    let offset = zone.offset_at(ms);
    let when = Moment::new(ms, offset);
    let mut out = String::with_capacity(expanded.len() + 16);
    for piece in tokenize(&expanded) {
        match piece {
            Piece::Literal(s) => out.push_str(s),
            Piece::Token(Tok::ZoneName, _) => out.push_str(&zone.abbreviation_at(ms)),
            Piece::Token(tok, _) => when.write(tok, &mut out),
        }
    }
    out
}

/// A date as read on a wall clock at `offset` seconds east of UTC.
struct Moment {
    ms: i64,
    offset: i32,
    f: Fields,
    weekday: i64,
}

/// Writes `n` with at least `width` digits (zero-padded; the sign does not count).
pub fn push_num(out: &mut String, n: i64, width: usize) {
    if n < 0 {
        out.push('-');
    }
    let mut digits = [0u8; 20];
    let mut v = n.unsigned_abs();
    let mut len = 0;
    while v > 0 || len == 0 {
        digits[len] = b'0' + (v % 10) as u8;
        v /= 10;
        len += 1;
    }
    for _ in len..width {
        out.push('0');
    }
    for &d in digits[..len].iter().rev() {
        out.push(d as char);
    }
}

fn push_ordinal(out: &mut String, n: i64) {
    push_num(out, n, 1);
    out.push_str(locale::ordinal_suffix(n));
}

fn push_offset(out: &mut String, seconds: i32, colon: bool) {
    let minutes = seconds / 60;
    out.push(if minutes < 0 { '-' } else { '+' });
    let m = minutes.unsigned_abs() as i64;
    push_num(out, m / 60, 2);
    if colon {
        out.push(':');
    }
    push_num(out, m % 60, 2);
}

impl Moment {
    fn new(ms: i64, offset: i32) -> Moment {
        let local = ms + offset as i64 * 1000;
        let f = fields_from_ms(local);
        let weekday = weekday_from_days(local.div_euclid(civil::MS_PER_DAY));
        Moment {
            ms,
            offset,
            f,
            weekday,
        }
    }

    fn week(&self, dow: i64, doy: i64) -> (i64, i64) {
        civil::week_of_year(self.f.year, self.f.month, self.f.day, dow, doy)
    }

    fn hour12(&self) -> i64 {
        match self.f.hour % 12 {
            0 => 12,
            h => h,
        }
    }

    fn write(&self, tok: Tok, out: &mut String) {
        use Tok::*;
        let f = &self.f;
        let era_year = if f.year > 0 { f.year } else { 1 - f.year };
        let num = |out: &mut String, n: i64, width: usize| push_num(out, n, width);
        match tok {
            Month => num(out, f.month, 1),
            MonthOrd => push_ordinal(out, f.month),
            Month2 => num(out, f.month, 2),
            MonthShort => out.push_str(locale::MONTHS_SHORT[f.month as usize - 1]),
            MonthLong => out.push_str(locale::MONTHS[f.month as usize - 1]),
            Date => num(out, f.day, 1),
            DateOrd => push_ordinal(out, f.day),
            Date2 => num(out, f.day, 2),
            DayOfYear => num(out, day_of_year(f.year, f.month, f.day), 1),
            DayOfYearOrd => push_ordinal(out, day_of_year(f.year, f.month, f.day)),
            DayOfYear3 => num(out, day_of_year(f.year, f.month, f.day), 3),
            Weekday | LocaleWeekday => num(out, self.weekday, 1),
            WeekdayOrd => push_ordinal(out, self.weekday),
            WeekdayMin => out.push_str(locale::WEEKDAYS_MIN[self.weekday as usize]),
            WeekdayShort => out.push_str(locale::WEEKDAYS_SHORT[self.weekday as usize]),
            WeekdayLong => out.push_str(locale::WEEKDAYS[self.weekday as usize]),
            IsoWeekday => num(out, if self.weekday == 0 { 7 } else { self.weekday }, 1),
            Week => num(out, self.week(WEEK_DOW, WEEK_DOY).1, 1),
            WeekOrd => push_ordinal(out, self.week(WEEK_DOW, WEEK_DOY).1),
            Week2 => num(out, self.week(WEEK_DOW, WEEK_DOY).1, 2),
            IsoWeek => num(out, self.week(ISO_DOW, ISO_DOY).1, 1),
            IsoWeekOrd => push_ordinal(out, self.week(ISO_DOW, ISO_DOY).1),
            IsoWeek2 => num(out, self.week(ISO_DOW, ISO_DOY).1, 2),
            WeekYear2 => num(out, self.week(WEEK_DOW, WEEK_DOY).0.rem_euclid(100), 2),
            WeekYear4 => num(out, self.week(WEEK_DOW, WEEK_DOY).0, 4),
            WeekYear5 => num(out, self.week(WEEK_DOW, WEEK_DOY).0, 5),
            IsoWeekYear2 => num(out, self.week(ISO_DOW, ISO_DOY).0.rem_euclid(100), 2),
            IsoWeekYear4 => num(out, self.week(ISO_DOW, ISO_DOY).0, 4),
            IsoWeekYear5 => num(out, self.week(ISO_DOW, ISO_DOY).0, 5),
            Quarter => num(out, (f.month + 2) / 3, 1),
            QuarterOrd => push_ordinal(out, (f.month + 2) / 3),
            Year if f.year > 9999 => {
                out.push('+');
                num(out, f.year, 1);
            }
            Year | Year4 => num(out, f.year, 4),
            Year2 => num(out, f.year.rem_euclid(100), 2),
            Year5 => num(out, f.year, 5),
            Year6 => {
                if f.year >= 0 {
                    out.push('+');
                }
                num(out, f.year, 6);
            }
            // Eras: the Gregorian AD/BC of moment's default era table.
            Era => out.push_str(if f.year > 0 { "AD" } else { "BC" }),
            EraLong => out.push_str(if f.year > 0 {
                "Anno Domini"
            } else {
                "Before Christ"
            }),
            EraYear(width) => num(out, era_year, width as usize),
            EraYearOrd => push_ordinal(out, era_year),
            Hour => num(out, f.hour, 1),
            Hour2 => num(out, f.hour, 2),
            Hour12 => num(out, self.hour12(), 1),
            Hour12_2 => num(out, self.hour12(), 2),
            HourK => num(out, if f.hour == 0 { 24 } else { f.hour }, 1),
            HourK2 => num(out, if f.hour == 0 { 24 } else { f.hour }, 2),
            Hmm12 | Hmmss12 | Hmm | Hmmss => {
                num(
                    out,
                    if matches!(tok, Hmm12 | Hmmss12) {
                        self.hour12()
                    } else {
                        f.hour
                    },
                    1,
                );
                num(out, f.minute, 2);
                if matches!(tok, Hmmss12 | Hmmss) {
                    num(out, f.second, 2);
                }
            }
            MeridiemLower => out.push_str(if f.hour < 12 { "am" } else { "pm" }),
            MeridiemUpper => out.push_str(if f.hour < 12 { "AM" } else { "PM" }),
            Minute => num(out, f.minute, 1),
            Minute2 => num(out, f.minute, 2),
            Second => num(out, f.second, 1),
            Second2 => num(out, f.second, 2),
            // S tenths, SS hundredths, SSS ms, then zeros.
            Fraction(n) if n <= 3 => num(out, f.ms / 10i64.pow(3 - n as u32), n as usize),
            Fraction(n) => {
                num(out, f.ms, 3);
                for _ in 3..n {
                    out.push('0');
                }
            }
            Unix => num(out, self.ms.div_euclid(1000), 1),
            UnixMs => num(out, self.ms, 1),
            Offset => push_offset(out, self.offset, true),
            OffsetCompact => push_offset(out, self.offset, false),
            // Written by `format`, which knows the zone.
            ZoneName => {}
        }
    }
}
