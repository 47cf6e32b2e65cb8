//! Text functions. Positions and lengths count UTF-16 code units, as JavaScript (and so
//! Make) does: an emoji is 2 long.

use super::{Args, R};
use crate::iml::eval::Env;
use crate::iml::limits::REGEX_MATCH_WORK;
use crate::iml::regex::{self, Matcher, Regex};
use crate::iml::value::{text, Value};

#[inline(never)]
pub fn call<'a>(a: &mut Args<'a>, env: &Env<'a>) -> Option<R<Value<'a>>> {
    Some(match a.name {
        "ascii" => Ok(text(ascii(&a.text(0), a.get(1).truthy()))),
        "capitalize" => {
            let s = a.text(0);
            let mut cs = s.chars();
            Ok(text(match cs.next() {
                Some(c) => {
                    let mut s = String::new();
                    upper_char(c, &mut s);
                    s.extend(cs);
                    s
                }
                None => String::new(),
            }))
        }
        "contains" => {
            if let Some(items) = a.get(0).items() {
                let needle = a.get(1);
                Ok(Value::Bool(items.iter().any(|i| crate::iml::value::strict_eq(i, needle) || (i.is_text() && i.to_text() == needle.to_text()))))
            } else {
                Ok(Value::Bool(a.text(0).contains(a.text(1).as_ref())))
            }
        }
        "indexOf" => index_of(a),
        "length" => Ok(Value::Number(match a.get(0) {
            v if v.is_array() => v.len_items().unwrap_or(0) as f64,
            Value::Binary(b) => b.len() as f64,
            Value::Null => 0.0,
            v if v.is_object() => v.entries().map(|e| e.len()).unwrap_or(0) as f64,
            v => v.to_text().encode_utf16().count() as f64,
        })),
        "lower" => Ok(text(lower(&a.text(0)))),
        "upper" => Ok(text(upper(&a.text(0)))),
        "trim" => Ok(text(a.text(0).trim().to_string())),
        "startcase" => Ok(text(startcase(&a.text(0)))),
        "stripHTML" => Ok(text(strip_html(&a.text(0)))),
        "substring" => substring(a),
        "replace" => replace(a, env),
        "split" => split(a, env),
        "escapeMarkdown" => {
            let s = a.text(0);
            let mut out = String::with_capacity(s.len());
            for c in s.chars() {
                if "\\`*_{}[]()#+-.!|<>~".contains(c) {
                    out.push('\\');
                }
                out.push(c);
            }
            Ok(text(out))
        }
        "replaceEmojiCharacters" => {
            let r = a.text(1).into_owned();
            Ok(text(a.text(0).chars().map(|c| if is_emoji(c) { r.clone() } else { c.to_string() }).collect::<String>()))
        }
        _ => return None,
    })
}

fn is_emoji(c: char) -> bool {
    matches!(c as u32, 0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0xFE0F | 0x200D)
}

pub fn utf16(s: &str) -> Vec<u16> {
    s.encode_utf16().collect()
}

/// JavaScript `substring(start, end)`: clamped, swapped when reversed.
fn substring<'a>(a: &mut Args<'a>) -> R<Value<'a>> {
    let units = utf16(&a.text(0));
    let len = units.len() as f64;
    let clamp = |x: f64| if x.is_nan() { 0.0 } else { x.trunc().clamp(0.0, len) };
    let s = clamp(a.opt_num(1, 0.0)?);
    let e = clamp(a.opt_num(2, len)?);
    let (s, e) = if s > e { (e, s) } else { (s, e) };
    Ok(text(String::from_utf16_lossy(&units[s as usize..e as usize])))
}

fn index_of<'a>(a: &mut Args<'a>) -> R<Value<'a>> {
    if let Some(items) = a.get(0).items() {
        let n = a.get(1);
        return Ok(Value::Number(items.iter().position(|i| crate::iml::value::strict_eq(i, n)).map(|p| p as f64).unwrap_or(-1.0)));
    }
    let hay = utf16(&a.text(0));
    let needle = utf16(&a.text(1));
    let from = a.opt_num(2, 0.0)?.max(0.0).min(hay.len() as f64) as usize;
    if needle.is_empty() {
        return Ok(Value::Number(from as f64));
    }
    let pos = (from..hay.len().saturating_sub(needle.len() - 1)).find(|&i| hay[i..i + needle.len()] == needle[..]);
    Ok(Value::Number(pos.map(|p| p as f64).unwrap_or(-1.0)))
}

fn startcase(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut prev_alnum = false;
    for c in s.chars() {
        if crate::iml::lexer::is_ident_char(c) && c != '_' && c != '$' {
            if prev_alnum { lower_char(c, &mut out) } else { upper_char(c, &mut out) }
            prev_alnum = true;
        } else {
            out.push(c);
            prev_alnum = false;
        }
    }
    out
}

// Case mapping for the scripts that have case and that Make users here write: Latin
// (ASCII, Latin-1, Latin Extended-A), Greek and Cyrillic. Hebrew and Arabic have no
// case. Written as offsets rather than core's full Unicode tables (about 25 KB of wasm
// data); other cased scripts (Armenian, Georgian, ...) pass unchanged.

fn latin_ext_a_pair(c: u32) -> Option<(u32, u32)> {
    // (upper, lower) for U+0100..U+017F
    match c {
        0x130 | 0x131 | 0x138 | 0x149 | 0x17F => None,
        0x139..=0x148 | 0x179..=0x17E => Some(if c % 2 == 1 { (c, c + 1) } else { (c - 1, c) }),
        0x100..=0x177 => Some(if c % 2 == 0 { (c, c + 1) } else { (c - 1, c) }),
        0x178 => Some((0x178, 0xFF)),
        _ => None,
    }
}

/// One character's lower case (also the regex `i` flag's, see `iml::regex::class`).
#[inline(never)]
pub fn lower_one(c: char) -> char {
    let u = c as u32;
    let m = match u {
        0x41..=0x5A | 0xC0..=0xD6 | 0xD8..=0xDE | 0x391..=0x3A1 | 0x3A3..=0x3AB | 0x410..=0x42F => u + 0x20,
        0x100..=0x17F => latin_ext_a_pair(u).map(|(_, l)| l).unwrap_or(if u == 0x130 { 0x69 } else { u }),
        0x386 => 0x3AC,
        0x388..=0x38A => u + 0x25,
        0x38C => 0x3CC,
        0x38E | 0x38F => u + 0x3F,
        0x400..=0x40F => u + 0x50,
        _ => u,
    };
    char::from_u32(m).unwrap_or(c)
}

pub fn lower_char(c: char, out: &mut String) {
    out.push(lower_one(c));
}

/// One character's upper case where it is one character (`ß` stays `ß`).
#[inline(never)]
pub fn upper_one(c: char) -> char {
    let u = c as u32;
    let m = match u {
        0x61..=0x7A | 0xE0..=0xF6 | 0xF8..=0xFE | 0x3B1..=0x3C1 | 0x3C3..=0x3CB | 0x430..=0x44F => u - 0x20,
        0xFF => 0x178,
        0xB5 => 0x39C,
        0x3C2 => 0x3A3,
        0x100..=0x17F => latin_ext_a_pair(u).map(|(up, _)| up).unwrap_or(if u == 0x131 { 0x49 } else { u }),
        0x3AC => 0x386,
        0x3AD..=0x3AF => u - 0x25,
        0x3CC => 0x38C,
        0x3CD | 0x3CE => u - 0x3F,
        0x450..=0x45F => u - 0x50,
        _ => u,
    };
    char::from_u32(m).unwrap_or(c)
}

pub fn upper_char(c: char, out: &mut String) {
    if c == 'ß' {
        out.push_str("SS");
    } else {
        out.push(upper_one(c));
    }
}

pub fn lower(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        lower_char(c, &mut out);
    }
    out
}

pub fn upper(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_uppercase();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        upper_char(c, &mut out);
    }
    out
}

fn strip_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// Latin letters with diacritics and the letter without them, for `ascii(text; true)`.
const DIACRITICS: &[(&str, char)] = &[
    ("àáâãäåāăą", 'a'), ("ÀÁÂÃÄÅĀĂĄ", 'A'), ("çćĉċč", 'c'), ("ÇĆĈĊČ", 'C'), ("ďđ", 'd'), ("ĎĐ", 'D'),
    ("èéêëēĕėęě", 'e'), ("ÈÉÊËĒĔĖĘĚ", 'E'), ("ĝğġģ", 'g'), ("ĜĞĠĢ", 'G'), ("ĥħ", 'h'), ("ĤĦ", 'H'),
    ("ìíîïĩīĭįı", 'i'), ("ÌÍÎÏĨĪĬĮİ", 'I'), ("ĵ", 'j'), ("Ĵ", 'J'), ("ķ", 'k'), ("Ķ", 'K'), ("ĺļľŀł", 'l'),
    ("ĹĻĽĿŁ", 'L'), ("ñńņňŉ", 'n'), ("ÑŃŅŇ", 'N'), ("òóôõöøōŏő", 'o'), ("ÒÓÔÕÖØŌŎŐ", 'O'), ("ŕŗř", 'r'),
    ("ŔŖŘ", 'R'), ("śŝşšș", 's'), ("ŚŜŞŠȘ", 'S'), ("ţťŧț", 't'), ("ŢŤŦȚ", 'T'), ("ùúûüũūŭůűų", 'u'),
    ("ÙÚÛÜŨŪŬŮŰŲ", 'U'), ("ŵ", 'w'), ("Ŵ", 'W'), ("ýÿŷ", 'y'), ("ÝŸŶ", 'Y'), ("źżž", 'z'), ("ŹŻŽ", 'Z'),
];

fn ascii(s: &str, strip_diacritics: bool) -> String {
    s.chars()
        .filter_map(|c| {
            if c.is_ascii() {
                Some(c)
            } else if strip_diacritics {
                DIACRITICS.iter().find(|(set, _)| set.contains(c)).map(|(_, b)| *b)
            } else {
                None
            }
        })
        .collect()
}

/// A `/pattern/flags` argument as a JavaScript regex; `None` when the text is not one
/// (no slashes, or a flag JS does not have), and then it is plain text.
pub fn js_regex(a: &Args, i: usize) -> R<Option<Regex>> {
    let s = a.text(i);
    let Some(body) = s.strip_prefix('/') else { return Ok(None) };
    let Some(end) = body.rfind('/') else { return Ok(None) };
    let Some(flags) = regex::flags(&body[end + 1..]) else { return Ok(None) };
    Regex::new(&body[..end], flags).map(Some).map_err(|e| {
        let mut m = String::from("is not a regular expression: ");
        m.push_str(e.0);
        let err = a.err(i, m);
        // a pattern over a size or nesting limit is a limit, like a long template
        if e.limit() { err.with_code("iml_limit") } else { err }
    })
}

#[inline(never)]
fn push_chars(out: &mut String, t: &[char]) {
    for &c in t {
        out.push(c);
    }
}

/// JavaScript's GetSubstitution: `$&`, `$1`..`$99`, `$<name>`, `` $` ``, `$'`, `$$`.
fn expand(rep: &[char], m: &Matcher, t: &[char], re: &Regex, out: &mut String) {
    let groups = re.groups as usize;
    let (ms, me) = m.group(0).unwrap_or((0, 0));
    let cap = |k: usize, out: &mut String| {
        if let Some((a, b)) = m.group(k) {
            push_chars(out, &t[a..b]);
        }
    };
    let digit = |k: usize| rep.get(k).and_then(|c| c.to_digit(10)).map(|d| d as usize);
    let mut i = 0;
    while i < rep.len() {
        let c = rep[i];
        i += 1;
        if c != '$' || i == rep.len() {
            out.push(c);
            continue;
        }
        match rep[i] {
            '$' => out.push('$'),
            '&' => push_chars(out, &t[ms..me]),
            '`' => push_chars(out, &t[..ms]),
            '\'' => push_chars(out, &t[me..]),
            '<' if !re.names.is_empty() => match rep[i..].iter().position(|&c| c == '>') {
                Some(end) => {
                    let name = &rep[i + 1..i + end];
                    if let Some(&(_, k)) = re.names.iter().find(|(n, _)| n.chars().eq(name.iter().copied())) {
                        cap(k as usize, out);
                    }
                    i += end;
                }
                None => out.push_str("$<"),
            },
            _ => match (digit(i), digit(i + 1)) {
                (Some(d), Some(e)) if (1..=groups).contains(&(d * 10 + e)) => {
                    cap(d * 10 + e, out);
                    i += 1;
                }
                (Some(d), _) if (1..=groups).contains(&d) => cap(d, out),
                _ => {
                    out.push('$');
                    continue;
                }
            },
        }
        i += 1;
    }
}

fn replace<'a>(a: &mut Args<'a>, env: &Env<'a>) -> R<Value<'a>> {
    a.need(2, "a text, a search text or /regex/ and a replacement")?;
    let s = a.text(0).into_owned();
    let rep = a.text(2).into_owned();
    let limit = env.budget.output_bytes;
    match js_regex(a, 1)? {
        Some(re) => {
            let t = regex::chars(&s);
            env.budget.charge(re.cost(t.len()))?;
            let rep = regex::chars(&rep);
            let mut m = Matcher::new(&re, &t);
            let mut out = String::new();
            let (mut last, mut at) = (0, 0);
            // JS: a global regex starts at 0 and, after an empty match, one further on;
            // a sticky one only where the last match ended
            while at <= t.len() && m.find(at, re.sticky, &env.budget)? {
                let (ms, me) = m.group(0).unwrap_or((at, at));
                let before = out.len();
                push_chars(&mut out, &t[last..ms]);
                expand(&rep, &m, &t, &re, &mut out);
                env.budget.charge((out.len() - before) as u64 + REGEX_MATCH_WORK)?;
                last = me;
                if out.len() > limit {
                    env.budget.size(out.len())?;
                }
                if !re.global {
                    break;
                }
                at = me + (me == ms) as usize;
            }
            push_chars(&mut out, &t[last..]);
            Ok(text(out))
        }
        None => {
            let search = a.text(1).into_owned();
            if search.is_empty() {
                return Ok(text(format!("{rep}{s}")));
            }
            // Make replaces every occurrence of a plain search text
            let count = s.matches(search.as_str()).count();
            env.budget.size(s.len() + count.saturating_mul(rep.len()))?;
            Ok(text(s.replace(search.as_str(), &rep)))
        }
    }
}

/// JavaScript's `split` with a regex: a sticky match tried at each position, empty
/// matches at the start of a piece skipped, the groups spliced in after each piece (an
/// unmatched group is `null`, IML's nearest to JS's `undefined`).
fn split_regex<'a>(re: &Regex, s: &str, env: &Env<'a>) -> R<Vec<Value<'a>>> {
    let t = regex::chars(s);
    let n = t.len();
    env.budget.charge(re.cost(n))?;
    let mut m = Matcher::new(re, &t);
    if n == 0 && m.find(0, true, &env.budget)? {
        return Ok(Vec::new());
    }
    let mut cuts = Vec::new();
    let (mut p, mut q) = (0, 0);
    while q < n {
        if m.find(q, true, &env.budget)? {
            let e = m.group(0).map_or(q, |g| g.1).min(n);
            if e != p {
                env.budget.charge(8 * (1 + re.groups as u64))?;
                cuts.push(Some((p, q)));
                cuts.extend((1..=re.groups as usize).map(|k| m.group(k)));
                (p, q) = (e, e);
                continue;
            }
        }
        q += 1;
    }
    cuts.push(Some((p, n)));
    let mut parts = Vec::with_capacity(cuts.len());
    let mut size = 0;
    for c in cuts {
        parts.push(match c {
            None => Value::Null,
            Some((a, b)) => {
                size += b - a;
                env.budget.charge((b - a) as u64)?;
                if size > env.budget.output_bytes {
                    env.budget.size(size)?;
                }
                let mut s = String::new();
                push_chars(&mut s, &t[a..b]);
                text(s)
            }
        });
    }
    Ok(parts)
}

fn split<'a>(a: &mut Args<'a>, env: &Env<'a>) -> R<Value<'a>> {
    let s = a.text(0).into_owned();
    if let Some(re) = js_regex(a, 1)? {
        return Ok(Value::Array(split_regex(&re, &s, env)?));
    }
    let sep = a.text(1).into_owned();
    let parts: Vec<String> = if sep.is_empty() {
        s.chars().map(|c| c.to_string()).collect()
    } else {
        s.split(sep.as_str()).map(str::to_string).collect()
    };
    env.budget.charge(parts.len() as u64 * 8)?;
    Ok(Value::Array(parts.into_iter().map(text).collect()))
}

/// A version-4-shaped UUID from the evaluation's clock and budget: `uuid` is for
/// previews, not for identifiers that must be unpredictable.
pub fn pseudo_uuid(env: &Env) -> String {
    let mut x = super::math::seed(env);
    let mut hex = String::new();
    for _ in 0..32 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        hex.push(char::from_digit((x % 16) as u32, 16).unwrap_or('0'));
    }
    format!("{}-{}-4{}-a{}-{}", &hex[..8], &hex[8..12], &hex[13..16], &hex[17..20], &hex[20..32])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_mapping_covers_latin_greek_cyrillic_and_leaves_hebrew() {
        assert_eq!(upper("straße ěščřž ÿ"), "STRASSE ĚŠČŘŽ Ÿ");
        assert_eq!(lower("ÀÉÎ ĚŠČŘŽ Ł İ"), "àéî ěščřž ł i");
        assert_eq!(lower("ΑΒΓ Ά"), "αβγ ά");
        assert_eq!(upper("привет ёж"), "ПРИВЕТ ЁЖ");
        assert_eq!(upper("שלום abc"), "שלום ABC");
        assert_eq!(startcase("hello WORLD שלום"), "Hello World שלום");
    }

    #[test]
    fn ascii_strips_or_folds_diacritics() {
        assert_eq!(ascii("ěščřž", true), "escrz");
        assert_eq!(ascii("Wěošrčkřfžrýoáníté", false), "Workfront");
    }
}
