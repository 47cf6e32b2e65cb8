//! IML, Make's expression language: lexer, parser, evaluator, functions.
pub mod date;
