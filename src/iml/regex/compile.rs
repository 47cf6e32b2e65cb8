//! The program for the backtracking VM and how the parser writes it. There is no syntax
//! tree: the parser emits as it reads, and takes a block back out when it learns more
//! (a `|` after an alternative, a quantifier after an atom, look-behind's reversed order)
//! to write it again where it belongs, its jump targets moved with it. Counted
//! repetitions are written out copy by copy, so that the program has no counters and a
//! (pc, position) pair is the whole state the memo needs; the size limit bounds that.

use super::Error;

/// Most instructions in one program.
pub const MAX_PROG: usize = 50_000;
pub const NONE: u32 = u32::MAX;
/// A `Ref` to a group by name, resolved once the whole pattern is read.
pub const NAMED: u32 = 1 << 31;

#[derive(Debug, Clone, Copy)]
pub enum Eat {
    Char(u32),
    /// `.` without `s`.
    Any,
    All,
    Set(u32),
}

#[derive(Debug, Clone, Copy)]
pub enum Inst {
    /// Consume one character; backwards (for look-behind) when true.
    Eat(Eat, bool),
    /// Try the first, then the second.
    Split(u32, u32),
    Jmp(u32),
    /// Set a capture slot, or an empty-check register (slots after the groups').
    Save(u32),
    /// Unset capture slots [a, b): a quantified atom's groups at each iteration.
    Clear(u32, u32),
    /// Fail an iteration that matched empty since the register was saved (JS rejects
    /// those past the minimum count).
    Check(u32),
    Bol,
    Eol,
    Word(bool),
    /// A look-around (negative when true); its body follows, up to a `LookEnd`, and the
    /// program goes on at the second field.
    Look(bool, u32),
    LookEnd,
    Ref(u32, bool),
    Match,
}

#[derive(Default)]
pub struct Program {
    pub insts: Vec<Inst>,
    /// Empty-check registers.
    pub regs: u32,
    pub backrefs: bool,
}

fn size_limit() -> Error {
    Error(super::TOO_BIG)
}

impl Program {
    #[inline(never)]
    pub fn emit(&mut self, i: Inst) -> u32 {
        self.insts.push(i);
        self.pc() - 1
    }
    pub fn pc(&self) -> u32 {
        self.insts.len() as u32
    }
    pub fn patch(&mut self, at: u32, i: Inst) {
        self.insts[at as usize] = i;
    }
    /// The instructions from `start` on, taken out.
    pub fn take(&mut self, start: u32) -> Vec<Inst> {
        self.insts.split_off(start as usize)
    }
    /// Writes a block taken at `from` here, its targets moved along.
    pub fn put(&mut self, block: &[Inst], from: u32) -> Result<(), Error> {
        let d = self.pc().wrapping_sub(from);
        for &i in block {
            self.insts.push(match i {
                Inst::Split(a, b) => Inst::Split(a.wrapping_add(d), b.wrapping_add(d)),
                Inst::Jmp(a) => Inst::Jmp(a.wrapping_add(d)),
                Inst::Look(n, e) => Inst::Look(n, e.wrapping_add(d)),
                i => i,
            });
        }
        if self.insts.len() > MAX_PROG {
            return Err(size_limit());
        }
        Ok(())
    }

    /// Alternatives, each parsed at `from` and taken out: a split before each but the
    /// last, and a jump after each to the end.
    pub fn alternatives(&mut self, alts: &[Vec<Inst>], from: u32) -> Result<(), Error> {
        let mut jumps = Vec::new();
        for (k, a) in alts.iter().enumerate() {
            let last = k + 1 == alts.len();
            let split = if last { NONE } else { self.emit(Inst::Jmp(0)) };
            self.put(a, from)?;
            if !last {
                jumps.push(self.emit(Inst::Jmp(0)));
                let next = self.pc();
                self.patch(split, Inst::Split(split + 1, next));
            }
        }
        let end = self.pc();
        for j in jumps {
            self.patch(j, Inst::Jmp(end));
        }
        Ok(())
    }

    /// A quantified atom, parsed at `from` and taken out: one copy per required
    /// iteration, then a loop (`max` infinite) or one optional copy per further
    /// iteration, whose splits all leave to the same exit. `caps` are the atom's groups
    /// (first, count), which JS resets at each iteration; `nullable` says the atom can
    /// match empty, so that its optional iterations need the empty check.
    #[allow(clippy::too_many_arguments)]
    pub fn repeat(&mut self, body: &[Inst], from: u32, min: u32, max: u32, greedy: bool, caps: (u32, u32), nullable: bool, groups: u32) -> Result<(), Error> {
        if min as usize > MAX_PROG {
            return Err(size_limit());
        }
        let reg = nullable.then(|| {
            self.regs += 1;
            2 * groups + 1 + self.regs
        });
        for _ in 0..min {
            self.iteration(body, from, caps, None)?;
        }
        let mut splits = Vec::new();
        if max == u32::MAX {
            let head = self.emit(Inst::Jmp(0));
            splits.push(head);
            self.iteration(body, from, caps, reg)?;
            self.emit(Inst::Jmp(head));
        } else {
            for _ in min..max {
                splits.push(self.emit(Inst::Jmp(0)));
                self.iteration(body, from, caps, reg)?;
            }
        }
        let exit = self.pc();
        for s in splits {
            let (a, b) = if greedy { (s + 1, exit) } else { (exit, s + 1) };
            self.patch(s, Inst::Split(a, b));
        }
        Ok(())
    }

    fn iteration(&mut self, body: &[Inst], from: u32, caps: (u32, u32), reg: Option<u32>) -> Result<(), Error> {
        if caps.1 > 0 {
            self.emit(Inst::Clear(2 * caps.0, 2 * (caps.0 + caps.1)));
        }
        if let Some(r) = reg {
            self.emit(Inst::Save(r));
        }
        self.put(body, from)?;
        if let Some(r) = reg {
            self.emit(Inst::Check(r));
        }
        Ok(())
    }
}
