//! `/connect/sessions`: tokens that open the Connect UI for an end user.

use crate::encode;
use crate::error::Error;
use crate::json::view;

view! {
    /// The fields of a reconnect session that are checked before sending.
    struct ReconnectFields {
        connection_id,
        integration_id,
    }
}

impl ReconnectFields {
    fn check(&self) -> Result<(), Error> {
        encode::required_some("connection_id", self.connection_id.as_deref())?;
        encode::required_some("integration_id", self.integration_id.as_deref())?;
        Ok(())
    }
}

// The operations of this group declared by the table (`request = "table"`).
include!("connect.gen.rs");
