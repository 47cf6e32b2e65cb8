//! Decimal text to the *nearest* double, as JavaScript's `Number(text)` reads it, without
//! core's `str::parse::<f64>` (its tables cost about 10 KB of wasm) or serde_json's
//! `float_roundtrip` (about 34 KB). serde_json's default reader is off by an ulp or more
//! for long digit strings and far exponents (found by fuzzing: a 103-digit literal read
//! 1 ulp high, so it printed as another number). So its answer is only the first guess:
//! `correct` compares the exact decimal against the exact midpoints around the guess, in
//! integer arithmetic, and steps to the right neighbour (ties to even).

use std::cmp::Ordering;

/// A decimal `digits × 10^exp10`, digits without leading zeros.
struct Decimal {
    digits: Vec<u8>,
    exp10: i32,
}

/// 767 significant digits decide any double's rounding (the longest midpoint); the
/// digits past 780 only matter through "is any of them non-zero", kept as one more 1.
const MAX_DIGITS: usize = 780;

fn decimal(text: &str) -> Option<Decimal> {
    let (mantissa, exp) = match text.bytes().position(|b| b == b'e' || b == b'E') {
        Some(i) => (&text[..i], exponent(&text[i + 1..])?),
        None => (text, 0),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let mut digits: Vec<u8> = Vec::new();
    let mut exp10 = exp.clamp(-100_000, 100_000) - frac.len() as i64;
    let mut sticky = false;
    for b in int.bytes().chain(frac.bytes()) {
        if !b.is_ascii_digit() {
            return None;
        }
        if digits.is_empty() && b == b'0' {
            continue;
        }
        if digits.len() < MAX_DIGITS {
            digits.push(b - b'0');
        } else {
            sticky |= b != b'0';
            exp10 += 1;
        }
    }
    if sticky {
        digits.push(1);
        exp10 -= 1;
    }
    while digits.last() == Some(&0) {
        digits.pop();
        exp10 += 1;
    }
    Some(Decimal { digits, exp10: exp10.clamp(-200_000, 200_000) as i32 })
}

/// `[+-]digits`, saturated far beyond any double's range.
fn exponent(t: &str) -> Option<i64> {
    let (neg, digits) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    if digits.is_empty() {
        return None;
    }
    let mut e: i64 = 0;
    for b in digits.bytes() {
        if !b.is_ascii_digit() {
            return None;
        }
        e = (e * 10 + (b - b'0') as i64).min(1 << 40);
    }
    Some(if neg { -e } else { e })
}

/// Little-endian base-2^32 natural numbers: just what the comparison needs.
#[derive(Clone)]
struct Big(Vec<u32>);

impl Big {
    fn from_u64(n: u64) -> Big {
        Big(vec![n as u32, (n >> 32) as u32])
    }

    fn mul_add(&mut self, m: u32, add: u32) {
        let mut carry = add as u64;
        for w in &mut self.0 {
            let v = *w as u64 * m as u64 + carry;
            *w = v as u32;
            carry = v >> 32;
        }
        if carry != 0 {
            self.0.push(carry as u32);
        }
    }

    fn mul_pow10(&mut self, mut e: u32) {
        while e >= 9 {
            self.mul_add(1_000_000_000, 0);
            e -= 9;
        }
        self.mul_add(10u32.pow(e), 0);
    }

    fn shl(&mut self, bits: u32) {
        let (words, bits) = ((bits / 32) as usize, bits % 32);
        if bits != 0 {
            let mut carry = 0u32;
            for w in &mut self.0 {
                let v = (*w as u64) << bits | carry as u64;
                *w = v as u32;
                carry = (v >> 32) as u32;
            }
            if carry != 0 {
                self.0.push(carry);
            }
        }
        if words > 0 {
            let mut shifted = vec![0; words];
            shifted.extend_from_slice(&self.0);
            self.0 = shifted;
        }
    }

    fn cmp(&self, other: &Big) -> Ordering {
        let len = |b: &Big| b.0.iter().rposition(|w| *w != 0).map_or(0, |i| i + 1);
        let (a, b) = (len(self), len(other));
        a.cmp(&b).then_with(|| self.0[..a].iter().rev().cmp(other.0[..b].iter().rev()))
    }
}

/// `d` against `m × 2^k`, exactly.
fn compare(d: &Decimal, m: u64, k: i32) -> Ordering {
    let mut left = Big(vec![0]);
    for &digit in &d.digits {
        left.mul_add(10, digit as u32);
    }
    let mut right = Big::from_u64(m);
    if d.exp10 >= 0 {
        left.mul_pow10(d.exp10 as u32);
    } else {
        right.mul_pow10(d.exp10.unsigned_abs());
    }
    if k >= 0 {
        right.shl(k as u32);
    } else {
        left.shl(k.unsigned_abs());
    }
    left.cmp(&right)
}

/// `x` (finite, non-negative) as `m × 2^q` with `m` below 2^53.
fn parts(x: f64) -> (u64, i32) {
    let bits = x.to_bits();
    let e = (bits >> 52) as i32;
    let f = bits & ((1 << 52) - 1);
    if e == 0 {
        (f, -1074)
    } else {
        (f | 1 << 52, e - 1075)
    }
}

/// Where the decimal lies from the double with these bits: `Equal` when that double is
/// the nearest, else the side on which the nearest one is.
fn side(d: &Decimal, bits: u64) -> Ordering {
    let (m, q) = parts(f64::from_bits(bits));
    let odd = m % 2 == 1;
    // the midpoint above: (2m + 1) × 2^(q - 1)
    match compare(d, 2 * m + 1, q - 1) {
        Ordering::Greater => return Ordering::Greater,
        Ordering::Equal if odd => return Ordering::Greater,
        _ => {}
    }
    if bits == 0 {
        return Ordering::Equal;
    }
    // the midpoint below, one binade down when m is the binade's first mantissa
    let (lm, lk) = if m == 1 << 52 && q > -1074 { (4 * m - 1, q - 2) } else { (2 * m - 1, q - 1) };
    match compare(d, lm, lk) {
        Ordering::Less => Ordering::Less,
        Ordering::Equal if odd => Ordering::Less,
        _ => Ordering::Equal,
    }
}

/// The double nearest to the non-negative decimal `text`, starting from `guess`. Not
/// inlined: the number readers that call it are, and one copy is enough.
#[inline(never)]
pub fn correct(text: &str, guess: f64) -> f64 {
    let Some(d) = decimal(text) else { return guess };
    if d.digits.is_empty() {
        return 0.0;
    }
    // beyond these the answer is plain, and the integers would be needlessly large
    let magnitude = d.digits.len() as i32 + d.exp10;
    if magnitude > 310 {
        return f64::INFINITY;
    }
    if magnitude < -330 {
        return 0.0;
    }
    let max = f64::MAX.to_bits();
    if side(&d, max) == Ordering::Greater {
        return f64::INFINITY;
    }
    // serde_json's guess is within a few ulps: walk from it
    let mut bits = if guess.is_nan() || guess < 0.0 { 0 } else { guess.min(f64::MAX).to_bits() };
    for _ in 0..8 {
        match side(&d, bits) {
            Ordering::Equal => return f64::from_bits(bits),
            Ordering::Greater => bits += 1,
            Ordering::Less => bits -= 1,
        }
    }
    // a guess further off: non-negative doubles are ordered as their bits, so search them
    let (mut lo, mut hi) = (0u64, max);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        match side(&d, mid) {
            Ordering::Equal => return f64::from_bits(mid),
            Ordering::Greater => lo = mid + 1,
            Ordering::Less => hi = mid,
        }
    }
    f64::from_bits(lo)
}

#[cfg(test)]
mod tests {
    use super::correct;

    #[test]
    fn agrees_with_the_standard_library_where_a_guess_is_off() {
        let long = "4".repeat(103);
        let cases = [
            long.as_str(), "0.30000000000000004", "123456789012345678901234567890", "2.2250738585072011e-308",
            "4.9e-324", "2.4703282292062327e-324", "2.4703282292062328e-324", "1.7976931348623157e308",
            "1.7976931348623158e308", "1.7976931348623159e308", "9007199254740993", "9007199254740992.5",
            "7.038531e-26", "8.98846567431158e307", "0.1", "1e23", "5e-324", "1e-400", "1e400", "0", "0.000",
        ];
        for t in cases {
            let want: f64 = t.parse().unwrap();
            for guess in [want, 0.0, f64::from_bits(want.to_bits().saturating_add(3)), f64::INFINITY] {
                assert_eq!(correct(t, guess).to_bits(), want.to_bits(), "{t} from {guess:e}");
            }
        }
    }

    #[test]
    fn digits_past_the_decisive_ones_still_round_up() {
        // exactly halfway between 1 and the next double, plus a 1 far away: rounds up
        let half = "1.00000000000000011102230246251565404236316680908203125";
        assert_eq!(correct(half, 1.0), 1.0, "a tie goes to the even mantissa");
        let above = format!("{half}{}1", "0".repeat(900));
        assert_eq!(correct(&above, 1.0), f64::from_bits(1.0f64.to_bits() + 1));
    }
}
