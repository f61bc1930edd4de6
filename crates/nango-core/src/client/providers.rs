//! Providers of the catalog.

use super::Client;
use crate::ops::providers::{GetProvider, GetProviderTemplates, ListProviders};
use crate::transport::Transport;

impl<T: Transport> Client<T> {}

// The methods of this group declared by the table.
include!("providers.gen.rs");
