//! `/providers`: the catalog of APIs Nango connects to, and their templates.

use crate::config::Config;
use crate::endpoint::{decode_as, Endpoint};
use crate::error::Error;
use crate::models::functions::NangoFunction;
use crate::models::providers::Provider;
use crate::request::ApiRequest;
use crate::secret::SecretString;

/// `GET /providers` (`listProviders`): the providers of the catalog.
///
/// ```
/// use nango_core::{config::Config, endpoint::Endpoint, ops::providers::ListProviders};
/// let cfg = Config::builder().api_key("k").build()?;
/// let req = ListProviders::new().search("git hub").request(&cfg)?;
/// assert_eq!(req.path_and_query(), "/providers?search=git%20hub");
/// # Ok::<(), nango_core::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ListProviders {
    search: Option<String>,
    connect_session_token: Option<SecretString>,
}

impl ListProviders {
    /// All providers.
    ///
    /// ```
    /// let op = nango_core::ops::providers::ListProviders::new();
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// Only providers whose name matches `text`.
    ///
    /// ```
    /// let op = nango_core::ops::providers::ListProviders::new().search("slack");
    /// ```
    pub fn search(mut self, text: impl Into<String>) -> Self {
        self.search = Some(text.into());
        self
    }

    /// Sends a connect session token as the `connect_session_token` query
    /// parameter (as the Connect UI does).
    ///
    /// ```
    /// let op = nango_core::ops::providers::ListProviders::new().connect_session_token("nango_connect_session_x");
    /// ```
    pub fn connect_session_token(mut self, token: impl Into<SecretString>) -> Self {
        self.connect_session_token = Some(token.into());
        self
    }
}

impl Endpoint for ListProviders {
    const NAME: &'static str = "list_providers";
    type Output = Vec<Provider>;

    fn request(&self, _config: &Config) -> Result<ApiRequest, Error> {
        Ok(ApiRequest::get("/providers", &[])?
            .query_opt("search", self.search.clone())
            .query_opt(
                "connect_session_token",
                self.connect_session_token
                    .as_ref()
                    .map(|t| t.expose_secret().to_owned()),
            ))
    }

    decode_as!(data);
}

/// `GET /providers/{provider}` (`getProvider`): one provider of the catalog.
///
/// ```
/// use nango_core::{config::Config, endpoint::Endpoint, ops::providers::GetProvider};
/// let cfg = Config::builder().api_key("k").build()?;
/// assert_eq!(GetProvider::new("github").request(&cfg)?.path(), "/providers/github");
/// assert!(GetProvider::new("..").request(&cfg).is_err());
/// # Ok::<(), nango_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetProvider {
    provider: String,
}

impl GetProvider {
    /// The provider named `provider` (e.g. `github`).
    ///
    /// ```
    /// let op = nango_core::ops::providers::GetProvider::new("github");
    /// ```
    pub fn new(provider: impl Into<String>) -> Self {
        Self {
            provider: provider.into(),
        }
    }
}

impl Endpoint for GetProvider {
    const NAME: &'static str = "get_provider";
    type Output = Provider;

    fn request(&self, _config: &Config) -> Result<ApiRequest, Error> {
        ApiRequest::get("/providers/{}", &[("provider", &self.provider)])
    }

    decode_as!(data);
}

/// `GET /providers/{provider}/templates` (`getProviderTemplates`): the sync and
/// action templates of the catalog for a provider.
///
/// ```
/// use nango_core::{config::Config, endpoint::Endpoint, ops::providers::GetProviderTemplates};
/// let cfg = Config::builder().api_key("k").build()?;
/// let req = GetProviderTemplates::new("github").request(&cfg)?;
/// assert_eq!(req.path(), "/providers/github/templates");
/// # Ok::<(), nango_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetProviderTemplates {
    provider: String,
}

impl GetProviderTemplates {
    /// The templates of `provider`.
    ///
    /// ```
    /// let op = nango_core::ops::providers::GetProviderTemplates::new("github");
    /// ```
    pub fn new(provider: impl Into<String>) -> Self {
        Self {
            provider: provider.into(),
        }
    }
}

impl Endpoint for GetProviderTemplates {
    const NAME: &'static str = "get_provider_templates";
    type Output = Vec<NangoFunction>;

    fn request(&self, _config: &Config) -> Result<ApiRequest, Error> {
        ApiRequest::get("/providers/{}/templates", &[("provider", &self.provider)])
    }

    decode_as!(data);
}
