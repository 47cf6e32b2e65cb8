//! Date functions: the IML side (argument coercion, errors, time zone choice). The
//! calendar work is the date module's (see `date_api`).

use super::{Args, R};
use crate::iml::date_api::{self as date, SetValue, Unit, Zone};
use crate::iml::eval::Env;
use crate::iml::number::to_integer;
use crate::iml::value::{text, Value};
use crate::iml::json::Json;

pub fn iso(ms: i64) -> String {
    date::to_iso(ms)
}

#[inline(never)]
pub fn call<'a>(a: &mut Args<'a>, env: &Env<'a>) -> Option<R<Value<'a>>> {
    Some(match a.name {
        "formatDate" => format_date(a, env),
        "parseDate" => parse_date(a, env),
        "addSeconds" => add(a, env, Unit::Second),
        "addMinutes" => add(a, env, Unit::Minute),
        "addHours" => add(a, env, Unit::Hour),
        "addDays" => add(a, env, Unit::Day),
        "addMonths" => add(a, env, Unit::Month),
        "addYears" => add(a, env, Unit::Year),
        "setSecond" => set(a, env, Unit::Second),
        "setMinute" => set(a, env, Unit::Minute),
        "setHour" => set(a, env, Unit::Hour),
        "setDate" => set(a, env, Unit::Date),
        "setDay" => set(a, env, Unit::Day),
        "setMonth" => set(a, env, Unit::Month),
        "setYear" => set(a, env, Unit::Year),
        _ => return None,
    })
}

/// A date argument: a date, milliseconds since the epoch, or text in ISO 8601.
pub fn to_date(a: &Args, i: usize, zone: &Zone) -> R<i64> {
    match a.get(i) {
        Value::Date(ms) => Ok(*ms),
        Value::Number(x) if x.is_finite() => Ok(*x as i64),
        Value::Json(Json::Int(n)) => Ok(*n),
        Value::Text(s) => {
            let s = s.trim();
            if !s.is_empty() && s.chars().all(|c| c.is_ascii_digit()) {
                return s.parse::<i64>().map_err(|_| a.err(i, "is not a date"));
            }
            date::parse(s, None, zone).map_err(|e| a.err(i, e.message))
        }
        v => Err(a.err(i, format!("expects a date, got {}", v.type_name()))),
    }
}

fn zone_arg(a: &Args, i: usize) -> R<Option<Zone>> {
    if !a.present(i) {
        return Ok(None);
    }
    date::zone(a.text(i).trim()).map(Some).map_err(|e| a.err(i, e.message))
}

fn format_date<'a>(a: &Args<'a>, env: &Env<'a>) -> R<Value<'a>> {
    a.need(2, "a date and a format")?;
    let z = zone_arg(a, 2)?;
    let zone = z.as_ref().unwrap_or(env.zone);
    let ms = to_date(a, 0, zone)?;
    let pattern = a.text(1);
    env.budget.size(pattern.len() * 8)?;
    Ok(text(date::format(ms, &pattern, zone)))
}

fn parse_date<'a>(a: &Args<'a>, env: &Env<'a>) -> R<Value<'a>> {
    a.need(1, "a text and a format")?;
    let z = zone_arg(a, 2)?;
    let zone = z.as_ref().unwrap_or(env.zone);
    if let Value::Date(ms) = a.get(0) {
        return Ok(Value::Date(*ms));
    }
    let s = a.text(0);
    let pattern = if a.present(1) { Some(a.text(1).into_owned()) } else { None };
    date::parse_at(&s, pattern.as_deref(), zone, env.now).map(Value::Date).map_err(|e| a.err(0, e.message))
}

fn add<'a>(a: &Args<'a>, env: &Env<'a>, unit: Unit) -> R<Value<'a>> {
    a.need(2, "a date and a number")?;
    let ms = to_date(a, 0, env.zone)?;
    let n = a.num(1)?;
    if n.fract() != 0.0 {
        return date::add_fractional(ms, unit, n, env.zone).map(Value::Date).map_err(|e| a.err(1, e.message));
    }
    date::checked_add(ms, unit, to_integer(n), env.zone).map(Value::Date).map_err(|e| a.err(1, e.message))
}

fn set<'a>(a: &Args<'a>, env: &Env<'a>, unit: Unit) -> R<Value<'a>> {
    a.need(2, "a date and a value")?;
    let ms = to_date(a, 0, env.zone)?;
    let value = match a.get(1) {
        Value::Text(s) if crate::iml::number::parse_js_number(s).is_nan() => SetValue::Name(s.trim().to_string()),
        _ => SetValue::Number(to_integer(a.num(1)?)),
    };
    date::set(ms, unit, value, env.zone).map(Value::Date).map_err(|e| a.err(1, e.message))
}
