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
//! let nango = nango::Nango::builder()
//!     .api_key(std::env::var("NANGO_SECRET_KEY").unwrap_or_default())
//!     .build()?;
//! let conn = nango.get_connection("github", "user-1").await?;
//! println!("{} has metadata {}", conn.connection_id, conn.metadata);
//! # Ok(()) }
//! ```
//!
//! The futures are `Send`: call the client from `tokio::spawn` or an axum handler.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod reqwest_transport;

#[cfg(feature = "axum")]
pub mod axum;

pub use nango_core::{
    client, config, endpoint, error, models, ops, request, retry, transport, webhook, Call, Error,
    Result, SecretString,
};
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
pub type Nango = nango_core::Client<ReqwestTransport>;

/// The builder of [`Nango`].
pub type NangoBuilder = nango_core::ClientBuilder<ReqwestTransport>;

// The README's examples are compiled (and run, unless marked `no_run`) with the doc
// tests, so that what a reader copies builds.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
mod readme_doctests {}
