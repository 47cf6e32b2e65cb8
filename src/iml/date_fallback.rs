//! FALLBACK, UTC and fixed offsets only: a minimal stand-in for `src/iml/date/` with the
//! same API, used until that module is merged. It knows no IANA zone rules (DST).

#[derive(Debug, Clone, PartialEq)]
pub struct Zone {
    offset_min: i64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DateError {
    pub message: String,
}

#[allow(dead_code)]
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
}

#[derive(Debug, Clone, PartialEq)]
pub enum SetValue {
    Number(i64),
    Name(String),
}

fn err(m: impl Into<String>) -> DateError {
    DateError { message: m.into() }
}

pub fn zone(name: &str) -> Result<Zone, DateError> {
    let n = name.trim();
    if n.eq_ignore_ascii_case("utc") || n == "Z" || n == "Etc/UTC" || n == "GMT" {
        return Ok(Zone { offset_min: 0 });
    }
    if let Some(m) = parse_offset(n) {
        return Ok(Zone { offset_min: m });
    }
    Err(err(format!("unknown time zone `{name}` (this build knows only UTC and fixed offsets)")))
}

fn parse_offset(s: &str) -> Option<i64> {
    let (sign, rest) = match s.as_bytes().first()? {
        b'+' => (1, &s[1..]),
        b'-' => (-1, &s[1..]),
        _ => return None,
    };
    let digits: String = rest.chars().filter(|c| *c != ':').collect();
    if !digits.chars().all(|c| c.is_ascii_digit()) || !(digits.len() == 2 || digits.len() == 4) {
        return None;
    }
    let h: i64 = digits[..2].parse().ok()?;
    let m: i64 = if digits.len() == 4 { digits[2..].parse().ok()? } else { 0 };
    Some(sign * (h * 60 + m))
}

pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

pub fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719468;
    let era = z.div_euclid(146097);
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

struct Parts {
    y: i64,
    mo: i64,
    d: i64,
    h: i64,
    mi: i64,
    s: i64,
    ms: i64,
    wd: i64,
}

fn split(ms: i64, off: i64) -> Parts {
    let local = ms + off * 60_000;
    let days = local.div_euclid(86_400_000);
    let rem = local.rem_euclid(86_400_000);
    let (y, mo, d) = civil_from_days(days);
    Parts { y, mo, d, h: rem / 3_600_000, mi: rem / 60_000 % 60, s: rem / 1000 % 60, ms: rem % 1000, wd: (days + 4).rem_euclid(7) }
}

fn join(p: &Parts, off: i64) -> i64 {
    days_from_civil(p.y, p.mo, p.d) * 86_400_000 + p.h * 3_600_000 + p.mi * 60_000 + p.s * 1000 + p.ms - off * 60_000
}

pub fn to_iso(ms: i64) -> String {
    let p = split(ms, 0);
    format!("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", p.y, p.mo, p.d, p.h, p.mi, p.s, p.ms)
}

const MONTHS: [&str; 12] = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const DAYS: [&str; 7] = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

pub fn format(ms: i64, pattern: &str, zone: &Zone) -> String {
    let p = split(ms, zone.offset_min);
    let mut out = String::new();
    let b = pattern;
    let mut i = 0;
    let tokens = ["YYYY", "YY", "MMMM", "MMM", "MM", "M", "DD", "D", "dddd", "ddd", "HH", "H", "hh", "h", "mm", "m", "ss", "s", "SSS", "A", "a", "X", "x", "Z"];
    while i < b.len() {
        let rest = &b[i..];
        if let Some(r) = rest.strip_prefix('[') {
            if let Some(end) = r.find(']') {
                out.push_str(&r[..end]);
                i += end + 2;
                continue;
            }
        }
        if let Some(t) = tokens.iter().find(|t| rest.starts_with(**t)) {
            let h12 = if p.h % 12 == 0 { 12 } else { p.h % 12 };
            let s = match *t {
                "YYYY" => format!("{:04}", p.y),
                "YY" => format!("{:02}", p.y.rem_euclid(100)),
                "MMMM" => MONTHS[(p.mo - 1) as usize].to_string(),
                "MMM" => MONTHS[(p.mo - 1) as usize][..3].to_string(),
                "MM" => format!("{:02}", p.mo),
                "M" => p.mo.to_string(),
                "DD" => format!("{:02}", p.d),
                "D" => p.d.to_string(),
                "dddd" => DAYS[p.wd as usize].to_string(),
                "ddd" => DAYS[p.wd as usize][..3].to_string(),
                "HH" => format!("{:02}", p.h),
                "H" => p.h.to_string(),
                "hh" => format!("{:02}", h12),
                "h" => h12.to_string(),
                "mm" => format!("{:02}", p.mi),
                "m" => p.mi.to_string(),
                "ss" => format!("{:02}", p.s),
                "s" => p.s.to_string(),
                "SSS" => format!("{:03}", p.ms),
                "A" => (if p.h < 12 { "AM" } else { "PM" }).to_string(),
                "a" => (if p.h < 12 { "am" } else { "pm" }).to_string(),
                "X" => ms.div_euclid(1000).to_string(),
                "x" => ms.to_string(),
                _ => {
                    let o = zone.offset_min;
                    format!("{}{:02}:{:02}", if o < 0 { '-' } else { '+' }, o.abs() / 60, o.abs() % 60)
                }
            };
            out.push_str(&s);
            i += t.len();
        } else {
            let c = rest.chars().next().unwrap_or(' ');
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

/// ISO 8601 (`2024-01-02`, `2024-01-02T03:04:05.678Z`, with an offset or without: then
/// in the zone) and, with a pattern, the numeric tokens of `format`.
pub fn parse(text: &str, pattern: Option<&str>, zone: &Zone) -> Result<i64, DateError> {
    let t = text.trim();
    if let Some(pat) = pattern {
        return parse_pattern(t, pat, zone);
    }
    let b = t.as_bytes();
    let num = |s: &str| -> Result<i64, DateError> { s.parse().map_err(|_| err(format!("`{text}` is not a date"))) };
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return Err(err(format!("`{text}` is not an ISO 8601 date")));
    }
    let mut p = Parts { y: num(&t[..4])?, mo: num(&t[5..7])?, d: num(&t[8..10])?, h: 0, mi: 0, s: 0, ms: 0, wd: 0 };
    let mut rest = &t[10..];
    let mut off = zone.offset_min;
    if let Some(r) = rest.strip_prefix('T').or_else(|| rest.strip_prefix(' ')) {
        if r.len() < 5 {
            return Err(err(format!("`{text}` is not an ISO 8601 date")));
        }
        p.h = num(&r[..2])?;
        p.mi = num(&r[3..5])?;
        rest = &r[5..];
        if let Some(r) = rest.strip_prefix(':') {
            p.s = num(r.get(..2).unwrap_or("x"))?;
            rest = &r[2..];
            if let Some(r) = rest.strip_prefix('.') {
                let n = r.find(|c: char| !c.is_ascii_digit()).unwrap_or(r.len());
                let frac = format!("{:0<3}", &r[..n.min(3)]);
                p.ms = num(&frac)?;
                rest = &r[n..];
            }
        }
        if rest == "Z" || rest == "z" {
            off = 0;
            rest = "";
        } else if let Some(o) = parse_offset(rest) {
            off = o;
            rest = "";
        }
    }
    if !rest.is_empty() || p.mo < 1 || p.mo > 12 || p.d < 1 || p.d > 31 || p.h > 24 || p.mi > 59 || p.s > 59 {
        return Err(err(format!("`{text}` is not an ISO 8601 date")));
    }
    Ok(join(&p, off))
}

fn parse_pattern(t: &str, pat: &str, zone: &Zone) -> Result<i64, DateError> {
    let mut p = Parts { y: 1970, mo: 1, d: 1, h: 0, mi: 0, s: 0, ms: 0, wd: 0 };
    let (mut i, mut j) = (0, 0);
    let tb = t.as_bytes();
    let mut pm: Option<bool> = None;
    let tokens = ["YYYY", "MM", "M", "DD", "D", "HH", "H", "hh", "h", "mm", "m", "ss", "s", "SSS", "A", "a", "X", "x"];
    while i < pat.len() {
        let rest = &pat[i..];
        if let Some(tok) = tokens.iter().find(|k| rest.starts_with(**k)) {
            if *tok == "A" || *tok == "a" {
                let word = t.get(j..j + 2).unwrap_or("").to_ascii_lowercase();
                pm = Some(word == "pm");
                j += 2;
                i += 1;
                continue;
            }
            let max = match *tok { "YYYY" => 4, "SSS" => 3, "X" | "x" => 16, _ => 2 };
            let start = j;
            while j < tb.len() && j - start < max && tb[j].is_ascii_digit() {
                j += 1;
            }
            let v: i64 = t[start..j].parse().map_err(|_| err(format!("`{t}` does not match the pattern `{pat}`")))?;
            match *tok {
                "YYYY" => p.y = v,
                "MM" | "M" => p.mo = v,
                "DD" | "D" => p.d = v,
                "HH" | "H" | "hh" | "h" => p.h = v,
                "mm" | "m" => p.mi = v,
                "ss" | "s" => p.s = v,
                "SSS" => p.ms = v,
                "X" => return Ok(v * 1000),
                _ => return Ok(v),
            }
            i += tok.len();
        } else {
            let c = rest.chars().next().unwrap_or(' ');
            i += c.len_utf8();
            j += t[j..].chars().next().map(|c| c.len_utf8()).unwrap_or(0);
        }
    }
    if let Some(pm) = pm {
        p.h = p.h % 12 + if pm { 12 } else { 0 };
    }
    Ok(join(&p, zone.offset_min))
}

pub fn add(ms: i64, unit: Unit, amount: i64, zone: &Zone) -> i64 {
    let fixed = match unit {
        Unit::Millisecond => 1,
        Unit::Second => 1000,
        Unit::Minute => 60_000,
        Unit::Hour => 3_600_000,
        Unit::Day => 86_400_000,
        Unit::Week => 7 * 86_400_000,
        Unit::Month | Unit::Year => 0,
    };
    if fixed > 0 {
        return ms.saturating_add(amount.saturating_mul(fixed));
    }
    let mut p = split(ms, zone.offset_min);
    let months = if unit == Unit::Year { amount * 12 } else { amount };
    let total = p.y * 12 + (p.mo - 1) + months;
    p.y = total.div_euclid(12);
    p.mo = total.rem_euclid(12) + 1;
    let dim = days_from_civil(p.y + (p.mo / 12), p.mo % 12 + 1, 1) - days_from_civil(p.y, p.mo, 1);
    p.d = p.d.min(dim);
    join(&p, zone.offset_min)
}

pub fn set(ms: i64, unit: Unit, value: SetValue, zone: &Zone) -> Result<i64, DateError> {
    let mut p = split(ms, zone.offset_min);
    let n = match &value {
        SetValue::Number(n) => *n,
        SetValue::Name(name) => {
            let lower = name.to_lowercase();
            let find = |list: &[&str]| list.iter().position(|m| m.to_lowercase() == lower || m[..3].to_lowercase() == lower);
            match unit {
                Unit::Month => find(&MONTHS).map(|i| i as i64 + 1),
                Unit::Week => find(&DAYS).map(|i| i as i64),
                _ => None,
            }
            .ok_or_else(|| err(format!("`{name}` is not a valid name here")))?
        }
    };
    match unit {
        Unit::Millisecond => p.ms = n,
        Unit::Second => p.s = n,
        Unit::Minute => p.mi = n,
        Unit::Hour => p.h = n,
        Unit::Day => p.d = n,
        Unit::Month => {
            // months may overflow into years like JS setMonth
            let total = p.y * 12 + n - 1;
            p.y = total.div_euclid(12);
            p.mo = total.rem_euclid(12) + 1;
        }
        Unit::Year => p.y = n,
        Unit::Week => {
            // setDay: the day of the week (0 = Sunday) within the same week
            let base = join(&p, zone.offset_min);
            return Ok(base + (n - p.wd) * 86_400_000);
        }
    }
    // normalise overflowing fields the way JavaScript's Date setters do
    let days = days_from_civil(p.y, p.mo, 1) + p.d - 1;
    Ok(days * 86_400_000 + p.h * 3_600_000 + p.mi * 60_000 + p.s * 1000 + p.ms - zone.offset_min * 60_000)
}
