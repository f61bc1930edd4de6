//! `/integrations`: list, get, create, update and delete integrations, and the
//! functions deployed to them.

use serde::Deserialize;

use crate::config::Config;
use crate::encode;
use crate::endpoint::{decode_as, decode_json, Endpoint};
use crate::error::{DecodeError, Error, InvalidInput, InvalidReason};
use crate::json::{view, Body, JsonText};
use crate::models::common::Data;
use crate::models::integrations::{
    Integration, IntegrationInclude, IntegrationPatch, NewIntegration, NewQuickstartIntegration,
};
use crate::request::ApiRequest;
use crate::transport::HttpResponse;

/// `GET /integrations/{unique_key}` (`getIntegration`), optionally with its
/// webhook URL and credentials.
///
/// Every `include` value is sent (`include=webhook&include=credentials`); the
/// official SDK keeps only the last one of its array.
///
/// ```
/// use nango_core::{config::Config, endpoint::Endpoint, models::integrations::IntegrationInclude, ops::integrations::GetIntegration};
/// let cfg = Config::builder().api_key("k").build()?;
/// let req = GetIntegration::new("github")
///     .include(IntegrationInclude::Webhook)
///     .include(IntegrationInclude::Credentials)
///     .request(&cfg)?;
/// assert_eq!(req.path_and_query(), "/integrations/github?include=webhook&include=credentials");
/// # Ok::<(), nango_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetIntegration {
    unique_key: String,
    include: Vec<IntegrationInclude>,
}

impl GetIntegration {
    /// The integration `unique_key`.
    ///
    /// ```
    /// let op = nango_core::ops::integrations::GetIntegration::new("github");
    /// ```
    pub fn new(unique_key: impl Into<String>) -> Self {
        Self {
            unique_key: unique_key.into(),
            include: Vec::new(),
        }
    }

    /// Also returns `what` (a value given twice is sent once).
    ///
    /// ```
    /// use nango_core::{models::integrations::IntegrationInclude, ops::integrations::GetIntegration};
    /// let op = GetIntegration::new("github").include(IntegrationInclude::Credentials);
    /// ```
    pub fn include(mut self, what: IntegrationInclude) -> Self {
        if !self.include.contains(&what) {
            self.include.push(what);
        }
        self
    }
}

impl Endpoint for GetIntegration {
    const NAME: &'static str = "get_integration";
    type Output = Integration;

    fn request(&self, _config: &Config) -> Result<ApiRequest, Error> {
        let mut req = ApiRequest::get("/integrations/{}", &[("unique_key", &self.unique_key)])?;
        for what in &self.include {
            req = req.query("include", what.as_str());
        }
        Ok(req)
    }

    decode_as!(data);
}

/// `POST /integrations` (`createIntegration`).
///
/// ```
/// use nango_core::{config::Config, endpoint::Endpoint, models::integrations::NewIntegration, ops::integrations::CreateIntegration};
/// let cfg = Config::builder().api_key("k").build()?;
/// let req = CreateIntegration::new(NewIntegration::new("github", "github-prod")).request(&cfg)?;
/// assert_eq!(req.body().unwrap().as_ref(), br#"{"provider":"github","unique_key":"github-prod"}"#);
/// # Ok::<(), nango_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct CreateIntegration {
    body: Body,
}

view! {
    /// The fields of a new integration (plain or quickstart) that are checked
    /// before sending.
    struct NewIntegrationFields {
        provider,
        unique_key,
    }
}

impl NewIntegrationFields {
    fn check(&self) -> Result<(), Error> {
        encode::required_some("provider", self.provider.as_deref())?;
        encode::required_some("unique_key", self.unique_key.as_deref())?;
        Ok(())
    }
}

impl CreateIntegration {
    /// Creates the integration described by `body`.
    ///
    /// ```
    /// # use nango_core::models::integrations::NewIntegration;
    /// let op = nango_core::ops::integrations::CreateIntegration::new(NewIntegration::new("github", "gh"));
    /// ```
    pub fn new(body: NewIntegration) -> Self {
        Self {
            body: Body::typed(&body),
        }
    }

    /// Creates the integration described by `body`, JSON text of a
    /// [`NewIntegration`] sent as written. It gets the same checks as the
    /// typed body when the request is built (`provider` and `unique_key`
    /// present and non-empty; a JSON object).
    ///
    /// ```
    /// use nango_core::{config::Config, endpoint::Endpoint, json::JsonText, ops::integrations::CreateIntegration};
    /// let cfg = Config::builder().api_key("k").build()?;
    /// let body = JsonText::parse(r#"{"unique_key":"github-prod","provider":"github"}"#)?;
    /// let req = CreateIntegration::from_json(body).request(&cfg)?;
    /// assert_eq!(req.body().unwrap().as_ref(), br#"{"unique_key":"github-prod","provider":"github"}"#);
    /// # Ok::<(), nango_core::Error>(())
    /// ```
    pub fn from_json(body: JsonText) -> Self {
        Self {
            body: Body::text(body),
        }
    }
}

impl Endpoint for CreateIntegration {
    const NAME: &'static str = "create_integration";
    type Output = Integration;

    fn request(&self, _config: &Config) -> Result<ApiRequest, Error> {
        self.body.fields::<NewIntegrationFields>()?.check()?;
        self.body.attach(ApiRequest::post("/integrations", &[])?)
    }

    decode_as!(data);
}

/// `POST /integrations/quickstart` (`createQuickstartIntegration`): an
/// integration using a Nango-provided developer app.
///
/// ```
/// use nango_core::{config::Config, endpoint::Endpoint, models::integrations::NewQuickstartIntegration, ops::integrations::CreateQuickstartIntegration};
/// let cfg = Config::builder().api_key("k").build()?;
/// let req = CreateQuickstartIntegration::new(NewQuickstartIntegration::new("github", "gh")).request(&cfg)?;
/// assert_eq!(req.path(), "/integrations/quickstart");
/// # Ok::<(), nango_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreateQuickstartIntegration {
    body: Body,
}

impl CreateQuickstartIntegration {
    /// Creates the quickstart integration described by `body`.
    ///
    /// ```
    /// # use nango_core::models::integrations::NewQuickstartIntegration;
    /// let op = nango_core::ops::integrations::CreateQuickstartIntegration::new(NewQuickstartIntegration::new("github", "gh"));
    /// ```
    pub fn new(body: NewQuickstartIntegration) -> Self {
        Self {
            body: Body::typed(&body),
        }
    }

    /// Creates the quickstart integration described by `body`, JSON text of a
    /// [`NewQuickstartIntegration`] sent as written. It gets the same checks as
    /// the typed body when the request is built (`provider` and `unique_key`
    /// present and non-empty; a JSON object).
    ///
    /// ```
    /// use nango_core::{config::Config, endpoint::Endpoint, json::JsonText, ops::integrations::CreateQuickstartIntegration};
    /// let cfg = Config::builder().api_key("k").build()?;
    /// let body = JsonText::parse(r#"{"provider":"github","unique_key":""}"#)?;
    /// assert!(CreateQuickstartIntegration::from_json(body).request(&cfg).is_err());
    /// # Ok::<(), nango_core::Error>(())
    /// ```
    pub fn from_json(body: JsonText) -> Self {
        Self {
            body: Body::text(body),
        }
    }
}

/// The server answers `{data: Integration}`; the OpenAPI document says
/// `{data: [Integration]}`. Both are read.
#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrList {
    One(Box<Integration>),
    List(Vec<Integration>),
}

impl Endpoint for CreateQuickstartIntegration {
    const NAME: &'static str = "create_quickstart_integration";
    type Output = Integration;

    fn request(&self, _config: &Config) -> Result<ApiRequest, Error> {
        self.body.fields::<NewIntegrationFields>()?.check()?;
        self.body
            .attach(ApiRequest::post("/integrations/quickstart", &[])?)
    }

    fn decode(&self, response: HttpResponse) -> Result<Integration, Error> {
        match decode_json::<Data<OneOrList>>(&response)?.data {
            OneOrList::One(integration) => Ok(*integration),
            OneOrList::List(list) => list.into_iter().next().ok_or_else(|| {
                Error::Decode(Box::new(DecodeError::new(
                    response.status(),
                    "an empty list of integrations".to_owned(),
                    response.body().clone(),
                )))
            }),
        }
    }
}

/// `PATCH /integrations/{unique_key}` (`updateIntegration`): changes only the
/// fields set in the patch.
///
/// ```
/// use nango_core::{config::Config, endpoint::Endpoint, models::integrations::IntegrationPatch, ops::integrations::UpdateIntegration};
/// let cfg = Config::builder().api_key("k").build()?;
/// let req = UpdateIntegration::new("github", IntegrationPatch::default().display_name("GitHub")).request(&cfg)?;
/// assert_eq!(req.method(), http::Method::PATCH);
/// assert!(req.is_idempotent());
/// # Ok::<(), nango_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct UpdateIntegration {
    unique_key: String,
    body: Body,
}

view! {
    /// The fields of an integration patch that are checked before sending.
    struct PatchFields {
        unique_key,
    }
}

impl PatchFields {
    fn check(&self) -> Result<(), Error> {
        if let Some(new_key) = &self.unique_key {
            encode::required("unique_key", new_key)?;
        }
        Ok(())
    }
}

impl UpdateIntegration {
    /// Applies `body` to integration `unique_key`.
    ///
    /// ```
    /// # use nango_core::models::integrations::IntegrationPatch;
    /// let op = nango_core::ops::integrations::UpdateIntegration::new("github", IntegrationPatch::default());
    /// ```
    pub fn new(unique_key: impl Into<String>, body: IntegrationPatch) -> Self {
        Self {
            unique_key: unique_key.into(),
            body: Body::typed(&body),
        }
    }

    /// Applies `body`, JSON text of an [`IntegrationPatch`] sent as written, to
    /// integration `unique_key`. It gets the same checks as the typed body when
    /// the request is built (a new `unique_key` non-empty when given; a JSON
    /// object), and a patch with a new `unique_key` is not retried either.
    ///
    /// ```
    /// use nango_core::{config::Config, endpoint::Endpoint, json::JsonText, ops::integrations::UpdateIntegration};
    /// let cfg = Config::builder().api_key("k").build()?;
    /// let rename = JsonText::parse(r#"{"unique_key":"github-v2"}"#)?;
    /// let req = UpdateIntegration::from_json("github", rename).request(&cfg)?;
    /// assert_eq!(req.path(), "/integrations/github");
    /// assert!(!req.is_idempotent());
    /// # Ok::<(), nango_core::Error>(())
    /// ```
    pub fn from_json(unique_key: impl Into<String>, body: JsonText) -> Self {
        Self {
            unique_key: unique_key.into(),
            body: Body::text(body),
        }
    }
}

impl Endpoint for UpdateIntegration {
    const NAME: &'static str = "update_integration";
    type Output = Integration;

    fn request(&self, _config: &Config) -> Result<ApiRequest, Error> {
        let fields = self.body.fields::<PatchFields>()?;
        fields.check()?;
        // Setting the same values twice leaves the same state, unless the patch
        // renames the integration: then a repeat finds no integration at the old key.
        let idempotent = fields.unique_key.is_none();
        let req = ApiRequest::new(
            http::Method::PATCH,
            "/integrations/{}",
            &[("unique_key", &self.unique_key)],
        )?
        .idempotent(idempotent);
        self.body.attach(req)
    }

    decode_as!(data);
}

// The operations of this group declared by the table (`request = "table"`).
include!("integrations.gen.rs");

impl ListFunctions {
    /// The page size the server accepts, and a search that is not empty.
    fn check(&self) -> Result<(), Error> {
        if let Some(limit) = self.limit {
            if !(1..=100).contains(&limit) {
                return Err(InvalidInput::new("limit", InvalidReason::InvalidValue)
                    .with_detail("between 1 and 100")
                    .into());
            }
        }
        if let Some(search) = &self.search {
            encode::required("search", search)?;
        }
        Ok(())
    }
}
