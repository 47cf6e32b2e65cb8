//! Conversion between the scenario dialect (mappers: `;` between arguments, module
//! references `1.field`) and the app dialect (`,`, variables). A module reference
//! `1.field` is written `` `1`.field `` in the app dialect: a variable named "1", so that
//! a context whose top-level keys are module ids evaluates the same in both.

use super::limits::Limits;
use super::parser::{parse, SyntaxError};
use super::printer::{print, PrintError};
use super::Dialect;

#[derive(Debug, Clone, PartialEq)]
pub enum ConvertError {
    Syntax(Vec<SyntaxError>),
    NotConvertible(PrintError),
}

pub fn convert(src: &str, from: Dialect, to: Dialect, limits: &Limits) -> Result<String, ConvertError> {
    let t = parse(src, from, limits).map_err(ConvertError::Syntax)?;
    print(&t, to).map_err(ConvertError::NotConvertible)
}
