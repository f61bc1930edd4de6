//! Typed models of what the Nango API sends and receives, one module per API group.
//!
//! Decoding is lenient where the server is: unknown fields are ignored, unknown
//! enum values are kept as strings, and open JSON (metadata, action input and
//! output, raw provider responses) stays [`serde_json::Value`].
//!
//! Every struct here is `#[non_exhaustive]`, so that a field Nango adds can be
//! added in a minor release: outside this crate, answers are read (or decoded
//! from JSON), never built with a struct literal, and request bodies and options
//! are built with their constructor or `Default` and chained setters:
//!
//! ```
//! use nango_core::models::{connect::CreateConnectSession, syncs::TriggerOptions};
//! let session = CreateConnectSession::default().tag("end_user_id", "u-1");
//! let opts = TriggerOptions::default().reset(true);
//! assert_eq!(opts.reset, Some(true));
//! # let _ = session;
//! ```

pub mod actions;
pub mod common;
pub mod connect;
pub mod connections;
pub mod environments;
pub mod functions;
pub mod integrations;
pub mod providers;
pub mod proxy;
pub mod records;
pub mod scripts;
pub mod syncs;
#[cfg(feature = "time")]
pub mod timestamp;

/// Every model type in one place (`use nango_core::models::all::*`).
pub mod all {
    pub use super::actions::*;
    pub use super::common::*;
    pub use super::connect::*;
    pub use super::connections::*;
    pub use super::environments::*;
    pub use super::functions::*;
    pub use super::integrations::*;
    pub use super::providers::*;
    pub use super::proxy::*;
    pub use super::records::*;
    pub use super::scripts::*;
    pub use super::syncs::*;
}
