//! `/connect/sessions`: tokens that open the Connect UI for an end user.

use crate::config::Config;
use crate::endpoint::{decode_as, Endpoint};
use crate::error::Error;
use crate::models::connect::{
    ConnectSession, ConnectSessionDetails, CreateConnectSession, CreateReconnectSession,
};
use crate::request::ApiRequest;
use crate::secret::SecretString;

/// `POST /connect/sessions`.
///
/// ```
/// use nango_core::{config::Config, endpoint::Endpoint, models::connect::CreateConnectSession, ops::connect::CreateSession};
/// let cfg = Config::builder().api_key("k").build()?;
/// let req = CreateSession::new(CreateConnectSession::default().tag("end_user_id", "u-1")).request(&cfg)?;
/// assert_eq!(req.path(), "/connect/sessions");
/// # Ok::<(), nango_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct CreateSession {
    body: CreateConnectSession,
}

impl CreateSession {
    /// A session described by `body`.
    ///
    /// ```
    /// # use nango_core::models::connect::CreateConnectSession;
    /// let op = nango_core::ops::connect::CreateSession::new(CreateConnectSession::default());
    /// ```
    pub fn new(body: CreateConnectSession) -> Self {
        Self { body }
    }
}

impl Endpoint for CreateSession {
    type Output = ConnectSession;

    fn request(&self, _config: &Config) -> Result<ApiRequest, Error> {
        ApiRequest::post("/connect/sessions", &[])?.json(&self.body)
    }

    decode_as!(data);
}

/// `POST /connect/sessions/reconnect`.
///
/// ```
/// use nango_core::{config::Config, endpoint::Endpoint, models::connect::CreateReconnectSession, ops::connect::CreateReconnect};
/// let cfg = Config::builder().api_key("k").build()?;
/// assert!(CreateReconnect::new(CreateReconnectSession::new("", "github")).request(&cfg).is_err());
/// # Ok::<(), nango_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct CreateReconnect {
    body: CreateReconnectSession,
}

impl CreateReconnect {
    /// A reconnect session described by `body`.
    ///
    /// ```
    /// # use nango_core::models::connect::CreateReconnectSession;
    /// let op = nango_core::ops::connect::CreateReconnect::new(CreateReconnectSession::new("c", "i"));
    /// ```
    pub fn new(body: CreateReconnectSession) -> Self {
        Self { body }
    }
}

impl Endpoint for CreateReconnect {
    type Output = ConnectSession;

    fn request(&self, _config: &Config) -> Result<ApiRequest, Error> {
        crate::encode::required("connection_id", &self.body.connection_id)?;
        crate::encode::required("integration_id", &self.body.integration_id)?;
        ApiRequest::post("/connect/sessions/reconnect", &[])?.json(&self.body)
    }

    decode_as!(data);
}

/// `GET /connect/session`: the settings of a session token's session
/// (authenticated with that token, not the API key).
///
/// ```
/// use nango_core::{config::Config, endpoint::Endpoint, ops::connect::GetSession};
/// let cfg = Config::builder().api_key("k").build()?;
/// let http = GetSession::new("nango_connect_session_x").request(&cfg)?.to_http(&cfg, "ua")?;
/// assert_eq!(http.headers()["authorization"], "Bearer nango_connect_session_x");
/// # Ok::<(), nango_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct GetSession {
    token: SecretString,
}

impl GetSession {
    /// The session of `token`.
    ///
    /// ```
    /// let op = nango_core::ops::connect::GetSession::new("tok");
    /// ```
    pub fn new(token: impl Into<SecretString>) -> Self {
        Self {
            token: token.into(),
        }
    }
}

impl Endpoint for GetSession {
    type Output = ConnectSessionDetails;

    fn request(&self, _config: &Config) -> Result<ApiRequest, Error> {
        crate::encode::required("token", self.token.expose_secret())?;
        Ok(ApiRequest::get("/connect/session", &[])?.bearer(self.token.clone()))
    }

    decode_as!(data);
}

/// `DELETE /connect/session`: revokes a session token (authenticated with it).
///
/// ```
/// use nango_core::{config::Config, endpoint::Endpoint, ops::connect::DeleteSession};
/// let cfg = Config::builder().api_key("k").build()?;
/// assert!(DeleteSession::new("").request(&cfg).is_err());
/// # Ok::<(), nango_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct DeleteSession {
    token: SecretString,
}

impl DeleteSession {
    /// Revokes `token`.
    ///
    /// ```
    /// let op = nango_core::ops::connect::DeleteSession::new("tok");
    /// ```
    pub fn new(token: impl Into<SecretString>) -> Self {
        Self {
            token: token.into(),
        }
    }
}

impl Endpoint for DeleteSession {
    type Output = ();

    fn request(&self, _config: &Config) -> Result<ApiRequest, Error> {
        crate::encode::required("token", self.token.expose_secret())?;
        Ok(
            ApiRequest::new(http::Method::DELETE, "/connect/session", &[])?
                .bearer(self.token.clone()),
        )
    }

    decode_as!(empty);
}
