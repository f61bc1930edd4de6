//! Actions: trigger (synchronously or not), read and wait for results.

use serde::de::DeserializeOwned;
use serde::Serialize;

use super::{call_options, Client};
use crate::endpoint::Endpoint;
use crate::error::Error;
use crate::models::actions::{ActionRef, ActionWaitOptions};
use crate::ops::actions::{GetActionResult, TriggerAction, TriggerActionAsync};
use crate::transport::{Transport, TransportErrorKind};

call_options!(TriggerActionAsync {
    /// See [`TriggerActionAsync::max_retries`].
    max_retries(retries: u8);
});

/// Whether a poll of an asynchronous result means "not there yet": `404` (the run
/// is going), or a transient failure (`502`-`504`, a lost connection, a timeout)
/// that the next poll may get past.
fn still_pending(error: &Error) -> bool {
    match error {
        Error::Api(api) => matches!(api.raw_status(), 404 | 502 | 503 | 504),
        Error::Transport(t) => matches!(
            t.kind(),
            TransportErrorKind::Connect
                | TransportErrorKind::Interrupted
                | TransportErrorKind::Timeout
        ),
        Error::Timeout(_) => true,
        _ => false,
    }
}

impl<T: Transport> Client<T> {
    /// Polls the result of an asynchronous run until it is there (its output, as
    /// `O`), the run failed (the `500` [`Error::Api`]), or `options.timeout` has
    /// passed ([`Error::WaitTimeout`]). A `404` (still running) and transient
    /// failures are waited out with exponential backoff. The server answers `404`
    /// for an unknown id too: a wrong id waits until the timeout.
    ///
    /// ```no_run
    /// # async fn demo<T: nango_core::transport::Transport>(nango: nango_core::Client<T>) -> Result<(), nango_core::Error> {
    /// use nango_core::models::actions::ActionWaitOptions;
    /// let handle = nango.trigger_action_async("github", "user-1", "export", ()).await?;
    /// let out: serde_json::Value = nango.wait_for_action_result(&handle, &ActionWaitOptions::default()).await?;
    /// # Ok(()) }
    /// ```
    pub async fn wait_for_action_result<O: DeserializeOwned>(
        &self,
        action: impl Into<ActionRef>,
        options: &ActionWaitOptions,
    ) -> Result<O, Error> {
        let get = GetActionResult::new(action).typed::<O>();
        let request = get.request(self.config())?;
        let transport = self.transport();
        let started = transport.now();
        let mut delay = options.initial_delay;
        let mut polls: u32 = 0;
        loop {
            polls = polls.saturating_add(1);
            match self.run(Some(GetActionResult::<O>::NAME), &request).await {
                Ok(response) => return get.decode(response),
                Err(e) if still_pending(&e) => {
                    tracing::debug!(polls, error = %e, "action result not ready");
                }
                Err(e) => return Err(e),
            }
            let elapsed = transport.now().saturating_sub(started);
            if elapsed >= options.timeout {
                return Err(Error::WaitTimeout(format!(
                    "the action result was not ready after {polls} polls in {elapsed:?}"
                )));
            }
            transport.sleep(delay.min(options.timeout - elapsed)).await;
            delay = delay.saturating_mul(2).min(options.max_delay);
        }
    }

    /// Triggers an action asynchronously, then waits for its output (see
    /// [`Client::wait_for_action_result`]).
    ///
    /// ```no_run
    /// # async fn demo<T: nango_core::transport::Transport>(nango: nango_core::Client<T>) -> Result<(), nango_core::Error> {
    /// use nango_core::models::actions::ActionWaitOptions;
    /// let out: serde_json::Value = nango
    ///     .trigger_action_and_wait("github", "user-1", "export", (), &ActionWaitOptions::default())
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub async fn trigger_action_and_wait<I: Serialize, O: DeserializeOwned>(
        &self,
        provider_config_key: &str,
        connection_id: &str,
        action_name: &str,
        input: I,
        options: &ActionWaitOptions,
    ) -> Result<O, Error> {
        let op =
            TriggerActionAsync::new(provider_config_key, connection_id, action_name).input(input);
        let handle = self.send(&op).await?;
        let action = if handle.id.is_empty() {
            ActionRef::from(&handle)
        } else {
            ActionRef::Id(handle.id)
        };
        self.wait_for_action_result(action, options).await
    }
}

// The methods of this group declared by the table.
include!("actions.gen.rs");
