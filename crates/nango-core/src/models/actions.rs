//! Actions: the handle of an asynchronous run, and how to wait for its result.

use std::time::Duration;

use serde::{Deserialize, Serialize};

/// The answer of `triggerActionAsync` (`202`): where to find the result.
///
/// ```
/// let h: nango_core::models::actions::AsyncActionHandle = serde_json::from_str(
///     r#"{"id":"35f461d4-e681-4957-ab14-c0ae1609431d","statusUrl":"/action/35f461d4-e681-4957-ab14-c0ae1609431d"}"#).unwrap();
/// assert_eq!(h.status_url, "/action/35f461d4-e681-4957-ab14-c0ae1609431d");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AsyncActionHandle {
    /// The run's id.
    #[serde(default)]
    pub id: String,
    /// The path to poll for the result (`/action/{id}`).
    #[serde(rename = "statusUrl", default)]
    pub status_url: String,
}

/// Which asynchronous run to read the result of: by id, or by the `statusUrl`
/// the trigger answered (a path that must start with `/action/`).
///
/// ```
/// use nango_core::models::actions::{ActionRef, AsyncActionHandle};
/// let by_id = ActionRef::id("35f461d4");
/// let by_url = ActionRef::status_url("/action/35f461d4");
/// let handle: AsyncActionHandle =
///     serde_json::from_str(r#"{"id":"35f461d4","statusUrl":"/action/35f461d4"}"#).unwrap();
/// assert_eq!(ActionRef::from(&handle), by_url);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ActionRef {
    /// The run's id (`GET /action/{id}`).
    Id(String),
    /// The `statusUrl` of the run.
    StatusUrl(String),
}

impl ActionRef {
    /// By id.
    ///
    /// ```
    /// let r = nango_core::models::actions::ActionRef::id("35f461d4");
    /// ```
    pub fn id(id: impl Into<String>) -> Self {
        ActionRef::Id(id.into())
    }

    /// By `statusUrl`.
    ///
    /// ```
    /// let r = nango_core::models::actions::ActionRef::status_url("/action/35f461d4");
    /// ```
    pub fn status_url(url: impl Into<String>) -> Self {
        ActionRef::StatusUrl(url.into())
    }
}

impl From<&AsyncActionHandle> for ActionRef {
    /// The `statusUrl` when there is one (as the official SDK), else the id.
    fn from(handle: &AsyncActionHandle) -> Self {
        if handle.status_url.is_empty() {
            ActionRef::Id(handle.id.clone())
        } else {
            ActionRef::StatusUrl(handle.status_url.clone())
        }
    }
}

impl From<AsyncActionHandle> for ActionRef {
    fn from(handle: AsyncActionHandle) -> Self {
        ActionRef::from(&handle)
    }
}

/// How `wait_for_action_result` polls: after each "not finished yet" it waits,
/// starting at `initial_delay` and doubling up to `max_delay`, until `timeout`
/// has passed since the first poll.
///
/// ```
/// use std::time::Duration;
/// let w = nango_core::models::actions::ActionWaitOptions::default();
/// assert_eq!(w.initial_delay, Duration::from_millis(500));
/// let quick = w.timeout(Duration::from_secs(30));
/// assert_eq!(quick.timeout, Duration::from_secs(30));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct ActionWaitOptions {
    /// The first wait.
    pub initial_delay: Duration,
    /// The longest wait between two polls.
    pub max_delay: Duration,
    /// Give up ([`Error::WaitTimeout`](crate::Error::WaitTimeout)) after this long.
    pub timeout: Duration,
}

impl Default for ActionWaitOptions {
    /// 500 ms, doubling up to 10 s, for at most 15 minutes.
    fn default() -> Self {
        Self {
            initial_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(10),
            timeout: Duration::from_secs(15 * 60),
        }
    }
}

// Chained setters: the struct is `#[non_exhaustive]` (a later version may add
// a setting), so other crates cannot build it with a struct literal.
impl ActionWaitOptions {
    /// Sets the first wait.
    ///
    /// ```
    /// use std::time::Duration;
    /// let w = nango_core::models::actions::ActionWaitOptions::default().initial_delay(Duration::from_millis(50));
    /// assert_eq!(w.initial_delay, Duration::from_millis(50));
    /// ```
    pub fn initial_delay(mut self, delay: Duration) -> Self {
        self.initial_delay = delay;
        self
    }

    /// Sets the longest wait between two polls.
    ///
    /// ```
    /// use std::time::Duration;
    /// let w = nango_core::models::actions::ActionWaitOptions::default().max_delay(Duration::from_secs(2));
    /// assert_eq!(w.max_delay, Duration::from_secs(2));
    /// ```
    pub fn max_delay(mut self, delay: Duration) -> Self {
        self.max_delay = delay;
        self
    }

    /// Sets how long to wait in all before giving up.
    ///
    /// ```
    /// use std::time::Duration;
    /// let w = nango_core::models::actions::ActionWaitOptions::default().timeout(Duration::from_secs(30));
    /// assert_eq!(w.timeout, Duration::from_secs(30));
    /// ```
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }
}
