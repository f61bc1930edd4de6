//! `/scripts/config` (the deployed scripts' configuration) and
//! `/environment-variables`.

use serde::Deserialize;

use crate::config::Config;
use crate::endpoint::{decode_json_or_null, Endpoint};
use crate::error::Error;
use crate::models::scripts::{EnvironmentVariable, OpenAiFunction, ScriptsConfig};
use crate::request::ApiRequest;
use crate::transport::HttpResponse;

/// `GET /scripts/config?format=nango` (`getScriptsConfig()`): the deployed
/// scripts of every integration, in Nango's format.
///
/// ```
/// use nango_core::{config::Config, endpoint::Endpoint, ops::scripts::GetScriptsConfig};
/// let cfg = Config::builder().api_key("k").build()?;
/// assert_eq!(GetScriptsConfig::new().request(&cfg)?.path_and_query(), "/scripts/config?format=nango");
/// # Ok::<(), nango_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GetScriptsConfig;

impl GetScriptsConfig {
    /// The configuration of every integration's scripts.
    ///
    /// ```
    /// let op = nango_core::ops::scripts::GetScriptsConfig::new();
    /// ```
    pub fn new() -> Self {
        Self
    }
}

impl Endpoint for GetScriptsConfig {
    const NAME: &'static str = "get_scripts_config";
    type Output = Vec<ScriptsConfig>;

    fn request(&self, _config: &Config) -> Result<ApiRequest, Error> {
        Ok(ApiRequest::new(Self::METHOD, Self::PATH, &[])?.query("format", "nango"))
    }

    /// A bare array (an empty body reads as no configuration).
    fn decode(&self, response: HttpResponse) -> Result<Self::Output, Error> {
        decode_json_or_null::<Option<Vec<ScriptsConfig>>>(&response).map(Option::unwrap_or_default)
    }
}

/// `GET /scripts/config?format=openai` (`getScriptsConfig('openai')`): the
/// deployed syncs and actions as OpenAI function definitions.
///
/// ```
/// use nango_core::{config::Config, endpoint::Endpoint, ops::scripts::GetScriptsConfigOpenAi};
/// let cfg = Config::builder().api_key("k").build()?;
/// assert_eq!(GetScriptsConfigOpenAi::new().request(&cfg)?.path_and_query(), "/scripts/config?format=openai");
/// # Ok::<(), nango_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GetScriptsConfigOpenAi;

impl GetScriptsConfigOpenAi {
    /// The scripts as OpenAI functions.
    ///
    /// ```
    /// let op = nango_core::ops::scripts::GetScriptsConfigOpenAi::new();
    /// ```
    pub fn new() -> Self {
        Self
    }
}

/// `{data: [...]}`, or the bare `[]` the server sends when nothing is deployed
/// (whatever the format).
#[derive(Deserialize)]
#[serde(untagged)]
enum OpenAiAnswer {
    Data {
        #[serde(deserialize_with = "crate::models::functions::null_as_default")]
        data: Vec<OpenAiFunction>,
    },
    Bare(Vec<OpenAiFunction>),
}

impl Endpoint for GetScriptsConfigOpenAi {
    const NAME: &'static str = "get_scripts_config_open_ai";
    type Output = Vec<OpenAiFunction>;

    fn request(&self, _config: &Config) -> Result<ApiRequest, Error> {
        // The same operation as `GetScriptsConfig`, in the other format.
        Ok(
            ApiRequest::new(GetScriptsConfig::METHOD, GetScriptsConfig::PATH, &[])?
                .query("format", "openai"),
        )
    }

    fn decode(&self, response: HttpResponse) -> Result<Self::Output, Error> {
        Ok(
            match decode_json_or_null::<Option<OpenAiAnswer>>(&response)? {
                Some(OpenAiAnswer::Data { data }) => data,
                Some(OpenAiAnswer::Bare(list)) => list,
                None => Vec::new(),
            },
        )
    }
}

// The operations of this group declared by the table (`request = "table"`).
include!("scripts.gen.rs");

/// The variables: an empty answer (or `null`) is none.
fn decode_variables(response: &HttpResponse) -> Result<Vec<EnvironmentVariable>, Error> {
    decode_json_or_null::<Option<Vec<EnvironmentVariable>>>(response).map(Option::unwrap_or_default)
}
