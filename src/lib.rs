//! officeguy-make core: OfficeGuy (SUMIT) actions as exact API requests, Make's IML,
//! and the trigger engine. Pure Rust; only `bindings` knows about JavaScript.

pub mod error;

pub mod api;
pub mod catalog;
pub mod validate;
pub mod request;
pub mod iml;
pub mod trigger;
pub mod client;
pub mod makeapp;
pub mod blueprint;

#[cfg(target_arch = "wasm32")]
mod bindings;

pub use error::{Error, Issue, Result};
