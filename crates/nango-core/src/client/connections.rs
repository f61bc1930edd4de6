//! Connections, metadata and connect sessions.

use std::time::Duration;

use serde::de::DeserializeOwned;
use serde::Serialize;

use super::{call_options, Client};
use crate::error::Error;
use crate::models::common::OneOrMany;
use crate::models::connect::{CreateConnectSession, CreateReconnectSession};
use crate::models::connections::{
    ConnectionList, ConnectionPatch, ConnectionSummary, UpsertConnection,
};
use crate::ops::connect::{CreateReconnect, CreateSession, DeleteSession, GetSession};
use crate::ops::connections::{
    DeleteConnection, GetConnection, GetConnectionField, GetToken, ImportConnection,
    ListConnections, MetadataMode, PatchConnection, SetMetadata,
};
use crate::transport::Transport;

call_options!(<V> GetConnectionField<V> {
    /// See [`GetConnectionField::force_refresh`].
    force_refresh(yes: bool);
    /// See [`GetConnectionField::refresh_github_app_jwt_token`].
    refresh_github_app_jwt_token(yes: bool);
});

/// How `wait_for_connection` polls: the official SDK's timing by default (a first
/// wait of 10 s, then every 2 s, 30 attempts).
///
/// ```
/// use std::time::Duration;
/// let w = nango_core::client::WaitOptions::default();
/// assert_eq!(w.attempts, 30);
/// assert_eq!(w.first_delay, Duration::from_secs(10));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WaitOptions {
    /// Polls in all.
    pub attempts: u32,
    /// Wait after the first poll.
    pub first_delay: Duration,
    /// Wait after each later poll.
    pub delay: Duration,
}

impl Default for WaitOptions {
    fn default() -> Self {
        Self {
            attempts: 30,
            first_delay: Duration::from_secs(10),
            delay: Duration::from_secs(2),
        }
    }
}

impl<T: Transport> Client<T> {
    /// `waitForConnection`: polls until the end user `user_id` has a connection to
    /// `integration_key`, with the official SDK's timing. Cancel it by dropping
    /// the future (e.g. in `tokio::select!` or `tokio::time::timeout`).
    ///
    /// ```no_run
    /// # async fn demo<T: nango_core::transport::Transport>(nango: nango_core::Client<T>) -> Result<(), nango_core::Error> {
    /// let conn = nango.wait_for_connection("github", "user-1").await?;
    /// # Ok(()) }
    /// ```
    pub async fn wait_for_connection(
        &self,
        integration_key: &str,
        user_id: &str,
    ) -> Result<ConnectionSummary, Error> {
        self.wait_for_connection_with(integration_key, user_id, &WaitOptions::default())
            .await
    }

    /// [`Client::wait_for_connection`] with custom timing.
    ///
    /// ```no_run
    /// # async fn demo<T: nango_core::transport::Transport>(nango: nango_core::Client<T>) -> Result<(), nango_core::Error> {
    /// use std::time::Duration;
    /// let fast = nango_core::client::WaitOptions { attempts: 5, first_delay: Duration::from_secs(1), delay: Duration::from_secs(1) };
    /// let conn = nango.wait_for_connection_with("github", "user-1", &fast).await?;
    /// # Ok(()) }
    /// ```
    pub async fn wait_for_connection_with(
        &self,
        integration_key: &str,
        user_id: &str,
        options: &WaitOptions,
    ) -> Result<ConnectionSummary, Error> {
        crate::encode::required("integration_key", integration_key)?;
        crate::encode::required("user_id", user_id)?;
        let list = ListConnections::new().end_user_id(user_id);
        for attempt in 0..options.attempts {
            let page: ConnectionList = self.send(&list).await?;
            if let Some(found) = page
                .connections
                .into_iter()
                .find(|c| c.provider_config_key == integration_key)
            {
                return Ok(found);
            }
            if attempt + 1 < options.attempts {
                let delay = if attempt == 0 {
                    options.first_delay
                } else {
                    options.delay
                };
                self.transport().sleep(delay).await;
            }
        }
        Err(Error::WaitTimeout(format!(
            "no connection to `{integration_key}` after {} attempts",
            options.attempts
        )))
    }
}

// The methods of this group declared by the table.
include!("connections.gen.rs");

// The methods of connect sessions declared by the table.
include!("connect.gen.rs");
