//! Numbers as JavaScript writes and reads them: Make's IML runs on JavaScript, so
//! `String(x)` and `Number(text)` are the rules for text output and coercion.

/// Appends `String(x)`. Integers and plain decimals take a path without allocation:
/// copying numbers from a bundle into params is what mappings mostly do.
pub fn write_js_number(x: f64, out: &mut String) {
    // up to 2^53 every integer is exact, so its digits are JavaScript's shortest ones;
    // above, JavaScript writes the shortest digits padded with zeros (2^60 is
    // "1152921504606847000"), which the paths below do (u64 digits: i128 division is a
    // library call in wasm)
    if x.fract() == 0.0 && x.abs() <= 9_007_199_254_740_992.0 {
        let mut buf = [0; 24];
        super::json::push_small(out, super::json::digits(x.abs() as u64, x < 0.0, &mut buf));
        return;
    }
    if write_short_decimal(x, out) {
        return;
    }
    if x.is_finite() {
        let mut b = ryu::Buffer::new();
        let s = b.format_finite(x);
        // ryu's plain form has the same shortest digits as JavaScript's; only its
        // exponent forms differ
        if !s.contains('e') {
            super::json::push_small(out, s);
            return;
        }
    }
    out.push_str(&to_js_string(x));
}

/// A number of at most six decimals below 10^9 (a price: `89.9`, `1234.5`), written
/// without ryu, whose 128-bit arithmetic is library calls in wasm. False for any other.
///
/// Why the text is JavaScript's: for the least k where m = round(|x|·10^k) gives
/// m / 10^k == |x| (a correctly rounded division), the decimal m·10^-k reads back as x,
/// and no decimal with fewer digits does (it would have matched at a smaller k). Below
/// 10^9 the spacing of doubles is under a tenth of 10^-6, so m is the only k-decimal
/// candidate; JavaScript prints such numbers in plain notation.
fn write_short_decimal(x: f64, out: &mut String) -> bool {
    let a = x.abs();
    if !(a < 1e9) || a.fract() == 0.0 {
        return false;
    }
    let mut scale = 1.0;
    for k in 1..=6 {
        scale *= 10.0;
        let m = (a * scale).round();
        if m / scale != a {
            continue;
        }
        let m = m as u64;
        let p = 10u64.pow(k);
        let mut buf = [0u8; 24];
        let whole = super::json::digits(m / p, x < 0.0, &mut buf);
        super::json::push_small(out, whole);
        super::json::push_ascii(out, b'.');
        let mut frac = [b'0'; 6];
        let mut f = m % p;
        for i in (0..k as usize).rev() {
            frac[i] = b'0' + (f % 10) as u8;
            f /= 10;
        }
        // SAFETY: ASCII digits only
        super::json::push_small(out, unsafe { std::str::from_utf8_unchecked(&frac[..k as usize]) });
        return true;
    }
    false
}

/// `String(x)` for a JavaScript number.
pub fn to_js_string(x: f64) -> String {
    if x.is_nan() {
        return "NaN".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "Infinity".into() } else { "-Infinity".into() };
    }
    if x == 0.0 {
        return "0".into();
    }
    let neg = x < 0.0;
    let (digits, n) = shortest(x.abs());
    let k = digits.len() as i32;
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    if k <= n && n <= 21 {
        out.push_str(&digits);
        out.extend(std::iter::repeat('0').take((n - k) as usize));
    } else if 0 < n && n <= 21 {
        out.push_str(&digits[..n as usize]);
        out.push('.');
        out.push_str(&digits[n as usize..]);
    } else if -6 < n && n <= 0 {
        out.push_str("0.");
        out.extend(std::iter::repeat('0').take((-n) as usize));
        out.push_str(&digits);
    } else {
        out.push_str(&digits[..1]);
        if k > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        out.push('e');
        out.push(if n - 1 >= 0 { '+' } else { '-' });
        out.push_str(&(n - 1).abs().to_string());
    }
    out
}

/// The shortest decimal digits that read back as `x` (finite, positive) and the
/// exponent `n` with `x = 0.d1d2... * 10^n`, the form ECMAScript's Number::toString
/// starts from. Ryu finds the digits (core's float printing is much larger in wasm).
pub fn shortest(x: f64) -> (String, i32) {
    let mut buf = ryu::Buffer::new();
    let s = buf.format_finite(x);
    let (mant, exp) = s.split_once('e').unwrap_or((s, "0"));
    let e: i32 = exp.parse().unwrap_or(0);
    let (int, frac) = mant.split_once('.').unwrap_or((mant, ""));
    let all: String = int.chars().chain(frac.chars()).collect();
    let lead = all.len() - all.trim_start_matches('0').len();
    let digits = all.trim_start_matches('0').trim_end_matches('0').to_string();
    if digits.is_empty() {
        return ("0".into(), 1);
    }
    (digits, int.len() as i32 + e - lead as i32)
}

/// Decimal text to the nearest double, as JavaScript's `Number(text)`: a fast path, else a
/// guess computed as serde_json's number reader (without `float_roundtrip`) does — the
/// digits that fit a u64, times or over one power of ten from a table — corrected by
/// `nearest`, since that guess can be an ulp off. Written here so that the IML module
/// carries no serde_json reader (with its error texts and float printing, about 30 KB of
/// wasm); core's `str::parse::<f64>` would bring 10 KB of tables. The text must be a plain
/// decimal: digits, an optional fraction, an optional exponent; anything else is 0, and
/// a value out of range Infinity (or 0 for a tiny exponent), as JavaScript gives.
pub fn parse_f64(text: &str) -> f64 {
    if let Some(x) = fast_f64(text) {
        return x;
    }
    let text = text.trim_matches([' ', '\t', '\n', '\r']);
    let guess = match json_f64(text.as_bytes()) {
        Some(v) => v,
        None if text.contains(['e', 'E']) && !text.contains("e-") && !text.contains("E-") => f64::INFINITY,
        None => 0.0,
    };
    let (neg, body) = match text.strip_prefix('-') {
        Some(body) => (true, body),
        None => (false, text),
    };
    let x = super::nearest::correct(body, guess.abs());
    if neg {
        -x
    } else {
        x
    }
}

/// serde_json's grammar and arithmetic for a number; None where it fails.
#[inline(never)]
fn json_f64(b: &[u8]) -> Option<f64> {
    let (positive, b) = match b.first()? {
        b'-' => (false, &b[1..]),
        _ => (true, b),
    };
    let digit = |i: usize| b.get(i).filter(|c| c.is_ascii_digit()).map(|c| (c - b'0') as u64);
    let mut m = digit(0)?;
    let mut i = 1;
    let mut exponent: i32 = 0;
    if m == 0 {
        if digit(1).is_some() {
            return None; // one leading zero only
        }
    } else {
        while let Some(d) = digit(i) {
            i += 1;
            match m.checked_mul(10).and_then(|v| v.checked_add(d)) {
                Some(v) => m = v,
                // the digits beyond a u64 only scale it
                None => exponent += 1,
            }
            if exponent > 0 {
                while digit(i).is_some() {
                    i += 1;
                    exponent += 1;
                }
            }
        }
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        let start = i;
        let mut full = false;
        while let Some(d) = digit(i) {
            i += 1;
            if full {
                continue;
            }
            match m.checked_mul(10).and_then(|v| v.checked_add(d)) {
                Some(v) => {
                    m = v;
                    exponent -= 1;
                }
                None => full = true,
            }
        }
        if i == start {
            return None;
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        let positive_exp = match b.get(i) {
            Some(b'+') => {
                i += 1;
                true
            }
            Some(b'-') => {
                i += 1;
                false
            }
            _ => true,
        };
        let mut e = digit(i)? as i32;
        i += 1;
        while let Some(d) = digit(i) {
            i += 1;
            match e.checked_mul(10).and_then(|v| v.checked_add(d as i32)) {
                Some(v) => e = v,
                None => {
                    // an exponent beyond i32: out of range, or zero
                    if m != 0 && positive_exp {
                        return None;
                    }
                    while digit(i).is_some() {
                        i += 1;
                    }
                    return (i == b.len()).then_some(if positive { 0.0 } else { -0.0 });
                }
            }
        }
        exponent = if positive_exp { exponent.saturating_add(e) } else { exponent.saturating_sub(e) };
    }
    if i != b.len() {
        return None;
    }
    let mut f = m as f64;
    loop {
        match POW10.get(exponent.unsigned_abs() as usize) {
            Some(&pow) => {
                if exponent >= 0 {
                    f *= pow;
                    if f.is_infinite() {
                        return None;
                    }
                } else {
                    f /= pow;
                }
                break;
            }
            None => {
                if f == 0.0 {
                    break;
                }
                if exponent >= 0 {
                    return None;
                }
                f /= 1e308;
                exponent += 308;
            }
        }
    }
    Some(if positive { f } else { -f })
}

/// Clinger's fast path: a decimal whose digits fit in 2^53 and whose power of ten is at
/// most 22 is one exact multiplication or division away from the nearest double
/// (prices such as `89.9` all are).
fn fast_f64(text: &str) -> Option<f64> {
    const POW10: [f64; 23] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22,
    ];
    let b = text.as_bytes();
    let (neg, mut i) = if b.first() == Some(&b'-') { (true, 1) } else { (false, 0) };
    let mut m: u64 = 0;
    let mut digits = 0;
    let mut frac = 0i32;
    let mut seen_dot = false;
    while i < b.len() {
        match b[i] {
            d @ b'0'..=b'9' => {
                if m > 0 || d != b'0' {
                    digits += 1;
                }
                if digits > 15 {
                    return None;
                }
                m = m * 10 + (d - b'0') as u64;
                if seen_dot {
                    frac += 1;
                }
            }
            b'.' if !seen_dot => seen_dot = true,
            b'e' | b'E' => {
                let e: i32 = text[i + 1..].trim_start_matches('+').parse().ok()?;
                frac -= e;
                break;
            }
            _ => return None,
        }
        i += 1;
    }
    if !(-22..=22).contains(&frac) {
        return None;
    }
    let x = m as f64;
    let v = if frac >= 0 { x / POW10[frac as usize] } else { x * POW10[(-frac) as usize] };
    Some(if neg { -v } else { v })
}

/// `Number(text)`: surrounding white space ignored, empty text is 0, anything that is
/// not a whole number literal is NaN.
pub fn parse_js_number(text: &str) -> f64 {
    let t = text.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    if t.is_empty() {
        return 0.0;
    }
    let (sign, body) = match t.as_bytes()[0] {
        b'-' => (-1.0, &t[1..]),
        b'+' => (1.0, &t[1..]),
        _ => (1.0, t),
    };
    if body == "Infinity" {
        return sign * f64::INFINITY;
    }
    if sign == 1.0 && !t.starts_with('+') {
        for (prefix, radix) in [("0x", 16), ("0X", 16), ("0o", 8), ("0O", 8), ("0b", 2), ("0B", 2)] {
            if let Some(h) = t.strip_prefix(prefix) {
                if h.is_empty() || !h.chars().all(|c| c.is_digit(radix)) {
                    return f64::NAN;
                }
                return h.chars().fold(0.0, |acc, c| acc * radix as f64 + c.to_digit(radix).unwrap_or(0) as f64);
            }
        }
    }
    let ok = {
        let b = body.as_bytes();
        let mut i = 0;
        let mut int_digits = 0;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
            int_digits += 1;
        }
        let mut frac_digits = 0;
        if i < b.len() && b[i] == b'.' {
            i += 1;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
                frac_digits += 1;
            }
        }
        let mut good = int_digits + frac_digits > 0;
        if good && i < b.len() && (b[i] == b'e' || b[i] == b'E') {
            i += 1;
            if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
                i += 1;
            }
            let s = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            good = i > s;
        }
        good && i == b.len()
    };
    if !ok {
        return f64::NAN;
    }
    if let Some(x) = fast_f64(body) {
        return sign * x;
    }
    // JSON has no bare dot ("5." / ".5") and no leading zeros ("007")
    let mut fixed = body.replace(".e", ".0e").replace(".E", ".0E");
    if fixed.ends_with('.') {
        fixed.push('0');
    }
    if fixed.starts_with('.') {
        fixed.insert(0, '0');
    }
    let trimmed = fixed.trim_start_matches('0');
    let fixed = if trimmed.is_empty() || trimmed.starts_with(['.', 'e', 'E']) { format!("0{trimmed}") } else { trimmed.to_string() };
    sign * parse_f64(&fixed)
}

/// ToInt32-like truncation for indexes and counts; NaN becomes 0.
pub fn to_integer(x: f64) -> i64 {
    if x.is_nan() {
        0
    } else if x >= i64::MAX as f64 {
        i64::MAX
    } else if x <= i64::MIN as f64 {
        i64::MIN
    } else {
        x.trunc() as i64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The number as JavaScript's `String(x)` writes it, by the slow general path.
    fn by_ryu(x: f64) -> String {
        to_js_string(x)
    }

    #[test]
    fn the_fast_paths_write_what_ryu_does() {
        let mut values = vec![89.9, 39.5, 1234.5, 0.1, 0.2 + 0.1, 1e-6, 1.5e-6, 0.000001, 999999999.999999, 123456.789012, 1e9 - 0.5, 0.5, -0.5, -89.9,
                              0.123456, 0.1234567, 5e-7, 1e15 + 0.5, 4503599627370495.5, 9.2e18, 9.3e18, -9.2e18, 1e20, 0.0, -0.0];
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..200_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let k = (seed % 8) as i32;
            let m = (seed >> 8) % 10_000_000_000_000;
            values.push(m as f64 / 10f64.powi(k));
            values.push(-(m as f64) / 10f64.powi(k));
            values.push(f64::from_bits(seed >> 2));
        }
        for x in values.into_iter().filter(|x| x.is_finite()) {
            let mut out = String::new();
            write_js_number(x, &mut out);
            let want = if x == 0.0 { "0".to_string() } else { by_ryu(x) };
            assert_eq!(out, want, "{x:e}");
        }
    }

    #[test]
    fn prints_like_javascript() {
        for (x, s) in [
            (-0.0, "0"),
            (-42.0, "-42"),
            (89.9, "89.9"),
            (1.5e16, "15000000000000000"),
            (0.000001, "0.000001"),
            (123.456e-3, "0.123456"),
            (1.0, "1"),
            (-1.5, "-1.5"),
            (0.1 + 0.2, "0.30000000000000004"),
            (1e21, "1e+21"),
            (1e20, "100000000000000000000"),
            // past 2^53, the shortest digits padded with zeros, not the exact integer
            (1152921504606846976.0, "1152921504606847000"),
            (18446744073709551616.0, "18446744073709552000"),
            (-123456789012345677877.0, "-123456789012345680000"),
            (9007199254740993.0 * 2.0, "18014398509481984"),
            (1e-7, "1e-7"),
            (0.000001, "0.000001"),
            (123456789.0, "123456789"),
            (1.5e-10, "1.5e-10"),
            (f64::NAN, "NaN"),
        ] {
            assert_eq!(to_js_string(x), s);
            let mut w = String::new();
            write_js_number(x, &mut w);
            assert_eq!(w, s, "{x}");
        }
    }

    #[test]
    fn the_fast_path_agrees_with_the_full_reader() {
        for t in ["89.9", "0.1", "1234.50", "-0.25", "1e3", "2.5e-3", "123456789012345", "0.000001", "9007199254740993", "1e400", "4.35", "0.3", "0.30000000000000004", "-1.7976931348623157e308", "-0.0"] {
            let full: f64 = t.parse().unwrap();
            assert_eq!(parse_f64(t).to_bits(), full.to_bits(), "{t}");
        }
    }

    #[test]
    fn reads_numbers_as_serde_json_does() {
        let mut texts: Vec<String> = [
            "0", "-0", "1", "-1", "0.5", "-0.0", "1e0", "1E+2", "1e-2", "00", "01", "1.", ".5", "-", "", "1e", "1e+",
            "18446744073709551615", "18446744073709551616", "184467440737095516150", "1844674407370955161.5",
            "1844674407370955161.7", "18446744073709551616.25e-3", "123456789012345678901234567890",
            "0.1000000000000000055511151231257827021181583404541015625", "2.2250738585072011e-308",
            "4.9e-324", "5e-324", "2e-324", "1e-400", "1e308", "1.7976931348623157e308", "1.8e308", "1e309",
            "1e2147483647", "1e2147483648", "0e99999999999", "1e-99999999999", "-1e-99999999999", "9007199254740993",
            "9007199254740993.0", "1 ", " 1", "1x", "1.5e3x", "-.5", "+1", "0.30000000000000004", "123.456e-3",
            "3.141592653589793238462643383279", "1e22", "1e23", "8.5e-310", "-9223372036854775808", "-9223372036854775809",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        // pseudo-random decimals of every length and exponent
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..20_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let digits = (seed % 40) as usize + 1;
            let mut t = String::new();
            if seed & 1 << 40 != 0 {
                t.push('-');
            }
            let mut r = seed;
            for k in 0..digits {
                if k == (seed >> 8) as usize % (digits + 1) && k > 0 {
                    t.push('.');
                }
                r = r.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                t.push((b'0' + (r >> 60) as u8 % 10) as char);
            }
            if seed & 1 << 41 != 0 {
                t.push_str(&format!("e{}", (seed >> 20) as i64 % 700 - 350));
            }
            texts.push(t);
        }
        for t in &texts {
            let serde = serde_json::from_str::<f64>(t).ok();
            let mine = json_f64(t.trim_matches([' ', '\t', '\n', '\r']).as_bytes());
            assert_eq!(mine.map(f64::to_bits), serde.map(f64::to_bits), "{t:?}");
        }
    }

    #[test]
    fn reads_like_javascript() {
        assert_eq!(parse_js_number(" 12.5 "), 12.5);
        assert_eq!(parse_js_number(""), 0.0);
        assert_eq!(parse_js_number("0x1F"), 31.0);
        assert_eq!(parse_js_number("-Infinity"), f64::NEG_INFINITY);
        assert_eq!(parse_js_number(".5"), 0.5);
        assert!(parse_js_number("12px").is_nan());
        assert!(parse_js_number("1e").is_nan());
    }
}
/// The powers of ten as doubles, 1e0 to 1e308 (the nearest double to each).
static POW10: [f64; 309] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9,
    1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
    1e20, 1e21, 1e22, 1e23, 1e24, 1e25, 1e26, 1e27, 1e28, 1e29,
    1e30, 1e31, 1e32, 1e33, 1e34, 1e35, 1e36, 1e37, 1e38, 1e39,
    1e40, 1e41, 1e42, 1e43, 1e44, 1e45, 1e46, 1e47, 1e48, 1e49,
    1e50, 1e51, 1e52, 1e53, 1e54, 1e55, 1e56, 1e57, 1e58, 1e59,
    1e60, 1e61, 1e62, 1e63, 1e64, 1e65, 1e66, 1e67, 1e68, 1e69,
    1e70, 1e71, 1e72, 1e73, 1e74, 1e75, 1e76, 1e77, 1e78, 1e79,
    1e80, 1e81, 1e82, 1e83, 1e84, 1e85, 1e86, 1e87, 1e88, 1e89,
    1e90, 1e91, 1e92, 1e93, 1e94, 1e95, 1e96, 1e97, 1e98, 1e99,
    1e100, 1e101, 1e102, 1e103, 1e104, 1e105, 1e106, 1e107, 1e108, 1e109,
    1e110, 1e111, 1e112, 1e113, 1e114, 1e115, 1e116, 1e117, 1e118, 1e119,
    1e120, 1e121, 1e122, 1e123, 1e124, 1e125, 1e126, 1e127, 1e128, 1e129,
    1e130, 1e131, 1e132, 1e133, 1e134, 1e135, 1e136, 1e137, 1e138, 1e139,
    1e140, 1e141, 1e142, 1e143, 1e144, 1e145, 1e146, 1e147, 1e148, 1e149,
    1e150, 1e151, 1e152, 1e153, 1e154, 1e155, 1e156, 1e157, 1e158, 1e159,
    1e160, 1e161, 1e162, 1e163, 1e164, 1e165, 1e166, 1e167, 1e168, 1e169,
    1e170, 1e171, 1e172, 1e173, 1e174, 1e175, 1e176, 1e177, 1e178, 1e179,
    1e180, 1e181, 1e182, 1e183, 1e184, 1e185, 1e186, 1e187, 1e188, 1e189,
    1e190, 1e191, 1e192, 1e193, 1e194, 1e195, 1e196, 1e197, 1e198, 1e199,
    1e200, 1e201, 1e202, 1e203, 1e204, 1e205, 1e206, 1e207, 1e208, 1e209,
    1e210, 1e211, 1e212, 1e213, 1e214, 1e215, 1e216, 1e217, 1e218, 1e219,
    1e220, 1e221, 1e222, 1e223, 1e224, 1e225, 1e226, 1e227, 1e228, 1e229,
    1e230, 1e231, 1e232, 1e233, 1e234, 1e235, 1e236, 1e237, 1e238, 1e239,
    1e240, 1e241, 1e242, 1e243, 1e244, 1e245, 1e246, 1e247, 1e248, 1e249,
    1e250, 1e251, 1e252, 1e253, 1e254, 1e255, 1e256, 1e257, 1e258, 1e259,
    1e260, 1e261, 1e262, 1e263, 1e264, 1e265, 1e266, 1e267, 1e268, 1e269,
    1e270, 1e271, 1e272, 1e273, 1e274, 1e275, 1e276, 1e277, 1e278, 1e279,
    1e280, 1e281, 1e282, 1e283, 1e284, 1e285, 1e286, 1e287, 1e288, 1e289,
    1e290, 1e291, 1e292, 1e293, 1e294, 1e295, 1e296, 1e297, 1e298, 1e299,
    1e300, 1e301, 1e302, 1e303, 1e304, 1e305, 1e306, 1e307, 1e308,
];
