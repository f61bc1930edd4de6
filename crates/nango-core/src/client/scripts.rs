//! Scripts configuration and environment variables.

use super::Client;
use crate::error::Error;
use crate::models::scripts::{EnvironmentVariable, OpenAiFunction, ScriptsConfig};
use crate::ops::scripts::{GetEnvironmentVariables, GetScriptsConfig, GetScriptsConfigOpenAi};
use crate::transport::Transport;

impl<T: Transport> Client<T> {
    /// `getScriptsConfig()` (format `nango`): the deployed scripts of every
    /// integration.
    ///
    /// ```no_run
    /// # async fn demo<T: nango_core::transport::Transport>(nango: nango_core::Client<T>) -> Result<(), nango_core::Error> {
    /// for integration in nango.get_scripts_config().await? {
    ///     println!("{}: {} syncs", integration.provider_config_key, integration.syncs.len());
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn get_scripts_config(&self) -> Result<Vec<ScriptsConfig>, Error> {
        self.send(&GetScriptsConfig::new()).await
    }

    /// `getScriptsConfig('openai')`: the deployed syncs and actions as OpenAI
    /// function definitions (for LLM tool calling).
    ///
    /// ```no_run
    /// # async fn demo<T: nango_core::transport::Transport>(nango: nango_core::Client<T>) -> Result<(), nango_core::Error> {
    /// let tools = nango.get_scripts_config_openai().await?;
    /// let json = serde_json::to_string(&tools).unwrap();
    /// # Ok(()) }
    /// ```
    pub async fn get_scripts_config_openai(&self) -> Result<Vec<OpenAiFunction>, Error> {
        self.send(&GetScriptsConfigOpenAi::new()).await
    }

    /// `getEnvironmentVariables`: the variables set in the Nango dashboard.
    ///
    /// ```no_run
    /// # async fn demo<T: nango_core::transport::Transport>(nango: nango_core::Client<T>) -> Result<(), nango_core::Error> {
    /// let vars = nango.get_environment_variables().await?;
    /// let key = vars.iter().find(|v| v.name == "MY_SECRET_KEY").map(|v| v.value.expose_secret());
    /// # Ok(()) }
    /// ```
    pub async fn get_environment_variables(&self) -> Result<Vec<EnvironmentVariable>, Error> {
        self.send(&GetEnvironmentVariables::new()).await
    }
}
