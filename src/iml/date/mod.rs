//! Dates and times for IML, the way Make computes them (moment.js + moment-timezone):
//! `formatDate`, `parseDate`, `addX`, `setX`, and ISO 8601 output like JS `toISOString`.
//!
//! A date is an `i64` of milliseconds since the Unix epoch, a JS `Date`'s value. Every
//! calendar question is asked in a [`Zone`]; resolve it once with [`zone`] and reuse it
//! (a look-up decodes the zone's history, about 20 µs). Results stay within the range of
//! a JS `Date` (±8.64e15 ms); anything that would leave it is a [`DateError`] (or, for
//! [`add`], is clamped to the range; [`checked_add`] reports it).
//!
//! Time zones come from a compact copy of IANA tzdata (`tzdata_table.rs`, every zone and
//! link name): exact offsets from 1970 on (Asia/Jerusalem: its whole history), then each
//! zone's own rule for the future (so 2040 is right too). Before 1970 other zones keep
//! their 1970 offset, where moment-timezone would use the older history.
//!
//! | Make | here |
//! |---|---|
//! | `formatDate(date; format; tz)` | [`format()`] |
//! | `parseDate(text; format; tz)` | [`parse_at`] with the scenario's `now` ([`parse`] takes 1970-01-01 as today) |
//! | a text used as a date (`addDays("2024-01-31"; 1)`) | [`parse`] with `None` |
//! | `addSeconds` ... `addYears` | [`add`] with [`Unit`]; [`add_fractional`] for a non-integer amount |
//! | `setSecond`, `setMinute`, `setHour`, `setDay`, `setDate`, `setMonth`, `setYear` | [`set`] with `Unit::Second`, `Minute`, `Hour`, `Day`, `Date`, `Month`, `Year` (moment truncates a non-integer value toward zero) |
//! | a date in output | [`to_iso`] |

mod arith;
pub mod civil;
mod format;
mod iso;
mod js_forms;
mod locale;
mod parse;
mod tokens;
mod tzdata;
mod tzdata_table;
mod zone;

use std::fmt;

pub use arith::{add, add_fractional, checked_add, set};
pub use format::format;
pub use iso::to_iso;
pub use parse::{parse, parse_at};
pub use zone::{zone, Zone};

/// The largest magnitude of a date in milliseconds (that of a JS `Date`).
pub const MAX_MS: i64 = civil::MAX_MS;

/// Every IANA zone name (links included) that [`zone`] accepts, besides `UTC` and
/// fixed offsets.
pub fn zone_names() -> impl Iterator<Item = &'static str> {
    tzdata::names()
}

/// The IANA tzdata release the zone table was built from (`2025b`).
pub fn tzdata_version() -> &'static str {
    tzdata_table::VERSION
}

/// Offset east of UTC in seconds that a POSIX TZ rule (`IST-2IDT,M3.4.4/26,M10.5.0`)
/// gives at `unix_seconds`; `None` when the rule does not parse. For the table generator.
#[doc(hidden)]
pub fn posix_rule_offset(rule: &str, unix_seconds: i64) -> Option<i32> {
    zone::PosixRule::parse(rule).map(|r| r.offset_at(unix_seconds))
}

/// A unit of `addX` / `setX`. For [`set`], `Day` is the day of the week (`setDay`) and
/// `Date` the day of the month (`setDate`); for [`add`] both are days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Millisecond,
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Year,
    Date,
}

/// The value of a `setX` call: a number, or an English day or month name (`setDay`, `setMonth`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SetValue {
    Number(i64),
    Name(String),
}

/// Why a date could not be read, built or resolved. `message` is English and names the
/// input that failed.
#[derive(Debug, Clone, PartialEq)]
pub struct DateError {
    pub message: String,
}

impl DateError {
    pub(crate) fn new(message: impl Into<String>) -> Self {
        DateError {
            message: message.into(),
        }
    }
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DateError {}
