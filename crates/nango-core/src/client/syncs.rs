//! Syncs: trigger, start, pause, status, frequency and variants.

use super::{call_options, Call, Client};
use crate::error::Error;
use crate::models::common::Success;
use crate::models::syncs::{SyncFrequency, SyncRef, SyncSelection, SyncVariant, TriggerMode};
use crate::ops::syncs::{
    CreateSyncVariant, DeleteSyncVariant, GetSyncStatus, PauseSync, StartSync, TriggerSync,
    UpdateSyncFrequency,
};
use crate::transport::Transport;

call_options!(TriggerSync {
    /// See [`TriggerSync::connection_id`].
    connection_id(id: impl Into<String>);
    /// See [`TriggerSync::mode`].
    mode(mode: impl Into<TriggerMode>);
    /// See [`TriggerSync::reset`].
    reset(yes: bool);
    /// See [`TriggerSync::empty_cache`].
    empty_cache(yes: bool);
});

call_options!(StartSync {
    /// See [`StartSync::connection_id`].
    connection_id(id: impl Into<String>);
});

call_options!(PauseSync {
    /// See [`PauseSync::connection_id`].
    connection_id(id: impl Into<String>);
});

call_options!(GetSyncStatus {
    /// See [`GetSyncStatus::connection_id`].
    connection_id(id: impl Into<String>);
});

impl<T: Transport> Client<T> {
    /// `triggerSync`: one extra run of `syncs` (all when empty), for the
    /// connection chained with `connection_id` or for all; `reset`, `empty_cache`
    /// or a legacy `mode` choose how.
    ///
    /// ```no_run
    /// # async fn demo<T: nango_core::transport::Transport>(nango: nango_core::Client<T>) -> Result<(), nango_core::Error> {
    /// nango.trigger_sync("github", ["issues"]).connection_id("user-1").reset(true).await?;
    /// # Ok(()) }
    /// ```
    pub fn trigger_sync<S: Into<SyncRef>>(
        &self,
        provider_config_key: &str,
        syncs: impl IntoIterator<Item = S>,
    ) -> Call<'_, T, TriggerSync> {
        self.call(TriggerSync::new(provider_config_key, syncs))
    }

    /// `startSync`: starts the schedule of `syncs` (all when empty).
    ///
    /// ```no_run
    /// # async fn demo<T: nango_core::transport::Transport>(nango: nango_core::Client<T>) -> Result<(), nango_core::Error> {
    /// nango.start_sync("github", ["issues"]).connection_id("user-1").await?;
    /// # Ok(()) }
    /// ```
    pub fn start_sync<S: Into<SyncRef>>(
        &self,
        provider_config_key: &str,
        syncs: impl IntoIterator<Item = S>,
    ) -> Call<'_, T, StartSync> {
        self.call(StartSync::new(provider_config_key, syncs))
    }

    /// `pauseSync`: pauses the schedule of `syncs` (all when empty).
    ///
    /// ```no_run
    /// # async fn demo<T: nango_core::transport::Transport>(nango: nango_core::Client<T>) -> Result<(), nango_core::Error> {
    /// nango.pause_sync("github", ["issues"]).connection_id("user-1").await?;
    /// # Ok(()) }
    /// ```
    pub fn pause_sync<S: Into<SyncRef>>(
        &self,
        provider_config_key: &str,
        syncs: impl IntoIterator<Item = S>,
    ) -> Call<'_, T, PauseSync> {
        self.call(PauseSync::new(provider_config_key, syncs))
    }

    /// `syncStatus`: the status of `syncs` (`"*"` for all).
    ///
    /// ```no_run
    /// # async fn demo<T: nango_core::transport::Transport>(nango: nango_core::Client<T>) -> Result<(), nango_core::Error> {
    /// let status = nango.sync_status("github", "*").connection_id("user-1").await?;
    /// for s in status.syncs { println!("{} {}", s.name, s.status); }
    /// # Ok(()) }
    /// ```
    pub fn sync_status(
        &self,
        provider_config_key: &str,
        syncs: impl Into<SyncSelection>,
    ) -> Call<'_, T, GetSyncStatus> {
        self.call(GetSyncStatus::new(provider_config_key, syncs))
    }

    /// `updateSyncConnectionFrequency`: overrides the frequency of `sync` for one
    /// connection, or restores the default with `None`.
    ///
    /// ```no_run
    /// # async fn demo<T: nango_core::transport::Transport>(nango: nango_core::Client<T>) -> Result<(), nango_core::Error> {
    /// let f = nango.update_sync_connection_frequency("github", "issues", "user-1", Some("every 2h")).await?;
    /// nango.update_sync_connection_frequency("github", "issues", "user-1", None).await?;
    /// # Ok(()) }
    /// ```
    pub async fn update_sync_connection_frequency(
        &self,
        provider_config_key: &str,
        sync: impl Into<SyncRef>,
        connection_id: &str,
        frequency: Option<&str>,
    ) -> Result<SyncFrequency, Error> {
        self.send(&UpdateSyncFrequency::new(
            provider_config_key,
            sync,
            connection_id,
            frequency,
        ))
        .await
    }

    /// `createSyncVariant`: creates variant `variant` of sync `name` for a
    /// connection.
    ///
    /// ```no_run
    /// # async fn demo<T: nango_core::transport::Transport>(nango: nango_core::Client<T>) -> Result<(), nango_core::Error> {
    /// let v = nango.create_sync_variant("github", "user-1", "issues", "eu").await?;
    /// # Ok(()) }
    /// ```
    pub async fn create_sync_variant(
        &self,
        provider_config_key: &str,
        connection_id: &str,
        name: &str,
        variant: &str,
    ) -> Result<SyncVariant, Error> {
        self.send(&CreateSyncVariant::new(
            provider_config_key,
            connection_id,
            name,
            variant,
        ))
        .await
    }

    /// `deleteSyncVariant`.
    ///
    /// ```no_run
    /// # async fn demo<T: nango_core::transport::Transport>(nango: nango_core::Client<T>) -> Result<(), nango_core::Error> {
    /// nango.delete_sync_variant("github", "user-1", "issues", "eu").await?;
    /// # Ok(()) }
    /// ```
    pub async fn delete_sync_variant(
        &self,
        provider_config_key: &str,
        connection_id: &str,
        name: &str,
        variant: &str,
    ) -> Result<Success, Error> {
        self.send(&DeleteSyncVariant::new(
            provider_config_key,
            connection_id,
            name,
            variant,
        ))
        .await
    }
}
