//! `/functions`: compile TypeScript functions, dry-run them against a connection,
//! and deploy them (not in the official SDK).

use crate::config::Config;
use crate::encode;
use crate::endpoint::{decode_as, Endpoint};
use crate::error::{Error, InvalidInput, InvalidReason};
use crate::json::{view, Body, JsonText};
use crate::models::functions::{JobStarted, NewDeployment};
use crate::request::ApiRequest;

view! {
    /// The fields of a dry run that are checked before sending.
    struct DryrunFields {
        integration_id,
        function_type,
        code,
        connection_id,
    }
}

impl DryrunFields {
    fn check(&self) -> Result<(), Error> {
        encode::required_some("integration_id", self.integration_id.as_deref())?;
        encode::required_some("function_type", self.function_type.as_deref())?;
        encode::required_some("code", self.code.as_deref())?;
        encode::required_some("connection_id", self.connection_id.as_deref())?;
        Ok(())
    }
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
    body: Body,
}

view! {
    /// The fields of a deployment that are checked before sending (`type` tells
    /// the code and the template variants apart).
    struct DeploymentFields {
        kind = "type",
        integration_id,
        function_name,
        function_type,
        code,
        template,
    }
}

/// The `type` of a deployment of source code.
const DEPLOY_CODE: &str = "function";
/// The `type` of a deployment of a catalog template.
const DEPLOY_TEMPLATE: &str = "template";

impl DeploymentFields {
    fn check(&self) -> Result<(), Error> {
        encode::required_some("integration_id", self.integration_id.as_deref())?;
        match self.kind.as_deref() {
            Some(DEPLOY_CODE) => {
                encode::required_some("function_name", self.function_name.as_deref())?;
                encode::required_some("function_type", self.function_type.as_deref())?;
                encode::required_some("code", self.code.as_deref())?;
            }
            Some(DEPLOY_TEMPLATE) => {
                encode::required_some("template", self.template.as_deref())?;
            }
            Some(_) => {
                return Err(InvalidInput::new("type", InvalidReason::InvalidValue)
                    .with_detail("must be `function` or `template`")
                    .into())
            }
            None => return Err(InvalidInput::new("type", InvalidReason::Missing).into()),
        }
        Ok(())
    }
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
        Self {
            body: Body::typed::<NewDeployment>(&body.into()),
        }
    }

    /// Deploys `body`, JSON text of a [`NewDeployment`] sent as written. It
    /// gets the same checks as the typed body when the request is built: a JSON
    /// object whose `type` is `function` (with `integration_id`,
    /// `function_name`, `function_type` and `code`) or `template` (with
    /// `integration_id` and `template`), each present and non-empty.
    ///
    /// ```
    /// use nango_core::{config::Config, endpoint::Endpoint, json::JsonText, ops::functions::CreateFunctionDeployment};
    /// let cfg = Config::builder().api_key("k").build()?;
    /// let body = JsonText::parse(r#"{"type":"template","integration_id":"github","template":"fetch-issues"}"#)?;
    /// let req = CreateFunctionDeployment::from_json(body.clone()).request(&cfg)?;
    /// assert_eq!(req.body().unwrap().as_ref(), body.as_str().as_bytes());
    /// let untyped = JsonText::parse(r#"{"integration_id":"github","template":"fetch-issues"}"#)?;
    /// assert!(CreateFunctionDeployment::from_json(untyped).request(&cfg).is_err());
    /// # Ok::<(), nango_core::Error>(())
    /// ```
    pub fn from_json(body: JsonText) -> Self {
        Self {
            body: Body::text(body),
        }
    }
}

impl Endpoint for CreateFunctionDeployment {
    const NAME: &'static str = "create_function_deployment";
    type Output = JobStarted;

    fn request(&self, _config: &Config) -> Result<ApiRequest, Error> {
        self.body.fields::<DeploymentFields>()?.check()?;
        self.body
            .attach(ApiRequest::new(Self::METHOD, Self::PATH, &[])?)
    }

    decode_as!(json);
}

// The operations of this group declared by the table (`request = "table"`).
include!("functions.gen.rs");
