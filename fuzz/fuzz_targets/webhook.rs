#![no_main]
// The checks live in src/checks.rs, where tests/fuzz_regressions.rs replays them.
libfuzzer_sys::fuzz_target!(|data: &[u8]| officeguy_make_fuzz::checks::webhook(data));
