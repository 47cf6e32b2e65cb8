//! Characters as JavaScript's RegExp sees them: `\d \w \s`, line terminators, classes and
//! case canonicalisation. Case mapping is the text functions' own (Latin, Greek, Cyrillic;
//! core's Unicode case tables would cost about 25 KB of wasm), so `i` folds those scripts
//! and leaves the others (Armenian, Georgian, ...) case-sensitive.

use crate::iml::functions::text::{lower_one, upper_one};

/// `\d \D \w \W \s \S` as bits of `Set::cls`.
pub const D: u8 = 1;
pub const W: u8 = 4;
pub const S: u8 = 16;

/// A `[...]` class (or a class escape outside one): ranges of code points, the class
/// escapes it holds (a bit for each, the next bit up for its negation) and `^`.
#[derive(Debug, Clone, Default)]
pub struct Set {
    pub neg: bool,
    pub ranges: Vec<(u32, u32)>,
    pub cls: u8,
}

pub fn is_word(c: u32) -> bool {
    matches!(c, 0x30..=0x39 | 0x41..=0x5A | 0x61..=0x7A | 0x5F)
}

/// ECMAScript WhiteSpace and LineTerminator, which is what `\s` matches.
pub fn is_space(c: u32) -> bool {
    matches!(c, 9..=13 | 0x20 | 0xA0 | 0x1680 | 0x2000..=0x200A | 0x2028 | 0x2029 | 0x202F | 0x205F | 0x3000 | 0xFEFF)
}

/// Where `.` stops and `^ $` (with `m`) see a line.
pub fn is_line_end(c: u32) -> bool {
    matches!(c, 10 | 13 | 0x2028 | 0x2029)
}

fn up(c: u32) -> u32 {
    char::from_u32(c).map_or(c, |c| upper_one(c) as u32)
}

fn low(c: u32) -> u32 {
    char::from_u32(c).map_or(c, |c| lower_one(c) as u32)
}

/// The spec's Canonicalize: without `u` the simple upper-case mapping, unless it would
/// take a non-ASCII character to ASCII (`ſ` stays apart from `s`); with `u`, simple case
/// folding, approximated by lower(upper(c)) (`ı` and `İ` fold to themselves, the letters
/// that approximation gets wrong among those the mapping covers).
#[inline(never)]
pub fn canon(c: u32, unicode: bool) -> u32 {
    if c < 128 {
        let b = c as u8;
        return if unicode { b.to_ascii_lowercase() } else { b.to_ascii_uppercase() } as u32;
    }
    if unicode {
        if c == 0x130 || c == 0x131 { c } else { low(up(c)) }
    } else {
        let u = up(c);
        if u < 128 { c } else { u }
    }
}

impl Set {
    fn has(&self, c: u32) -> bool {
        let k = self.cls;
        self.ranges.iter().any(|&(a, b)| a <= c && c <= b)
            || (k & (D | D << 1) != 0 && test(k, D, c.wrapping_sub(0x30) < 10))
            || (k & (W | W << 1) != 0 && test(k, W, is_word(c)))
            || (k & (S | S << 1) != 0 && test(k, S, is_space(c)))
    }

    /// With `i`, a class matches `c` when one of its members canonicalises as `c` does;
    /// those members are looked for among `c`'s case variants: its own, and the two
    /// letters of the mapping whose upper case has a second lower case (final sigma `ς`,
    /// the micro sign `µ`).
    pub fn matches(&self, c: u32, icase: Option<bool>) -> bool {
        let hit = match icase {
            None => self.has(c),
            Some(u) => {
                let k = canon(c, u);
                let third = match up(k) {
                    0x3A3 => 0x3C2,
                    0x39C => 0xB5,
                    _ => k,
                };
                [c, k, up(c), low(c), up(k), low(k), third].iter().any(|&x| self.has(x) && canon(x, u) == k)
            }
        };
        hit != self.neg
    }
}

fn test(k: u8, bit: u8, yes: bool) -> bool {
    (k & bit != 0 && yes) || (k & bit << 1 != 0 && !yes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonicalisation_follows_the_two_js_modes() {
        assert_eq!(canon('a' as u32, false), 'A' as u32);
        assert_eq!(canon('ſ' as u32, false), 'ſ' as u32); // would be ASCII 'S'
        assert_eq!(canon('ς' as u32, false), canon('σ' as u32, false));
        assert_eq!(canon('Ё' as u32, true), canon('ё' as u32, true));
        assert_eq!(canon('µ' as u32, false), canon('μ' as u32, false));
        assert_eq!(canon('ß' as u32, false), 'ß' as u32); // upper is two letters
        assert_eq!(canon('ש' as u32, true), 'ש' as u32);
    }

    #[test]
    fn classes_with_escapes_negation_and_case() {
        let s = Set { neg: false, ranges: vec![(0x61, 0x7A)], cls: S };
        assert!(s.matches('q' as u32, None) && s.matches(0x3000, None) && !s.matches('Q' as u32, None));
        assert!(s.matches('Q' as u32, Some(false)));
        let sigma = Set { neg: false, ranges: vec![(0x3C2, 0x3C2)], cls: 0 }; // [ς]
        for u in [false, true] {
            assert!(sigma.matches('σ' as u32, Some(u)) && sigma.matches('Σ' as u32, Some(u)), "u {u}");
        }
        let micro = Set { neg: false, ranges: vec![(0xB5, 0xB5)], cls: 0 }; // [µ]
        assert!(micro.matches('μ' as u32, Some(false)) && micro.matches('Μ' as u32, Some(true)));
        let not_digit = Set { neg: false, ranges: vec![], cls: D << 1 };
        assert!(not_digit.matches('x' as u32, None) && !not_digit.matches('7' as u32, None));
        let neg = Set { neg: true, ranges: vec![], cls: W };
        assert!(neg.matches('-' as u32, None) && !neg.matches('_' as u32, None));
    }
}
