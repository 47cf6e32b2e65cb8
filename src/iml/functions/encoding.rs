//! Encodings and digests: base64, URLs, HTML, binary data, md5/sha1/sha256/sha512 with
//! an optional HMAC key.

use super::{Args, R};
use crate::iml::eval::Env;
use crate::iml::value::{text, Value};
use sha2::Digest;

#[inline(never)]
pub fn call<'a>(a: &mut Args<'a>, env: &Env<'a>) -> Option<R<Value<'a>>> {
    Some(match a.name {
        "base64" => {
            let b = bytes(a.get(0));
            env.budget.size(b.len() * 4 / 3 + 4).map_err(Into::into).map(|_| text(base64_encode(&b)))
        }
        "encodeURL" => Ok(text(encode_uri_component(&a.text(0)))),
        "decodeURL" => Ok(text(decode_uri_component(&a.text(0)))),
        "escapeHTML" => Ok(text(escape_html(&a.text(0)))),
        "toBinary" => to_binary(a),
        "md5" | "sha1" | "sha256" | "sha512" => digest(a),
        _ => return None,
    })
}

/// The bytes of a value: binary data as is, anything else as its UTF-8 text.
pub fn bytes(v: &Value) -> Vec<u8> {
    match v {
        Value::Binary(b) => b.clone(),
        v => v.to_text().as_bytes().to_vec(),
    }
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

pub fn base64_encode(b: &[u8]) -> String {
    let mut out = String::with_capacity(b.len().div_ceil(3) * 4);
    for chunk in b.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |acc, (i, &x)| acc | (x as u32) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(B64[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Lenient like Node's Buffer: URL-safe letters accepted, padding and junk ignored.
pub fn base64_decode(s: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0);
    for c in s.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            _ => continue,
        };
        acc = acc << 6 | v as u32;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

fn from_hex(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    b.chunks(2)
        .map_while(|p| std::str::from_utf8(p).ok().and_then(|h| u8::from_str_radix(h, 16).ok()))
        .collect()
}

/// JavaScript `encodeURIComponent`.
pub fn encode_uri_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// JavaScript `decodeURIComponent`, except that a malformed sequence stays as written
/// instead of throwing.
pub fn decode_uri_component(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    // hex digits read as bytes: slicing the text after a `%` could split a character
    // (a panic, found by fuzzing), and `from_str_radix` would take `%+F` as a number
    let hex = |c: u8| (c as char).to_digit(16).map(|d| d as u8);
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            if let (Some(hi), Some(lo)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push(hi << 4 | lo);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn decode(s: &str, encoding: &str) -> Option<Vec<u8>> {
    Some(match encoding.to_ascii_lowercase().as_str() {
        "" | "utf8" | "utf-8" | "text" => s.as_bytes().to_vec(),
        "base64" => base64_decode(s),
        "hex" => from_hex(s),
        "latin1" | "binary" | "ascii" => s.chars().map(|c| c as u32 as u8).collect(),
        _ => return None,
    })
}

fn to_binary<'a>(a: &mut Args<'a>) -> R<Value<'a>> {
    if let Value::Binary(_) = a.get(0) {
        return Ok(a.take(0));
    }
    let enc = a.text(1).into_owned();
    decode(&a.text(0), &enc).map(Value::Binary).ok_or_else(|| a.err(1, format!("unknown encoding `{enc}` (utf8, base64, hex, latin1)")))
}

fn digest<'a>(a: &mut Args<'a>) -> R<Value<'a>> {
    let data = bytes(a.get(0));
    let out_enc = a.text(1).to_ascii_lowercase();
    let key = if a.present(2) {
        let kenc = a.text(3).into_owned();
        let k = match a.get(2) {
            Value::Binary(b) => b.clone(),
            v => decode(&v.to_text(), &kenc).ok_or_else(|| a.err(3, format!("unknown key encoding `{kenc}`")))?,
        };
        Some(k)
    } else {
        None
    };
    let alg = match a.name {
        "md5" => Alg::Md5,
        "sha1" => Alg::Sha1,
        "sha256" => Alg::Sha256,
        _ => Alg::Sha512,
    };
    let raw = match &key {
        Some(k) => hmac(alg, k, &data),
        None => hash(alg, &[&data]),
    };
    Ok(text(match out_enc.as_str() {
        "" | "hex" => hex(&raw),
        "base64" => base64_encode(&raw),
        "latin1" | "binary" => raw.iter().map(|b| *b as char).collect(),
        other => return Err(a.err(1, format!("unknown output encoding `{other}` (hex, base64, latin1)"))),
    }))
}

#[derive(Clone, Copy)]
enum Alg {
    Md5,
    Sha1,
    Sha256,
    Sha512,
}

fn hash(alg: Alg, parts: &[&[u8]]) -> Vec<u8> {
    fn run<D: Digest>(parts: &[&[u8]]) -> Vec<u8> {
        let mut d = D::new();
        for p in parts {
            d.update(p);
        }
        d.finalize().to_vec()
    }
    match alg {
        Alg::Md5 => run::<md5::Md5>(parts),
        Alg::Sha1 => run::<sha1::Sha1>(parts),
        Alg::Sha256 => run::<sha2::Sha256>(parts),
        Alg::Sha512 => run::<sha2::Sha512>(parts),
    }
}

/// HMAC (RFC 2104) over the digests above: written here rather than taken from the
/// `hmac` crate, whose generic code was instantiated once per digest.
fn hmac(alg: Alg, key: &[u8], data: &[u8]) -> Vec<u8> {
    let block = if matches!(alg, Alg::Sha512) { 128 } else { 64 };
    let mut k = if key.len() > block { hash(alg, &[key]) } else { key.to_vec() };
    k.resize(block, 0);
    let ipad: Vec<u8> = k.iter().map(|b| b ^ 0x36).collect();
    let opad: Vec<u8> = k.iter().map(|b| b ^ 0x5c).collect();
    let inner = hash(alg, &[&ipad, data]);
    hash(alg, &[&opad, &inner])
}
