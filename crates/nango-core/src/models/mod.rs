//! Typed models of what the Nango API sends and receives, one module per API group.
//!
//! Decoding is lenient where the server is: unknown fields are ignored, unknown
//! enum values are kept as strings, and open JSON (metadata, action input and
//! output, raw provider responses) stays [`serde_json::Value`].

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
