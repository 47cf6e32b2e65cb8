//! Text crossing into JavaScript: checking the UTF-8 that the JS shim wrote into wasm
//! memory, and writing a result as UTF-16, which V8 turns into a string far faster than
//! UTF-8 with Hebrew in it. Used by the bindings' exchange area (src/bindings/iml.rs).

/// The bytes as text when they are UTF-8 (as `std::str::from_utf8` decides), eight
/// ASCII bytes at a time: the standard check was a sizeable part of reading a bundle
/// with Hebrew in it in wasm (measured with bench/iml-mapping.mjs).
pub fn utf8_text(b: &[u8]) -> Option<&str> {
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c < 0x80 {
            i += 1;
            // then eight at a time, for as long as the text stays ASCII
            while i + 8 <= b.len() && word(b, i) & 0x8080_8080_8080_8080 == 0 {
                i += 8;
            }
            continue;
        }
        // two-byte characters (Hebrew, Arabic, accented Latin) first
        if (0xC2..=0xDF).contains(&c) && b.get(i + 1).is_some_and(|&x| x & 0xC0 == 0x80) {
            i += 2;
            continue;
        }
        let n = match c {
            0xC2..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF4 => 4,
            _ => return None,
        };
        let rest = b.get(i + 1..i + n)?;
        // the second byte's range excludes overlong forms, surrogates and beyond U+10FFFF
        let second = match c {
            0xE0 => 0xA0..=0xBF,
            0xED => 0x80..=0x9F,
            0xF0 => 0x90..=0xBF,
            0xF4 => 0x80..=0x8F,
            _ => 0x80..=0xBF,
        };
        if !second.contains(&rest[0]) || rest[1..].iter().any(|&x| x & 0xC0 != 0x80) {
            return None;
        }
        i += n;
    }
    // SAFETY: every byte was checked above to form UTF-8, by the rules of from_utf8
    Some(unsafe { std::str::from_utf8_unchecked(b) })
}

#[inline(always)]
fn word(b: &[u8], i: usize) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(&b[i..i + 8]);
    u64::from_le_bytes(w)
}

/// The text as UTF-16 code units: ASCII eight bytes at a time, other characters
/// decoded in place (the text is a `str`, so its sequences are well formed).
pub fn utf16_into(s: &str, out: &mut Vec<u16>) {
    out.clear();
    // never more units than bytes: every character takes at least as many UTF-8 bytes
    // as UTF-16 units
    out.reserve(s.len());
    let b = s.as_bytes();
    let dst = out.as_mut_ptr();
    let (mut i, mut n) = (0, 0);
    // SAFETY (every write below): n <= i at all times, since each step writes at most
    // as many units as it consumes bytes, and i <= s.len() <= capacity.
    while i < b.len() {
        let c = b[i] as u32;
        if c < 0x80 {
            if i + 8 <= b.len() {
                let w = word(b, i);
                if w & 0x8080_8080_8080_8080 == 0 {
                    let spread = |h: u64| (h & 0xFF) | (h & 0xFF00) << 8 | (h & 0xFF_0000) << 16 | (h & 0xFF00_0000) << 24;
                    unsafe {
                        std::ptr::write_unaligned(dst.add(n) as *mut u64, spread(w & 0xFFFF_FFFF).to_le());
                        std::ptr::write_unaligned(dst.add(n + 4) as *mut u64, spread(w >> 32).to_le());
                    }
                    i += 8;
                    n += 8;
                    continue;
                }
            }
            unsafe { *dst.add(n) = c as u16 };
            i += 1;
            n += 1;
            continue;
        }
        let cont = |k: usize| (b[i + k] & 0x3F) as u32;
        let (code, len) = match c {
            0xC0..=0xDF => ((c & 0x1F) << 6 | cont(1), 2),
            0xE0..=0xEF => ((c & 0x0F) << 12 | cont(1) << 6 | cont(2), 3),
            _ => ((c & 0x07) << 18 | cont(1) << 12 | cont(2) << 6 | cont(3), 4),
        };
        unsafe {
            if code < 0x1_0000 {
                *dst.add(n) = code as u16;
                n += 1;
            } else {
                let v = code - 0x1_0000;
                *dst.add(n) = 0xD800 | (v >> 10) as u16;
                *dst.add(n + 1) = 0xDC00 | (v & 0x3FF) as u16;
                n += 2;
            }
        }
        i += len;
    }
    // SAFETY: exactly n units were written, n <= capacity
    unsafe { out.set_len(n) };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_is_checked_as_the_standard_library_does() {
        let mut samples: Vec<Vec<u8>> = vec![b"plain ascii text, long enough".to_vec(), "דנה כהן 🧢 é".as_bytes().to_vec()];
        for lead in 0x80..=0xFFu8 {
            for second in [0x00, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xFF] {
                for third in [0x80, 0xBF, 0x41] {
                    samples.push(vec![lead, second, third, 0x80]);
                    samples.push(vec![b'a', b'b', b'c', b'd', b'e', b'f', b'g', lead, second, third]);
                    samples.push(vec![lead]);
                    samples.push(vec![lead, second]);
                }
            }
        }
        let mut x: u32 = 1;
        for _ in 0..20_000 {
            let len = (x % 12) as usize;
            let mut v = Vec::new();
            for _ in 0..len {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                v.push(if x % 3 == 0 { b'a' } else { (x >> 8) as u8 });
            }
            samples.push(v);
        }
        for s in &samples {
            assert_eq!(utf8_text(s), std::str::from_utf8(s).ok(), "{s:x?}");
        }
    }

    #[test]
    fn utf16_units_are_those_of_encode_utf16() {
        let mut out = Vec::new();
        for s in ["", "a", "plain ascii, longer than eight", "דנה כהן", "x🧢y", "é\u{7ff}\u{800}\u{ffff}\u{10000}\u{10ffff}", "abcdefgh🧢abcdefgh\u{0}"] {
            for prefix in 0..9 {
                let t = format!("{}{s}", "-".repeat(prefix));
                utf16_into(&t, &mut out);
                assert_eq!(out, t.encode_utf16().collect::<Vec<_>>(), "{t:?}");
            }
        }
    }
}
