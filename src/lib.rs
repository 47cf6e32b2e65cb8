//! officeguy-make core: OfficeGuy (SUMIT) actions as exact API requests, Make's IML,
//! and the trigger engine. Pure Rust; only `bindings` knows about JavaScript.
//!
//! Each Cargo feature is one wasm module of the package (`actions`, `iml`, `trigger`,
//! `client`, `makeapp`; default = all). An area is compiled when a feature needs it, so a
//! module's build reads only its own sources (and `scripts/build.mjs` can tell from cargo's
//! dep-info which modules a change makes stale).

pub mod error;

#[cfg(any(feature = "actions", feature = "client", feature = "trigger", feature = "makeapp"))]
pub mod api;
#[cfg(any(feature = "actions", feature = "client", feature = "makeapp"))]
pub mod catalog;
#[cfg(any(feature = "actions", feature = "client"))]
pub mod validate;
#[cfg(any(feature = "actions", feature = "client"))]
pub mod request;
#[cfg(feature = "iml-engine")]
pub mod iml;
/// Without the IML engine, validation and the trigger engine still use its calendar and
/// time zones (`src/iml/date/` depends on nothing else in `iml`).
#[cfg(not(feature = "iml-engine"))]
pub mod iml {
    pub mod date;
}
#[cfg(feature = "trigger")]
pub mod trigger;
#[cfg(feature = "client")]
pub mod client;
#[cfg(feature = "makeapp")]
pub mod makeapp;
#[cfg(feature = "makeapp")]
pub mod blueprint;

#[cfg(target_arch = "wasm32")]
mod bindings;

pub use error::{Error, Issue, Result};

// Smaller than std's default wasm allocator and as fast here (the figures are in Cargo.toml).
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
