//! Math functions. Arithmetic is JavaScript's (binary floats), as in Make.

use super::{Args, R};
use crate::iml::eval::Env;
use crate::iml::number::parse_js_number;
use crate::iml::value::{text, Value};

#[inline(never)]
pub fn call<'a>(a: &mut Args<'a>, _env: &Env<'a>) -> Option<R<Value<'a>>> {
    Some(match a.name {
        "abs" => a.num(0).map(|x| Value::Number(x.abs())),
        "ceil" => a.num(0).map(|x| Value::Number(x.ceil())),
        "floor" => a.num(0).map(|x| Value::Number(x.floor())),
        "round" => round(a, js_round),
        "trunc" => round(a, f64::trunc),
        "sum" | "average" | "max" | "min" | "median" | "stdevP" | "stdevS" => aggregate(a),
        "formatNumber" => format_number(a),
        "parseNumber" => parse_number(a),
        _ => return None,
    })
}

/// JavaScript `Math.round`: halves go up (towards +infinity).
fn js_round(x: f64) -> f64 {
    (x + 0.5).floor()
}

fn round<'a>(a: &Args<'a>, f: fn(f64) -> f64) -> R<Value<'a>> {
    let x = a.num(0)?;
    let places = a.opt_num(1, 0.0)?.trunc();
    if places == 0.0 {
        return Ok(Value::Number(f(x)));
    }
    // through the decimal digits, so that round(1.005; 2) is 1.01 as people expect
    let shift = |v: f64, by: f64| -> f64 {
        if !v.is_finite() || v == 0.0 {
            return v;
        }
        let (digits, n) = crate::iml::number::shortest(v.abs());
        let sign = if v < 0.0 { "-" } else { "" };
        crate::iml::number::parse_f64(&format!("{sign}0.{digits}e{}", n as i64 + by as i64))
    };
    let r = f(shift(x, places));
    Ok(Value::Number(shift(r, -places)))
}

fn numbers(a: &Args) -> R<Vec<f64>> {
    let mut out = Vec::new();
    for (i, v) in a.v.iter().enumerate() {
        match v.items() {
            Some(items) => {
                for it in items {
                    let x = it.to_number();
                    if !x.is_nan() {
                        out.push(x);
                    }
                }
            }
            None if v.is_null() => {}
            None => out.push(a.num(i)?),
        }
    }
    Ok(out)
}

fn aggregate<'a>(a: &Args<'a>) -> R<Value<'a>> {
    let xs = numbers(a)?;
    let n = xs.len() as f64;
    let sum: f64 = xs.iter().sum();
    let mean = sum / n;
    Ok(Value::Number(match a.name {
        "sum" => sum,
        "average" => if xs.is_empty() { f64::NAN } else { mean },
        "max" => xs.iter().copied().fold(f64::NEG_INFINITY, f64::max),
        "min" => xs.iter().copied().fold(f64::INFINITY, f64::min),
        "median" => {
            let s: Vec<f64> = super::sorted_indexes(xs.len(), &|i, j| xs[i].total_cmp(&xs[j])).into_iter().map(|i| xs[i]).collect();
            match s.len() {
                0 => f64::NAN,
                l if l % 2 == 1 => s[l / 2],
                l => (s[l / 2 - 1] + s[l / 2]) / 2.0,
            }
        }
        name => {
            let var: f64 = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>();
            let d = if name == "stdevP" { n } else { n - 1.0 };
            (var / d).sqrt()
        }
    }))
}

/// `formatNumber(number; decimals; [decimal separator = ","]; [thousands separator = "."])`.
fn format_number<'a>(a: &Args<'a>) -> R<Value<'a>> {
    let x = a.num(0)?;
    let places = a.opt_num(1, 0.0)?.trunc().clamp(0.0, 100.0) as usize;
    let dec = if a.v.len() > 2 { a.text(2).into_owned() } else { ",".into() };
    let thou = if a.v.len() > 3 { a.text(3).into_owned() } else { ".".into() };
    if !x.is_finite() {
        return Ok(text(crate::iml::number::to_js_string(x)));
    }
    // toFixed-like: through the decimal text of the number, rounding halves away from 0
    let fixed = to_fixed(x.abs(), places);
    let (int, frac) = fixed.split_once('.').unwrap_or((&fixed, ""));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push_str(&thou);
        }
        grouped.push(c);
    }
    let mut out = String::new();
    if x < 0.0 && fixed.chars().any(|c| c.is_ascii_digit() && c != '0') {
        out.push('-');
    }
    out.push_str(&grouped);
    if places > 0 {
        out.push_str(&dec);
        out.push_str(frac);
    }
    Ok(text(out))
}

/// `x.toFixed(places)` of JavaScript, on the shortest decimal text of x.
pub fn to_fixed(x: f64, places: usize) -> String {
    let plain = plain_decimal(x);
    let (int, frac) = plain.split_once('.').unwrap_or((&plain, ""));
    if frac.len() <= places {
        let mut s = int.to_string();
        if places > 0 {
            s.push('.');
            s.push_str(frac);
            s.extend(std::iter::repeat('0').take(places - frac.len()));
        }
        return s;
    }
    let mut digits: Vec<u8> = int.bytes().chain(frac.bytes().take(places)).map(|b| b - b'0').collect();
    if frac.as_bytes()[places] >= b'5' {
        let mut i = digits.len();
        loop {
            if i == 0 {
                digits.insert(0, 1);
                break;
            }
            i -= 1;
            if digits[i] == 9 {
                digits[i] = 0;
            } else {
                digits[i] += 1;
                break;
            }
        }
    }
    let int_len = digits.len() - places;
    let mut s: String = digits[..int_len].iter().map(|d| (b'0' + d) as char).collect();
    if places > 0 {
        s.push('.');
        s.extend(digits[int_len..].iter().map(|d| (b'0' + d) as char));
    }
    s
}

/// The shortest decimal text of a finite, non-negative x without an exponent.
fn plain_decimal(x: f64) -> String {
    if x == 0.0 {
        return "0".into();
    }
    let (digits, n) = crate::iml::number::shortest(x);
    if n <= 0 {
        format!("0.{}{digits}", "0".repeat((-n) as usize))
    } else if n as usize >= digits.len() {
        format!("{digits}{}", "0".repeat(n as usize - digits.len()))
    } else {
        format!("{}.{}", &digits[..n as usize], &digits[n as usize..])
    }
}

/// `parseNumber(text; decimal separator)`: every character that is not a digit, a minus
/// or the decimal separator is a grouping mark and is dropped.
fn parse_number<'a>(a: &Args<'a>) -> R<Value<'a>> {
    let s = a.text(0).into_owned();
    let dec = if a.present(1) { a.text(1).into_owned() } else { ".".into() };
    let mut out = String::new();
    let mut rest = s.trim();
    while let Some(c) = rest.chars().next() {
        if !dec.is_empty() && rest.starts_with(dec.as_str()) {
            out.push('.');
            rest = &rest[dec.len()..];
            continue;
        }
        if c.is_ascii_digit() || (c == '-' && out.is_empty()) || c == 'e' || c == 'E' {
            out.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    Ok(Value::Number(if out.is_empty() { f64::NAN } else { parse_js_number(&out) }))
}

pub fn seed(env: &Env) -> u64 {
    (env.now as u64 ^ 0x9E37_79B9_7F4A_7C15).wrapping_mul(0xBF58_476D_1CE4_E5B9) | 1
}

/// A number in [0, 1) from the evaluation's clock: `random` is for previews.
pub fn pseudo_random(env: &Env) -> f64 {
    let mut x = seed(env);
    x ^= x >> 31;
    x = x.wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^= x >> 29;
    (x >> 11) as f64 / (1u64 << 53) as f64
}
