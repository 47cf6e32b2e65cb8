//! Proleptic Gregorian calendar arithmetic on plain integers, the way a JS `Date` counts:
//! no leap seconds, day 0 is 1970-01-01. Every function is total over the range a JS
//! `Date` can hold (±8.64e15 ms, about ±275,000 years), so nothing here can overflow.

pub const MS_PER_SECOND: i64 = 1_000;
pub const MS_PER_MINUTE: i64 = 60_000;
pub const MS_PER_HOUR: i64 = 3_600_000;
pub const MS_PER_DAY: i64 = 86_400_000;

/// The largest magnitude a JS `Date` accepts (ECMA-262 TimeClip).
pub const MAX_MS: i64 = 8_640_000_000_000_000;

/// Broken-down wall-clock time. `month` is 1-12, `weekday` 0 (Sunday) to 6.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fields {
    pub year: i64,
    pub month: i64,
    pub day: i64,
    pub hour: i64,
    pub minute: i64,
    pub second: i64,
    pub ms: i64,
}

pub fn is_leap(year: i64) -> bool {
    year.rem_euclid(4) == 0 && (year.rem_euclid(100) != 0 || year.rem_euclid(400) == 0)
}

pub fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

pub fn days_in_year(year: i64) -> i64 {
    if is_leap(year) {
        366
    } else {
        365
    }
}

/// (month, day) of the `doy`th day (1-based) of `year`; None when the year has no such day.
pub fn month_day_of_year(year: i64, doy: i64) -> Option<(i64, i64)> {
    if doy < 1 || doy > days_in_year(year) {
        return None;
    }
    let (_, m, d) = civil_from_days(days_from_civil(year, 1, 1) + doy - 1);
    Some((m, d))
}

/// Days since 1970-01-01 of a calendar date (month 1-12, day 1-31).
/// Howard Hinnant's `days_from_civil`, valid for any i64 year within ±10^12.
pub fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Calendar date (year, month 1-12, day) of a day count since 1970-01-01.
pub fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + if month <= 2 { 1 } else { 0 };
    (year, month, day)
}

/// 0 = Sunday ... 6 = Saturday.
pub fn weekday_from_days(days: i64) -> i64 {
    (days + 4).rem_euclid(7)
}

pub fn fields_from_ms(ms: i64) -> Fields {
    let days = ms.div_euclid(MS_PER_DAY);
    let rem = ms.rem_euclid(MS_PER_DAY);
    let (year, month, day) = civil_from_days(days);
    Fields {
        year,
        month,
        day,
        hour: rem / MS_PER_HOUR,
        minute: rem % MS_PER_HOUR / MS_PER_MINUTE,
        second: rem % MS_PER_MINUTE / MS_PER_SECOND,
        ms: rem % MS_PER_SECOND,
    }
}

/// Wall-clock milliseconds of fields that may be out of range: like `Date.UTC`, an hour
/// of 25 or a day of 0 rolls over into the neighbouring unit. `None` when the result
/// is beyond what a JS `Date` can hold.
pub fn ms_from_fields(f: &Fields) -> Option<i64> {
    const LIMIT: i64 = 1 << 40;
    if [f.year, f.month, f.day, f.hour, f.minute, f.second, f.ms]
        .iter()
        .any(|v| v.unsigned_abs() > LIMIT as u64)
    {
        return None;
    }
    let month0 = f.month - 1;
    let year = f.year + month0.div_euclid(12);
    if year.unsigned_abs() > 400_000 {
        return None;
    }
    let month = month0.rem_euclid(12) + 1;
    let days = days_from_civil(year, month, 1) + f.day - 1;
    let ms = (days as i128) * MS_PER_DAY as i128
        + f.hour as i128 * MS_PER_HOUR as i128
        + f.minute as i128 * MS_PER_MINUTE as i128
        + f.second as i128 * MS_PER_SECOND as i128
        + f.ms as i128;
    // Wall-clock values may sit up to a day beyond the instant range; the caller checks
    // the final instant.
    if ms.abs() > (MAX_MS + 2 * MS_PER_DAY) as i128 {
        None
    } else {
        Some(ms as i64)
    }
}

/// Day of the year, 1-366.
pub fn day_of_year(year: i64, month: i64, day: i64) -> i64 {
    days_from_civil(year, month, day) - days_from_civil(year, 1, 1) + 1
}

/// Offset (in days from Jan 1, may be negative) of the first day of week 1, for a week
/// that starts on `dow` and whose week 1 contains Jan `doy_anchor` (moment's
/// `firstWeekOffset` with `doy = 7 + dow - doy_anchor`). ISO: dow 1, doy 4; English: dow 0, doy 6.
fn first_week_offset(year: i64, dow: i64, doy: i64) -> i64 {
    let fwd = 7 + dow - doy;
    let jan_fwd_weekday = weekday_from_days(days_from_civil(year, 1, fwd));
    let fwdlw = (7 + jan_fwd_weekday - dow).rem_euclid(7);
    -fwdlw + fwd - 1
}

pub fn weeks_in_year(year: i64, dow: i64, doy: i64) -> i64 {
    let this = first_week_offset(year, dow, doy);
    let next = first_week_offset(year + 1, dow, doy);
    (days_in_year(year) - this + next) / 7
}

/// (week-year, week) of a date, by moment's `weekOfYear`.
pub fn week_of_year(year: i64, month: i64, day: i64, dow: i64, doy: i64) -> (i64, i64) {
    let offset = first_week_offset(year, dow, doy);
    let week = (day_of_year(year, month, day) - offset - 1).div_euclid(7) + 1;
    if week < 1 {
        (year - 1, week + weeks_in_year(year - 1, dow, doy))
    } else if week > weeks_in_year(year, dow, doy) {
        (year + 1, week - weeks_in_year(year, dow, doy))
    } else {
        (year, week)
    }
}

/// Days since the epoch of (week-year, week, weekday 0-6), by moment's `dayOfYearFromWeeks`.
pub fn days_from_week(week_year: i64, week: i64, weekday: i64, dow: i64, doy: i64) -> i64 {
    let local_weekday = (7 + weekday - dow).rem_euclid(7);
    let offset = first_week_offset(week_year, dow, doy);
    let day_of_year = 1 + 7 * (week - 1) + local_weekday + offset;
    days_from_civil(week_year, 1, 1) + day_of_year - 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_days() {
        for d in [-800_000, -719_468, -1, 0, 1, 11_016, 19_723, 2_932_896] {
            let (y, m, dd) = civil_from_days(d);
            assert_eq!(days_from_civil(y, m, dd), d);
        }
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_723), (2024, 1, 1));
    }

    #[test]
    fn iso_weeks() {
        // 2021-01-03 is a Sunday in ISO week 53 of 2020.
        assert_eq!(week_of_year(2021, 1, 3, 1, 4), (2020, 53));
        // 2024-12-30 is in ISO week 1 of 2025.
        assert_eq!(week_of_year(2024, 12, 30, 1, 4), (2025, 1));
        // English weeks start on Sunday and week 1 holds Jan 1: 2022-12-31 (Sat) is week 53 of 2022,
        // 2023-01-01 (Sun) starts week 1 of 2023.
        assert_eq!(week_of_year(2023, 1, 1, 0, 6), (2023, 1));
        assert_eq!(week_of_year(2022, 12, 31, 0, 6), (2022, 53));
    }
}
