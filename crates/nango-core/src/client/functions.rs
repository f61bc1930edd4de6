//! Compiling, dry-running and deploying functions (not in the official SDK).

use super::Client;
use crate::error::Error;
use crate::models::functions::{
    CompiledFunction, Deployment, Dryrun, JobStarted, NewDeployment, NewDryrun,
};
use crate::ops::functions::{
    CompileFunction, CreateFunctionDeployment, CreateFunctionDryrun, GetFunctionDeployment,
    GetFunctionDryrun,
};
use crate::transport::Transport;

impl<T: Transport> Client<T> {
    /// `POST /functions/compile` (`compileFunction`): bundles TypeScript function
    /// source into JavaScript.
    ///
    /// ```no_run
    /// # async fn demo<T: nango_core::transport::Transport>(nango: nango_core::Client<T>) -> Result<(), nango_core::Error> {
    /// let out = nango.compile_function("export default createAction({ exec: async () => 1 })").await?;
    /// println!("{} bytes", out.bundle_size_bytes);
    /// # Ok(()) }
    /// ```
    pub async fn compile_function(&self, code: &str) -> Result<CompiledFunction, Error> {
        self.send(&CompileFunction::new(code)).await
    }

    /// `POST /functions/dryruns` (`createFunctionDryrun`): starts a dry run
    /// against a connection; poll [`Client::get_function_dryrun`].
    ///
    /// ```no_run
    /// # async fn demo<T: nango_core::transport::Transport>(nango: nango_core::Client<T>) -> Result<(), nango_core::Error> {
    /// use nango_core::models::functions::{FunctionType, NewDryrun};
    /// let job = nango
    ///     .create_function_dryrun(NewDryrun::new("github", FunctionType::Action, "export default ...", "user-1"))
    ///     .await?;
    /// let run = nango.get_function_dryrun(&job.id).await?;
    /// # Ok(()) }
    /// ```
    pub async fn create_function_dryrun(&self, body: NewDryrun) -> Result<JobStarted, Error> {
        self.send(&CreateFunctionDryrun::new(body)).await
    }

    /// `GET /functions/dryruns/{id}` (`getFunctionDryrun`): a dry run's status
    /// and result.
    ///
    /// ```no_run
    /// # async fn demo<T: nango_core::transport::Transport>(nango: nango_core::Client<T>) -> Result<(), nango_core::Error> {
    /// let run = nango.get_function_dryrun("0b7e4a44-1c7a-4a8e-9a53-0d8a37c1f3a2").await?;
    /// if run.status.is_finished() { println!("{:?}", run.result); }
    /// # Ok(()) }
    /// ```
    pub async fn get_function_dryrun(&self, id: &str) -> Result<Dryrun, Error> {
        self.send(&GetFunctionDryrun::new(id)).await
    }

    /// `POST /functions/deployments` (`createFunctionDeployment`): deploys source
    /// code or a catalog template; poll [`Client::get_function_deployment`].
    ///
    /// ```no_run
    /// # async fn demo<T: nango_core::transport::Transport>(nango: nango_core::Client<T>) -> Result<(), nango_core::Error> {
    /// use nango_core::models::functions::DeployTemplate;
    /// let job = nango.create_function_deployment(DeployTemplate::new("github", "fetch-issues")).await?;
    /// # Ok(()) }
    /// ```
    pub async fn create_function_deployment(
        &self,
        body: impl Into<NewDeployment>,
    ) -> Result<JobStarted, Error> {
        self.send(&CreateFunctionDeployment::new(body)).await
    }

    /// `GET /functions/deployments/{id}` (`getFunctionDeployment`): a deployment's
    /// status and result.
    ///
    /// ```no_run
    /// # async fn demo<T: nango_core::transport::Transport>(nango: nango_core::Client<T>) -> Result<(), nango_core::Error> {
    /// let d = nango.get_function_deployment("d5b1c8e2-3a4f-4b6c-8d9e-0f1a2b3c4d5e").await?;
    /// println!("{:?} {:?}", d.status, d.deployed_functions);
    /// # Ok(()) }
    /// ```
    pub async fn get_function_deployment(&self, id: &str) -> Result<Deployment, Error> {
        self.send(&GetFunctionDeployment::new(id)).await
    }
}
