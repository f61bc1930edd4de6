//! [`Attempts`]: the retry state of one call, for the loop that sends it.
//!
//! The loop itself (send, sleep, read the clock) belongs to the runtime: the
//! native [`Client`](crate::Client) runs it over its [`Transport`](crate::transport::Transport),
//! the WebAssembly package runs it in JavaScript over `fetch`. Everything that is
//! decided between two sends is here, once: the timeout of the next attempt, the
//! error an answer or a failure becomes, and whether and when to send again
//! ([`RetryPolicy::decide`]).

use std::time::Duration;

use bytes::Bytes;
use http::HeaderMap;

use crate::config::Config;
use crate::error::{ApiError, Error};
use crate::request::ApiRequest;
use crate::retry::{Attempt, Decision, Outcome, RetryPolicy, StopReason};
use crate::secret::Redactor;
use crate::transport::TransportError;

/// What to do after a failed attempt.
///
/// ```
/// use std::time::Duration;
/// use nango_core::{attempts::{Attempts, Step}, config::Config, request::ApiRequest};
/// let config = Config::builder().api_key("k").build()?;
/// let mut attempts = Attempts::new(&config, &ApiRequest::get("/providers", &[])?);
/// attempts.start(Duration::ZERO);
/// match attempts.refused(429, &http::HeaderMap::new(), bytes::Bytes::new(), Duration::ZERO, 0.5) {
///     Step::Retry { delay, .. } => assert!(delay > Duration::ZERO),
///     Step::Fail { error, .. } => panic!("a 429 is retried: {error}"),
///     _ => unreachable!(),
/// }
/// # Ok::<(), nango_core::Error>(())
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub enum Step {
    /// Wait this long, then send again.
    Retry {
        /// How long to wait.
        delay: Duration,
        /// What the attempt came to (for logs).
        error: Error,
    },
    /// Give up with this error.
    Fail {
        /// The error of the call.
        error: Error,
        /// Why it is not retried.
        reason: StopReason,
    },
}

/// The retry state of one call: start each attempt with [`Attempts::start`],
/// then report a non-success answer with [`Attempts::refused`] or a failure with
/// [`Attempts::lost`].
///
/// ```
/// use std::time::Duration;
/// use nango_core::{attempts::{Attempts, Step}, config::Config, request::ApiRequest};
/// let config = Config::builder().api_key("k").build()?;
/// let request = ApiRequest::get("/providers", &[])?;
/// let mut attempts = Attempts::new(&config, &request);
/// let timeout = attempts.start(Duration::ZERO);
/// assert_eq!(timeout, Some(Duration::from_secs(60)));
/// let step = attempts.refused(503, &http::HeaderMap::new(), bytes::Bytes::new(), Duration::from_millis(5), 0.5);
/// assert!(matches!(step, Step::Retry { .. }), "a GET is retried after a 503");
/// # Ok::<(), nango_core::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Attempts {
    policy: RetryPolicy,
    per_request: Option<Duration>,
    idempotent: bool,
    attempt: u32,
    limit: Option<u64>,
    redactor: Redactor,
}

impl Attempts {
    /// The state of a call of `request` under `config`'s timeout and retry policy.
    ///
    /// ```
    /// # use nango_core::{attempts::Attempts, config::Config, request::ApiRequest};
    /// # let config = Config::builder().api_key("k").build()?;
    /// let attempts = Attempts::new(&config, &ApiRequest::get("/providers", &[])?);
    /// assert_eq!(attempts.attempt(), 0);
    /// # Ok::<(), nango_core::Error>(())
    /// ```
    pub fn new(config: &Config, request: &ApiRequest) -> Self {
        Self {
            policy: config.retry().clone(),
            per_request: config.timeout(),
            idempotent: request.is_idempotent(),
            attempt: 0,
            limit: request.response_limit(config),
            redactor: config.redactor().clone(),
        }
    }

    /// Uses `timeout` as the bound of each exchange instead of the
    /// configuration's (`None`: no bound but the policy's deadline): a per-call
    /// override, such as [`Call::timeout`](crate::Call::timeout).
    ///
    /// ```
    /// # use std::time::Duration;
    /// # use nango_core::{attempts::Attempts, config::Config, request::ApiRequest};
    /// # let config = Config::builder().api_key("k").build()?;
    /// let mut attempts = Attempts::new(&config, &ApiRequest::get("/providers", &[])?)
    ///     .timeout(Some(Duration::from_secs(5)));
    /// assert_eq!(attempts.start(Duration::ZERO), Some(Duration::from_secs(5)));
    /// # Ok::<(), nango_core::Error>(())
    /// ```
    pub fn timeout(mut self, timeout: Option<Duration>) -> Self {
        self.per_request = timeout;
        self
    }

    /// Decides retries with `policy` instead of the configuration's: a per-call
    /// override, such as [`Call::retry_policy`](crate::Call::retry_policy).
    ///
    /// ```
    /// # use std::time::Duration;
    /// # use nango_core::{attempts::{Attempts, Step}, config::Config, request::ApiRequest, retry::RetryPolicy};
    /// # let config = Config::builder().api_key("k").build()?;
    /// let mut attempts = Attempts::new(&config, &ApiRequest::get("/providers", &[])?)
    ///     .retry_policy(RetryPolicy::disabled());
    /// attempts.start(Duration::ZERO);
    /// let step = attempts.refused(503, &http::HeaderMap::new(), bytes::Bytes::new(), Duration::ZERO, 0.5);
    /// assert!(matches!(step, Step::Fail { .. }), "not retried: retries are off for this call");
    /// # Ok::<(), nango_core::Error>(())
    /// ```
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.policy = policy;
        self
    }

    /// How many attempts were started.
    ///
    /// ```
    /// # use std::time::Duration;
    /// # use nango_core::{attempts::Attempts, config::Config, request::ApiRequest};
    /// # let config = Config::builder().api_key("k").build()?;
    /// let mut attempts = Attempts::new(&config, &ApiRequest::get("/providers", &[])?);
    /// attempts.start(Duration::ZERO);
    /// assert_eq!(attempts.attempt(), 1);
    /// # Ok::<(), nango_core::Error>(())
    /// ```
    pub fn attempt(&self) -> u32 {
        self.attempt
    }

    /// Starts an attempt `elapsed` after the call began; returns its timeout: the
    /// per-request timeout, shortened so that the call stays within the deadline.
    ///
    /// ```
    /// # use std::time::Duration;
    /// # use nango_core::{attempts::Attempts, config::Config, request::ApiRequest, retry::RetryPolicy};
    /// let config = Config::builder().api_key("k")
    ///     .retry_policy(RetryPolicy::default().deadline(Some(Duration::from_secs(90))))
    ///     .build()?;
    /// let mut attempts = Attempts::new(&config, &ApiRequest::get("/providers", &[])?);
    /// assert_eq!(attempts.start(Duration::from_secs(80)), Some(Duration::from_secs(10)));
    /// # Ok::<(), nango_core::Error>(())
    /// ```
    pub fn start(&mut self, elapsed: Duration) -> Option<Duration> {
        self.attempt += 1;
        let Some(deadline) = self.policy.deadline else {
            return self.per_request;
        };
        let left = deadline
            .saturating_sub(elapsed)
            .max(Duration::from_millis(1));
        Some(self.per_request.map_or(left, |t| t.min(left)))
    }

    /// The server answered `status` (not a success) with `headers` and `body`,
    /// `elapsed` after the call began; `random` is a number from `[0, 1)` for
    /// jitter.
    ///
    /// ```
    /// # use std::time::Duration;
    /// # use nango_core::{attempts::{Attempts, Step}, config::Config, request::ApiRequest};
    /// # let config = Config::builder().api_key("k").build()?;
    /// let mut attempts = Attempts::new(&config, &ApiRequest::get("/providers", &[])?);
    /// attempts.start(Duration::ZERO);
    /// let body = bytes::Bytes::from_static(br#"{"error":{"code":"not_found"}}"#);
    /// let Step::Fail { error, .. } = attempts.refused(404, &http::HeaderMap::new(), body, Duration::ZERO, 0.5) else { panic!() };
    /// assert_eq!(error.status(), Some(http::StatusCode::NOT_FOUND));
    /// # Ok::<(), nango_core::Error>(())
    /// ```
    pub fn refused(
        &mut self,
        status: u16,
        headers: &HeaderMap,
        body: Bytes,
        elapsed: Duration,
        random: f64,
    ) -> Step {
        let api = ApiError::from_parts(status, headers, body);
        self.refused_with(api, elapsed, random)
    }

    /// [`Attempts::refused`] for a client that holds the headers itself: only
    /// the `Retry-After` value is read (the error's `headers` stay empty).
    ///
    /// ```
    /// # use std::time::Duration;
    /// # use nango_core::{attempts::{Attempts, Step}, config::Config, request::ApiRequest};
    /// # let config = Config::builder().api_key("k").build()?;
    /// let mut attempts = Attempts::new(&config, &ApiRequest::get("/providers", &[])?);
    /// attempts.start(Duration::ZERO);
    /// let step = attempts.refused_answer(429, Some("2"), bytes::Bytes::new(), Duration::ZERO, 0.5);
    /// assert!(matches!(step, Step::Retry { delay, .. } if delay == Duration::from_secs(2)));
    /// # Ok::<(), nango_core::Error>(())
    /// ```
    pub fn refused_answer(
        &mut self,
        status: u16,
        retry_after: Option<&str>,
        body: Bytes,
        elapsed: Duration,
        random: f64,
    ) -> Step {
        let api = ApiError::from_answer(status, retry_after, body);
        self.refused_with(api, elapsed, random)
    }

    fn refused_with(&mut self, api: ApiError, elapsed: Duration, random: f64) -> Step {
        let outcome = Outcome::Status {
            // The number as reported: the policy decides on it as it did
            // before `status` was a `StatusCode` (a `0` is not a 502).
            status: api.raw_status(),
            retry_after: api.retry_after,
        };
        let error = Error::Api(Box::new(api)).redacted(&self.redactor);
        self.next(error, outcome, elapsed, random)
    }

    /// The attempt got no complete answer (`error`), with `timeout` its bound,
    /// `elapsed` after the call began.
    ///
    /// ```
    /// # use std::time::Duration;
    /// # use nango_core::{attempts::{Attempts, Step}, config::Config, request::ApiRequest, transport::{TransportError, TransportErrorKind}};
    /// # let config = Config::builder().api_key("k").build()?;
    /// let mut attempts = Attempts::new(&config, &ApiRequest::post("/action/trigger", &[])?);
    /// let timeout = attempts.start(Duration::ZERO);
    /// let lost = TransportError::new(TransportErrorKind::Interrupted, "reset");
    /// assert!(matches!(attempts.lost(lost, timeout, Duration::ZERO, 0.5), Step::Fail { .. }), "a POST is not resent");
    /// # Ok::<(), nango_core::Error>(())
    /// ```
    pub fn lost(
        &mut self,
        error: TransportError,
        timeout: Option<Duration>,
        elapsed: Duration,
        random: f64,
    ) -> Step {
        let outcome = Outcome::Transport(error.kind());
        let error = Error::from_transport(error, timeout, self.limit).redacted(&self.redactor);
        self.next(error, outcome, elapsed, random)
    }

    fn next(&self, error: Error, outcome: Outcome, elapsed: Duration, random: f64) -> Step {
        let decision = self.policy.decide(&Attempt {
            idempotent: self.idempotent,
            attempt: self.attempt.max(1),
            outcome,
            elapsed,
            random,
        });
        match decision {
            Decision::RetryAfter(delay) => Step::Retry { delay, error },
            Decision::Stop(reason) => Step::Fail { error, reason },
        }
    }
}
