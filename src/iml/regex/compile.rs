//! The tree to a program for the backtracking VM. Counted repetitions are written out
//! copy by copy, so that the program has no counters and a (pc, position) pair is the
//! whole state the memo needs; the program size limit bounds what that writes out.

use super::parse::{Node, Parsed, INF};
use super::{canon, Error};

/// Most instructions in one program.
pub const MAX_PROG: usize = 50_000;
pub const NONE: u32 = u32::MAX;

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
    Save(u32),
    /// Unset capture slots [a, b): a quantified atom's groups at each iteration.
    Clear(u32, u32),
    /// `Check` fails an iteration that matched empty (JS rejects those past the minimum
    /// count): a `Save` into a register slot past the groups' marks where it started.
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

pub struct Program {
    pub insts: Vec<Inst>,
    /// Empty-check registers, in the capture slots after the groups'.
    pub regs: u32,
    pub backrefs: bool,
}

struct C<'a> {
    p: &'a Parsed,
    out: Program,
    icase: Option<bool>,
    dotall: bool,
}

pub fn compile(p: &Parsed, icase: Option<bool>, dotall: bool) -> Result<Program, Error> {
    let mut c = C { p, out: Program { insts: Vec::new(), regs: 0, backrefs: false }, icase, dotall };
    c.node(&p.node, false)?;
    c.emit(Inst::Match);
    c.size()?;
    Ok(c.out)
}

/// Whether a node can match without consuming: the iterations of such a body need the
/// empty check.
fn nullable(n: &Node) -> bool {
    match n {
        Node::Char(_) | Node::Any | Node::Set(_) => false,
        Node::Group(b, _) => nullable(b),
        Node::Cat(v) => v.iter().all(nullable),
        Node::Alt(v) => v.iter().any(nullable),
        Node::Repeat { body, min, .. } => *min == 0 || nullable(body),
        _ => true,
    }
}

impl C<'_> {
    fn emit(&mut self, i: Inst) -> u32 {
        self.out.insts.push(i);
        self.out.insts.len() as u32 - 1
    }
    fn pc(&self) -> u32 {
        self.out.insts.len() as u32
    }
    fn size(&self) -> Result<(), Error> {
        if self.out.insts.len() > MAX_PROG {
            return Err(Error { limit: true, msg: "compiles past the size limit" });
        }
        Ok(())
    }
    fn patch(&mut self, at: u32, i: Inst) {
        self.out.insts[at as usize] = i;
    }

    fn node(&mut self, n: &Node, back: bool) -> Result<(), Error> {
        let eat = |e| Inst::Eat(e, back);
        match n {
            Node::Empty => {}
            Node::Char(c) => {
                let c = self.icase.map_or(*c, |u| canon(*c, u));
                self.emit(eat(Eat::Char(c)));
            }
            Node::Any => {
                self.emit(eat(if self.dotall { Eat::All } else { Eat::Any }));
            }
            Node::Set(i) => {
                self.emit(eat(Eat::Set(*i)));
            }
            Node::Bol => {
                self.emit(Inst::Bol);
            }
            Node::Eol => {
                self.emit(Inst::Eol);
            }
            Node::Word(neg) => {
                self.emit(Inst::Word(*neg));
            }
            Node::Group(body, k) => {
                // backwards, a group's end is reached first
                let (a, b) = if back { (2 * k + 1, 2 * k) } else { (2 * k, 2 * k + 1) };
                self.emit(Inst::Save(a));
                self.node(body, back)?;
                self.emit(Inst::Save(b));
            }
            Node::Look { body, behind, neg } => {
                let at = self.emit(Inst::Look(*neg, 0));
                self.node(body, *behind)?;
                self.emit(Inst::LookEnd);
                let end = self.pc();
                self.patch(at, Inst::Look(*neg, end));
            }
            Node::Ref(k) => {
                self.out.backrefs = true;
                // a reference past the last group is one only with `u`, where the
                // parser already refused it
                self.emit(Inst::Ref(*k, back));
            }
            Node::Named(name) => {
                let Some(&(_, k)) = self.p.names.iter().find(|(n, _)| n == name) else {
                    return Err(Error { limit: false, msg: "invalid named reference" });
                };
                self.out.backrefs = true;
                self.emit(Inst::Ref(k, back));
            }
            Node::Cat(items) => {
                if back {
                    for i in items.iter().rev() {
                        self.node(i, back)?;
                    }
                } else {
                    for i in items {
                        self.node(i, back)?;
                    }
                }
            }
            Node::Alt(alts) => {
                let mut jumps = Vec::new();
                for (k, a) in alts.iter().enumerate() {
                    if k + 1 == alts.len() {
                        self.node(a, back)?;
                    } else {
                        let split = self.emit(Inst::Jmp(0));
                        self.node(a, back)?;
                        jumps.push(self.emit(Inst::Jmp(0)));
                        let next = self.pc();
                        self.patch(split, Inst::Split(split + 1, next));
                    }
                }
                let end = self.pc();
                for j in jumps {
                    self.patch(j, Inst::Jmp(end));
                }
            }
            Node::Repeat { body, min, max, greedy, caps } => self.repeat(body, *min, *max, *greedy, *caps, back)?,
        }
        Ok(())
    }

    /// One copy per required iteration, then a loop (`max` infinite) or one optional
    /// copy per further iteration, all of whose splits leave to the same exit.
    fn repeat(&mut self, body: &Node, min: u32, max: u32, greedy: bool, caps: (u32, u32), back: bool) -> Result<(), Error> {
        let reg = nullable(body).then(|| {
            self.out.regs += 1;
            2 * self.p.groups + 1 + self.out.regs
        });
        for _ in 0..min {
            self.iteration(body, caps, None, back)?;
            self.size()?;
        }
        let mut splits = Vec::new();
        if max == INF {
            let head = self.emit(Inst::Jmp(0));
            splits.push(head);
            self.iteration(body, caps, reg, back)?;
            self.emit(Inst::Jmp(head));
        } else {
            for _ in min..max {
                splits.push(self.emit(Inst::Jmp(0)));
                self.iteration(body, caps, reg, back)?;
                self.size()?;
            }
        }
        let exit = self.pc();
        for s in splits {
            let (a, b) = if greedy { (s + 1, exit) } else { (exit, s + 1) };
            self.patch(s, Inst::Split(a, b));
        }
        Ok(())
    }

    fn iteration(&mut self, body: &Node, caps: (u32, u32), reg: Option<u32>, back: bool) -> Result<(), Error> {
        if caps.1 > 0 {
            self.emit(Inst::Clear(2 * caps.0, 2 * (caps.0 + caps.1)));
        }
        let Some(r) = reg else { return self.node(body, back) };
        self.emit(Inst::Save(r));
        self.node(body, back)?;
        self.emit(Inst::Check(r));
        Ok(())
    }
}
