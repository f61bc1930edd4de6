//! Environments, their API keys and the webhook signing key (not in the official SDK).

use std::fmt::Display;

use super::Client;
use crate::models::environments::NewEnvironment;
use crate::ops::environments::{
    CreateApiKey, CreateEnvironment, DeleteApiKey, DeleteEnvironment, RotateWebhookSigningKey,
};
use crate::transport::Transport;

impl<T: Transport> Client<T> {}

// The methods of this group declared by the table.
include!("environments.gen.rs");
