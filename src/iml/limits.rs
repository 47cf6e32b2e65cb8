//! Explicit limits, so that a hostile template fails fast with a clear error instead of
//! hanging or exhausting memory.

use std::cell::Cell;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Longest template accepted, in bytes.
    pub template_bytes: usize,
    /// Deepest nesting of parentheses, calls and operators.
    pub depth: usize,
    /// Largest text, array or output one evaluation may build, in bytes (estimated).
    pub output_bytes: usize,
    /// Work units per evaluation: one per node evaluated, plus one per byte or item a
    /// function builds or scans.
    pub work: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { template_bytes: 64 * 1024, depth: 64, output_bytes: 4 * 1024 * 1024, work: 20_000_000 }
    }
}

/// Work charged for each match of a regex replacement, beyond the bytes it writes: a
/// match (with its captures) measured about as costly as 16 bytes copied, so that a
/// template that doubles a text by replacing each character stops in the same time as
/// any other that reaches the work limit.
pub const REGEX_MATCH_WORK: u64 = 16;

/// The work counter of one evaluation.
#[derive(Debug)]
pub struct Budget {
    used: Cell<u64>,
    max: u64,
    pub output_bytes: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exceeded {
    Work,
    Output,
}

impl Budget {
    pub fn new(l: &Limits) -> Self {
        Budget { used: Cell::new(0), max: l.work, output_bytes: l.output_bytes }
    }

    /// The work charged so far.
    pub fn used(&self) -> u64 {
        self.used.get()
    }

    pub fn charge(&self, units: u64) -> Result<(), Exceeded> {
        let u = self.used.get().saturating_add(units);
        self.used.set(u);
        if u > self.max {
            Err(Exceeded::Work)
        } else {
            Ok(())
        }
    }

    /// Checks that a value about to be built stays under the output limit, and charges
    /// its size as work.
    pub fn size(&self, bytes: usize) -> Result<(), Exceeded> {
        if bytes > self.output_bytes {
            return Err(Exceeded::Output);
        }
        self.charge(bytes as u64)
    }
}
