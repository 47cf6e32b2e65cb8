//! JavaScript regular expressions (`/pattern/flags` arguments of `replace` and `split`)
//! with V8's semantics, in a small engine of our own: Make evaluates IML in Node.js, so
//! look-around, back-references, named groups and JS's rules for empty iterations and
//! captures are what users expect.
//!
//! It matches code points: without `u` V8 matches UTF-16 code units, so only `.` (and
//! classes) against an astral character (an emoji) differ; the whole BMP is the same.
//! `\p{...}` is refused. `i` folds the scripts the text functions map (Latin, Greek,
//! Cyrillic; see `class`). Matching never recurses natively and charges every step to the
//! evaluation's work budget; without back-references it is memoised, linear in program
//! size times text length (see `exec`), except that a look-around whose body succeeded is
//! tried again at each position that asks (as V8 does).

mod class;
mod compile;
mod exec;
mod parse;

pub use class::canon;
pub use exec::Matcher;

/// Why a pattern is refused: JS would reject it, or it is past a size or nesting limit.
#[derive(Debug)]
pub struct Error(pub &'static str);

pub const TOO_BIG: &str = "compiles past the size limit";
pub const TOO_DEEP: &str = "nested too deeply";

impl Error {
    pub fn limit(&self) -> bool {
        self.0 == TOO_BIG || self.0 == TOO_DEEP
    }
}

pub struct Regex {
    prog: compile::Program,
    sets: Vec<class::Set>,
    /// Memo row of each split instruction.
    memo_id: Vec<u32>,
    splits: u32,
    pub groups: u32,
    pub names: Vec<(String, u32)>,
    /// `Some(unicode)` with `i`.
    icase: Option<bool>,
    multiline: bool,
    pub global: bool,
    pub sticky: bool,
}

/// A text as the engine reads it (one decoding loop in the module, not one per use).
#[inline(never)]
pub fn chars(s: &str) -> Vec<char> {
    let mut v = Vec::with_capacity(s.len());
    for c in s.chars() {
        v.push(c);
    }
    v
}

/// JS's flags as bits (`d` is accepted and means nothing here); `None` when one is not
/// a flag, and then the argument is not a regex but plain text.
pub fn flags(f: &str) -> Option<u8> {
    let mut bits = 0;
    for b in f.bytes() {
        let bit = 1 << b"dgimsuy".iter().position(|&x| x == b)?;
        // JS refuses a flag given twice too
        if bits & bit != 0 {
            return None;
        }
        bits |= bit;
    }
    Some(bits)
}

fn bit(flags: u8, f: u8) -> bool {
    flags & 1 << b"dgimsuy".iter().position(|&x| x == f).unwrap_or(0) != 0
}

impl Regex {
    /// Work to charge before matching a text of `n` characters: compiling the program
    /// and clearing the memo, which the matcher's steps do not count.
    pub fn cost(&self, n: usize) -> u64 {
        (self.prog.insts.len() + self.splits as usize * (n + 1) / 64) as u64
    }

    pub fn new(pattern: &str, flags: u8) -> Result<Regex, Error> {
        let has = |f| bit(flags, f);
        let u = has(b'u');
        let icase = has(b'i').then_some(u);
        let parsed = parse::parse(pattern, u, icase, has(b's'))?;
        let prog = parsed.prog;
        let mut splits = 0;
        let memo_id = prog
            .insts
            .iter()
            .map(|i| match i {
                compile::Inst::Split(..) => {
                    splits += 1;
                    splits - 1
                }
                _ => compile::NONE,
            })
            .collect();
        Ok(Regex {
            prog,
            sets: parsed.sets,
            memo_id,
            splits,
            groups: parsed.groups,
            names: parsed.names,
            icase,
            multiline: has(b'm'),
            global: has(b'g'),
            sticky: has(b'y'),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::iml::limits::{Budget, Limits};

    /// The match and its groups, as JS's `exec` shows them (None for undefined).
    fn exec(p: &str, f: &str, s: &str) -> Option<Vec<Option<String>>> {
        let re = Regex::new(p, flags(f).unwrap()).unwrap();
        let t: Vec<char> = s.chars().collect();
        let mut m = Matcher::new(&re, &t);
        let budget = Budget::new(&Limits::default());
        if !m.find(0, re.sticky, &budget).unwrap() {
            return None;
        }
        Some((0..=re.groups as usize).map(|k| m.group(k).map(|(a, b)| t[a..b].iter().collect())).collect())
    }

    fn strs(v: &[Option<&str>]) -> Option<Vec<Option<String>>> {
        Some(v.iter().map(|s| s.map(str::to_string)).collect())
    }

    #[test]
    fn groups_look_around_and_references() {
        assert_eq!(exec("(a+)(b)?", "", "xaac"), strs(&[Some("aa"), Some("aa"), None]));
        assert_eq!(exec("(?<=(\\d+))x", "", "12x"), strs(&[Some("x"), Some("12")]));
        assert_eq!(exec("(?<=\\1(a))b", "", "aab"), strs(&[Some("b"), Some("a")]));
        assert_eq!(exec("(?=(a+))a*b\\1", "", "baaabac"), strs(&[Some("aba"), Some("a")]));
        assert_eq!(exec("(?!(a)b)\\w", "", "abc"), strs(&[Some("b"), None]));
        assert_eq!(exec("\\1(a)", "", "aa"), strs(&[Some("a"), Some("a")]));
        assert_eq!(exec("(?<y>\\d{4})-\\k<y>", "", "x 2024-2024"), strs(&[Some("2024-2024"), Some("2024")]));
        assert_eq!(exec("(A)\\1", "i", "aA"), strs(&[Some("aA"), Some("a")]));
    }

    #[test]
    fn js_rules_for_empty_iterations_and_iteration_captures() {
        assert_eq!(exec("(a*)*", "", "b"), strs(&[Some(""), None]));
        assert_eq!(exec("(a*)+", "", "b"), strs(&[Some(""), Some("")]));
        assert_eq!(exec("(?:(a)|b)+", "", "ab"), strs(&[Some("ab"), None]));
        assert_eq!(exec("(a*)?", "", "b"), strs(&[Some(""), None]));
        assert_eq!(exec("(z)((a+)?(b+)?(c))*", "", "zaacbbbcac"), strs(&[Some("zaacbbbcac"), Some("z"), Some("ac"), Some("a"), None, Some("c")]));
        assert_eq!(exec("(?:a|b)*?c", "", "abc"), strs(&[Some("abc")]));
    }

    #[test]
    fn flags_anchors_and_escapes() {
        assert_eq!(exec("^b$", "m", "a\nb\nc"), strs(&[Some("b")]));
        assert_eq!(exec("^b", "", "a\nb"), None);
        assert_eq!(exec("a.c", "", "a\nc"), None);
        assert_eq!(exec("a.c", "s", "a\nc"), strs(&[Some("a\nc")]));
        assert_eq!(exec("\\bשלום\\b", "", "x שלום"), None); // Hebrew letters are not \w
        assert_eq!(exec("\\u05e9\\x41\\cJ", "", "שA\n"), strs(&[Some("שA\n")]));
        assert_eq!(exec("ÉTÉ", "i", "été"), strs(&[Some("été")]));
        assert_eq!(exec("b", "y", "ab"), None);
        assert_eq!(exec("\\s+", "", "a\u{a0}\u{3000}b"), strs(&[Some("\u{a0}\u{3000}")]));
    }

    #[test]
    fn catastrophic_patterns_finish_through_the_memo() {
        let s = format!("{}b", "a".repeat(20_000));
        for p in ["(a+)+$", "(a|aa)*c", "(a*)*c", "(?:a|a)*c", "(?=(a+)+c)", "((a|a)?)+c"] {
            assert_eq!(exec(p, "", &s), None, "{p}");
        }
    }

    #[test]
    fn back_reference_blow_up_stops_at_the_work_limit() {
        let re = Regex::new("(a*)*\\1b", 0).unwrap();
        let t: Vec<char> = "a".repeat(30).chars().collect();
        let mut m = Matcher::new(&re, &t);
        let budget = Budget::new(&Limits { work: 1_000_000, ..Limits::default() });
        assert!(m.find(0, false, &budget).is_err());
    }

    #[test]
    fn program_size_is_limited() {
        assert!(Regex::new("((a{1000}){1000}){1000}", 0).err().unwrap().limit());
        assert!(Regex::new("a{1000}", 0).is_ok());
    }
}
