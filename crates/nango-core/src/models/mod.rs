//! Typed models of what the Nango API sends and receives, one module per API group.
//!
//! Decoding is lenient where the server is: unknown fields are ignored, unknown
//! enum values are kept as strings, and open JSON (metadata, action input and
//! output, raw provider responses) stays [`serde_json::Value`].

pub mod common;
pub mod connect;
pub mod connections;
