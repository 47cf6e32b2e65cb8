//! The fuzz targets' checks, shared with `tests/fuzz_regressions.rs`.
pub mod checks;
