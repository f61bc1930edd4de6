//! `/functions`: compile TypeScript functions, dry-run them against a connection,
//! and deploy them (not in the official SDK).

use serde::Serialize;

use crate::config::Config;
use crate::encode;
use crate::endpoint::{decode_as, Endpoint};
use crate::error::Error;
use crate::models::functions::{
    CompiledFunction, Deployment, Dryrun, JobStarted, NewDeployment, NewDryrun,
};
use crate::request::ApiRequest;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
struct CompileBody {
    code: String,
}

/// `POST /functions/compile`: bundles TypeScript function source into JavaScript.
///
/// Compiling has no side effect, so a failed attempt is retried like a `GET`.
///
/// ```
/// use nango_core::{config::Config, endpoint::Endpoint, ops::functions::CompileFunction};
/// let cfg = Config::builder().api_key("k").build()?;
/// let req = CompileFunction::new("export default 1").request(&cfg)?;
/// assert_eq!(req.body().unwrap().as_ref(), br#"{"code":"export default 1"}"#);
/// assert!(req.is_idempotent());
/// # Ok::<(), nango_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompileFunction {
    body: CompileBody,
}

impl CompileFunction {
    /// Compiles `code`.
    ///
    /// ```
    /// let op = nango_core::ops::functions::CompileFunction::new("export default createAction({})");
    /// ```
    pub fn new(code: impl Into<String>) -> Self {
        Self {
            body: CompileBody { code: code.into() },
        }
    }
}

impl Endpoint for CompileFunction {
    type Output = CompiledFunction;

    fn request(&self, _config: &Config) -> Result<ApiRequest, Error> {
        encode::required("code", &self.body.code)?;
        ApiRequest::post("/functions/compile", &[])?
            .idempotent(true)
            .json(&self.body)
    }

    decode_as!(json);
}

/// `POST /functions/dryruns`: starts a dry run of function source against a
/// connection, without deploying it. Poll [`GetFunctionDryrun`] for the result.
///
/// ```
/// use nango_core::{config::Config, endpoint::Endpoint, models::functions::{FunctionType, NewDryrun}, ops::functions::CreateFunctionDryrun};
/// let cfg = Config::builder().api_key("k").build()?;
/// let req = CreateFunctionDryrun::new(NewDryrun::new("github", FunctionType::Action, "export default ...", "user-1")).request(&cfg)?;
/// assert_eq!(req.path(), "/functions/dryruns");
/// # Ok::<(), nango_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct CreateFunctionDryrun {
    body: NewDryrun,
}

impl CreateFunctionDryrun {
    /// Starts the dry run described by `body`.
    ///
    /// ```
    /// use nango_core::models::functions::{FunctionType, NewDryrun};
    /// let op = nango_core::ops::functions::CreateFunctionDryrun::new(NewDryrun::new("g", FunctionType::Sync, "c", "u"));
    /// ```
    pub fn new(body: NewDryrun) -> Self {
        Self { body }
    }
}

impl Endpoint for CreateFunctionDryrun {
    type Output = JobStarted;

    fn request(&self, _config: &Config) -> Result<ApiRequest, Error> {
        encode::required("integration_id", &self.body.integration_id)?;
        encode::required("function_type", self.body.function_type.as_str())?;
        encode::required("code", &self.body.code)?;
        encode::required("connection_id", &self.body.connection_id)?;
        // Not retried: the function runs against a live connection (an action may write).
        ApiRequest::post("/functions/dryruns", &[])?.json(&self.body)
    }

    decode_as!(json);
}

/// `GET /functions/dryruns/{id}`: a dry run's status and result.
///
/// ```
/// use nango_core::{config::Config, endpoint::Endpoint, ops::functions::GetFunctionDryrun};
/// let cfg = Config::builder().api_key("k").build()?;
/// let req = GetFunctionDryrun::new("0b7e4a44-1c7a-4a8e-9a53-0d8a37c1f3a2").request(&cfg)?;
/// assert_eq!(req.path(), "/functions/dryruns/0b7e4a44-1c7a-4a8e-9a53-0d8a37c1f3a2");
/// # Ok::<(), nango_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetFunctionDryrun {
    id: String,
}

impl GetFunctionDryrun {
    /// The dry run `id` (from [`CreateFunctionDryrun`]).
    ///
    /// ```
    /// let op = nango_core::ops::functions::GetFunctionDryrun::new("0b7e4a44-1c7a-4a8e-9a53-0d8a37c1f3a2");
    /// ```
    pub fn new(id: impl Into<String>) -> Self {
        Self { id: id.into() }
    }
}

impl Endpoint for GetFunctionDryrun {
    type Output = Dryrun;

    fn request(&self, _config: &Config) -> Result<ApiRequest, Error> {
        ApiRequest::get("/functions/dryruns/{}", &[("id", &self.id)])
    }

    decode_as!(json);
}

/// `POST /functions/deployments`: deploys function source or a catalog template
/// to an integration. Poll [`GetFunctionDeployment`] until the status is final.
///
/// ```
/// use nango_core::{config::Config, endpoint::Endpoint, models::functions::DeployTemplate, ops::functions::CreateFunctionDeployment};
/// let cfg = Config::builder().api_key("k").build()?;
/// let req = CreateFunctionDeployment::new(DeployTemplate::new("github", "fetch-issues")).request(&cfg)?;
/// assert_eq!(req.body().unwrap().as_ref(), br#"{"type":"template","integration_id":"github","template":"fetch-issues"}"#);
/// # Ok::<(), nango_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct CreateFunctionDeployment {
    body: NewDeployment,
}

impl CreateFunctionDeployment {
    /// Deploys `body` (a [`DeployCode`] or a [`DeployTemplate`]).
    ///
    /// ```
    /// use nango_core::models::functions::{DeployCode, FunctionType};
    /// let op = nango_core::ops::functions::CreateFunctionDeployment::new(
    ///     DeployCode::new("github", "create-issue", FunctionType::Action, "export default ..."));
    /// ```
    ///
    /// [`DeployCode`]: crate::models::functions::DeployCode
    /// [`DeployTemplate`]: crate::models::functions::DeployTemplate
    pub fn new(body: impl Into<NewDeployment>) -> Self {
        Self { body: body.into() }
    }
}

impl Endpoint for CreateFunctionDeployment {
    type Output = JobStarted;

    fn request(&self, _config: &Config) -> Result<ApiRequest, Error> {
        encode::required("integration_id", self.body.integration_id())?;
        match &self.body {
            NewDeployment::Code(code) => {
                encode::required("function_name", &code.function_name)?;
                encode::required("function_type", code.function_type.as_str())?;
                encode::required("code", &code.code)?;
            }
            NewDeployment::Template(template) => {
                encode::required("template", &template.template)?;
            }
        }
        ApiRequest::post("/functions/deployments", &[])?.json(&self.body)
    }

    decode_as!(json);
}

/// `GET /functions/deployments/{id}`: a deployment's status and result.
///
/// ```
/// use nango_core::{config::Config, endpoint::Endpoint, ops::functions::GetFunctionDeployment};
/// let cfg = Config::builder().api_key("k").build()?;
/// assert!(GetFunctionDeployment::new("").request(&cfg).is_err());
/// # Ok::<(), nango_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetFunctionDeployment {
    id: String,
}

impl GetFunctionDeployment {
    /// The deployment `id` (from [`CreateFunctionDeployment`]).
    ///
    /// ```
    /// let op = nango_core::ops::functions::GetFunctionDeployment::new("d5b1...");
    /// ```
    pub fn new(id: impl Into<String>) -> Self {
        Self { id: id.into() }
    }
}

impl Endpoint for GetFunctionDeployment {
    type Output = Deployment;

    fn request(&self, _config: &Config) -> Result<ApiRequest, Error> {
        ApiRequest::get("/functions/deployments/{}", &[("id", &self.id)])
    }

    decode_as!(json);
}
