//! Which parts of the input a compiled template or mapping can read, so that reading
//! the input builds only those (`json::Json::parse_needed`) and skips the rest without
//! allocating. A webhook body carries far more than a mapping uses (shipping address,
//! meta data, ...), and building it was most of the cost of a mapping.
//!
//! The analysis over-approximates: a value that an expression uses as a whole (a
//! function's argument, a path with a computed index, `items[]`) is needed whole; only
//! the steps of a plain path (`1.a.b[2].c`) narrow what is read. What is never
//! referenced cannot change a result: a missing key reads as null, and arrays keep
//! every item (their length and positions matter).

use super::ast::{Expr, Part, Seg, Template};
use super::json::same_key;

/// What is read of one JSON value.
#[derive(Debug, Clone, PartialEq)]
pub enum Need {
    /// Nothing: the value is checked and skipped.
    Skip,
    /// The whole value.
    All,
    /// Some keys of an object, and what is read of the items of an array.
    Parts(Box<Parts>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Parts {
    keys: Vec<(String, Need)>,
    /// Read by index steps (`[2]`).
    items: Need,
    /// What one item of an array needs: `items` and, since a key read on an array is
    /// read from each item (`1.lines.name`), `keys` too. None when that is this very
    /// node (no index step below it).
    item: Option<Need>,
}

/// Paths longer than JSON can nest (the reader refuses deeper than 512) end in `All`.
const MAX_STEPS: usize = 512;
/// The most nodes a need tree may have before the input is read whole instead.
const MAX_NODES: usize = 20_000;

#[derive(Debug, Clone, PartialEq)]
enum Step<'e> {
    Key(&'e str),
    Index,
}

impl Need {
    /// What the templates read of their context (a root object: its keys are module
    /// ids in the scenario dialect, variables in the app dialect).
    pub fn of_templates<'t>(templates: impl IntoIterator<Item = &'t Template>) -> Need {
        let mut n = Need::Skip;
        for t in templates {
            for p in &t.parts {
                if let Part::Expr(e) = p {
                    n.add_expr(e);
                }
            }
        }
        // what each array item needs is a copy of a subtree; a hostile mapping could make
        // those copies grow without bound, and then the input is simply read whole
        let mut budget = MAX_NODES;
        if !n.finish(&mut budget) {
            n = Need::All;
        }
        n
    }

    /// What is read of an object's key (Skip when nothing is).
    pub fn key(&self, key: &str) -> &Need {
        match self {
            // `[n]` on an object reads the key "n": such an object is read whole
            Need::Parts(p) if p.items != Need::Skip => &Need::All,
            Need::Parts(p) => p.keys.iter().find(|(k, _)| same_key(k, key)).map(|(_, n)| n).unwrap_or(&Need::Skip),
            other => other,
        }
    }

    /// What is read of each item of an array.
    pub fn item(&self) -> &Need {
        match self {
            Need::Parts(p) => p.item.as_ref().unwrap_or(self),
            other => other,
        }
    }

    fn add_expr(&mut self, e: &Expr) {
        if let Some((root, steps)) = plain_path(e) {
            self.add_path(root, &steps);
            return;
        }
        match e {
            Expr::Member(base, seg) => {
                if let Seg::Index(i) = seg {
                    self.add_expr(i);
                }
                // not a plain path from here: the base is used as a whole value
                self.add_expr(base);
            }
            Expr::Call(_, args) => args.iter().for_each(|a| self.add_expr(a)),
            Expr::Unary(_, x) => self.add_expr(x),
            Expr::Binary(_, l, r) => {
                self.add_expr(l);
                self.add_expr(r);
            }
            Expr::Null | Expr::Bool(_) | Expr::Number(_) | Expr::Str(_) | Expr::Var(_) => {}
        }
    }

    /// Marks the whole value at `root.steps` as needed.
    fn add_path(&mut self, root: &str, steps: &[Step]) {
        let mut cur = self.child_key(root);
        for s in steps.iter().take(MAX_STEPS) {
            cur = match s {
                Step::Key(k) => cur.child_key(k),
                Step::Index => cur.child_items(),
            };
        }
        *cur = Need::All;
    }

    /// This node as parts (a skipped node becomes empty parts); None under `All`.
    fn open(&mut self) -> bool {
        if let Need::Skip = self {
            *self = Need::Parts(Box::new(Parts { keys: Vec::new(), items: Need::Skip, item: None }));
        }
        matches!(self, Need::Parts(_))
    }

    /// The node of a key, created when missing. Under `All` everything is `All`
    /// already: the node itself is returned, and marking it `All` changes nothing.
    fn child_key(&mut self, key: &str) -> &mut Need {
        if !self.open() {
            return self;
        }
        let Need::Parts(p) = self else { unreachable!("opened above") };
        let i = match p.keys.iter().position(|(k, _)| k == key) {
            Some(i) => i,
            None => {
                p.keys.push((key.to_string(), Need::Skip));
                p.keys.len() - 1
            }
        };
        &mut p.keys[i].1
    }

    fn child_items(&mut self) -> &mut Need {
        if !self.open() {
            return self;
        }
        let Need::Parts(p) = self else { unreachable!("opened above") };
        &mut p.items
    }

    fn merge(&mut self, other: &Need) {
        match (&mut *self, other) {
            (_, Need::Skip) | (Need::All, _) => {}
            (_, Need::All) => *self = Need::All,
            (Need::Skip, o) => *self = o.clone(),
            (Need::Parts(p), Need::Parts(q)) => {
                for (k, n) in &q.keys {
                    match p.keys.iter_mut().find(|(pk, _)| pk == k) {
                        Some((_, pn)) => pn.merge(n),
                        None => p.keys.push((k.clone(), n.clone())),
                    }
                }
                p.items.merge(&q.items);
            }
        }
    }

    /// Computes what each array item needs, everywhere in the tree; false when that
    /// would take more than `budget` nodes.
    fn finish(&mut self, budget: &mut usize) -> bool {
        let Need::Parts(p) = self else { return true };
        *budget = match budget.checked_sub(1 + p.keys.len()) {
            Some(b) => b,
            None => return false,
        };
        for (_, n) in &mut p.keys {
            if !n.finish(budget) {
                return false;
            }
        }
        p.item = None;
        if p.items != Need::Skip {
            let mut item = p.items.clone();
            item.merge(&Need::Parts(Box::new(Parts { keys: p.keys.clone(), items: Need::Skip, item: None })));
            if !item.finish(budget) {
                return false;
            }
            p.item = Some(item);
        }
        true
    }
}

/// `root.key[n].key` with constant steps: the root name and the steps.
fn plain_path(e: &Expr) -> Option<(&str, Vec<Step<'_>>)> {
    let mut steps = Vec::new();
    let mut cur = e;
    loop {
        match cur {
            Expr::Var(name) => {
                steps.reverse();
                return Some((name, steps));
            }
            Expr::Member(_, Seg::Key(k)) => steps.push(Step::Key(k)),
            Expr::Member(_, Seg::Index(i)) => match **i {
                Expr::Number(n) if n.is_finite() => steps.push(Step::Index),
                _ => return None,
            },
            _ => return None,
        }
        cur = match cur {
            Expr::Member(base, _) => base,
            _ => unreachable!(),
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::iml::{parser, Dialect, Limits};

    fn need(templates: &[&str]) -> Need {
        let ts: Vec<Template> = templates.iter().map(|s| parser::parse(s, Dialect::Scenario, &Limits::default()).unwrap()).collect();
        Need::of_templates(&ts)
    }

    #[test]
    fn plain_paths_narrow_what_is_read() {
        let n = need(&["{{1.billing.email}}", "{{1.lines[1].sku}} {{1.lines.name}}"]);
        let one = n.key("1");
        assert_eq!(one.key("billing").key("email"), &Need::All);
        assert_eq!(one.key("billing").key("phone"), &Need::Skip);
        assert_eq!(one.key("shipping"), &Need::Skip);
        assert_eq!(n.key("2"), &Need::Skip);
        // an item needs what index steps and key steps read of it
        let item = one.key("lines").item();
        assert_eq!(item.key("sku"), &Need::All);
        assert_eq!(item.key("name"), &Need::All);
        assert_eq!(item.key("price"), &Need::Skip);
        // on an object, [1] reads the key "1": an object read by index is read whole
        assert_eq!(one.key("lines").key("1"), &Need::All);
    }

    #[test]
    fn values_used_whole_are_read_whole() {
        let n = need(&["{{get(1.billing; \"email\")}}", "{{1.lines[2 - 1].sku}}", "{{first(2.list).x}}", "{{map(3.a[]; \"b\")}}"]);
        assert_eq!(n.key("1").key("billing"), &Need::All);
        assert_eq!(n.key("1").key("lines"), &Need::All);
        assert_eq!(n.key("2").key("list"), &Need::All);
        assert_eq!(n.key("3").key("a"), &Need::All);
    }

    #[test]
    fn a_key_read_on_nested_arrays_reaches_every_level() {
        let n = need(&["{{1.grid.v}}"]);
        let grid = n.key("1").key("grid");
        assert_eq!(grid.item().key("v"), &Need::All);
        assert_eq!(grid.item().item().key("v"), &Need::All);
    }
}
