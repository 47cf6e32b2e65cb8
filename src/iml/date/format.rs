//! `formatDate`: a date as text by a moment.js pattern, in English, in a zone.

use super::civil::{self, day_of_year, fields_from_ms, weekday_from_days, Fields};
use super::locale::{self, ordinal, ISO_DOW, ISO_DOY, WEEK_DOW, WEEK_DOY};
use super::tokens::{expand_long_formats, tokenize, Piece};
use super::zone::{offset_text, Zone};

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
            Piece::Token(t) => when.write(t, &mut out),
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

fn pad(n: i64, width: usize) -> String {
    if n < 0 {
        format!("-{:0width$}", n.unsigned_abs())
    } else {
        format!("{n:0width$}")
    }
}

impl Moment {
    fn new(ms: i64, offset: i32) -> Moment {
        let local = ms + offset as i64 * 1000;
        let f = fields_from_ms(local);
        let weekday = weekday_from_days(local.div_euclid(civil::MS_PER_DAY));
        Moment { ms, offset, f, weekday }
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

    fn write(&self, token: &str, out: &mut String) {
        let f = &self.f;
        let s = match token {
            "M" => f.month.to_string(),
            "Mo" => ordinal(f.month),
            "MM" => pad(f.month, 2),
            "MMM" => locale::MONTHS_SHORT[f.month as usize - 1].to_string(),
            "MMMM" => locale::MONTHS[f.month as usize - 1].to_string(),
            "D" => f.day.to_string(),
            "Do" => ordinal(f.day),
            "DD" => pad(f.day, 2),
            "DDD" => day_of_year(f.year, f.month, f.day).to_string(),
            "DDDo" => ordinal(day_of_year(f.year, f.month, f.day)),
            "DDDD" => pad(day_of_year(f.year, f.month, f.day), 3),
            "d" | "e" => self.weekday.to_string(),
            "do" => ordinal(self.weekday),
            "dd" => locale::WEEKDAYS_MIN[self.weekday as usize].to_string(),
            "ddd" => locale::WEEKDAYS_SHORT[self.weekday as usize].to_string(),
            "dddd" => locale::WEEKDAYS[self.weekday as usize].to_string(),
            "E" => (if self.weekday == 0 { 7 } else { self.weekday }).to_string(),
            "w" => self.week(WEEK_DOW, WEEK_DOY).1.to_string(),
            "wo" => ordinal(self.week(WEEK_DOW, WEEK_DOY).1),
            "ww" => pad(self.week(WEEK_DOW, WEEK_DOY).1, 2),
            "W" => self.week(ISO_DOW, ISO_DOY).1.to_string(),
            "Wo" => ordinal(self.week(ISO_DOW, ISO_DOY).1),
            "WW" => pad(self.week(ISO_DOW, ISO_DOY).1, 2),
            "gg" => pad(self.week(WEEK_DOW, WEEK_DOY).0.rem_euclid(100), 2),
            "gggg" => pad(self.week(WEEK_DOW, WEEK_DOY).0, 4),
            "ggggg" => pad(self.week(WEEK_DOW, WEEK_DOY).0, 5),
            "GG" => pad(self.week(ISO_DOW, ISO_DOY).0.rem_euclid(100), 2),
            "GGGG" => pad(self.week(ISO_DOW, ISO_DOY).0, 4),
            "GGGGG" => pad(self.week(ISO_DOW, ISO_DOY).0, 5),
            "Q" => ((f.month + 2) / 3).to_string(),
            "Qo" => ordinal((f.month + 2) / 3),
            "Y" => {
                if f.year <= 9999 {
                    pad(f.year, 4)
                } else {
                    format!("+{}", f.year)
                }
            }
            "YY" => pad(f.year.rem_euclid(100), 2),
            "YYYY" => pad(f.year, 4),
            "YYYYY" => pad(f.year, 5),
            "YYYYYY" => {
                let sign = if f.year < 0 { '-' } else { '+' };
                format!("{sign}{:06}", f.year.unsigned_abs())
            }
            // Eras: the Gregorian AD/BC of moment's default era table.
            "N" | "NN" | "NNN" | "NNNNN" => (if f.year > 0 { "AD" } else { "BC" }).to_string(),
            "NNNN" => (if f.year > 0 { "Anno Domini" } else { "Before Christ" }).to_string(),
            "y" | "yy" | "yyy" | "yyyy" => {
                let y = if f.year > 0 { f.year } else { 1 - f.year };
                let width = if token.len() == 1 { 1 } else { token.len() };
                pad(y, width)
            }
            "yo" => ordinal(if f.year > 0 { f.year } else { 1 - f.year }),
            "H" => f.hour.to_string(),
            "HH" => pad(f.hour, 2),
            "h" => self.hour12().to_string(),
            "hh" => pad(self.hour12(), 2),
            "k" => (if f.hour == 0 { 24 } else { f.hour }).to_string(),
            "kk" => pad(if f.hour == 0 { 24 } else { f.hour }, 2),
            "hmm" => format!("{}{:02}", self.hour12(), f.minute),
            "hmmss" => format!("{}{:02}{:02}", self.hour12(), f.minute, f.second),
            "Hmm" => format!("{}{:02}", f.hour, f.minute),
            "Hmmss" => format!("{}{:02}{:02}", f.hour, f.minute, f.second),
            "a" => (if f.hour < 12 { "am" } else { "pm" }).to_string(),
            "A" => (if f.hour < 12 { "AM" } else { "PM" }).to_string(),
            "m" => f.minute.to_string(),
            "mm" => pad(f.minute, 2),
            "s" => f.second.to_string(),
            "ss" => pad(f.second, 2),
            "X" => self.ms.div_euclid(1000).to_string(),
            "x" => self.ms.to_string(),
            "Z" => offset_text(self.offset / 60, true),
            "ZZ" => offset_text(self.offset / 60, false),
            // Abbreviations need per-transition names that the compact table leaves out;
            // moment without a named zone prints nothing here either.
            "z" | "zz" => String::new(),
            _ if token.bytes().all(|b| b == b'S') => {
                // Fractions of a second: S tenths, SS hundredths, SSS ms, then zeros.
                let n = token.len();
                if n <= 3 {
                    pad(f.ms / 10i64.pow(3 - n as u32), n)
                } else {
                    format!("{:03}{}", f.ms, "0".repeat(n - 3))
                }
            }
            _ => token.to_string(),
        };
        out.push_str(&s);
    }
}
