//! A native async client for the [Nango](https://nango.dev) API, for tokio servers.
//!
//! Every operation of the official Node SDK (`@nangohq/node`) is here under its
//! snake_case name, plus the HTTP API endpoints it lacks. Requests go through
//! reqwest (rustls by default; see [`ReqwestTransport`] for the TLS features and
//! for bringing your own `reqwest::Client`); 429s, 5xx and connection failures
//! are retried by a policy that never repeats a non-idempotent request unless
//! you ask it to.
//!
//! ```no_run
//! # async fn demo() -> Result<(), nango::Error> {
//! use std::time::Duration;
//! use nango::StreamExt;
//!
//! // NANGO_SECRET_KEY (required) and NANGO_HOST (optional) from the environment.
//! let nango = nango::Nango::from_env()?;
//! let conn = nango.get_connection("github", "user-1").await?;
//! println!("{} has metadata {}", conn.connection_id, conn.metadata);
//!
//! // Any call can have its own timeout and retry policy.
//! let conn = nango
//!     .get_connection("github", "user-1")
//!     .timeout(Duration::from_secs(5))
//!     .retry_policy(nango::retry::RetryPolicy::disabled())
//!     .await?;
//!
//! // A listing as a stream of every item, page after page.
//! let mut records = nango
//!     .list_records::<serde_json::Value>("github", "user-1", "Issue")
//!     .limit(100)
//!     .into_stream();
//! while let Some(record) = records.next().await {
//!     println!("{}", record?.data["id"]);
//! }
//! # Ok(()) }
//! ```
//!
//! The futures and streams are `Send`: use the client from `tokio::spawn` or an
//! axum handler. The streams are `Unpin`, and [`StreamExt`] (futures', re-exported
//! here) gives them `next()`, `map`, `take`…
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod reqwest_transport;

#[cfg(feature = "axum")]
pub mod axum;

pub use nango_core::{
    client, config, endpoint, error, models, ops, request, retry, transport, webhook, Call, Error,
    Result, SecretString,
};
pub use nango_core::{StreamExt, TryStreamExt};

/// The `time` crate of the models' `*_time()` accessors (the `time` feature; see
/// [`models::timestamp`]).
///
/// ```
/// let s: nango::models::connect::ConnectSession = serde_json::from_str(
///     r#"{"token":"t","expires_at":"2026-01-01T00:30:00Z"}"#).unwrap();
/// let expires: nango::time::OffsetDateTime = s.expires_at_time()?;
/// # Ok::<(), nango::models::timestamp::TimestampError>(())
/// ```
#[cfg(feature = "time")]
pub use nango_core::time;
pub use reqwest_transport::{PoolOptions, ReqwestTransport, TransportBuildError};

/// The reqwest this crate is built on, to make the client that
/// [`ReqwestTransport::from_client`] takes with the same version.
///
/// ```
/// let client = nango::reqwest::Client::builder()
///     .redirect(nango::reqwest::redirect::Policy::none())
///     .build()
///     .unwrap();
/// let transport = nango::ReqwestTransport::from_client(client);
/// ```
pub use reqwest;

/// The Nango client over reqwest: `nango_core::Client<ReqwestTransport>`.
///
/// ```
/// let nango = nango::Nango::builder()
///     .api_key("a3f1c2d4-0000-4000-8000-000000000000")
///     .host("http://localhost:3003")
///     .build()?;
/// # Ok::<(), nango::Error>(())
/// ```
///
/// Or from the environment, with [`Nango::from_env`](nango_core::Client::from_env):
/// `NANGO_SECRET_KEY` is required (its absence is an
/// [`Error::InvalidInput`] naming it), `NANGO_HOST` optional.
///
/// ```no_run
/// let nango = nango::Nango::from_env()?;
/// # Ok::<(), nango::Error>(())
/// ```
pub type Nango = nango_core::Client<ReqwestTransport>;

/// The builder of [`Nango`].
pub type NangoBuilder = nango_core::ClientBuilder<ReqwestTransport>;

// The README's examples are compiled (and run, unless marked `no_run`) with the doc
// tests, so that what a reader copies builds.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
mod readme_doctests {}
