//! End-to-end tests live in `tests/`; this library is empty.

// The repository's README: its Rust examples are compiled with the doc tests here, in a
// crate that depends on `nango` as a user's would (see xtask's `readme` checks for the
// dependency lines).
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
mod readme_doctests {}
