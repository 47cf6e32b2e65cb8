//! The JSON that IML reads (bundles, contexts) and writes. Objects are vectors of pairs,
//! not hash maps: bundles are small, lookups by linear scan beat hashing every key on
//! parse and on read (measured: see bench/iml-mapping.mjs), and key order is kept.
//! Integers are kept as i64/u64, so an id copied through a template stays exact.

use super::need::Need;
use serde_json::Value as J;
use std::borrow::Cow;

/// Texts and keys borrow from the JSON text they were read from when they hold no
/// escapes: reading a bundle allocates little more than its arrays and objects.
#[derive(Debug, Clone, PartialEq)]
pub enum Json<'a> {
    Null,
    Bool(bool),
    Int(i64),
    UInt(u64),
    Float(f64),
    Str(Cow<'a, str>),
    Array(Vec<Json<'a>>),
    Object(Vec<(Cow<'a, str>, Json<'a>)>),
}


/// Deepest nesting that `Json::parse` reads; its error for deeper text starts with
/// `TOO_DEEP`, so that callers can report a limit rather than a syntax error.
pub const MAX_DEPTH: usize = 512;
pub const TOO_DEEP: &str = "JSON nested deeper than 512";

impl<'a> Json<'a> {
    pub fn get(&self, key: &str) -> Option<&Json<'a>> {
        match self {
            Json::Object(m) => lookup(m, key),
            _ => None,
        }
    }

    /// An integer beyond 2^53, which a JavaScript number cannot hold exactly.
    pub fn is_big_int(&self) -> bool {
        match self {
            Json::Int(i) => i.unsigned_abs() > 1 << 53,
            Json::UInt(u) => *u > 1 << 53,
            _ => false,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Json::Int(i) => Some(*i as f64),
            Json::UInt(u) => Some(*u as f64),
            Json::Float(x) => Some(*x),
            _ => None,
        }
    }

    pub fn from_serde(j: &J) -> Json<'static> {
        match j {
            J::Null => Json::Null,
            J::Bool(b) => Json::Bool(*b),
            J::Number(n) => {
                if let Some(i) = n.as_i64() {
                    Json::Int(i)
                } else if let Some(u) = n.as_u64() {
                    Json::UInt(u)
                } else {
                    Json::Float(n.as_f64().unwrap_or(f64::NAN))
                }
            }
            J::String(s) => Json::Str(Cow::Owned(s.clone())),
            J::Array(a) => Json::Array(a.iter().map(Json::from_serde).collect()),
            J::Object(m) => Json::Object(m.iter().map(|(k, v)| (Cow::Owned(k.clone()), Json::from_serde(v))).collect()),
        }
    }

    pub fn to_serde(&self) -> J {
        match self {
            Json::Null => J::Null,
            Json::Bool(b) => J::Bool(*b),
            Json::Int(i) => J::Number((*i).into()),
            Json::UInt(u) => J::Number((*u).into()),
            Json::Float(x) => serde_json::Number::from_f64(*x).map(J::Number).unwrap_or(J::Null),
            Json::Str(s) => J::String(s.to_string()),
            Json::Array(a) => J::Array(a.iter().map(Json::to_serde).collect()),
            Json::Object(m) => J::Object(m.iter().map(|(k, v)| (k.to_string(), v.to_serde())).collect()),
        }
    }

    /// Reads JSON text (RFC 8259). Nesting deeper than `MAX_DEPTH` is refused rather than
    /// recursed into.
    pub fn parse(text: &'a str) -> Result<Json<'a>, String> {
        Json::parse_needed(text, &Need::All)
    }

    /// Reads JSON text, building only what `need` says is read: the rest is checked
    /// as strictly (the same errors at the same offsets) but not built. A skipped object
    /// member is left out; a skipped array item stays as null, so that positions hold.
    pub fn parse_needed(text: &'a str, need: &Need) -> Result<Json<'a>, String> {
        let mut r = Reader { src: text, b: text.as_bytes(), i: 0, depth: 0 };
        let v = r.value(need)?;
        r.ws();
        if r.i < r.b.len() {
            return Err(r.err("unexpected text after the JSON value"));
        }
        Ok(v)
    }

    /// The same value, owning its texts.
    pub fn into_owned(self) -> Json<'static> {
        match self {
            Json::Null => Json::Null,
            Json::Bool(b) => Json::Bool(b),
            Json::Int(i) => Json::Int(i),
            Json::UInt(u) => Json::UInt(u),
            Json::Float(x) => Json::Float(x),
            Json::Str(s) => Json::Str(Cow::Owned(s.into_owned())),
            Json::Array(a) => Json::Array(a.into_iter().map(Json::into_owned).collect()),
            Json::Object(m) => Json::Object(m.into_iter().map(|(k, v)| (Cow::Owned(k.into_owned()), v.into_owned())).collect()),
        }
    }
}

/// The value of a key in an object's pairs. A repeated key reads as its last value,
/// as with JSON.parse (pairs are not deduplicated on reading: that would be quadratic
/// on a hostile object).
pub fn lookup<'m, 'a>(pairs: &'m [(Cow<'a, str>, Json<'a>)], key: &str) -> Option<&'m Json<'a>> {
    pairs.iter().rev().find(|(k, _)| same_key(k, key)).map(|(_, v)| v)
}

/// Key equality without a call to `memcmp` (a real call in wasm, for keys that are
/// mostly a few bytes long and mostly differ in length or first byte).
#[inline]
pub fn same_key(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
}

struct Reader<'a> {
    src: &'a str,
    b: &'a [u8],
    i: usize,
    depth: usize,
}

impl<'a> Reader<'a> {
    fn err(&self, what: &str) -> String {
        format!("{what} at offset {}", self.i)
    }

    fn ws(&mut self) {
        while self.i < self.b.len() && matches!(self.b[self.i], b' ' | b'\t' | b'\n' | b'\r') {
            self.i += 1;
        }
    }

    /// A value as `need` says: `Need::Skip` checks it and gives null.
    fn value(&mut self, need: &Need) -> Result<Json<'a>, String> {
        if let Need::Skip = need {
            self.skip()?;
            return Ok(Json::Null);
        }
        self.ws();
        let Some(&c) = self.b.get(self.i) else { return Err(self.err("expected a value")) };
        match c {
            b'{' | b'[' => {
                self.depth += 1;
                if self.depth > MAX_DEPTH {
                    return Err(self.err(TOO_DEEP));
                }
                let v = if c == b'{' { self.object(need) } else { self.array(need) };
                self.depth -= 1;
                v
            }
            b'"' => self.string().map(Json::Str),
            b't' => self.word("true").map(|_| Json::Bool(true)),
            b'f' => self.word("false").map(|_| Json::Bool(false)),
            b'n' => self.word("null").map(|_| Json::Null),
            b'-' | b'0'..=b'9' => {
                let (start, float) = self.number_end()?;
                Ok(number_value(&self.src[start..self.i], float))
            }
            _ => Err(self.err("expected a value")),
        }
    }

    fn word(&mut self, w: &str) -> Result<(), String> {
        if self.src[self.i..].starts_with(w) {
            self.i += w.len();
            Ok(())
        } else {
            Err(self.err("expected a value"))
        }
    }

    fn object(&mut self, need: &Need) -> Result<Json<'a>, String> {
        self.i += 1;
        // most objects of a bundle have a handful of keys: one allocation, not four
        let mut pairs = Vec::with_capacity(8);
        self.ws();
        if self.b.get(self.i) == Some(&b'}') {
            self.i += 1;
            return Ok(Json::Object(pairs));
        }
        loop {
            self.ws();
            if self.b.get(self.i) != Some(&b'"') {
                return Err(self.err("expected a key"));
            }
            let k = self.string()?;
            self.ws();
            if self.b.get(self.i) != Some(&b':') {
                return Err(self.err("expected `:`"));
            }
            self.i += 1;
            match need.key(&k) {
                Need::Skip => self.skip()?,
                child => {
                    let v = self.value(child)?;
                    pairs.push((k, v));
                }
            }
            self.ws();
            match self.b.get(self.i) {
                Some(b',') => self.i += 1,
                Some(b'}') => {
                    self.i += 1;
                    return Ok(Json::Object(pairs));
                }
                _ => return Err(self.err("expected `,` or `}`")),
            }
        }
    }

    fn array(&mut self, need: &Need) -> Result<Json<'a>, String> {
        self.i += 1;
        let item = need.item();
        let mut items = Vec::with_capacity(4);
        self.ws();
        if self.b.get(self.i) == Some(&b']') {
            self.i += 1;
            return Ok(Json::Array(items));
        }
        loop {
            items.push(self.value(item)?);
            self.ws();
            match self.b.get(self.i) {
                Some(b',') => self.i += 1,
                Some(b']') => {
                    self.i += 1;
                    return Ok(Json::Array(items));
                }
                _ => return Err(self.err("expected `,` or `]`")),
            }
        }
    }

    /// Checks one value and moves past it, building nothing: what `value` does, with
    /// the same errors at the same offsets, for the parts no template reads (most of a
    /// webhook body).
    fn skip(&mut self) -> Result<(), String> {
        self.ws();
        let Some(&c) = self.b.get(self.i) else { return Err(self.err("expected a value")) };
        match c {
            b'{' | b'[' => {
                self.depth += 1;
                if self.depth > 512 {
                    return Err(self.err("JSON nested deeper than 512"));
                }
                let r = if c == b'{' { self.skip_object() } else { self.skip_array() };
                self.depth -= 1;
                r
            }
            b'"' => self.skip_string(),
            b't' => self.word("true"),
            b'f' => self.word("false"),
            b'n' => self.word("null"),
            b'-' | b'0'..=b'9' => self.number_end().map(|_| ()),
            _ => Err(self.err("expected a value")),
        }
    }

    fn skip_string(&mut self) -> Result<(), String> {
        let j = plain_run_end::<false>(self.b, self.i + 1);
        if self.b.get(j) == Some(&b'"') {
            self.i = j + 1;
            return Ok(());
        }
        // escapes, a control character or the end: the full reader's rules and errors
        self.string().map(|_| ())
    }

    fn skip_object(&mut self) -> Result<(), String> {
        self.i += 1;
        self.ws();
        if self.b.get(self.i) == Some(&b'}') {
            self.i += 1;
            return Ok(());
        }
        loop {
            self.ws();
            if self.b.get(self.i) != Some(&b'"') {
                return Err(self.err("expected a key"));
            }
            self.skip_string()?;
            self.ws();
            if self.b.get(self.i) != Some(&b':') {
                return Err(self.err("expected `:`"));
            }
            self.i += 1;
            self.skip()?;
            self.ws();
            match self.b.get(self.i) {
                Some(b',') => self.i += 1,
                Some(b'}') => {
                    self.i += 1;
                    return Ok(());
                }
                _ => return Err(self.err("expected `,` or `}`")),
            }
        }
    }

    fn skip_array(&mut self) -> Result<(), String> {
        self.i += 1;
        self.ws();
        if self.b.get(self.i) == Some(&b']') {
            self.i += 1;
            return Ok(());
        }
        loop {
            self.skip()?;
            self.ws();
            match self.b.get(self.i) {
                Some(b',') => self.i += 1,
                Some(b']') => {
                    self.i += 1;
                    return Ok(());
                }
                _ => return Err(self.err("expected `,` or `]`")),
            }
        }
    }

    /// A string; borrowed from the text when it has no escapes.
    fn string(&mut self) -> Result<Cow<'a, str>, String> {
        let start = self.i + 1;
        let j = plain_run_end::<false>(self.b, start);
        if self.b.get(j) == Some(&b'"') {
            self.i = j + 1;
            return Ok(Cow::Borrowed(&self.src[start..j]));
        }
        self.string_rest(start, j)
    }

    /// The rest of a string after its plain start (`start..j`): escapes, a control
    /// character, or the end of the text. Out of line, so that the plain case stays a
    /// small function (wasm sets up every local of a function on each call).
    #[cold]
    #[inline(never)]
    fn string_rest(&mut self, start: usize, j: usize) -> Result<Cow<'a, str>, String> {
        if matches!(self.b.get(j), Some(0..=0x1f)) {
            self.i = j;
            return Err(self.err("control character in a string"));
        }
        let mut out = String::from(&self.src[start..j]);
        self.i = j;
        loop {
            let Some(&c) = self.b.get(self.i) else { return Err(self.err("unterminated string")) };
            match c {
                b'"' => {
                    self.i += 1;
                    return Ok(Cow::Owned(out));
                }
                b'\\' => {
                    let e = *self.b.get(self.i + 1).ok_or_else(|| self.err("unterminated string"))?;
                    self.i += 2;
                    match e {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => {
                            let hi = self.hex4()?;
                            let c = if (0xD800..0xDC00).contains(&hi) && self.src[self.i..].starts_with("\\u") {
                                self.i += 2;
                                let lo = self.hex4()?;
                                if (0xDC00..0xE000).contains(&lo) {
                                    char::from_u32(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00))
                                } else {
                                    None
                                }
                            } else {
                                char::from_u32(hi)
                            };
                            out.push(c.unwrap_or('\u{fffd}'));
                        }
                        _ => return Err(self.err("unknown escape")),
                    }
                }
                0..=0x1f => return Err(self.err("control character in a string")),
                _ => {
                    let n = self.src[self.i..].find(['"', '\\']).unwrap_or(self.b.len() - self.i);
                    if let Some(p) = self.b[self.i..self.i + n].iter().position(|b| *b < 0x20) {
                        self.i += p;
                        return Err(self.err("control character in a string"));
                    }
                    out.push_str(&self.src[self.i..self.i + n]);
                    self.i += n;
                }
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, String> {
        let h = self.src.get(self.i..self.i + 4).ok_or_else(|| self.err("expected four hex digits"))?;
        let v = u32::from_str_radix(h, 16).map_err(|_| self.err("expected four hex digits"))?;
        self.i += 4;
        Ok(v)
    }

    /// Checks a number and moves past it: its start, and whether it has a fraction or
    /// an exponent.
    fn number_end(&mut self) -> Result<(usize, bool), String> {
        let start = self.i;
        let b = self.b;
        let mut i = self.i;
        if b[i] == b'-' {
            i += 1;
        }
        let int_start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == int_start || (b[int_start] == b'0' && i - int_start > 1) {
            self.i = int_start;
            return Err(self.err("invalid number"));
        }
        let mut float = false;
        if i < b.len() && b[i] == b'.' {
            float = true;
            i += 1;
            let s = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            if i == s {
                self.i = i;
                return Err(self.err("invalid number"));
            }
        }
        if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
            float = true;
            i += 1;
            if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
                i += 1;
            }
            let s = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            if i == s {
                self.i = i;
                return Err(self.err("invalid number"));
            }
        }
        self.i = i;
        Ok((start, float))
    }
}

fn number_value<'a>(text: &str, float: bool) -> Json<'a> {
    if !float {
        if let Ok(v) = text.parse::<i64>() {
            return Json::Int(v);
        }
        if let Ok(v) = text.parse::<u64>() {
            return Json::UInt(v);
        }
    }
    Json::Float(super::number::parse_f64(text))
}


/// Appends one ASCII byte. Output is built from many tiny pieces (quotes, commas,
/// short values). In wasm built for size neither `push_str` (a `memory.copy`, which V8
/// runs as a call) nor `Vec::push` (not inlined) is cheap for them; writing into the
/// reserved capacity is (measured with bench/iml-mapping.mjs).
#[inline(always)]
pub fn push_ascii(out: &mut String, b: u8) {
    debug_assert!(b.is_ascii());
    push_bytes(out, &[b]);
}

/// Appends a short text without a `memory.copy`, a long one in one copy.
#[inline(always)]
pub fn push_small(out: &mut String, s: &str) {
    if s.len() > 64 {
        out.push_str(s);
    } else {
        push_bytes(out, s.as_bytes());
    }
}

#[inline(always)]
fn push_bytes(out: &mut String, bytes: &[u8]) {
    // SAFETY: callers pass one ASCII byte or all the bytes of a `str`, in order, so the
    // String stays valid UTF-8; the bytes are written into capacity reserved just
    // before, and the length is set to cover exactly them.
    unsafe {
        let v = out.as_mut_vec();
        v.reserve(bytes.len());
        let len = v.len();
        let dst = v.as_mut_ptr().add(len);
        let src = bytes.as_ptr();
        let mut i = 0;
        // eight bytes a move: most pieces are keys and values of a few dozen bytes
        while i + 8 <= bytes.len() {
            std::ptr::write_unaligned(dst.add(i) as *mut u64, std::ptr::read_unaligned(src.add(i) as *const u64));
            i += 8;
        }
        while i < bytes.len() {
            *dst.add(i) = *src.add(i);
            i += 1;
        }
        v.set_len(len + bytes.len());
    }
}

/// The error as the JSON object the shim turns into `OfficeGuyError`: the fields and
/// order of `Error`'s serde form, written here so that the iml module carries no
/// serde_json writer.
pub fn error_json(e: &crate::error::Error) -> String {
    let mut out = String::new();
    out.push_str("{\"code\":");
    write_str(&e.code, &mut out);
    out.push_str(",\"message\":");
    write_str(&e.message, &mut out);
    if !e.issues.is_empty() {
        out.push_str(",\"issues\":[");
        for (n, i) in e.issues.iter().enumerate() {
            out.push_str(if n == 0 { "{\"path\":" } else { ",{\"path\":" });
            write_str(&i.path, &mut out);
            out.push_str(",\"code\":");
            write_str(&i.code, &mut out);
            out.push_str(",\"message\":");
            write_str(&i.message, &mut out);
            out.push('}');
        }
        out.push(']');
    }
    if let Some(s) = e.status {
        out.push_str(",\"status\":");
        out.push_str(&s.to_string());
    }
    if let Some(m) = &e.user_message {
        out.push_str(",\"userMessage\":");
        write_str(m, &mut out);
    }
    if let Some(h) = e.http_status {
        out.push_str(",\"httpStatus\":");
        out.push_str(&h.to_string());
    }
    if let Some(p) = &e.path {
        out.push_str(",\"path\":");
        write_str(p, &mut out);
    }
    out.push('}');
    out
}

/// `checkTemplate`'s answer: the syntax issues as a JSON array (serde's form of them).
pub fn syntax_issues_json(issues: &[super::SyntaxIssue]) -> String {
    let mut out = String::from("[");
    for (n, i) in issues.iter().enumerate() {
        out.push_str(if n == 0 { "{\"offset\":" } else { ",{\"offset\":" });
        out.push_str(&i.offset.to_string());
        out.push_str(",\"length\":");
        out.push_str(&i.length.to_string());
        out.push_str(",\"code\":");
        write_str(i.code, &mut out);
        out.push_str(",\"message\":");
        write_str(&i.message, &mut out);
        out.push('}');
    }
    out.push(']');
    out
}

/// Writes a JSON text string with the escapes JSON requires.
pub fn write_str(s: &str, out: &mut String) {
    write_str_for(s, JsonFor::Text, out)
}

/// Writes a JSON text string for a reader: for the shim, text beyond ASCII is escaped.
pub fn write_str_for(s: &str, mode: JsonFor, out: &mut String) {
    let ascii = mode == JsonFor::Shim;
    let b = s.as_bytes();
    push_ascii(out, b'"');
    let mut start = 0;
    loop {
        let i = if ascii { plain_run_end::<true>(b, start) } else { plain_run_end::<false>(b, start) };
        push_small(out, &s[start..i]);
        if i == b.len() {
            break;
        }
        start = i + write_escape(s, i, out);
    }
    push_ascii(out, b'"');
}

/// Writes the escape of the character at byte `i`; the bytes it took. Out of line:
/// most strings have none, and the plain case stays a small function.
#[inline(never)]
fn write_escape(s: &str, i: usize, out: &mut String) -> usize {
    let c = s.as_bytes()[i];
    if c >= 0x80 {
        // the whole run of characters beyond ASCII (a Hebrew word), in one call
        let mut taken = 0;
        for ch in s[i..].chars().take_while(|ch| !ch.is_ascii()) {
            let mut units = [0u16; 2];
            for u in ch.encode_utf16(&mut units) {
                push_small(out, "\\u");
                for shift in [12, 8, 4, 0] {
                    push_ascii(out, HEX[((*u >> shift) & 15) as usize]);
                }
            }
            taken += ch.len_utf8();
        }
        return taken;
    }
    match c {
        b'"' => push_small(out, "\\\""),
        b'\\' => push_small(out, "\\\\"),
        b'\n' => push_small(out, "\\n"),
        b'\r' => push_small(out, "\\r"),
        b'\t' => push_small(out, "\\t"),
        _ => {
            push_small(out, "\\u00");
            push_ascii(out, HEX[(c >> 4) as usize]);
            push_ascii(out, HEX[(c & 15) as usize]);
        }
    }
    1
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// Where a run of string text that JSON writes as it is ends, from `i`: at a quote, a
/// backslash, a control character, the end, and with `ASCII` at a byte beyond ASCII.
/// Eight bytes at a time: strings are most of what is read and written, and a byte at
/// a time was the largest single cost.
#[inline]
pub fn plain_run_end<const ASCII: bool>(b: &[u8], mut i: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    while i + 8 <= b.len() {
        let mut word = [0u8; 8];
        word.copy_from_slice(&b[i..i + 8]);
        let w = u64::from_le_bytes(word);
        let quote = w ^ (ONES * b'"' as u64);
        let slash = w ^ (ONES * b'\\' as u64);
        // the classic "has a zero byte" and "has a byte below n" tests: the lowest
        // flagged byte is exact (a borrow can only flag bytes above a real hit)
        let mut hit = (quote.wrapping_sub(ONES) & !quote | slash.wrapping_sub(ONES) & !slash | w.wrapping_sub(ONES * 0x20) & !w) & HIGH;
        if ASCII {
            hit |= w & HIGH;
        }
        if hit != 0 {
            return i + (hit.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < b.len() && !matches!(b[i], b'"' | b'\\' | 0..=0x1f) && !(ASCII && b[i] >= 0x80) {
        i += 1;
    }
    i
}

/// Who reads the JSON text written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonFor {
    /// Anyone (Rust, a request body, a user): integers beyond 2^53 as their digits,
    /// text as it is.
    Text,
    /// The JS shim's `JSON.parse`, the result crossing as a wasm-bindgen string:
    /// integers beyond 2^53 marked `"\u0000big:<digits>"` for it to turn into BigInt,
    /// and text beyond ASCII escaped (`\u05d3`), so that the result crosses as ASCII,
    /// which decodes several times faster than UTF-8 with Hebrew in it.
    Shim,
    /// The JS shim's `JSON.parse`, the result crossing as UTF-16 (which decodes faster
    /// still, and parses faster than escapes): big integers marked, text as it is.
    ShimWide,
}

pub fn write_int(digits: &str, big: bool, mode: JsonFor, out: &mut String) {
    if big && mode != JsonFor::Text {
        out.push_str("\"\\u0000big:");
        push_small(out, digits);
        push_ascii(out, b'"');
    } else {
        push_small(out, digits);
    }
}

/// An integer's decimal digits, written into `buf` (no allocation).
pub fn digits(mut n: u64, negative: bool, buf: &mut [u8; 24]) -> &str {
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    if negative {
        i -= 1;
        buf[i] = b'-';
    }
    // SAFETY: only ASCII digits and '-' were written to buf[i..]
    unsafe { std::str::from_utf8_unchecked(&buf[i..]) }
}

pub fn write(j: &Json, mode: JsonFor, out: &mut String) {
    match j {
        Json::Null => push_small(out, "null"),
        Json::Bool(b) => push_small(out, if *b { "true" } else { "false" }),
        Json::Int(i) => write_int(digits(i.unsigned_abs(), *i < 0, &mut [0; 24]), j.is_big_int(), mode, out),
        Json::UInt(u) => write_int(digits(*u, false, &mut [0; 24]), j.is_big_int(), mode, out),
        Json::Float(x) => write_number(*x, out),
        Json::Str(s) => write_str_for(s, mode, out),
        Json::Array(a) => {
            push_ascii(out, b'[');
            for (i, x) in a.iter().enumerate() {
                if i > 0 {
                    push_ascii(out, b',');
                }
                write(x, mode, out);
            }
            push_ascii(out, b']');
        }
        Json::Object(m) => {
            push_ascii(out, b'{');
            for (i, (k, x)) in m.iter().enumerate() {
                if i > 0 {
                    push_ascii(out, b',');
                }
                write_str_for(k, mode, out);
                push_ascii(out, b':');
                write(x, mode, out);
            }
            push_ascii(out, b'}');
        }
    }
}

/// A number as JSON.stringify writes it: non-finite numbers are null.
pub fn write_number(x: f64, out: &mut String) {
    if x.is_finite() {
        super::number::write_js_number(x, out);
    } else {
        push_small(out, "null");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round(text: &str) -> String {
        let mut out = String::new();
        write(&Json::parse(text).unwrap(), JsonFor::Text, &mut out);
        out
    }

    #[test]
    fn reads_what_json_allows() {
        let text = r#" {"a": [1, -2, 3.5, 1e3, -0.25E-2, 9007199254740993, 18446744073709551615],
            "s": "q\"b\\s\/\n\t\u00e9\ud83d\ude00 שלום", "t": true, "f": false, "n": null, "o": {}, "e": []} "#;
        let j = Json::parse(text).unwrap();
        let serde: J = serde_json::from_str(text).unwrap();
        assert_eq!(j.to_serde(), serde);
        assert!(matches!(j.get("s"), Some(Json::Str(Cow::Owned(_)))));
        assert!(matches!(Json::parse(r#"{"k": "plain"}"#).unwrap().get("k"), Some(Json::Str(Cow::Borrowed("plain")))));
        assert_eq!(round(r#"{"id":9007199254740993}"#), r#"{"id":9007199254740993}"#);
    }

    #[test]
    fn refuses_what_json_does_not_allow() {
        for bad in ["", "01", "1.", ".5", "[1,]", "{\"a\":1,}", "{'a':1}", "\"a\u{1}\"", "\"abc", "[1 2]", "tru", "{\"a\" 1}", "1 2", "\"\\x\""] {
            assert!(Json::parse(bad).is_err(), "{bad:?} should not parse");
        }
    }

    #[test]
    fn strings_with_escapes_anywhere_round_trip() {
        // the eight-byte scan must find a quote, a backslash or a control character at
        // every position of a word, and in the tail
        for len in 0..20 {
            for at in 0..len {
                for special in ['"', '\\', '\n', '\u{1}', '\u{1f}', 'ש', '\u{7f}', ' ', '\u{80}', '🧢', '\u{ffff}'] {
                    let s: String = (0..len).map(|i| if i == at { special } else { 'a' }).collect();
                    let mut out = String::new();
                    write_str(&s, &mut out);
                    assert_eq!(out, serde_json::to_string(&s).unwrap(), "{s:?}");
                    assert_eq!(Json::parse(&out).unwrap(), Json::Str(Cow::Owned(s.clone())), "{out}");
                    let mut ascii = String::new();
                    write_str_for(&s, JsonFor::Shim, &mut ascii);
                    assert!(ascii.is_ascii(), "{ascii}");
                    assert_eq!(Json::parse(&ascii).unwrap(), Json::Str(Cow::Owned(s.clone())), "{ascii}");
                }
            }
        }
        for (n, neg) in [(0, false), (7, true), (u64::MAX, false), (1 << 63, true)] {
            let want = if neg { format!("-{n}") } else { n.to_string() };
            assert_eq!(digits(n, neg, &mut [0; 24]), want);
        }
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(Json::parse(&deep).unwrap_err().contains("deeper"));
    }

    #[test]
    fn a_repeated_key_reads_as_its_last_value() {
        assert_eq!(Json::parse(r#"{"a":1,"a":2}"#).unwrap().get("a"), Some(&Json::Int(2)));
    }

    #[test]
    fn errors_and_issues_read_back_as_serde_writes_them() {
        let mut e = crate::error::Error::at("a.b", "too_deep", "x \"q\" \\ \u{1}\u{8}\u{c} דנה 🙏");
        e.status = Some(-2);
        e.user_message = Some("שגיאה".into());
        e.http_status = Some(503);
        for e in [e.clone(), crate::error::Error::new("internal", "plain")] {
            let mine: J = serde_json::from_str(&error_json(&e)).unwrap();
            assert_eq!(mine, serde_json::to_value(&e).unwrap());
            let keys: Vec<String> = mine.as_object().unwrap().keys().cloned().collect();
            let serde: J = serde_json::from_str(&e.to_json()).unwrap();
            assert_eq!(keys, serde.as_object().unwrap().keys().cloned().collect::<Vec<_>>());
        }
        let issues = crate::iml::check("{{a(}} {{\"", crate::iml::Dialect::App);
        assert!(!issues.is_empty());
        let mine: J = serde_json::from_str(&syntax_issues_json(&issues)).unwrap();
        assert_eq!(mine, serde_json::to_value(&issues).unwrap());
        assert_eq!(syntax_issues_json(&[]), "[]");
    }

}
