//! `/environments` and `/environment`: create and delete environments, their API
//! keys, and rotate the webhook signing key (not in the official SDK).

use std::fmt::Display;

use crate::config::Config;
use crate::encode;
use crate::endpoint::{decode_as, Endpoint};
use crate::error::{Error, InvalidInput, InvalidReason};
use crate::json::{view, write, Body, JsonText};
use crate::models::common::Success;
use crate::models::environments::{Environment, EnvironmentApiKey, NewEnvironment};
use crate::request::ApiRequest;

/// Refuses id 0 (the API's numeric ids start at 1).
fn positive(field: &str, id: u64) -> Result<(), InvalidInput> {
    if id == 0 {
        Err(InvalidInput::new(field, InvalidReason::InvalidValue).with_detail("must be at least 1"))
    } else {
        Ok(())
    }
}

/// `POST /environments`: creates an environment (needs an account-level key).
///
/// ```
/// use nango_core::{config::Config, endpoint::Endpoint, models::environments::NewEnvironment, ops::environments::CreateEnvironment};
/// let cfg = Config::builder().api_key("k").build()?;
/// let req = CreateEnvironment::new(NewEnvironment::new("staging")).request(&cfg)?;
/// assert_eq!(req.body().unwrap().as_ref(), br#"{"name":"staging"}"#);
/// # Ok::<(), nango_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct CreateEnvironment {
    body: Body,
}

view! {
    /// The fields of a new environment that are checked before sending.
    struct EnvironmentFields {
        name,
    }
}

impl EnvironmentFields {
    fn check(&self) -> Result<(), Error> {
        Ok(encode::required_some("name", self.name.as_deref())?)
    }
}

impl CreateEnvironment {
    /// Creates the environment described by `body`.
    ///
    /// ```
    /// # use nango_core::models::environments::NewEnvironment;
    /// let op = nango_core::ops::environments::CreateEnvironment::new(NewEnvironment::new("staging"));
    /// ```
    pub fn new(body: NewEnvironment) -> Self {
        Self {
            body: Body::typed(&body),
        }
    }

    /// Creates the environment described by `body`, JSON text of a
    /// [`NewEnvironment`] sent as written. It gets the same checks as the
    /// typed body when the request is built (`name` present and non-empty; a
    /// JSON object).
    ///
    /// ```
    /// use nango_core::{config::Config, endpoint::Endpoint, json::JsonText, ops::environments::CreateEnvironment};
    /// let cfg = Config::builder().api_key("k").build()?;
    /// let req = CreateEnvironment::from_json(JsonText::parse(r#"{"name":"staging"}"#)?).request(&cfg)?;
    /// assert_eq!(req.body().unwrap().as_ref(), br#"{"name":"staging"}"#);
    /// assert!(CreateEnvironment::from_json(JsonText::parse("{}")?).request(&cfg).is_err());
    /// # Ok::<(), nango_core::Error>(())
    /// ```
    pub fn from_json(body: JsonText) -> Self {
        Self {
            body: Body::text(body),
        }
    }
}

impl Endpoint for CreateEnvironment {
    const NAME: &'static str = "create_environment";
    type Output = Environment;

    fn request(&self, _config: &Config) -> Result<ApiRequest, Error> {
        self.body.fields::<EnvironmentFields>()?.check()?;
        self.body.attach(ApiRequest::post("/environments", &[])?)
    }

    decode_as!(data);
}

/// `DELETE /environments/{environment_id}`: deletes an environment (not `prod`).
///
/// The OpenAPI document names it by its numeric id; newer servers by its UUID:
/// either is accepted.
///
/// ```
/// use nango_core::{config::Config, endpoint::Endpoint, ops::environments::DeleteEnvironment};
/// let cfg = Config::builder().api_key("k").build()?;
/// assert_eq!(DeleteEnvironment::new(123).request(&cfg)?.path(), "/environments/123");
/// # Ok::<(), nango_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeleteEnvironment {
    environment_id: String,
}

impl DeleteEnvironment {
    /// Deletes environment `environment_id` (a number or a UUID).
    ///
    /// ```
    /// let op = nango_core::ops::environments::DeleteEnvironment::new("7c9e6679-7425-40de-944b-e07fc1f90ae7");
    /// ```
    pub fn new(environment_id: impl Display) -> Self {
        Self {
            environment_id: environment_id.to_string(),
        }
    }
}

impl Endpoint for DeleteEnvironment {
    const NAME: &'static str = "delete_environment";
    type Output = ();

    fn request(&self, _config: &Config) -> Result<ApiRequest, Error> {
        // Numeric ids start at 1; anything else (a UUID) is the server's to judge.
        if self.environment_id.parse::<u64>() == Ok(0) {
            positive("environment_id", 0)?;
        }
        Ok(ApiRequest::new(
            http::Method::DELETE,
            "/environments/{}",
            &[("environment_id", &self.environment_id)],
        )?
        // Deleting twice answers 404: a retry must not mask the first success.
        .idempotent(false))
    }

    decode_as!(empty);
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct ApiKeyBody {
    environment_id: u64,
    display_name: String,
}

/// `POST /environment/api-keys`: creates an API key (scope `environment:*`) for
/// an environment. The answer holds the secret, shown only once.
///
/// ```
/// use nango_core::{config::Config, endpoint::Endpoint, ops::environments::CreateApiKey};
/// let cfg = Config::builder().api_key("k").build()?;
/// let req = CreateApiKey::new(123, "provisioned-ci").request(&cfg)?;
/// assert_eq!(req.body().unwrap().as_ref(), br#"{"environment_id":123,"display_name":"provisioned-ci"}"#);
/// # Ok::<(), nango_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreateApiKey {
    body: ApiKeyBody,
}

impl CreateApiKey {
    /// A key named `display_name` (unique in the environment) for `environment_id`.
    ///
    /// ```
    /// let op = nango_core::ops::environments::CreateApiKey::new(123, "ci");
    /// ```
    pub fn new(environment_id: u64, display_name: impl Into<String>) -> Self {
        Self {
            body: ApiKeyBody {
                environment_id,
                display_name: display_name.into(),
            },
        }
    }
}

impl Endpoint for CreateApiKey {
    const NAME: &'static str = "create_api_key";
    type Output = EnvironmentApiKey;

    fn request(&self, _config: &Config) -> Result<ApiRequest, Error> {
        positive("environment_id", self.body.environment_id)?;
        encode::required("display_name", &self.body.display_name)?;
        let body = write::Object::new()
            .uint("environment_id", self.body.environment_id)
            .str("display_name", &self.body.display_name)
            .finish();
        Ok(ApiRequest::post("/environment/api-keys", &[])?.json_text(&body))
    }

    decode_as!(data);
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct DeleteKeyBody {
    environment_id: u64,
    key_id: u64,
}

/// `DELETE /environment/api-keys` (with a JSON body): deletes an environment API key.
///
/// ```
/// use nango_core::{config::Config, endpoint::Endpoint, ops::environments::DeleteApiKey};
/// let cfg = Config::builder().api_key("k").build()?;
/// let req = DeleteApiKey::new(123, 456).request(&cfg)?;
/// assert_eq!(req.method(), http::Method::DELETE);
/// assert_eq!(req.body().unwrap().as_ref(), br#"{"environment_id":123,"key_id":456}"#);
/// # Ok::<(), nango_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeleteApiKey {
    body: DeleteKeyBody,
}

impl DeleteApiKey {
    /// Deletes key `key_id` of environment `environment_id`.
    ///
    /// ```
    /// let op = nango_core::ops::environments::DeleteApiKey::new(123, 456);
    /// ```
    pub fn new(environment_id: u64, key_id: u64) -> Self {
        Self {
            body: DeleteKeyBody {
                environment_id,
                key_id,
            },
        }
    }
}

impl Endpoint for DeleteApiKey {
    const NAME: &'static str = "delete_api_key";
    type Output = Success;

    fn request(&self, _config: &Config) -> Result<ApiRequest, Error> {
        positive("environment_id", self.body.environment_id)?;
        positive("key_id", self.body.key_id)?;
        let body = write::Object::new()
            .uint("environment_id", self.body.environment_id)
            .uint("key_id", self.body.key_id)
            .finish();
        Ok(
            ApiRequest::new(http::Method::DELETE, "/environment/api-keys", &[])?
                // Deleting twice answers 404: a retry must not mask the first success.
                .idempotent(false)
                .json_text(&body),
        )
    }

    decode_as!(json);
}

// The operations of this group declared by the table (`request = "table"`).
include!("environments.gen.rs");
