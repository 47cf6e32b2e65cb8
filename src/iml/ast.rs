//! The parsed form of a template. Both dialects parse to this one tree, so a template
//! can be printed in either dialect and evaluated the same way.

/// A template: literal text and `{{...}}` expressions, in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Template {
    pub parts: Vec<Part>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Part {
    Text(String),
    Expr(Expr),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Null,
    Bool(bool),
    Number(f64),
    Str(String),
    /// A root name: a module id in the scenario dialect (`1`), a variable in the app
    /// dialect (`parameters`), or a built-in such as `now`.
    Var(String),
    Member(Box<Expr>, Seg),
    Call(String, Vec<Expr>),
    Unary(UnOp, Box<Expr>),
    Binary(BinOp, Box<Expr>, Box<Expr>),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Seg {
    /// `.key` or `` .`odd key` ``
    Key(String),
    /// `[n]`: 1-based, negative from the end
    Index(Box<Expr>),
    /// `[]`: the whole array, as Make writes `Contacts[]` in function arguments
    All,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnOp {
    Not,
    Neg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    Or,
    And,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Add,
    Sub,
    Mul,
    Div,
    Rem,
}

impl BinOp {
    /// Binding strength, as in JavaScript: higher binds tighter.
    pub fn precedence(self) -> u8 {
        match self {
            BinOp::Or => 1,
            BinOp::And => 2,
            BinOp::Eq | BinOp::Ne => 3,
            BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => 4,
            BinOp::Add | BinOp::Sub => 5,
            BinOp::Mul | BinOp::Div | BinOp::Rem => 6,
        }
    }
}

impl Template {
    /// The single expression of a template that is exactly one `{{expr}}`: its value is
    /// returned raw rather than as text.
    pub fn single(&self) -> Option<&Expr> {
        match self.parts.as_slice() {
            [Part::Expr(e)] => Some(e),
            _ => None,
        }
    }
}
