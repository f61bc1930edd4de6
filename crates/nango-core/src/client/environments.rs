//! Environments, their API keys and the webhook signing key (not in the official SDK).

use std::fmt::Display;

use super::Client;
use crate::error::Error;
use crate::models::common::Success;
use crate::models::environments::{
    Environment, EnvironmentApiKey, NewEnvironment, WebhookSigningKey,
};
use crate::ops::environments::{
    CreateApiKey, CreateEnvironment, DeleteApiKey, DeleteEnvironment, RotateWebhookSigningKey,
};
use crate::transport::Transport;

impl<T: Transport> Client<T> {
    /// `POST /environments`: creates an environment (needs an account-level key).
    ///
    /// ```no_run
    /// # async fn demo<T: nango_core::transport::Transport>(nango: nango_core::Client<T>) -> Result<(), nango_core::Error> {
    /// use nango_core::models::environments::NewEnvironment;
    /// let env = nango.create_environment(NewEnvironment::new("staging")).await?;
    /// println!("created environment {}", env.id);
    /// # Ok(()) }
    /// ```
    pub async fn create_environment(&self, body: NewEnvironment) -> Result<Environment, Error> {
        self.send(&CreateEnvironment::new(body)).await
    }

    /// `DELETE /environments/{id}`: deletes an environment (not `prod`); `id` is
    /// its numeric id or its UUID.
    ///
    /// ```no_run
    /// # async fn demo<T: nango_core::transport::Transport>(nango: nango_core::Client<T>) -> Result<(), nango_core::Error> {
    /// nango.delete_environment(123).await?;
    /// # Ok(()) }
    /// ```
    pub async fn delete_environment(&self, environment_id: impl Display) -> Result<(), Error> {
        self.send(&DeleteEnvironment::new(environment_id)).await
    }

    /// `POST /environment/api-keys`: creates an API key for an environment.
    /// Store its secret now: it is not returned again.
    ///
    /// ```no_run
    /// # async fn demo<T: nango_core::transport::Transport>(nango: nango_core::Client<T>) -> Result<(), nango_core::Error> {
    /// let key = nango.create_environment_api_key(123, "provisioned-ci").await?;
    /// let secret = key.secret.expose_secret();
    /// # Ok(()) }
    /// ```
    pub async fn create_environment_api_key(
        &self,
        environment_id: u64,
        display_name: &str,
    ) -> Result<EnvironmentApiKey, Error> {
        self.send(&CreateApiKey::new(environment_id, display_name))
            .await
    }

    /// `DELETE /environment/api-keys`: deletes an environment API key.
    ///
    /// ```no_run
    /// # async fn demo<T: nango_core::transport::Transport>(nango: nango_core::Client<T>) -> Result<(), nango_core::Error> {
    /// nango.delete_environment_api_key(123, 456).await?;
    /// # Ok(()) }
    /// ```
    pub async fn delete_environment_api_key(
        &self,
        environment_id: u64,
        key_id: u64,
    ) -> Result<Success, Error> {
        self.send(&DeleteApiKey::new(environment_id, key_id)).await
    }

    /// `POST /environment/webhook-signing-key/rotate`: replaces the webhook
    /// signing key. The old one keeps signing for up to 5 minutes, so verify with
    /// both meanwhile. Never retried (a repeat would rotate again).
    ///
    /// ```no_run
    /// # async fn demo<T: nango_core::transport::Transport>(nango: nango_core::Client<T>) -> Result<(), nango_core::Error> {
    /// let new_key = nango.rotate_webhook_signing_key().await?;
    /// // store new_key.webhook_signing_key, keep the old key for 5 minutes
    /// # Ok(()) }
    /// ```
    pub async fn rotate_webhook_signing_key(&self) -> Result<WebhookSigningKey, Error> {
        self.send(&RotateWebhookSigningKey::new()).await
    }
}
