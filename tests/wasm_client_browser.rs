//! The client's wasm transport in headless Chromium (`WASM_BINDGEN_TEST_ONLY_WEB=1`).
#![cfg(target_arch = "wasm32")]
mod wasm_client;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn fetch_gives_status_and_utf8_body() { wasm_client::fetch_gives_status_and_utf8_body().await }
#[wasm_bindgen_test]
async fn a_refused_connection_is_a_network_error() { wasm_client::a_refused_connection_is_a_network_error().await }
#[wasm_bindgen_test]
async fn the_timer_waits_between_half_and_all_of_the_time() { wasm_client::the_timer_waits_between_half_and_all_of_the_time().await }
#[wasm_bindgen_test]
async fn the_policy_runs_over_fetch_and_gives_up() { wasm_client::the_policy_runs_over_fetch_and_gives_up().await }
