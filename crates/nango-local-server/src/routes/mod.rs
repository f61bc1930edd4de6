//! Handlers of the Nango public API, one module per resource.

pub mod actions;
pub mod connect;
pub mod connections;
pub mod environment;
pub mod functions;
pub mod integrations;
pub mod metadata;
pub mod provider_webhooks;
pub mod providers;
pub mod proxy;
pub mod records;
pub mod scripts;
pub mod syncs;

use crate::error::ApiError;
use crate::state::{Environment, State};

/// The environment of the request (401 if it was deleted meanwhile).
pub fn env_ref(st: &State, id: i64) -> Result<&Environment, ApiError> {
    st.env(id).ok_or_else(gone)
}

/// The environment of the request, mutably.
pub fn env_mut(st: &mut State, id: i64) -> Result<&mut Environment, ApiError> {
    st.env_mut(id).ok_or_else(gone)
}

fn gone() -> ApiError {
    ApiError::msg(
        401,
        "unknown_account",
        "Authentication failed. The provided authorization header does not match any account.",
    )
}
