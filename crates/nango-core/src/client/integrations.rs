//! Integrations and the functions deployed to them.

use super::{call_options, Call, Client};
use crate::error::Error;
use crate::models::common::Success;
use crate::models::functions::FunctionType;
use crate::models::integrations::{
    Integration, IntegrationInclude, IntegrationPatch, NewIntegration, NewQuickstartIntegration,
};
use crate::ops::integrations::{
    CreateIntegration, CreateQuickstartIntegration, DeleteFunction, DeleteIntegration, GetFunction,
    GetFunctionCode, GetIntegration, ListFunctions, ListIntegrations, UpdateIntegration,
};
use crate::transport::Transport;

call_options!(GetIntegration {
    /// See [`GetIntegration::include`].
    include(what: IntegrationInclude);
});

call_options!(ListFunctions {
    /// See [`ListFunctions::function_type`].
    function_type(function_type: FunctionType);
    /// See [`ListFunctions::search`].
    search(text: impl Into<String>);
    /// See [`ListFunctions::page`].
    page(page: u32);
    /// See [`ListFunctions::limit`].
    limit(limit: u32);
});

call_options!(GetFunction {
    /// See [`GetFunction::function_type`].
    function_type(function_type: FunctionType);
});

call_options!(GetFunctionCode {
    /// See [`GetFunctionCode::function_type`].
    function_type(function_type: FunctionType);
});

impl<T: Transport> Client<T> {
    /// `listIntegrations`: the environment's integrations (the list itself, not
    /// the official SDK's `{configs: [...]}` wrapper).
    ///
    /// ```no_run
    /// # async fn demo<T: nango_core::transport::Transport>(nango: nango_core::Client<T>) -> Result<(), nango_core::Error> {
    /// for i in nango.list_integrations().await? { println!("{} ({})", i.unique_key, i.provider); }
    /// # Ok(()) }
    /// ```
    pub async fn list_integrations(&self) -> Result<Vec<Integration>, Error> {
        self.send(&ListIntegrations::new()).await
    }

    /// `getIntegration`: one integration, with its webhook URL and credentials
    /// when asked for.
    ///
    /// ```no_run
    /// # async fn demo<T: nango_core::transport::Transport>(nango: nango_core::Client<T>) -> Result<(), nango_core::Error> {
    /// use nango_core::models::integrations::IntegrationInclude;
    /// let i = nango
    ///     .get_integration("github")
    ///     .include(IntegrationInclude::Webhook)
    ///     .include(IntegrationInclude::Credentials)
    ///     .await?;
    /// println!("{:?}", i.webhook_url);
    /// # Ok(()) }
    /// ```
    pub fn get_integration(&self, unique_key: &str) -> Call<'_, T, GetIntegration> {
        self.call(GetIntegration::new(unique_key))
    }

    /// `createIntegration`.
    ///
    /// ```no_run
    /// # async fn demo<T: nango_core::transport::Transport>(nango: nango_core::Client<T>) -> Result<(), nango_core::Error> {
    /// use nango_core::models::integrations::{IntegrationCredentials, NewIntegration};
    /// let body = NewIntegration::new("github", "github-prod")
    ///     .credentials(IntegrationCredentials::oauth2("client-id", "client-secret").scopes("repo"));
    /// let created = nango.create_integration(body).await?;
    /// # Ok(()) }
    /// ```
    pub async fn create_integration(&self, body: NewIntegration) -> Result<Integration, Error> {
        self.send(&CreateIntegration::new(body)).await
    }

    /// `createQuickstartIntegration`: an integration using a Nango-provided
    /// developer app.
    ///
    /// ```no_run
    /// # async fn demo<T: nango_core::transport::Transport>(nango: nango_core::Client<T>) -> Result<(), nango_core::Error> {
    /// use nango_core::models::integrations::NewQuickstartIntegration;
    /// let created = nango
    ///     .create_quickstart_integration(NewQuickstartIntegration::new("github", "github-quickstart"))
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub async fn create_quickstart_integration(
        &self,
        body: NewQuickstartIntegration,
    ) -> Result<Integration, Error> {
        self.send(&CreateQuickstartIntegration::new(body)).await
    }

    /// `updateIntegration`: changes the fields set in `patch`.
    ///
    /// ```no_run
    /// # async fn demo<T: nango_core::transport::Transport>(nango: nango_core::Client<T>) -> Result<(), nango_core::Error> {
    /// use nango_core::models::integrations::IntegrationPatch;
    /// nango.update_integration("github", IntegrationPatch::default().display_name("GitHub (prod)")).await?;
    /// # Ok(()) }
    /// ```
    pub async fn update_integration(
        &self,
        unique_key: &str,
        patch: IntegrationPatch,
    ) -> Result<Integration, Error> {
        self.send(&UpdateIntegration::new(unique_key, patch)).await
    }

    /// `deleteIntegration`.
    ///
    /// ```no_run
    /// # async fn demo<T: nango_core::transport::Transport>(nango: nango_core::Client<T>) -> Result<(), nango_core::Error> {
    /// nango.delete_integration("github").await?;
    /// # Ok(()) }
    /// ```
    pub async fn delete_integration(&self, unique_key: &str) -> Result<Success, Error> {
        self.send(&DeleteIntegration::new(unique_key)).await
    }

    /// `listFunctions`: the functions deployed to an integration, a page at a time.
    ///
    /// ```no_run
    /// # async fn demo<T: nango_core::transport::Transport>(nango: nango_core::Client<T>) -> Result<(), nango_core::Error> {
    /// use nango_core::models::functions::FunctionType;
    /// let page = nango.list_functions("github").function_type(FunctionType::Sync).limit(100).await?;
    /// println!("{} of {}", page.data.len(), page.pagination.total);
    /// # Ok(()) }
    /// ```
    pub fn list_functions(&self, unique_key: &str) -> Call<'_, T, ListFunctions> {
        self.call(ListFunctions::new(unique_key))
    }

    /// `getFunction`: one deployed function.
    ///
    /// ```no_run
    /// # async fn demo<T: nango_core::transport::Transport>(nango: nango_core::Client<T>) -> Result<(), nango_core::Error> {
    /// let f = nango.get_function("github", "fetch-issues").await?;
    /// println!("{:?} {:?}", f.enabled, f.source);
    /// # Ok(()) }
    /// ```
    pub fn get_function(&self, unique_key: &str, name: &str) -> Call<'_, T, GetFunction> {
        self.call(GetFunction::new(unique_key, name))
    }

    /// `getFunctionCode`: a deployed function's TypeScript source.
    ///
    /// ```no_run
    /// # async fn demo<T: nango_core::transport::Transport>(nango: nango_core::Client<T>) -> Result<(), nango_core::Error> {
    /// use nango_core::models::functions::FunctionType;
    /// let code = nango.get_function_code("github", "issues").function_type(FunctionType::Action).await?;
    /// println!("{}", code.code);
    /// # Ok(()) }
    /// ```
    pub fn get_function_code(&self, unique_key: &str, name: &str) -> Call<'_, T, GetFunctionCode> {
        self.call(GetFunctionCode::new(unique_key, name))
    }

    /// `deleteFunction`: deletes a deployed sync or action.
    ///
    /// ```no_run
    /// # async fn demo<T: nango_core::transport::Transport>(nango: nango_core::Client<T>) -> Result<(), nango_core::Error> {
    /// use nango_core::models::functions::FunctionType;
    /// nango.delete_function("github", "create-issue", FunctionType::Action).await?;
    /// # Ok(()) }
    /// ```
    pub async fn delete_function(
        &self,
        unique_key: &str,
        name: &str,
        function_type: FunctionType,
    ) -> Result<Success, Error> {
        self.send(&DeleteFunction::new(unique_key, name, function_type))
            .await
    }
}
