//! The date texts that JS `Date` reads besides ISO 8601 and that Make users send:
//! numeric dates with `/` (`M/D/Y` or `Y/M/D`), month names (`Jan 15, 2024`), 12-hour
//! times, RFC 2822 (`Tue, 01 Nov 2016 01:23:45 GMT`) and `Date.prototype.toString`
//! output (`Mon Jan 15 2024 10:00:00 GMT+0200 (Israel Standard Time)`).

use super::civil::Fields;
use super::iso::Reading;
use super::locale::{month_from_name, weekday_from_name};

/// Reads one of the forms above; `None` when the text is none of them.
pub fn parse_loose(t: &str) -> Option<Reading> {
    // Drop a trailing "(Israel Standard Time)" comment.
    let t = match t.find('(') {
        Some(i) if t.ends_with(')') => &t[..i],
        _ => t,
    };
    let mut year = None;
    let mut month = None;
    let mut day = None;
    let mut numbers: Vec<(i64, usize)> = Vec::new();
    let mut time: Option<(i64, i64, i64, i64)> = None;
    let mut pm: Option<bool> = None;
    let mut offset: Option<i32> = None;
    for word in t
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
    {
        let upper = word.to_ascii_uppercase();
        let first = word.as_bytes()[0];
        if first.is_ascii_alphabetic() {
            let (letters, rest) = word.split_at(
                word.find(|c: char| !c.is_ascii_alphabetic())
                    .unwrap_or(word.len()),
            );
            let lu = letters.to_ascii_uppercase();
            match lu.as_str() {
                "AM" | "A" if rest.is_empty() || rest == "." => pm = Some(false),
                "PM" | "P" if rest.is_empty() || rest == "." => pm = Some(true),
                "GMT" | "UTC" | "UT" | "Z" => {
                    offset = Some(if rest.is_empty() {
                        0
                    } else {
                        super::zone::parse_offset(rest)?
                    })
                }
                "EST" | "EDT" | "CST" | "CDT" | "MST" | "MDT" | "PST" | "PDT"
                    if rest.is_empty() =>
                {
                    offset = Some(
                        match lu.as_str() {
                            "EDT" => -4,
                            "EST" | "CDT" => -5,
                            "CST" | "MDT" => -6,
                            "MST" | "PDT" => -7,
                            _ => -8,
                        } * 3600,
                    )
                }
                "T" if rest.contains(':') => time = Some(read_time(rest)?),
                _ if letters.len() >= 3
                    && month_from_name(letters).is_some()
                    && rest.is_empty()
                    && upper.len() <= 9 =>
                {
                    month = month_from_name(letters)
                }
                _ if letters.len() >= 2
                    && weekday_from_name(letters).is_some()
                    && rest.trim_end_matches('.').is_empty() => {}
                _ => return None,
            }
        } else if (first == b'+' || first == b'-') && time.is_some() {
            offset = Some(super::zone::parse_offset(word)?);
        } else if word.contains(':') {
            let (clock, tail) =
                match word.find(|c: char| c.is_ascii_alphabetic() || c == '+' || (c == '-')) {
                    Some(i) if i > 0 => word.split_at(i),
                    _ => (word, ""),
                };
            time = Some(read_time(clock)?);
            match tail.to_ascii_uppercase().as_str() {
                "" => {}
                "AM" => pm = Some(false),
                "PM" => pm = Some(true),
                "Z" => offset = Some(0),
                other => offset = Some(super::zone::parse_offset(other)?),
            }
        } else if word.contains(['/', '-', '.']) {
            let parts: Vec<&str> = word.split(['/', '-', '.']).collect();
            if parts.len() != 3 || year.is_some() {
                return None;
            }
            let nums: Vec<(i64, usize)> = parts
                .iter()
                .map(|p| Some((p.parse::<i64>().ok()?, p.len())))
                .collect::<Option<_>>()?;
            if nums[0].1 >= 3 {
                year = Some(nums[0].0);
                month = Some(nums[1].0);
                day = Some(nums[2].0);
            } else {
                month = Some(nums[0].0);
                day = Some(nums[1].0);
                year = Some(two_digit_year(nums[2]));
            }
        } else if word.bytes().all(|b| b.is_ascii_digit()) && word.len() <= 6 {
            numbers.push((word.parse().ok()?, word.len()));
        } else {
            return None;
        }
    }
    // Bare numbers next to a month name: a day (1-2 digits) and a year.
    for (n, len) in numbers {
        if day.is_none() && len <= 2 && month.is_some() && (1..=31).contains(&n) {
            day = Some(n);
        } else if year.is_none() {
            year = Some(two_digit_year((n, len)));
        } else {
            return None;
        }
    }
    let (year, month) = (year?, month?);
    let (mut hour, minute, second, ms) = time.unwrap_or((0, 0, 0, 0));
    match pm {
        Some(true) if hour < 12 => hour += 12,
        Some(false) if hour == 12 => hour = 0,
        Some(_) if hour > 12 => return None,
        _ => {}
    }
    let fields = Fields {
        year,
        month,
        day: day.unwrap_or(1),
        hour,
        minute,
        second,
        ms,
    };
    Some(Reading {
        fields,
        offset_seconds: offset,
    })
}

/// V8's rule for years written with one or two digits: 0-49 → 2000s, 50-99 → 1900s.
fn two_digit_year((n, len): (i64, usize)) -> i64 {
    if len <= 2 {
        if n < 50 {
            2000 + n
        } else {
            1900 + n
        }
    } else {
        n
    }
}

/// `H:mm`, `H:mm:ss`, `H:mm:ss.SSS`.
fn read_time(s: &str) -> Option<(i64, i64, i64, i64)> {
    let mut parts = s.split(':');
    let num = |p: &str| -> Option<i64> {
        (!p.is_empty() && p.len() <= 2 && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse().ok())
            .flatten()
    };
    let h = num(parts.next()?)?;
    let m = num(parts.next()?)?;
    let (mut s, mut ms) = (0, 0);
    if let Some(sec) = parts.next() {
        let (whole, frac) = sec.split_once('.').unwrap_or((sec, ""));
        s = num(whole)?;
        if !frac.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        ms = frac
            .bytes()
            .chain(*b"000")
            .take(3)
            .fold(0, |a, d| a * 10 + (d - b'0') as i64);
    }
    if parts.next().is_some() {
        return None;
    }
    Some((h, m, s, ms))
}

#[cfg(test)]
mod tests {
    use super::super::iso::parse_any;
    use super::super::{DateError, Zone};

    fn utc(t: &str) -> Result<i64, DateError> {
        parse_any(t, &Zone::utc())
    }

    #[test]
    fn js_forms_in() {
        assert_eq!(utc("12/28/2016"), Ok(1_482_883_200_000));
        assert_eq!(utc("2016/12/28 4:03 PM"), Ok(1_482_940_980_000));
        assert_eq!(utc("Dec 28, 2016"), Ok(1_482_883_200_000));
        assert_eq!(utc("28 December 2016 16:03:06"), Ok(1_482_940_986_000));
        assert_eq!(utc("Wed, 28 Dec 2016 16:03:06 GMT"), Ok(1_482_940_986_000));
        assert_eq!(
            utc("Wed Dec 28 2016 18:03:06 GMT+0200 (Israel Standard Time)"),
            Ok(1_482_940_986_000)
        );
        assert!(utc("hello").is_err());
        assert!(utc("12/28").is_err());
    }
}
