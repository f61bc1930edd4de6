//! Connections, metadata and connect sessions.

use std::time::Duration;

use serde::de::DeserializeOwned;
use serde::Serialize;

use super::{call_options, Call, Client};
use crate::error::Error;
use crate::models::common::{OneOrMany, Success};
use crate::models::connect::{
    ConnectSession, ConnectSessionDetails, CreateConnectSession, CreateReconnectSession,
};
use crate::models::connections::{
    Connection, ConnectionList, ConnectionPatch, ConnectionSummary, MetadataUpdate,
    UpsertConnection,
};
use crate::ops::connect::{CreateReconnect, CreateSession, DeleteSession, GetSession};
use crate::ops::connections::{
    DeleteConnection, GetConnection, GetConnectionField, GetToken, ImportConnection,
    ListConnections, MetadataMode, PatchConnection, SetMetadata,
};
use crate::transport::Transport;

call_options!(ListConnections {
    /// See [`ListConnections::connection_id`].
    connection_id(id: impl Into<String>);
    /// See [`ListConnections::search`].
    search(text: impl Into<String>);
    /// See [`ListConnections::end_user_id`].
    end_user_id(id: impl Into<String>);
    /// See [`ListConnections::end_user_organization_id`].
    end_user_organization_id(id: impl Into<String>);
    /// See [`ListConnections::integration_ids`].
    integration_ids(ids: Vec<String>);
    /// See [`ListConnections::tag`].
    tag(key: impl Into<String>, value: impl Into<String>);
    /// See [`ListConnections::limit`].
    limit(limit: u32);
    /// See [`ListConnections::page`].
    page(page: u32);
});

call_options!(GetConnection {
    /// See [`GetConnection::force_refresh`].
    force_refresh(yes: bool);
    /// See [`GetConnection::refresh_token`].
    refresh_token(yes: bool);
    /// See [`GetConnection::refresh_github_app_jwt_token`].
    refresh_github_app_jwt_token(yes: bool);
});

call_options!(GetToken {
    /// See [`GetToken::force_refresh`].
    force_refresh(yes: bool);
    /// See [`GetToken::refresh_github_app_jwt_token`].
    refresh_github_app_jwt_token(yes: bool);
});

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
    /// `listConnections`: connections without credentials, filtered by the
    /// options chained on the returned [`Call`].
    ///
    /// ```no_run
    /// # async fn demo<T: nango_core::transport::Transport>(nango: nango_core::Client<T>) -> Result<(), nango_core::Error> {
    /// let list = nango.list_connections().tag("end_user_id", "u-1").limit(100).await?;
    /// for c in list.connections { println!("{} {}", c.provider_config_key, c.connection_id); }
    /// # Ok(()) }
    /// ```
    pub fn list_connections(&self) -> Call<'_, T, ListConnections> {
        self.call(ListConnections::new())
    }

    /// `getConnection`: a connection with its credentials.
    ///
    /// ```no_run
    /// # async fn demo<T: nango_core::transport::Transport>(nango: nango_core::Client<T>) -> Result<(), nango_core::Error> {
    /// let conn = nango.get_connection("github", "user-1").refresh_token(true).await?;
    /// # Ok(()) }
    /// ```
    pub fn get_connection(
        &self,
        provider_config_key: &str,
        connection_id: &str,
    ) -> Call<'_, T, GetConnection> {
        self.call(GetConnection::new(provider_config_key, connection_id))
    }

    /// `getToken`: the access token (OAuth 2), the token pair (OAuth 1) or the
    /// credentials (other modes). The official SDK's optional arguments are
    /// options on the returned [`Call`]: `.force_refresh(true)`,
    /// `.refresh_github_app_jwt_token(true)`.
    ///
    /// ```no_run
    /// # async fn demo<T: nango_core::transport::Transport>(nango: nango_core::Client<T>) -> Result<(), nango_core::Error> {
    /// use nango_core::models::connections::Token;
    /// if let Token::AccessToken(t) = nango.get_token("github", "user-1").await? {
    ///     let _bearer = format!("Bearer {}", t.expose_secret());
    /// }
    /// let fresh = nango.get_token("github", "user-1").force_refresh(true).await?;
    /// # Ok(()) }
    /// ```
    pub fn get_token(
        &self,
        provider_config_key: &str,
        connection_id: &str,
    ) -> Call<'_, T, GetToken> {
        self.call(GetToken::new(GetConnection::new(
            provider_config_key,
            connection_id,
        )))
    }

    /// `getRawTokenResponse`: the provider's raw token response, decoded as `V`.
    /// The official SDK's optional arguments are options on the returned
    /// [`Call`]: `.force_refresh(true)`, `.refresh_github_app_jwt_token(true)`.
    ///
    /// ```no_run
    /// # async fn demo<T: nango_core::transport::Transport>(nango: nango_core::Client<T>) -> Result<(), nango_core::Error> {
    /// let raw: serde_json::Value = nango.get_raw_token_response("github", "user-1").await?;
    /// let fresh: serde_json::Value = nango
    ///     .get_raw_token_response("github", "user-1")
    ///     .force_refresh(true)
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn get_raw_token_response<V: DeserializeOwned>(
        &self,
        provider_config_key: &str,
        connection_id: &str,
    ) -> Call<'_, T, GetConnectionField<V>> {
        self.call(GetConnectionField::raw_token_response(GetConnection::new(
            provider_config_key,
            connection_id,
        )))
    }

    /// `getMetadata`: the connection's metadata, decoded as `M`.
    ///
    /// ```no_run
    /// # async fn demo<T: nango_core::transport::Transport>(nango: nango_core::Client<T>) -> Result<(), nango_core::Error> {
    /// #[derive(serde::Deserialize)]
    /// struct Meta { plan: String }
    /// let meta: Meta = nango.get_metadata("github", "user-1").await?;
    /// # Ok(()) }
    /// ```
    pub async fn get_metadata<M: DeserializeOwned>(
        &self,
        provider_config_key: &str,
        connection_id: &str,
    ) -> Result<M, Error> {
        self.send(&GetConnectionField::<M>::metadata(
            provider_config_key,
            connection_id,
        ))
        .await
    }

    /// `POST /connections`: imports a connection whose credentials you already
    /// have (not in the official SDK).
    ///
    /// ```no_run
    /// # async fn demo<T: nango_core::transport::Transport>(nango: nango_core::Client<T>) -> Result<(), nango_core::Error> {
    /// use nango_core::models::connections::UpsertConnection;
    /// let body = UpsertConnection::new("airtable", serde_json::json!({"type": "API_KEY", "apiKey": "pat..."}))
    ///     .connection_id("user-1")
    ///     .tags([("end_user_id", "user-1")]);
    /// let conn = nango.import_connection(body).await?;
    /// # Ok(()) }
    /// ```
    pub async fn import_connection(&self, body: UpsertConnection) -> Result<Connection, Error> {
        self.send(&ImportConnection::new(body)).await
    }

    /// `patchConnection`: changes a connection's tags (or deprecated end user).
    ///
    /// ```no_run
    /// # async fn demo<T: nango_core::transport::Transport>(nango: nango_core::Client<T>) -> Result<(), nango_core::Error> {
    /// use nango_core::models::connections::ConnectionPatch;
    /// nango.patch_connection("github", "user-1", ConnectionPatch::default().tag("plan", "pro")).await?;
    /// # Ok(()) }
    /// ```
    pub async fn patch_connection(
        &self,
        provider_config_key: &str,
        connection_id: &str,
        patch: ConnectionPatch,
    ) -> Result<Success, Error> {
        self.send(&PatchConnection::new(
            provider_config_key,
            connection_id,
            patch,
        ))
        .await
    }

    /// `deleteConnection`.
    ///
    /// ```no_run
    /// # async fn demo<T: nango_core::transport::Transport>(nango: nango_core::Client<T>) -> Result<(), nango_core::Error> {
    /// nango.delete_connection("github", "user-1").await?;
    /// # Ok(()) }
    /// ```
    pub async fn delete_connection(
        &self,
        provider_config_key: &str,
        connection_id: &str,
    ) -> Result<(), Error> {
        self.send(&DeleteConnection::new(provider_config_key, connection_id))
            .await
    }

    /// `setMetadata`: replaces the metadata of one connection or several.
    ///
    /// ```no_run
    /// # async fn demo<T: nango_core::transport::Transport>(nango: nango_core::Client<T>) -> Result<(), nango_core::Error> {
    /// nango.set_metadata("github", "user-1", serde_json::json!({"plan": "pro"})).await?;
    /// nango.set_metadata("github", ["user-1", "user-2"], serde_json::json!({"plan": "pro"})).await?;
    /// # Ok(()) }
    /// ```
    pub async fn set_metadata<M: Serialize>(
        &self,
        provider_config_key: &str,
        connection_ids: impl Into<OneOrMany>,
        metadata: M,
    ) -> Result<MetadataUpdate, Error> {
        let op = SetMetadata::new(
            MetadataMode::Replace,
            provider_config_key,
            connection_ids,
            metadata,
        )?;
        self.send(&op).await
    }

    /// `updateMetadata`: merges keys into the metadata of one connection or several.
    ///
    /// ```no_run
    /// # async fn demo<T: nango_core::transport::Transport>(nango: nango_core::Client<T>) -> Result<(), nango_core::Error> {
    /// nango.update_metadata("github", "user-1", serde_json::json!({"seats": 5})).await?;
    /// # Ok(()) }
    /// ```
    pub async fn update_metadata<M: Serialize>(
        &self,
        provider_config_key: &str,
        connection_ids: impl Into<OneOrMany>,
        metadata: M,
    ) -> Result<MetadataUpdate, Error> {
        let op = SetMetadata::new(
            MetadataMode::Merge,
            provider_config_key,
            connection_ids,
            metadata,
        )?;
        self.send(&op).await
    }

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

    /// `createConnectSession`: a 30-minute token for the Connect UI.
    ///
    /// ```no_run
    /// # async fn demo<T: nango_core::transport::Transport>(nango: nango_core::Client<T>) -> Result<(), nango_core::Error> {
    /// use nango_core::models::connect::CreateConnectSession;
    /// let session = nango
    ///     .create_connect_session(CreateConnectSession::default().tag("end_user_id", "u-1").allowed_integrations(["github"]))
    ///     .await?;
    /// println!("{}", session.connect_link.unwrap_or_default());
    /// # Ok(()) }
    /// ```
    pub async fn create_connect_session(
        &self,
        body: CreateConnectSession,
    ) -> Result<ConnectSession, Error> {
        self.send(&CreateSession::new(body)).await
    }

    /// `createReconnectSession`: a session that re-authorises an existing connection.
    ///
    /// ```no_run
    /// # async fn demo<T: nango_core::transport::Transport>(nango: nango_core::Client<T>) -> Result<(), nango_core::Error> {
    /// use nango_core::models::connect::CreateReconnectSession;
    /// let s = nango.create_reconnect_session(CreateReconnectSession::new("conn-1", "github")).await?;
    /// # Ok(()) }
    /// ```
    pub async fn create_reconnect_session(
        &self,
        body: CreateReconnectSession,
    ) -> Result<ConnectSession, Error> {
        self.send(&CreateReconnect::new(body)).await
    }

    /// `GET /connect/session`: the settings of the session behind a session token.
    ///
    /// ```no_run
    /// # async fn demo<T: nango_core::transport::Transport>(nango: nango_core::Client<T>) -> Result<(), nango_core::Error> {
    /// let s = nango.get_connect_session("nango_connect_session_...").await?;
    /// # Ok(()) }
    /// ```
    pub async fn get_connect_session(&self, token: &str) -> Result<ConnectSessionDetails, Error> {
        self.send(&GetSession::new(token)).await
    }

    /// `DELETE /connect/session`: revokes a session token.
    ///
    /// ```no_run
    /// # async fn demo<T: nango_core::transport::Transport>(nango: nango_core::Client<T>) -> Result<(), nango_core::Error> {
    /// nango.delete_connect_session("nango_connect_session_...").await?;
    /// # Ok(()) }
    /// ```
    pub async fn delete_connect_session(&self, token: &str) -> Result<(), Error> {
        self.send(&DeleteSession::new(token)).await
    }
}
