//! Pattern text to a tree, with V8's syntax: the Annex B leniencies without `u` (identity
//! escapes, literal `{ } ]`, `\8`, legacy octal, quantified look-ahead) and its strict
//! errors with `u`. Messages are short and fixed: they end up after the argument's name.

use super::class::{canon, Set, D, S, W};
use super::compile::{Eat, Inst, Program, NAMED};
use super::Error;
use crate::iml::lexer::{is_ident_char, is_ident_start};

/// Deepest nesting of groups and look-arounds; it also bounds the parser's recursion,
/// which a wasm stack could not take unbounded.
pub const MAX_DEPTH: u32 = 64;
pub const INF: u32 = u32::MAX;

pub struct Parsed {
    pub prog: Program,
    pub groups: u32,
    pub names: Vec<(String, u32)>,
    pub sets: Vec<Set>,
}

struct P {
    s: Vec<char>,
    i: usize,
    u: bool,
    icase: Option<bool>,
    dotall: bool,
    /// Capturing groups in the whole pattern and whether one is named, known before
    /// parsing: `\10` is a reference only if ten groups exist, `\k` a name only if one does.
    total: u32,
    named: bool,
    groups: u32,
    depth: u32,
    names: Vec<(String, u32)>,
    /// Names that `\k<...>` refers to, by the index in a `Ref`'s `NAMED` form.
    refs: Vec<String>,
    sets: Vec<Set>,
    prog: Program,
}

fn err<T>(msg: &'static str) -> Result<T, Error> {
    Err(Error(msg))
}

pub fn parse(pattern: &str, u: bool, icase: Option<bool>, dotall: bool) -> Result<Parsed, Error> {
    let s = super::chars(pattern);
    let (total, named) = prescan(&s);
    let mut p = P { s, i: 0, u, icase, dotall, total, named, groups: 0, depth: 0, names: Vec::new(), refs: Vec::new(), sets: Vec::new(), prog: Program::default() };
    p.alt(false)?;
    if p.i < p.s.len() {
        return err("unmatched ')'");
    }
    // the registers sit after `total` groups' slots
    if p.groups != total {
        return err("invalid group");
    }
    p.prog.emit(Inst::Match);
    for i in &mut p.prog.insts {
        if let Inst::Ref(k, back) = *i {
            if k & NAMED != 0 {
                let name = &p.refs[(k & !NAMED) as usize];
                let Some(&(_, g)) = p.names.iter().find(|(n, _)| n == name) else { return err("invalid named reference") };
                *i = Inst::Ref(g, back);
            }
        }
    }
    Ok(Parsed { prog: p.prog, groups: p.groups, names: p.names, sets: p.sets })
}

fn prescan(s: &[char]) -> (u32, bool) {
    let (mut n, mut named, mut class, mut i) = (0, false, false, 0);
    while i < s.len() {
        match s[i] {
            '\\' => i += 1,
            '[' => class = true,
            ']' => class = false,
            '(' if !class => {
                if s.get(i + 1) != Some(&'?') {
                    n += 1;
                } else if s.get(i + 2) == Some(&'<') && !matches!(s.get(i + 3), Some('=' | '!')) {
                    n += 1;
                    named = true;
                }
            }
            _ => {}
        }
        i += 1;
    }
    (n, named)
}

fn hex(c: char) -> Option<u32> {
    c.to_digit(16)
}

impl P {
    fn peek(&self) -> Option<char> {
        self.s.get(self.i).copied()
    }
    fn eat(&mut self, c: char) -> bool {
        let hit = self.peek() == Some(c);
        self.i += hit as usize;
        hit
    }

    /// Each parse function emits what it read (backwards when `back`, for look-behind)
    /// and says whether that can match empty.
    fn alt(&mut self, back: bool) -> Result<bool, Error> {
        let from = self.prog.pc();
        let mut alts = Vec::new();
        let mut nullable = false;
        loop {
            nullable |= self.cat(back)?;
            alts.push(self.prog.take(from));
            if !self.eat('|') {
                break;
            }
        }
        self.prog.alternatives(&alts, from)?;
        Ok(nullable)
    }

    fn cat(&mut self, back: bool) -> Result<bool, Error> {
        let from = self.prog.pc();
        let mut terms = Vec::new();
        let mut nullable = true;
        while let Some(c) = self.peek() {
            if c == '|' || c == ')' {
                break;
            }
            nullable &= self.term(back)?;
            if back {
                terms.push(self.prog.take(from));
            }
        }
        // backwards, the last term is matched first
        for t in terms.iter().rev() {
            self.prog.put(t, from)?;
        }
        Ok(nullable)
    }

    fn term(&mut self, back: bool) -> Result<bool, Error> {
        let from = self.prog.pc();
        let first = self.groups;
        let (nullable, quantifiable) = self.atom(back)?;
        let start = self.i;
        let (min, max) = match self.peek() {
            Some('*') => (0, INF),
            Some('+') => (1, INF),
            Some('?') => (0, 1),
            Some('{') => match self.braces()? {
                Some(b) => {
                    self.i -= 1; // the common `self.i += 1` below
                    b
                }
                None => return Ok(nullable),
            },
            _ => return Ok(nullable),
        };
        self.i += 1;
        if !quantifiable {
            self.i = start;
            return err("nothing to repeat");
        }
        let greedy = !self.eat('?');
        let body = self.prog.take(from);
        self.prog.repeat(&body, from, min, max, greedy, (first + 1, self.groups - first), nullable, self.total)?;
        Ok(min == 0 || nullable)
    }

    /// `{n}`, `{n,}`, `{n,m}` at `self.i`, consumed; `None` (nothing consumed) when the
    /// text is not one, which is a literal `{` without `u`.
    fn braces(&mut self) -> Result<Option<(u32, u32)>, Error> {
        let start = self.i;
        self.i += 1;
        let min = self.number();
        let max = match min {
            Some(_) if self.eat(',') => if self.peek() == Some('}') { Some(INF) } else { self.number() },
            m => m,
        };
        let ok = min.is_some() && max.is_some() && self.eat('}');
        match (ok, min, max) {
            (true, Some(a), Some(b)) if a > b => err("numbers out of order in {} quantifier"),
            (true, Some(a), Some(b)) => Ok(Some((a, b))),
            _ => {
                self.i = start;
                if self.u { err("incomplete quantifier") } else { Ok(None) }
            }
        }
    }

    fn number(&mut self) -> Option<u32> {
        let mut v: Option<u32> = None;
        while let Some(d) = self.peek().and_then(|c| c.to_digit(10)) {
            // a huge count is still a count (V8 clamps it); it fails later as too large
            v = Some(v.unwrap_or(0).saturating_mul(10).saturating_add(d).min(INF - 1));
            self.i += 1;
        }
        v
    }

    fn emit(&mut self, i: Inst) -> Result<(bool, bool), Error> {
        self.prog.emit(i);
        Ok((false, true))
    }

    fn char(&mut self, c: u32, back: bool) -> Result<(bool, bool), Error> {
        let c = self.icase.map_or(c, |u| canon(c, u));
        self.emit(Inst::Eat(Eat::Char(c), back))
    }

    fn set(&mut self, set: Set, back: bool) -> Result<(bool, bool), Error> {
        self.sets.push(set);
        self.emit(Inst::Eat(Eat::Set(self.sets.len() as u32 - 1), back))
    }

    /// An atom; whether it can match empty and whether a quantifier may follow it.
    fn atom(&mut self, back: bool) -> Result<(bool, bool), Error> {
        let c = self.peek().unwrap_or('\0');
        self.i += 1;
        match c {
            '^' | '$' => {
                self.prog.emit(if c == '^' { Inst::Bol } else { Inst::Eol });
                Ok((true, false))
            }
            '.' => self.emit(Inst::Eat(if self.dotall { Eat::All } else { Eat::Any }, back)),
            '(' => self.group(back),
            '[' => {
                let set = self.class()?;
                self.set(set, back)
            }
            '\\' => self.atom_escape(back),
            '*' | '+' | '?' => err("nothing to repeat"),
            '{' if self.u => err("nothing to repeat"),
            '{' => {
                self.i -= 1;
                if self.braces()?.is_some() {
                    return err("nothing to repeat");
                }
                self.i += 1;
                self.char('{' as u32, back)
            }
            '}' | ']' if self.u => err("lone quantifier brackets"),
            c => self.char(c as u32, back),
        }
    }

    fn group(&mut self, back: bool) -> Result<(bool, bool), Error> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return err(super::TOO_DEEP);
        }
        let mut look = None;
        let mut cap = None;
        if self.eat('?') {
            match self.peek() {
                Some(':') => self.i += 1,
                Some('=') | Some('!') => look = Some(false),
                Some('<') if matches!(self.s.get(self.i + 1), Some('=' | '!')) => {
                    self.i += 1;
                    look = Some(true);
                }
                Some('<') => {
                    self.i += 1;
                    let name = self.name()?;
                    if self.names.iter().any(|(n, _)| *n == name) {
                        return err("duplicate capture group name");
                    }
                    self.groups += 1;
                    self.names.push((name, self.groups));
                    cap = Some(self.groups);
                }
                _ => return err("invalid group"),
            }
        } else {
            self.groups += 1;
            cap = Some(self.groups);
        }
        let r = match (look, cap) {
            (Some(behind), _) => {
                let neg = self.peek() == Some('!');
                self.i += 1;
                let at = self.prog.emit(Inst::Look(neg, 0));
                self.alt(behind)?;
                self.prog.emit(Inst::LookEnd);
                let end = self.prog.pc();
                self.prog.patch(at, Inst::Look(neg, end));
                // Annex B lets a look-ahead be quantified without `u`
                (true, !behind && !self.u)
            }
            (None, Some(k)) => {
                // backwards, a group's end is reached first
                let (a, b) = if back { (2 * k + 1, 2 * k) } else { (2 * k, 2 * k + 1) };
                self.prog.emit(Inst::Save(a));
                let n = self.alt(back)?;
                self.prog.emit(Inst::Save(b));
                (n, true)
            }
            _ => (self.alt(back)?, true),
        };
        if !self.eat(')') {
            return err("unterminated group");
        }
        self.depth -= 1;
        Ok(r)
    }

    /// A group name up to `>`, consumed.
    fn name(&mut self) -> Result<String, Error> {
        let mut name = String::new();
        while let Some(c) = self.peek() {
            self.i += 1;
            if c == '>' && !name.is_empty() {
                return Ok(name);
            }
            // the IML lexer's rule (any non-ASCII letter) rather than Unicode's ID tables
            let ok = if name.is_empty() { is_ident_start(c) } else { is_ident_char(c) };
            if !ok {
                break;
            }
            name.push(c);
        }
        err("invalid capture group name")
    }

    fn atom_escape(&mut self, back: bool) -> Result<(bool, bool), Error> {
        let Some(c) = self.peek() else { return err("\\ at end of pattern") };
        self.i += 1;
        match c {
            'b' | 'B' => {
                self.prog.emit(Inst::Word(c == 'B'));
                Ok((true, false))
            }
            'd' | 'D' | 'w' | 'W' | 's' | 'S' => self.set(Set { neg: false, ranges: Vec::new(), cls: class_bit(c) }, back),
            '1'..='9' => {
                let start = self.i - 1;
                self.i -= 1;
                let n = self.number().unwrap_or(0);
                if n <= self.total {
                    return self.reference(n, back);
                }
                if self.u {
                    return err("invalid escape");
                }
                self.i = start + 1;
                let c = self.octal_or(c);
                self.char(c, back)
            }
            'k' if self.u || self.named => {
                if !self.eat('<') {
                    return err("invalid named reference");
                }
                let name = self.name()?;
                self.refs.push(name);
                self.reference(NAMED | (self.refs.len() as u32 - 1), back)
            }
            c => {
                let c = self.char_escape(c, false)?;
                self.char(c, back)
            }
        }
    }

    fn reference(&mut self, k: u32, back: bool) -> Result<(bool, bool), Error> {
        self.prog.backrefs = true;
        self.prog.emit(Inst::Ref(k, back));
        Ok((true, true))
    }

    /// Without `u`, `\1`..`\7` (not references) are legacy octal, `\8 \9` themselves.
    fn octal_or(&mut self, first: char) -> u32 {
        let Some(mut v) = first.to_digit(8) else { return first as u32 };
        while let Some(d) = self.peek().and_then(|c| c.to_digit(8)) {
            if v * 8 + d > 0o377 {
                break;
            }
            v = v * 8 + d;
            self.i += 1;
        }
        v
    }

    /// The escapes an atom and a class share; `c` is the letter after the backslash.
    fn char_escape(&mut self, c: char, in_class: bool) -> Result<u32, Error> {
        Ok(match c {
            't' => 9,
            'n' => 10,
            'v' => 11,
            'f' => 12,
            'r' => 13,
            'c' => {
                match self.peek() {
                    Some(l) if l.is_ascii_alphabetic() || (in_class && !self.u && (l.is_ascii_digit() || l == '_')) => {
                        self.i += 1;
                        l as u32 % 32
                    }
                    _ if self.u => return err("invalid unicode escape"),
                    // Annex B: the backslash is itself and `c` is read next
                    _ => {
                        self.i -= 1;
                        '\\' as u32
                    }
                }
            }
            '0' if !self.peek().is_some_and(|d| d.is_ascii_digit()) => 0,
            '0'..='9' if !self.u => self.octal_or(c),
            'x' => match (self.peek().and_then(hex), self.s.get(self.i + 1).and_then(|&c| hex(c))) {
                (Some(a), Some(b)) => {
                    self.i += 2;
                    a * 16 + b
                }
                _ if self.u => return err("invalid escape"),
                _ => 'x' as u32,
            },
            'u' => match self.unicode_escape() {
                Some(v) => v,
                None if self.u => return err("invalid unicode escape"),
                None => 'u' as u32,
            },
            'p' | 'P' if self.u => return err("\\p{...} is not supported"),
            c if !self.u || matches!(c, '^' | '$' | '\\' | '.' | '*' | '+' | '?' | '(' | ')' | '[' | ']' | '{' | '}' | '|' | '/') || (in_class && c == '-') => c as u32,
            _ => return err("invalid escape"),
        })
    }

    /// After `\u`: four hex digits, `{...}` with `u`, and with `u` a surrogate pair
    /// written as two escapes is one character.
    fn unicode_escape(&mut self) -> Option<u32> {
        let start = self.i;
        if self.u && self.eat('{') {
            let mut v = 0u32;
            let mut any = false;
            while let Some(d) = self.peek().and_then(hex) {
                v = v.saturating_mul(16).saturating_add(d);
                any = true;
                self.i += 1;
            }
            if any && v <= 0x10FFFF && self.eat('}') {
                return Some(v);
            }
            self.i = start;
            return None;
        }
        let v = self.hex4()?;
        if self.u && (0xD800..0xDC00).contains(&v) && self.s.get(self.i) == Some(&'\\') && self.s.get(self.i + 1) == Some(&'u') {
            let back = self.i;
            self.i += 2;
            match self.hex4() {
                Some(t) if (0xDC00..0xE000).contains(&t) => return Some(0x10000 + ((v - 0xD800) << 10) + (t - 0xDC00)),
                _ => self.i = back,
            }
        }
        Some(v)
    }

    fn hex4(&mut self) -> Option<u32> {
        let mut v = 0;
        for k in 0..4 {
            v = v * 16 + hex(*self.s.get(self.i + k)?)?;
        }
        self.i += 4;
        Some(v)
    }

    fn class(&mut self) -> Result<Set, Error> {
        let mut set = Set { neg: self.eat('^'), ..Set::default() };
        loop {
            if self.eat(']') {
                break;
            }
            let a = self.class_atom()?;
            if self.peek() == Some('-') && self.s.get(self.i + 1).is_some_and(|&c| c != ']') {
                self.i += 1;
                let b = self.class_atom()?;
                match (a, b) {
                    (Ok(x), Ok(y)) if x > y => return err("range out of order in character class"),
                    (Ok(x), Ok(y)) => set.ranges.push((x, y)),
                    _ if self.u => return err("invalid character class"),
                    // Annex B: `[\d-z]` is \d, `-` and z
                    _ => {
                        for x in [a, Ok('-' as u32), b] {
                            add(&mut set, x);
                        }
                    }
                }
            } else {
                add(&mut set, a);
            }
        }
        Ok(set)
    }

    /// One class member: a character, or (`Err`) a class escape's bit.
    fn class_atom(&mut self) -> Result<Result<u32, u8>, Error> {
        let Some(c) = self.peek() else { return err("unterminated character class") };
        self.i += 1;
        if c != '\\' {
            return Ok(Ok(c as u32));
        }
        let Some(e) = self.peek() else { return err("\\ at end of pattern") };
        self.i += 1;
        Ok(match e {
            'b' => Ok(8),
            'd' | 'D' | 'w' | 'W' | 's' | 'S' => Err(class_bit(e)),
            'k' if !self.u => Ok('k' as u32),
            e => Ok(self.char_escape(e, true)?),
        })
    }
}

fn class_bit(c: char) -> u8 {
    let bit = match c.to_ascii_lowercase() {
        'd' => D,
        'w' => W,
        _ => S,
    };
    if c.is_ascii_uppercase() { bit << 1 } else { bit }
}

fn add(set: &mut Set, x: Result<u32, u8>) {
    match x {
        Ok(c) => set.ranges.push((c, c)),
        Err(bit) => set.cls |= bit,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bad(p: &str, u: bool) -> &'static str {
        match parse(p, u, None, false) {
            Err(e) => e.0,
            Ok(_) => panic!("{p} parsed"),
        }
    }

    fn ok(p: &str, u: bool) -> bool {
        parse(p, u, None, false).is_ok()
    }

    #[test]
    fn v8_syntax_errors() {
        assert_eq!(bad("a**", false), "nothing to repeat");
        assert_eq!(bad("(", false), "unterminated group");
        assert_eq!(bad("a)", false), "unmatched ')'");
        assert_eq!(bad("a{2,1}", false), "numbers out of order in {} quantifier");
        assert_eq!(bad("[z-a]", false), "range out of order in character class");
        assert_eq!(bad("^*", false), "nothing to repeat");
        assert_eq!(bad("(?<=a)*", false), "nothing to repeat");
        assert_eq!(bad("(?<a>x)(?<a>y)", false), "duplicate capture group name");
        assert_eq!(bad("a{1000}{1000}", false), "nothing to repeat");
        assert_eq!(bad("(?i:a)", false), "invalid group");
        assert_eq!(bad("\\k<b>(?<a>x)", false), "invalid named reference");
    }

    #[test]
    fn annex_b_leniency_without_u_and_strictness_with_it() {
        for p in ["\\a", "a{", "a{1", "}", "]", "\\8", "[\\d-z]", "(?=a)*", "\\c1", "\\k", "\\x4"] {
            assert!(ok(p, false), "{p}");
            assert!(!ok(p, true), "{p} with u");
        }
        let prog = |p: &str, u| parse(p, u, None, false).unwrap().prog.insts;
        assert!(matches!(prog("\\1(a)", false)[0], Inst::Ref(1, false)));
        assert!(matches!(prog("\\2(a)", false)[0], Inst::Eat(Eat::Char(2), false)));
        assert!(matches!(prog("\\u{1F600}", true)[0], Inst::Eat(Eat::Char(0x1F600), false)));
        assert!(matches!(prog("\\uD83D\\uDE00", true)[0], Inst::Eat(Eat::Char(0x1F600), false)));
        assert!(!ok("\\p{L}", true));
    }

    #[test]
    fn nesting_past_the_limit_is_a_limit() {
        let deep = format!("{}a{}", "(".repeat(65), ")".repeat(65));
        assert!(parse(&deep, false, None, false).err().unwrap().limit());
        assert!(ok(&format!("{}a{}", "(".repeat(64), ")".repeat(64)), false));
    }
}
