//! `addX` and `setX`: moment's `add` and setters, read on the wall clock of a zone.
//!
//! Hours and smaller units move the instant; days, weeks, months and years move the
//! wall-clock date and keep its time of day, so `addDays` across a DST change still
//! lands on the same clock time. Months clamp the day to the month's end
//! (Jan 31 + 1 month = Feb 28/29), as moment does.

use super::civil::{
    self, days_in_month, fields_from_ms, is_leap, weekday_from_days, Fields, MAX_MS,
};
use super::locale::{self, month_from_name, weekday_from_name};
use super::{DateError, SetValue, Unit, Zone};

fn out_of_range() -> DateError {
    DateError::new("the resulting date is out of range (beyond ±8.64e15 ms, year ±275760)")
}

fn check(ms: i64) -> Result<i64, DateError> {
    if ms.unsigned_abs() > MAX_MS as u64 {
        Err(out_of_range())
    } else {
        Ok(ms)
    }
}

/// `addSeconds` ... `addYears` with an error when the result leaves the JS `Date` range.
pub fn checked_add(ms: i64, unit: Unit, amount: i64, zone: &Zone) -> Result<i64, DateError> {
    let ms = check(ms)?;
    let exact = |per: i64| -> Result<i64, DateError> {
        let total = ms as i128 + amount as i128 * per as i128;
        if total.abs() > MAX_MS as i128 {
            Err(out_of_range())
        } else {
            Ok(total as i64)
        }
    };
    match unit {
        Unit::Millisecond => exact(1),
        Unit::Second => exact(civil::MS_PER_SECOND),
        Unit::Minute => exact(civil::MS_PER_MINUTE),
        Unit::Hour => exact(civil::MS_PER_HOUR),
        Unit::Day | Unit::Date | Unit::Week => {
            let days = amount
                .checked_mul(if unit == Unit::Week { 7 } else { 1 })
                .ok_or_else(out_of_range)?;
            on_wall_clock(ms, zone, |f| {
                f.day = f.day.checked_add(days).ok_or_else(out_of_range)?;
                Ok(())
            })
        }
        Unit::Month | Unit::Year => {
            let months = amount
                .checked_mul(if unit == Unit::Year { 12 } else { 1 })
                .ok_or_else(out_of_range)?;
            on_wall_clock(ms, zone, |f| {
                if months.unsigned_abs() > 12 * 600_000 {
                    return Err(out_of_range());
                }
                let month0 = f.month - 1 + months;
                f.year += month0.div_euclid(12);
                f.month = month0.rem_euclid(12) + 1;
                f.day = f.day.min(days_in_month(f.year, f.month));
                Ok(())
            })
        }
    }
}

/// `addSeconds` ... `addYears`. A result beyond the JS `Date` range is clamped to it;
/// use [`checked_add`] to get an error instead.
pub fn add(ms: i64, unit: Unit, amount: i64, zone: &Zone) -> i64 {
    let ms = ms.clamp(-MAX_MS, MAX_MS);
    checked_add(ms, unit, amount, zone).unwrap_or(if amount < 0 { -MAX_MS } else { MAX_MS })
}

/// `addX` with a JS number amount, rounded the way moment does: milliseconds to hours
/// add the exact product and drop the fraction of the resulting millisecond (JS `Date`
/// truncates); days and weeks round the day count, months and years the month count,
/// half away from zero (`addDays(d; 1.5)` adds 2 days, `addYears(d; 0.4)` 5 months).
pub fn add_fractional(ms: i64, unit: Unit, amount: f64, zone: &Zone) -> Result<i64, DateError> {
    if !amount.is_finite() {
        return Err(DateError::new(
            "cannot add a non-finite number (NaN or infinity) to a date",
        ));
    }
    let round = |x: f64| -> Result<i64, DateError> {
        let r = x.abs().round().copysign(x);
        if r.abs() > 1e15 {
            Err(out_of_range())
        } else {
            Ok(r as i64)
        }
    };
    let per_ms = match unit {
        Unit::Millisecond => 1.0,
        Unit::Second => 1e3,
        Unit::Minute => 6e4,
        Unit::Hour => 3.6e6,
        Unit::Day | Unit::Date => return checked_add(ms, Unit::Day, round(amount)?, zone),
        Unit::Week => return checked_add(ms, Unit::Day, round(amount * 7.0)?, zone),
        Unit::Month => return checked_add(ms, Unit::Month, round(amount)?, zone),
        Unit::Year => return checked_add(ms, Unit::Month, round(amount * 12.0)?, zone),
    };
    let total = (check(ms)? as f64 + amount * per_ms).trunc();
    if total.abs() > MAX_MS as f64 {
        return Err(out_of_range());
    }
    Ok(total as i64)
}

/// Reads `ms` on the zone's wall clock, lets `change` edit the fields (values may be
/// out of range and roll over, as with JS `Date` setters), and maps the result back.
fn on_wall_clock(
    ms: i64,
    zone: &Zone,
    change: impl FnOnce(&mut Fields) -> Result<(), DateError>,
) -> Result<i64, DateError> {
    let mut f = fields_from_ms(zone.to_local(ms));
    change(&mut f)?;
    let local = civil::ms_from_fields(&f).ok_or_else(out_of_range)?;
    check(zone.to_utc(local))
}

/// `setSecond`, `setMinute`, `setHour`, `setDay`, `setDate` (`Unit::Date`), `setMonth`,
/// `setYear` (and milliseconds and English weeks), with moment's semantics:
/// - out-of-range numbers roll over (`setHour(25)` is 01:00 the next day);
/// - `setDay` takes 0-6 from Sunday (7 is next Sunday, -1 last Saturday) or an English
///   day name, and stays in the same Sunday-to-Saturday week;
/// - `setMonth` takes 1-12 (Make's numbering) or an English month name, and clamps the
///   day to the month's end;
/// - `setYear` on February 29 gives February 28 in a common year.
pub fn set(ms: i64, unit: Unit, value: SetValue, zone: &Zone) -> Result<i64, DateError> {
    let ms = check(ms)?;
    let number = match &value {
        SetValue::Number(n) => Some(*n),
        SetValue::Name(_) => None,
    };
    let need_number = |what: &str| -> Result<i64, DateError> {
        number.ok_or_else(|| {
            let SetValue::Name(name) = &value else {
                unreachable!()
            };
            DateError::new(format!("{what} expects a number, not \"{name}\""))
        })
    };
    match unit {
        Unit::Millisecond => {
            let v = need_number("setMillisecond")?;
            on_wall_clock(ms, zone, |f| {
                f.ms = v;
                Ok(())
            })
        }
        Unit::Second => {
            let v = need_number("setSecond")?;
            on_wall_clock(ms, zone, |f| {
                f.second = v;
                Ok(())
            })
        }
        Unit::Minute => {
            let v = need_number("setMinute")?;
            on_wall_clock(ms, zone, |f| {
                f.minute = v;
                Ok(())
            })
        }
        Unit::Hour => {
            let v = need_number("setHour")?;
            on_wall_clock(ms, zone, |f| {
                f.hour = v;
                Ok(())
            })
        }
        Unit::Day => {
            let target = match &value {
                SetValue::Number(n) => *n,
                SetValue::Name(name) => weekday_from_name(name.trim()).ok_or_else(|| {
                    DateError::new(format!(
                        "setDay expects a day of the week (1-7 or an English name such as Monday), not \"{name}\""
                    ))
                })?,
            };
            on_wall_clock(ms, zone, |f| {
                let days = civil::days_from_civil(f.year, f.month, f.day);
                // checked: the target can be any integer (found by fuzzing: an overflow)
                f.day = target
                    .checked_sub(weekday_from_days(days))
                    .and_then(|d| f.day.checked_add(d))
                    .ok_or_else(out_of_range)?;
                Ok(())
            })
        }
        Unit::Date => {
            let v = need_number("setDate")?;
            on_wall_clock(ms, zone, |f| {
                f.day = v;
                Ok(())
            })
        }
        Unit::Week => {
            let v = need_number("setWeek")?;
            on_wall_clock(ms, zone, |f| {
                let (_, week) =
                    civil::week_of_year(f.year, f.month, f.day, locale::WEEK_DOW, locale::WEEK_DOY);
                let delta = v
                    .checked_sub(week)
                    .and_then(|d| d.checked_mul(7))
                    .ok_or_else(out_of_range)?;
                f.day = f.day.checked_add(delta).ok_or_else(out_of_range)?;
                Ok(())
            })
        }
        Unit::Month => {
            let month = match &value {
                SetValue::Number(n) => *n,
                SetValue::Name(name) => month_from_name(name.trim()).ok_or_else(|| {
                    DateError::new(format!(
                        "setMonth expects a month (1-12 or an English name such as January), not \"{name}\""
                    ))
                })?,
            };
            on_wall_clock(ms, zone, |f| {
                if month.unsigned_abs() > 12 * 600_000 {
                    return Err(out_of_range());
                }
                let month0 = month - 1;
                let year = f.year + month0.div_euclid(12);
                f.day = f.day.min(days_in_month(year, month0.rem_euclid(12) + 1));
                f.month = month;
                Ok(())
            })
        }
        Unit::Year => {
            let year = need_number("setYear")?;
            on_wall_clock(ms, zone, |f| {
                if year.unsigned_abs() > 400_000 {
                    return Err(out_of_range());
                }
                if f.month == 2 && f.day == 29 && !is_leap(year) {
                    f.day = 28;
                }
                f.year = year;
                Ok(())
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_end_clamps() {
        let utc = Zone::utc();
        // 2024-01-31T10:00Z + 1 month = 2024-02-29T10:00Z
        let jan31 = 1_706_695_200_000;
        assert_eq!(add(jan31, Unit::Month, 1, &utc), 1_709_200_800_000);
    }
}
