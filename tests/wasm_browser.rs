//! The wasm checks, in headless Chromium (`WASM_BINDGEN_TEST_ONLY_WEB=1`).
#![cfg(target_arch = "wasm32")]
mod wasm_common;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn errors_serialise_with_paths() { wasm_common::errors_serialise_with_paths() }
#[wasm_bindgen_test]
fn big_ids_stay_exact() { wasm_common::big_ids_stay_exact() }
#[wasm_bindgen_test]
fn hebrew_survives() { wasm_common::hebrew_survives() }
