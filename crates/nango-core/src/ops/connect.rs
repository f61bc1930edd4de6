//! `/connect/sessions`: tokens that open the Connect UI for an end user.

use crate::config::Config;
use crate::encode;
use crate::endpoint::{decode_as, Endpoint};
use crate::error::Error;
use crate::json::{view, Body, JsonText};
use crate::models::connect::{ConnectSession, CreateConnectSession, CreateReconnectSession};
use crate::request::ApiRequest;

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
    body: Body,
}

impl CreateSession {
    /// A session described by `body`.
    ///
    /// ```
    /// # use nango_core::models::connect::CreateConnectSession;
    /// let op = nango_core::ops::connect::CreateSession::new(CreateConnectSession::default());
    /// ```
    pub fn new(body: CreateConnectSession) -> Self {
        Self {
            body: Body::typed(&body),
        }
    }

    /// A session described by `body`, JSON text of a [`CreateConnectSession`]
    /// sent as written. A text that is not a JSON object is refused when the
    /// request is built.
    ///
    /// ```
    /// use nango_core::{config::Config, endpoint::Endpoint, json::JsonText, ops::connect::CreateSession};
    /// let cfg = Config::builder().api_key("k").build()?;
    /// let body = JsonText::parse(r#"{"tags": {"end_user_id": "u-1"}}"#)?;
    /// let req = CreateSession::from_json(body).request(&cfg)?;
    /// assert_eq!(req.body().unwrap().as_ref(), br#"{"tags": {"end_user_id": "u-1"}}"#);
    /// assert!(CreateSession::from_json(JsonText::parse("[]")?).request(&cfg).is_err());
    /// # Ok::<(), nango_core::Error>(())
    /// ```
    pub fn from_json(body: JsonText) -> Self {
        Self {
            body: Body::text(body),
        }
    }
}

impl Endpoint for CreateSession {
    const NAME: &'static str = "create_session";
    type Output = ConnectSession;

    fn request(&self, _config: &Config) -> Result<ApiRequest, Error> {
        self.body.require_object()?;
        self.body
            .attach(ApiRequest::post("/connect/sessions", &[])?)
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
    body: Body,
}

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

impl CreateReconnect {
    /// A reconnect session described by `body`.
    ///
    /// ```
    /// # use nango_core::models::connect::CreateReconnectSession;
    /// let op = nango_core::ops::connect::CreateReconnect::new(CreateReconnectSession::new("c", "i"));
    /// ```
    pub fn new(body: CreateReconnectSession) -> Self {
        Self {
            body: Body::typed(&body),
        }
    }

    /// A reconnect session described by `body`, JSON text of a
    /// [`CreateReconnectSession`] sent as written. It gets the same checks as
    /// the typed body when the request is built (`connection_id` and
    /// `integration_id` present and non-empty; a JSON object).
    ///
    /// ```
    /// use nango_core::{config::Config, endpoint::Endpoint, json::JsonText, ops::connect::CreateReconnect};
    /// let cfg = Config::builder().api_key("k").build()?;
    /// let body = JsonText::parse(r#"{"connection_id": "c-1", "integration_id": "github"}"#)?;
    /// assert_eq!(CreateReconnect::from_json(body).request(&cfg)?.path(), "/connect/sessions/reconnect");
    /// let missing = JsonText::parse(r#"{"connection_id": "c-1"}"#)?;
    /// assert!(CreateReconnect::from_json(missing).request(&cfg).is_err());
    /// # Ok::<(), nango_core::Error>(())
    /// ```
    pub fn from_json(body: JsonText) -> Self {
        Self {
            body: Body::text(body),
        }
    }
}

impl Endpoint for CreateReconnect {
    const NAME: &'static str = "create_reconnect";
    type Output = ConnectSession;

    fn request(&self, _config: &Config) -> Result<ApiRequest, Error> {
        self.body.fields::<ReconnectFields>()?.check()?;
        self.body
            .attach(ApiRequest::post("/connect/sessions/reconnect", &[])?)
    }

    decode_as!(data);
}

// The operations of this group declared by the table (`request = "table"`).
include!("connect.gen.rs");
