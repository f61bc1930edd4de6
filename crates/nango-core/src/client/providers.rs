//! Providers of the catalog.

use super::{call_options, Call, Client};
use crate::error::Error;
use crate::models::functions::NangoFunction;
use crate::models::providers::Provider;
use crate::ops::providers::{GetProvider, GetProviderTemplates, ListProviders};
use crate::secret::SecretString;
use crate::transport::Transport;

call_options!(ListProviders {
    /// See [`ListProviders::search`].
    search(text: impl Into<String>);
    /// See [`ListProviders::connect_session_token`].
    connect_session_token(token: impl Into<SecretString>);
});

impl<T: Transport> Client<T> {
    /// `listProviders`: the providers of the catalog, optionally filtered.
    ///
    /// ```no_run
    /// # async fn demo<T: nango_core::transport::Transport>(nango: nango_core::Client<T>) -> Result<(), nango_core::Error> {
    /// let providers = nango.list_providers().search("git").await?;
    /// for p in providers { println!("{} ({:?})", p.name, p.auth_mode); }
    /// # Ok(()) }
    /// ```
    pub fn list_providers(&self) -> Call<'_, T, ListProviders> {
        self.call(ListProviders::new())
    }

    /// `getProvider`: one provider of the catalog.
    ///
    /// ```no_run
    /// # async fn demo<T: nango_core::transport::Transport>(nango: nango_core::Client<T>) -> Result<(), nango_core::Error> {
    /// let github = nango.get_provider("github").await?;
    /// println!("{}", github.docs.unwrap_or_default());
    /// # Ok(()) }
    /// ```
    pub async fn get_provider(&self, provider: &str) -> Result<Provider, Error> {
        self.send(&GetProvider::new(provider)).await
    }

    /// `getProviderTemplates`: the sync and action templates of the catalog for
    /// a provider (deploy one with `create_function_deployment`).
    ///
    /// ```no_run
    /// # async fn demo<T: nango_core::transport::Transport>(nango: nango_core::Client<T>) -> Result<(), nango_core::Error> {
    /// for t in nango.get_provider_templates("github").await? {
    ///     println!("{} {:?}", t.name, t.kind);
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn get_provider_templates(
        &self,
        provider: &str,
    ) -> Result<Vec<NangoFunction>, Error> {
        self.send(&GetProviderTemplates::new(provider)).await
    }
}
