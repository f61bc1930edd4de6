//! The wasm-bindgen-test suite (`suite/`) in Node: `wasm-pack test --node
//! crates/nango-wasm`, with the local Nango server running beside it (README.md, Tests).
//! Pinned to Node as an ES module, the form the package is loaded in there;
//! `tests/browser.rs` runs the same cases in a browser.
#![cfg(target_arch = "wasm32")]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_node_experimental);

mod suite;
