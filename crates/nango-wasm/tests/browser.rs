//! The wasm-bindgen-test suite (`suite/`) in a browser: `wasm-pack test --headless
//! --chrome crates/nango-wasm`, with the local Nango server running beside it (README.md,
//! Tests). Pinned to the browser so that wasm-pack's `--chrome` runs it without
//! `WASM_BINDGEN_USE_BROWSER`; `tests/node.rs` runs the same cases in Node.
#![cfg(target_arch = "wasm32")]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

mod suite;
