//! `/integrations`: list, get, create, update and delete integrations, and the
//! functions deployed to them.

use serde::Deserialize;

use crate::config::Config;
use crate::encode;
use crate::endpoint::{decode_as, decode_json, Endpoint};
use crate::error::{DecodeError, Error};
use crate::json::view;
use crate::models::common::Data;
use crate::models::integrations::{Integration, IntegrationInclude};
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
        let mut req = ApiRequest::new(
            Self::METHOD,
            Self::PATH,
            &[("unique_key", &self.unique_key)],
        )?;
        for what in &self.include {
            req = req.query("include", what.as_str());
        }
        Ok(req)
    }

    decode_as!(data);
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

/// The server answers `{data: Integration}`; the OpenAPI document says
/// `{data: [Integration]}`. Both are read.
#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrList {
    One(Box<Integration>),
    List(Vec<Integration>),
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

// The operations of this group declared by the table (`request = "table"`).
include!("integrations.gen.rs");

/// The quickstart's answer: `{data: Integration}`, or `{data: [Integration]}` from
/// servers that answer with the list (its first integration).
fn decode_quickstart(response: &HttpResponse) -> Result<Integration, Error> {
    match decode_json::<Data<OneOrList>>(response)?.data {
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

impl UpdateIntegration {
    /// Setting the same values twice leaves the same state, unless the patch
    /// renames the integration: then a repeat finds no integration at the old key.
    fn idempotent_unless_renamed(&self, req: ApiRequest) -> Result<ApiRequest, Error> {
        let renames = self.body.fields::<PatchFields>()?.unique_key.is_some();
        Ok(req.idempotent(!renames))
    }
}

impl ListFunctions {
    /// A search, when given, is not empty.
    fn check(&self) -> Result<(), Error> {
        if let Some(search) = &self.search {
            encode::required("search", search)?;
        }
        Ok(())
    }
}
