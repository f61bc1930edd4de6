//! `/connections`: list, get, import, patch, delete, and metadata.

use serde::Serialize;
use serde_json::Value;

use crate::config::Config;
use crate::encode;
use crate::endpoint::{decode_as, Endpoint};
use crate::error::Error;
use crate::json::{not_an_object, view, write, JsonText};
use crate::models::common::OneOrMany;
use crate::models::connections::MetadataUpdate;
use crate::request::ApiRequest;

/// The wire name of a tag filter key: lowercase ASCII letters (the server
/// normalises keys to lowercase itself; leaving other letters to it keeps
/// Unicode case tables out of the WebAssembly package).
fn tag_key(key: &str) -> String {
    match key {
        "displayName" => "end_user_display_name".to_owned(),
        "email" => "end_user_email".to_owned(),
        other => other.to_ascii_lowercase(),
    }
}

view! {
    /// The fields of an imported connection that are checked before sending.
    struct ImportFields {
        provider_config_key,
        connection_id,
    }
}

impl ImportFields {
    fn check(&self) -> Result<(), Error> {
        encode::required_some("provider_config_key", self.provider_config_key.as_deref())?;
        if let Some(id) = &self.connection_id {
            encode::required("connection_id", id)?;
        }
        Ok(())
    }
}

/// How metadata is written: replaced (`POST`) or merged (`PATCH`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum MetadataMode {
    /// Replace the whole metadata object (`setMetadata`).
    Replace,
    /// Merge the given keys into it (`updateMetadata`).
    Merge,
}

/// `POST` or `PATCH /connections/metadata` on one or several connections.
///
/// ```
/// use nango_core::{config::Config, endpoint::Endpoint, ops::connections::{SetMetadata, MetadataMode}};
/// let cfg = Config::builder().api_key("k").build()?;
/// let req = SetMetadata::new(MetadataMode::Merge, "github", ["a", "b"], serde_json::json!({"x": 1}))?.request(&cfg)?;
/// assert_eq!(req.method(), http::Method::PATCH);
/// assert_eq!(req.body().unwrap().as_ref(), br#"{"metadata":{"x":1},"connection_id":["a","b"],"provider_config_key":"github"}"#);
/// # Ok::<(), nango_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct SetMetadata {
    mode: MetadataMode,
    body: MetadataBody,
}

#[derive(Debug, Clone, PartialEq)]
struct MetadataBody {
    /// Written once, when the operation is made; sent as is.
    metadata: JsonText,
    connection_id: OneOrMany,
    provider_config_key: String,
}

impl SetMetadata {
    /// Writes `metadata` (any serializable value; an object on the wire) to the
    /// connection(s). It is serialized here, once (a value that cannot be is
    /// refused as invalid `metadata`); a [`JsonText`] is sent as written.
    ///
    /// ```
    /// use nango_core::{config::Config, endpoint::Endpoint, json::JsonText};
    /// use nango_core::ops::connections::{SetMetadata, MetadataMode};
    /// let op = SetMetadata::new(MetadataMode::Replace, "gh", "u-1", serde_json::json!({"plan": "pro"}))?;
    /// let raw = JsonText::parse(r#"{"price": 1.50}"#)?;
    /// let req = SetMetadata::new(MetadataMode::Replace, "gh", "u-1", raw)?.request(&Config::builder().api_key("k").build()?)?;
    /// assert!(req.body().unwrap().starts_with(br#"{"metadata":{"price": 1.50},"#));
    /// # Ok::<(), nango_core::Error>(())
    /// ```
    pub fn new<M: Serialize>(
        mode: MetadataMode,
        provider_config_key: impl Into<String>,
        connection_ids: impl Into<OneOrMany>,
        metadata: M,
    ) -> Result<Self, Error> {
        let metadata = JsonText::serialize_as("metadata", &metadata)?;
        Ok(Self::from_json(
            mode,
            provider_config_key,
            connection_ids,
            metadata,
        ))
    }

    /// [`SetMetadata::new`] with the metadata as JSON text, sent as written
    /// (no `serde` on the way: what the WebAssembly package uses).
    ///
    /// ```
    /// use nango_core::{config::Config, endpoint::Endpoint, json::JsonText};
    /// use nango_core::ops::connections::{SetMetadata, MetadataMode};
    /// let raw = JsonText::parse(r#"{"price": 1.50}"#)?;
    /// let req = SetMetadata::from_json(MetadataMode::Merge, "gh", ["a", "b"], raw).request(&Config::builder().api_key("k").build()?)?;
    /// assert_eq!(req.body().unwrap().as_ref(), br#"{"metadata":{"price": 1.50},"connection_id":["a","b"],"provider_config_key":"gh"}"#);
    /// # Ok::<(), nango_core::Error>(())
    /// ```
    pub fn from_json(
        mode: MetadataMode,
        provider_config_key: impl Into<String>,
        connection_ids: impl Into<OneOrMany>,
        metadata: JsonText,
    ) -> Self {
        Self {
            mode,
            body: MetadataBody {
                metadata,
                connection_id: connection_ids.into(),
                provider_config_key: provider_config_key.into(),
            },
        }
    }
}

impl Endpoint for SetMetadata {
    const NAME: &'static str = "set_metadata";
    type Output = MetadataUpdate;

    fn request(&self, _config: &Config) -> Result<ApiRequest, Error> {
        encode::required("provider_config_key", &self.body.provider_config_key)?;
        let ids = self.body.connection_id.ids();
        if ids.is_empty() {
            return Err(crate::error::InvalidInput::new(
                "connection_id",
                crate::error::InvalidReason::Empty,
            )
            .into());
        }
        for id in ids {
            encode::required("connection_id", id)?;
        }
        if !self.body.metadata.is_object() {
            return Err(not_an_object("metadata").into());
        }
        let method = match self.mode {
            MetadataMode::Replace => http::Method::POST,
            MetadataMode::Merge => http::Method::PATCH,
        };
        let mut body = write::Object::new();
        body.raw("metadata", self.body.metadata.as_str());
        match &self.body.connection_id {
            OneOrMany::One(id) => body.str("connection_id", id),
            OneOrMany::Many(ids) => body.strs("connection_id", ids),
        };
        // Writing the same metadata twice leaves the same state.
        Ok(ApiRequest::new(method, Self::PATH, &[])?
            .idempotent(true)
            .json_text(
                &body
                    .str("provider_config_key", &self.body.provider_config_key)
                    .finish(),
            ))
    }

    decode_as!(json);
}

/// `getToken`: the connection's token, picked by auth mode (see [`Token`]).
///
/// ```
/// use nango_core::{config::Config, endpoint::Endpoint, ops::connections::{GetConnection, GetToken}};
/// let cfg = Config::builder().api_key("k").build()?;
/// let req = GetToken::new(GetConnection::new("github", "u-1")).request(&cfg)?;
/// assert_eq!(req.path(), "/connections/u-1");
/// # Ok::<(), nango_core::Error>(())
/// ```
///
/// [`Token`]: crate::models::connections::Token
#[derive(Debug, Clone, PartialEq)]
pub struct GetToken(GetConnection);

impl GetToken {
    /// The token of the connection `get` names (with its refresh options).
    ///
    /// ```
    /// use nango_core::ops::connections::{GetConnection, GetToken};
    /// let op = GetToken::new(GetConnection::new("gh", "u").force_refresh(true));
    /// ```
    pub fn new(get: GetConnection) -> Self {
        Self(get)
    }

    /// Refresh the token even if it has not expired (avoid at high traffic):
    /// `getToken`'s `forceRefresh`.
    ///
    /// ```
    /// use nango_core::{config::Config, endpoint::Endpoint, ops::connections::{GetConnection, GetToken}};
    /// let cfg = Config::builder().api_key("k").build()?;
    /// let req = GetToken::new(GetConnection::new("gh", "u")).force_refresh(true).request(&cfg)?;
    /// assert!(req.path_and_query().contains("force_refresh=true"));
    /// # Ok::<(), nango_core::Error>(())
    /// ```
    pub fn force_refresh(self, yes: bool) -> Self {
        Self(self.0.force_refresh(yes))
    }

    /// Refresh the JWT of a GitHub App connection: `getToken`'s
    /// `refreshGithubAppJwtToken`.
    ///
    /// ```
    /// use nango_core::ops::connections::{GetConnection, GetToken};
    /// let op = GetToken::new(GetConnection::new("github-app", "u")).refresh_github_app_jwt_token(true);
    /// ```
    pub fn refresh_github_app_jwt_token(self, yes: bool) -> Self {
        Self(self.0.refresh_github_app_jwt_token(yes))
    }
}

impl Endpoint for GetToken {
    const NAME: &'static str = "get_token";
    type Output = crate::models::connections::Token;

    fn request(&self, config: &Config) -> Result<ApiRequest, Error> {
        self.0.request(config)
    }

    fn decode(&self, response: crate::transport::HttpResponse) -> Result<Self::Output, Error> {
        let connection = self.0.decode(response)?;
        Ok(crate::models::connections::Token::from_credentials(
            connection.credentials,
        ))
    }
}

/// A field of the connection, decoded as `V`: `getRawTokenResponse`
/// (`credentials.raw`) and `getMetadata` (`metadata`).
///
/// ```
/// use nango_core::{config::Config, endpoint::Endpoint, ops::connections::{GetConnection, GetConnectionField}};
/// let cfg = Config::builder().api_key("k").build()?;
/// let op = GetConnectionField::<serde_json::Value>::metadata("github", "u-1");
/// assert!(op.request(&cfg)?.path_and_query().contains("force_refresh=false"));
/// # Ok::<(), nango_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct GetConnectionField<V> {
    get: GetConnection,
    field: ConnectionField,
    _value: std::marker::PhantomData<fn() -> V>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ConnectionField {
    Metadata,
    RawToken,
}

impl<V> GetConnectionField<V> {
    /// The connection's metadata (`getMetadata`).
    ///
    /// ```
    /// let op = nango_core::ops::connections::GetConnectionField::<serde_json::Value>::metadata("gh", "u");
    /// ```
    pub fn metadata(
        provider_config_key: impl Into<String>,
        connection_id: impl Into<String>,
    ) -> Self {
        Self {
            get: GetConnection::new(provider_config_key, connection_id),
            field: ConnectionField::Metadata,
            _value: std::marker::PhantomData,
        }
    }

    /// The provider's raw token response (`getRawTokenResponse`).
    ///
    /// ```
    /// use nango_core::ops::connections::{GetConnection, GetConnectionField};
    /// let op = GetConnectionField::<serde_json::Value>::raw_token_response(GetConnection::new("gh", "u"));
    /// ```
    pub fn raw_token_response(get: GetConnection) -> Self {
        Self {
            get,
            field: ConnectionField::RawToken,
            _value: std::marker::PhantomData,
        }
    }

    /// Refresh the token even if it has not expired (avoid at high traffic):
    /// `getRawTokenResponse`'s `forceRefresh`.
    ///
    /// ```
    /// use nango_core::{config::Config, endpoint::Endpoint, ops::connections::{GetConnection, GetConnectionField}};
    /// let cfg = Config::builder().api_key("k").build()?;
    /// let op = GetConnectionField::<serde_json::Value>::raw_token_response(GetConnection::new("gh", "u"))
    ///     .force_refresh(true);
    /// assert!(op.request(&cfg)?.path_and_query().contains("force_refresh=true"));
    /// # Ok::<(), nango_core::Error>(())
    /// ```
    pub fn force_refresh(mut self, yes: bool) -> Self {
        self.get = self.get.force_refresh(yes);
        self
    }

    /// Refresh the JWT of a GitHub App connection first:
    /// `getRawTokenResponse`'s `refreshGithubAppJwtToken`.
    ///
    /// ```
    /// use nango_core::ops::connections::{GetConnection, GetConnectionField};
    /// let op = GetConnectionField::<serde_json::Value>::raw_token_response(GetConnection::new("github-app", "u"))
    ///     .refresh_github_app_jwt_token(true);
    /// ```
    pub fn refresh_github_app_jwt_token(mut self, yes: bool) -> Self {
        self.get = self.get.refresh_github_app_jwt_token(yes);
        self
    }
}

impl<V: serde::de::DeserializeOwned> Endpoint for GetConnectionField<V> {
    const NAME: &'static str = "get_connection_field";
    type Output = V;

    fn request(&self, config: &Config) -> Result<ApiRequest, Error> {
        self.get.request(config)
    }

    fn decode(&self, response: crate::transport::HttpResponse) -> Result<V, Error> {
        let status = response.status();
        let body = response.body().clone();
        let connection = self.get.decode(response)?;
        let value = match self.field {
            ConnectionField::Metadata => connection.metadata,
            ConnectionField::RawToken => connection.credentials.raw.unwrap_or(Value::Null),
        };
        serde_path_to_error::deserialize(value).map_err(|e| {
            let message = crate::error::json_error_message(e.path().to_string(), e.inner());
            Error::Decode(Box::new(crate::error::DecodeError::new(
                status, message, body,
            )))
        })
    }
}

// The operations of this group declared by the table (`request = "table"`).
include!("connections.gen.rs");

impl ListConnections {
    /// The page size set, if any.
    pub(crate) fn page_size(&self) -> Option<u32> {
        self.limit
    }

    /// The page number set, if any.
    pub(crate) fn page_number(&self) -> Option<u32> {
        self.page
    }
}
