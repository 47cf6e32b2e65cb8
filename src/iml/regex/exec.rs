//! The backtracking VM: a program, an explicit backtrack stack (no native recursion,
//! which a hostile pattern could drive past wasm's small stack), and, when the pattern
//! has no back-reference, a memo of the (split, position) pairs already tried.
//!
//! Why the memo is sound: without back-references, whether the program can reach its end
//! from a split at a position does not depend on how it got there (captures do not steer
//! matching), so a pair met again either failed before or is an ancestor still being
//! tried, which means an iteration that consumed nothing, which JS rejects too. Two
//! exceptions, each handled:
//! - a look-around body stops at its first success (JS look-arounds are atomic), leaving
//!   pairs marked that were not finished: they are logged and unmarked then, and so are
//!   those of a whole successful attempt before the next search;
//! - an iteration that may match empty carries its start position in a register, which
//!   `Check` reads; while it has consumed nothing no pair is marked, and once it has the
//!   register no longer matters.
//! Every step is charged to the evaluation's work budget, so back-references that blow up
//! stop with a limit instead of hanging.

use super::class::{is_line_end, is_word};
use super::compile::{Eat, Inst, NONE};
use super::Regex;
use crate::iml::limits::{Budget, Exceeded};

/// Most memo bits (8 MiB); past it (a long text and many splits) matching runs without
/// the memo, under the work budget alone.
const MAX_MEMO_BITS: usize = 1 << 26;
/// Most backtrack entries (48 MiB).
const MAX_STACK: usize = 1 << 22;

#[derive(Clone, Copy)]
enum Bt {
    Alt(u32, u32),
    /// A capture slot or register and its value before.
    Slot(u32, u32),
    /// A look-around in progress: its instruction, position and memo log length.
    Look(u32, u32, u32),
}

pub struct Matcher<'r, 't> {
    re: &'r Regex,
    t: &'t [char],
    memo: Vec<u64>,
    log: Vec<u32>,
    bt: Vec<Bt>,
    looks: Vec<u32>,
    /// Start and end of each group (group 0 the match) as character positions, NONE
    /// when unset; then the empty-check registers.
    pub caps: Vec<u32>,
}

impl<'r, 't> Matcher<'r, 't> {
    pub fn new(re: &'r Regex, t: &'t [char]) -> Self {
        let bits = (re.splits as usize).saturating_mul(t.len() + 1);
        let memo = if re.prog.backrefs || bits > MAX_MEMO_BITS { Vec::new() } else { vec![0; bits.div_ceil(64)] };
        let caps = vec![NONE; 2 * re.groups as usize + 2 + re.prog.regs as usize];
        Matcher { re, t, memo, log: Vec::new(), bt: Vec::new(), looks: Vec::new(), caps }
    }

    /// Group `k` as a character range, if it matched.
    pub fn group(&self, k: usize) -> Option<(usize, usize)> {
        let (a, b) = (self.caps[2 * k], self.caps[2 * k + 1]);
        (a != NONE && b != NONE).then_some((a as usize, b as usize))
    }

    /// The first match at or after `from` (only at `from` when sticky).
    pub fn find(&mut self, from: usize, sticky: bool, budget: &Budget) -> Result<bool, Exceeded> {
        for s in from..=self.t.len() {
            if self.at(s as u32, budget)? {
                return Ok(true);
            }
            if sticky {
                break;
            }
        }
        Ok(false)
    }

    fn unmark(&mut self, from: usize) {
        for &b in &self.log[from..] {
            self.memo[b as usize / 64] &= !(1 << (b % 64));
        }
        self.log.truncate(from);
    }

    /// Whether the memo applies at a split: not while an iteration that may match empty
    /// has consumed nothing yet. Registers of iterations not in progress are checked too,
    /// which only ever marks less.
    fn memo_ok(&self, pos: u32) -> bool {
        !self.memo.is_empty() && self.caps[2 * self.re.groups as usize + 2..].iter().all(|&r| r != pos)
    }

    /// The character at `i`, NONE past either end.
    fn char_at(&self, i: u32) -> u32 {
        self.t.get(i as usize).map_or(NONE, |&c| c as u32)
    }

    fn eat(&self, e: Eat, c: u32) -> bool {
        match e {
            Eat::Char(x) => self.re.icase.map_or(c, |u| super::canon(c, u)) == x,
            Eat::Any => !is_line_end(c),
            Eat::All => true,
            Eat::Set(i) => self.re.sets[i as usize].matches(c, self.re.icase),
        }
    }

    /// Whether text[a..a+len] equals text[b..b+len], under `i` as canonicalised.
    fn same(&self, a: usize, b: usize, len: usize) -> bool {
        (0..len).all(|k| {
            let (x, y) = (self.t[a + k] as u32, self.t[b + k] as u32);
            x == y || self.re.icase.is_some_and(|u| super::canon(x, u) == super::canon(y, u))
        })
    }

    /// One attempt at `start`.
    pub fn at(&mut self, start: u32, budget: &Budget) -> Result<bool, Exceeded> {
        let prog = &self.re.prog.insts;
        let t = self.t;
        let n = t.len() as u32;
        let width = n as usize + 1;
        self.bt.clear();
        self.looks.clear();
        self.log.clear();
        self.caps.fill(NONE);
        let (mut pc, mut pos) = (0u32, start);
        let mut steps = 0u64;
        loop {
            steps += 1;
            if steps >= 1024 {
                budget.charge(steps)?;
                steps = 0;
                if self.bt.len() > MAX_STACK {
                    return Err(Exceeded::Work);
                }
            }
            let ok = match prog[pc as usize] {
                Inst::Eat(e, back) => {
                    let c = self.char_at(if back { pos.wrapping_sub(1) } else { pos });
                    let hit = c != NONE && self.eat(e, c);
                    if hit {
                        pos = if back { pos - 1 } else { pos + 1 };
                    }
                    hit
                }
                Inst::Split(a, b) => {
                    let fresh = !self.memo_ok(pos) || {
                        let bit = self.re.memo_id[pc as usize] as usize * width + pos as usize;
                        let (w, m) = (bit / 64, 1u64 << (bit % 64));
                        let fresh = self.memo[w] & m == 0;
                        if fresh {
                            self.memo[w] |= m;
                            self.log.push(bit as u32);
                        }
                        fresh
                    };
                    if fresh {
                        self.push(Bt::Alt(b, pos));
                        pc = a;
                        continue;
                    }
                    false
                }
                Inst::Jmp(a) => {
                    pc = a;
                    continue;
                }
                Inst::Save(s) => {
                    self.push(Bt::Slot(s, self.caps[s as usize]));
                    self.caps[s as usize] = pos;
                    true
                }
                Inst::Clear(a, b) => {
                    for s in a..b {
                        let old = std::mem::replace(&mut self.caps[s as usize], NONE);
                        if old != NONE {
                            self.push(Bt::Slot(s, old));
                        }
                    }
                    true
                }
                Inst::Check(r) => self.caps[r as usize] != pos,
                Inst::Bol => pos == 0 || (self.re.multiline && is_line_end(self.char_at(pos - 1))),
                Inst::Eol => pos == n || (self.re.multiline && is_line_end(self.char_at(pos))),
                Inst::Word(neg) => (is_word(self.char_at(pos.wrapping_sub(1))) != is_word(self.char_at(pos))) != neg,
                Inst::Look(..) => {
                    self.push(Bt::Look(pc, pos, self.log.len() as u32));
                    self.looks.push(self.bt.len() as u32 - 1);
                    true
                }
                Inst::LookEnd => {
                    let f = self.looks.pop().unwrap_or(0) as usize;
                    let Bt::Look(lpc, at, log) = self.bt[f] else { return Ok(false) };
                    // the body's unfinished alternatives are dropped: their marks go too
                    self.unmark(log as usize);
                    let Inst::Look(neg, next) = prog[lpc as usize] else { return Ok(false) };
                    if neg {
                        // the body matched, so the assertion fails: undo the body first
                        while self.bt.len() > f {
                            self.restore();
                        }
                        false
                    } else {
                        // keep the body's captures, restorable when backtracking past it
                        let mut w = f;
                        for r in f + 1..self.bt.len() {
                            if matches!(self.bt[r], Bt::Slot(..)) {
                                self.bt[w] = self.bt[r];
                                w += 1;
                            }
                        }
                        steps += (self.bt.len() - f) as u64;
                        self.bt.truncate(w);
                        pc = next;
                        pos = at;
                        continue;
                    }
                }
                Inst::Ref(k, back) => match self.group(k as usize) {
                    None => true,
                    Some((a, b)) => {
                        let len = (b - a) as u32;
                        steps += len as u64;
                        let from = if back { pos.checked_sub(len) } else { Some(pos).filter(|p| p + len <= n) };
                        match from {
                            Some(f) if self.same(f as usize, a, len as usize) => {
                                pos = if back { f } else { pos + len };
                                true
                            }
                            _ => false,
                        }
                    }
                },
                Inst::Match => {
                    self.caps[0] = start;
                    self.caps[1] = pos;
                    self.unmark(0);
                    budget.charge(steps)?;
                    return Ok(true);
                }
            };
            if ok {
                pc += 1;
                continue;
            }
            // backtrack
            loop {
                let Some(&top) = self.bt.last() else {
                    budget.charge(steps)?;
                    return Ok(false);
                };
                if let Bt::Alt(a, p) = top {
                    self.bt.pop();
                    (pc, pos) = (a, p);
                    break;
                }
                if let Bt::Look(lpc, p, _) = top {
                    self.bt.pop();
                    self.looks.pop();
                    // the body failed everywhere: a negative look-around holds
                    if let Inst::Look(true, next) = prog[lpc as usize] {
                        (pc, pos) = (next, p);
                        break;
                    }
                    continue;
                }
                self.restore();
            }
        }
    }

    #[inline(never)]
    fn push(&mut self, b: Bt) {
        self.bt.push(b);
    }

    /// Pops one backtrack entry, undoing a capture or register write.
    fn restore(&mut self) {
        if let Some(Bt::Slot(s, v)) = self.bt.pop() {
            self.caps[s as usize] = v;
        }
    }
}
