//! Scripts configuration and environment variables.

use super::Client;
use crate::ops::scripts::{GetEnvironmentVariables, GetScriptsConfig, GetScriptsConfigOpenAi};
use crate::transport::Transport;

impl<T: Transport> Client<T> {}

// The methods of this group declared by the table.
include!("scripts.gen.rs");
