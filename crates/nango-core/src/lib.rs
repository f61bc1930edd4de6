//! The transport-agnostic core of the Nango API client.
//!
//! Every Nango operation is written once here: the request it makes (method, path
//! with percent-encoded ids, query, headers, JSON body), the typed answer it
//! decodes, and the errors it can end in. The core does no I/O and owns no async
//! runtime: a [`Transport`](transport::Transport) sends requests, sleeps and tells
//! the time. The `nango` crate provides one over reqwest and tokio, `nango-wasm`
//! one over `fetch`.
//!
//! - [`Client`]: every operation as a method, with retries ([`retry`]) and timeouts.
//! - [`ops`]: each operation as a pure [`Endpoint`](endpoint::Endpoint).
//! - [`models`]: the typed requests and answers.
//! - [`json`]: request bodies given as JSON text, sent as written.
//! - [`webhook`]: verify and parse the webhooks Nango sends.
//! - [`Error`]: the one error type.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod encode;
mod macros;

pub mod attempts;
pub mod client;
pub mod config;
pub mod endpoint;
pub mod error;
pub mod json;
pub mod models;
pub mod ops;
pub mod request;
pub mod retry;
pub mod secret;
pub mod transport;
pub mod webhook;

pub use client::{Call, Client, ClientBuilder};
pub use error::{Error, Result};
pub use secret::SecretString;

/// The `time` crate the models' `*_time()` accessors return dates of (the `time`
/// feature; see [`models::timestamp`]), so that `OffsetDateTime` can be named
/// without a dependency of your own.
///
/// ```
/// let c: nango_core::models::connections::Connection = serde_json::from_str(
///     r#"{"connection_id":"u1","provider_config_key":"gh","created_at":"2026-01-01T00:00:00Z"}"#).unwrap();
/// let created: Option<nango_core::time::OffsetDateTime> = c.created_at_time()?;
/// # Ok::<(), nango_core::models::timestamp::TimestampError>(())
/// ```
#[cfg(feature = "time")]
pub use time;

/// futures' `StreamExt` (`next`, `map`, `take`, `collect`…), to read the SDK's
/// streams ([`Client::records_stream`], `.into_stream()` on a listing call)
/// without adding futures to your dependencies. The streams are `Unpin`: no
/// pinning is needed before `next()`.
///
/// ```no_run
/// # async fn demo<T: nango_core::transport::Transport>(nango: nango_core::Client<T>) -> Result<(), nango_core::Error> {
/// use nango_core::StreamExt;
/// let mut connections = nango.list_connections().into_stream();
/// while let Some(c) = connections.next().await {
///     println!("{}", c?.connection_id);
/// }
/// # Ok(()) }
/// ```
pub use futures_util::StreamExt;

/// futures' `TryStreamExt` (`try_next`, `try_collect`…), for the SDK's streams
/// of `Result`s: the first error ends the walk with `?`.
///
/// ```no_run
/// # async fn demo<T: nango_core::transport::Transport>(nango: nango_core::Client<T>) -> Result<(), nango_core::Error> {
/// use nango_core::TryStreamExt;
/// let all: Vec<_> = nango.list_connections().limit(500).into_stream().try_collect().await?;
/// # Ok(()) }
/// ```
pub use futures_util::TryStreamExt;

// The README's examples are compiled (and run, unless marked `no_run`) with the doc
// tests, so that what a reader copies builds.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
mod readme_doctests {}
