//! `/integrations`: list, get, create, update and delete integrations, and the
//! functions deployed to them.

use serde::Deserialize;

use crate::config::Config;
use crate::encode;
use crate::endpoint::{decode_as, decode_json, Endpoint};
use crate::error::{DecodeError, Error, InvalidInput, InvalidReason};
use crate::json::{view, Body, JsonText};
use crate::models::common::{Data, Success};
use crate::models::functions::{DeployedFunction, FunctionCode, FunctionList, FunctionType};
use crate::models::integrations::{
    Integration, IntegrationInclude, IntegrationPatch, NewIntegration, NewQuickstartIntegration,
};
use crate::request::ApiRequest;
use crate::transport::HttpResponse;

/// `GET /integrations` (`listIntegrations`): the environment's integrations.
///
/// The official SDK rewraps the answer as `{configs: [...]}`; this returns the
/// list itself.
///
/// ```
/// use nango_core::{config::Config, endpoint::Endpoint, ops::integrations::ListIntegrations};
/// let cfg = Config::builder().api_key("k").build()?;
/// assert_eq!(ListIntegrations::new().request(&cfg)?.path_and_query(), "/integrations");
/// # Ok::<(), nango_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListIntegrations;

impl ListIntegrations {
    /// All integrations.
    ///
    /// ```
    /// let op = nango_core::ops::integrations::ListIntegrations::new();
    /// ```
    pub fn new() -> Self {
        Self
    }
}

impl Endpoint for ListIntegrations {
    const NAME: &'static str = "list_integrations";
    type Output = Vec<Integration>;

    fn request(&self, _config: &Config) -> Result<ApiRequest, Error> {
        ApiRequest::get("/integrations", &[])
    }

    decode_as!(data);
}

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

/// `DELETE /integrations/{unique_key}` (`deleteIntegration`).
///
/// ```
/// use nango_core::{config::Config, endpoint::Endpoint, ops::integrations::DeleteIntegration};
/// let cfg = Config::builder().api_key("k").build()?;
/// assert!(DeleteIntegration::new("").request(&cfg).is_err());
/// # Ok::<(), nango_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeleteIntegration {
    unique_key: String,
}

impl DeleteIntegration {
    /// Deletes integration `unique_key` (and its connections).
    ///
    /// ```
    /// let op = nango_core::ops::integrations::DeleteIntegration::new("github");
    /// ```
    pub fn new(unique_key: impl Into<String>) -> Self {
        Self {
            unique_key: unique_key.into(),
        }
    }
}

impl Endpoint for DeleteIntegration {
    const NAME: &'static str = "delete_integration";
    type Output = Success;

    fn request(&self, _config: &Config) -> Result<ApiRequest, Error> {
        Ok(ApiRequest::new(
            http::Method::DELETE,
            "/integrations/{}",
            &[("unique_key", &self.unique_key)],
        )?
        // Deleting twice answers 404: a retry must not mask the first success.
        .idempotent(false))
    }

    decode_as!(json);
}

/// `GET /integrations/{unique_key}/functions` (`listFunctions`): the functions
/// deployed to an integration, a page at a time.
///
/// ```
/// use nango_core::{config::Config, endpoint::Endpoint, models::functions::FunctionType, ops::integrations::ListFunctions};
/// let cfg = Config::builder().api_key("k").build()?;
/// let req = ListFunctions::new("github").function_type(FunctionType::Sync).limit(50).page(1).request(&cfg)?;
/// assert_eq!(req.path_and_query(), "/integrations/github/functions?type=sync&page=1&limit=50");
/// # Ok::<(), nango_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListFunctions {
    unique_key: String,
    function_type: Option<FunctionType>,
    search: Option<String>,
    page: Option<u32>,
    limit: Option<u32>,
}

impl ListFunctions {
    /// The functions of integration `unique_key` (20 per page by default).
    ///
    /// ```
    /// let op = nango_core::ops::integrations::ListFunctions::new("github");
    /// ```
    pub fn new(unique_key: impl Into<String>) -> Self {
        Self {
            unique_key: unique_key.into(),
            function_type: None,
            search: None,
            page: None,
            limit: None,
        }
    }

    /// Only functions of this type (sent as `type`).
    ///
    /// ```
    /// use nango_core::{models::functions::FunctionType, ops::integrations::ListFunctions};
    /// let op = ListFunctions::new("github").function_type(FunctionType::Action);
    /// ```
    pub fn function_type(mut self, function_type: FunctionType) -> Self {
        self.function_type = Some(function_type);
        self
    }

    /// Only functions whose name contains `text` (case-insensitive, 1 to 255 characters).
    ///
    /// ```
    /// let op = nango_core::ops::integrations::ListFunctions::new("github").search("issue");
    /// ```
    pub fn search(mut self, text: impl Into<String>) -> Self {
        self.search = Some(text.into());
        self
    }

    /// Page number, from 0.
    ///
    /// ```
    /// let op = nango_core::ops::integrations::ListFunctions::new("github").page(2);
    /// ```
    pub fn page(mut self, page: u32) -> Self {
        self.page = Some(page);
        self
    }

    /// Page size (1..=100).
    ///
    /// ```
    /// let op = nango_core::ops::integrations::ListFunctions::new("github").limit(100);
    /// ```
    pub fn limit(mut self, limit: u32) -> Self {
        self.limit = Some(limit);
        self
    }
}

impl Endpoint for ListFunctions {
    const NAME: &'static str = "list_functions";
    type Output = FunctionList;

    fn request(&self, _config: &Config) -> Result<ApiRequest, Error> {
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
        Ok(ApiRequest::get(
            "/integrations/{}/functions",
            &[("unique_key", &self.unique_key)],
        )?
        .query_opt(
            "type",
            self.function_type.as_ref().map(|t| t.as_str().to_owned()),
        )
        .query_opt("search", self.search.clone())
        .query_opt("page", self.page.map(encode::decimal))
        .query_opt("limit", self.limit.map(encode::decimal)))
    }

    decode_as!(json);
}

/// `GET /integrations/{unique_key}/functions/{name}` (`getFunction`): one
/// deployed function.
///
/// ```
/// use nango_core::{config::Config, endpoint::Endpoint, ops::integrations::GetFunction};
/// let cfg = Config::builder().api_key("k").build()?;
/// let req = GetFunction::new("github", "fetch-issues").request(&cfg)?;
/// assert_eq!(req.path_and_query(), "/integrations/github/functions/fetch-issues");
/// # Ok::<(), nango_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetFunction {
    target: FunctionRef,
}

/// A deployed function by integration and name, optionally by type: what
/// `GetFunction` and `GetFunctionCode` both address.
#[derive(Debug, Clone, PartialEq, Eq)]
struct FunctionRef {
    unique_key: String,
    name: String,
    function_type: Option<FunctionType>,
}

impl FunctionRef {
    fn new(unique_key: impl Into<String>, name: impl Into<String>) -> Self {
        Self {
            unique_key: unique_key.into(),
            name: name.into(),
            function_type: None,
        }
    }

    /// `GET template` with the ids as path segments and `?type=` when set.
    fn request(&self, template: &'static str) -> Result<ApiRequest, Error> {
        Ok(ApiRequest::get(
            template,
            &[("unique_key", &self.unique_key), ("name", &self.name)],
        )?
        .query_opt(
            "type",
            self.function_type.as_ref().map(|t| t.as_str().to_owned()),
        ))
    }
}

impl GetFunction {
    /// Function `name` of integration `unique_key`.
    ///
    /// ```
    /// let op = nango_core::ops::integrations::GetFunction::new("github", "fetch-issues");
    /// ```
    pub fn new(unique_key: impl Into<String>, name: impl Into<String>) -> Self {
        Self {
            target: FunctionRef::new(unique_key, name),
        }
    }

    /// Picks the function of this type when several share the name.
    ///
    /// ```
    /// use nango_core::{models::functions::FunctionType, ops::integrations::GetFunction};
    /// let op = GetFunction::new("github", "issues").function_type(FunctionType::Sync);
    /// ```
    pub fn function_type(mut self, function_type: FunctionType) -> Self {
        self.target.function_type = Some(function_type);
        self
    }
}

impl Endpoint for GetFunction {
    const NAME: &'static str = "get_function";
    type Output = DeployedFunction;

    fn request(&self, _config: &Config) -> Result<ApiRequest, Error> {
        self.target.request("/integrations/{}/functions/{}")
    }

    decode_as!(data);
}

/// `GET /integrations/{unique_key}/functions/{name}/code` (`getFunctionCode`):
/// a function's TypeScript source. Several functions sharing the name answer
/// 409 `ambiguous_function` unless a type is given.
///
/// ```
/// use nango_core::{config::Config, endpoint::Endpoint, models::functions::FunctionType, ops::integrations::GetFunctionCode};
/// let cfg = Config::builder().api_key("k").build()?;
/// let req = GetFunctionCode::new("github", "issues").function_type(FunctionType::Action).request(&cfg)?;
/// assert_eq!(req.path_and_query(), "/integrations/github/functions/issues/code?type=action");
/// # Ok::<(), nango_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetFunctionCode {
    target: FunctionRef,
}

impl GetFunctionCode {
    /// The source of function `name` of integration `unique_key`.
    ///
    /// ```
    /// let op = nango_core::ops::integrations::GetFunctionCode::new("github", "fetch-issues");
    /// ```
    pub fn new(unique_key: impl Into<String>, name: impl Into<String>) -> Self {
        Self {
            target: FunctionRef::new(unique_key, name),
        }
    }

    /// Picks the function of this type when several share the name.
    ///
    /// ```
    /// use nango_core::{models::functions::FunctionType, ops::integrations::GetFunctionCode};
    /// let op = GetFunctionCode::new("github", "issues").function_type(FunctionType::Sync);
    /// ```
    pub fn function_type(mut self, function_type: FunctionType) -> Self {
        self.target.function_type = Some(function_type);
        self
    }
}

impl Endpoint for GetFunctionCode {
    const NAME: &'static str = "get_function_code";
    type Output = FunctionCode;

    fn request(&self, _config: &Config) -> Result<ApiRequest, Error> {
        self.target.request("/integrations/{}/functions/{}/code")
    }

    decode_as!(json);
}

/// `DELETE /integrations/{unique_key}/functions/{name}?type=` (`deleteFunction`):
/// deletes a deployed sync or action (not one managed by `nango deploy`).
///
/// ```
/// use nango_core::{config::Config, endpoint::Endpoint, models::functions::FunctionType, ops::integrations::DeleteFunction};
/// let cfg = Config::builder().api_key("k").build()?;
/// let req = DeleteFunction::new("github", "fetch-issues", FunctionType::Sync).request(&cfg)?;
/// assert_eq!(req.path_and_query(), "/integrations/github/functions/fetch-issues?type=sync");
/// # Ok::<(), nango_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeleteFunction {
    unique_key: String,
    name: String,
    function_type: FunctionType,
}

impl DeleteFunction {
    /// Deletes function `name` (a `function_type`) of integration `unique_key`.
    ///
    /// ```
    /// use nango_core::{models::functions::FunctionType, ops::integrations::DeleteFunction};
    /// let op = DeleteFunction::new("github", "create-issue", FunctionType::Action);
    /// ```
    pub fn new(
        unique_key: impl Into<String>,
        name: impl Into<String>,
        function_type: FunctionType,
    ) -> Self {
        Self {
            unique_key: unique_key.into(),
            name: name.into(),
            function_type,
        }
    }
}

impl Endpoint for DeleteFunction {
    const NAME: &'static str = "delete_function";
    type Output = Success;

    fn request(&self, _config: &Config) -> Result<ApiRequest, Error> {
        encode::required("type", self.function_type.as_str())?;
        Ok(ApiRequest::new(
            http::Method::DELETE,
            "/integrations/{}/functions/{}",
            &[("unique_key", &self.unique_key), ("name", &self.name)],
        )?
        .query("type", self.function_type.as_str())
        // Deleting twice answers 404: a retry must not mask the first success.
        .idempotent(false))
    }

    decode_as!(data);
}
