//! The retry policy: a pure function from what happened to what to do next.
//!
//! Both clients (native and wasm) apply the same decisions, through
//! [`Attempts`](crate::attempts::Attempts); only the sending and the sleeping
//! differ. Rules:
//! - `429` is always retried (the server did not act on the request), after
//!   `Retry-After` when given (`0` included); a `Retry-After` longer than
//!   [`RetryPolicy::max_retry_after`] is not waited for: the error is returned.
//! - `500`, `502`, `503`, `504`, connection failures, interrupted exchanges and
//!   timeouts are retried only for idempotent requests, unless
//!   [`RetryPolicy::retry_non_idempotent`] is set. An action trigger is never
//!   idempotent.
//! - Backoff is exponential with jitter, bounded by [`RetryPolicy::max_backoff`];
//!   attempts are bounded by [`RetryPolicy::max_attempts`] and the whole call by
//!   [`RetryPolicy::deadline`].

use std::time::Duration;

use crate::transport::TransportErrorKind;

/// How a client retries. `RetryPolicy::default()` is a sensible policy;
/// [`RetryPolicy::disabled`] never retries.
///
/// ```
/// use std::time::Duration;
/// use nango_core::retry::RetryPolicy;
/// let policy = RetryPolicy::default()
///     .max_attempts(5)
///     .deadline(Some(Duration::from_secs(30)));
/// assert_eq!(policy.max_attempts, 5);
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct RetryPolicy {
    /// Attempts in all, the first included (`1` = no retry).
    pub max_attempts: u32,
    /// The first backoff, doubled at each retry.
    pub initial_backoff: Duration,
    /// The largest backoff.
    pub max_backoff: Duration,
    /// The longest `Retry-After` that is waited for.
    pub max_retry_after: Duration,
    /// The most time a call may take, retries and waits included (`None`: unbounded).
    pub deadline: Option<Duration>,
    /// Also retry non-idempotent requests (POST, PATCH, action triggers) on 5xx and
    /// connection failures. Off by default: such a retry may act twice.
    pub retry_non_idempotent: bool,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 4,
            initial_backoff: Duration::from_millis(250),
            max_backoff: Duration::from_secs(10),
            max_retry_after: Duration::from_secs(60),
            deadline: Some(Duration::from_secs(120)),
            retry_non_idempotent: false,
        }
    }
}

/// What the last attempt came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Outcome {
    /// The server answered with this non-success status.
    Status {
        /// The HTTP status.
        status: u16,
        /// Its `Retry-After`, if any.
        retry_after: Option<Duration>,
    },
    /// No complete response.
    Transport(TransportErrorKind),
}

/// The facts a decision is made from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Attempt {
    /// Whether the request is safe to send twice.
    pub idempotent: bool,
    /// How many attempts were made so far (1 after the first).
    pub attempt: u32,
    /// What the last attempt came to.
    pub outcome: Outcome,
    /// Time spent on the call so far.
    pub elapsed: Duration,
    /// A number from `[0, 1)` for jitter.
    pub random: f64,
}

/// What to do next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Decision {
    /// Wait this long, then send again.
    RetryAfter(Duration),
    /// Return the error.
    Stop(StopReason),
}

/// Why a call is not retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum StopReason {
    /// This outcome is never retried (a 4xx, a 501...).
    NotRetryable,
    /// The request is not idempotent and the outcome may mean it was acted on.
    NotIdempotent,
    /// `max_attempts` reached.
    AttemptsExhausted,
    /// The wait would pass the deadline.
    DeadlineReached,
    /// `Retry-After` is longer than `max_retry_after`.
    RetryAfterTooLong,
}

impl RetryPolicy {
    /// A policy that never retries.
    ///
    /// ```
    /// let p = nango_core::retry::RetryPolicy::disabled();
    /// assert_eq!(p.max_attempts, 1);
    /// ```
    pub fn disabled() -> Self {
        Self {
            max_attempts: 1,
            ..Self::default()
        }
    }

    /// Sets [`RetryPolicy::max_attempts`] (at least 1).
    ///
    /// ```
    /// assert_eq!(nango_core::retry::RetryPolicy::default().max_attempts(0).max_attempts, 1);
    /// ```
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// Sets the first and the largest backoff.
    ///
    /// ```
    /// use std::time::Duration;
    /// let p = nango_core::retry::RetryPolicy::default().backoff(Duration::from_millis(10), Duration::from_millis(100));
    /// assert_eq!(p.max_backoff, Duration::from_millis(100));
    /// ```
    pub fn backoff(mut self, initial: Duration, max: Duration) -> Self {
        self.initial_backoff = initial;
        self.max_backoff = max.max(initial);
        self
    }

    /// Sets [`RetryPolicy::max_retry_after`].
    ///
    /// ```
    /// use std::time::Duration;
    /// let p = nango_core::retry::RetryPolicy::default().max_retry_after(Duration::from_secs(5));
    /// assert_eq!(p.max_retry_after, Duration::from_secs(5));
    /// ```
    pub fn max_retry_after(mut self, max: Duration) -> Self {
        self.max_retry_after = max;
        self
    }

    /// Sets [`RetryPolicy::deadline`].
    ///
    /// ```
    /// let p = nango_core::retry::RetryPolicy::default().deadline(None);
    /// assert!(p.deadline.is_none());
    /// ```
    pub fn deadline(mut self, deadline: Option<Duration>) -> Self {
        self.deadline = deadline;
        self
    }

    /// Sets [`RetryPolicy::retry_non_idempotent`].
    ///
    /// ```
    /// let p = nango_core::retry::RetryPolicy::default().retry_non_idempotent(true);
    /// assert!(p.retry_non_idempotent);
    /// ```
    pub fn retry_non_idempotent(mut self, yes: bool) -> Self {
        self.retry_non_idempotent = yes;
        self
    }

    /// The backoff before retry number `attempt` (1-based), with jitter drawn from
    /// `random` in `[0, 1)`: between half and all of the exponential delay.
    ///
    /// ```
    /// use std::time::Duration;
    /// let p = nango_core::retry::RetryPolicy::default().backoff(Duration::from_millis(100), Duration::from_secs(1));
    /// assert_eq!(p.backoff_for(1, 1.0), Duration::from_millis(100));
    /// assert_eq!(p.backoff_for(3, 0.0), Duration::from_millis(200));
    /// assert_eq!(p.backoff_for(30, 1.0), Duration::from_secs(1));
    /// ```
    pub fn backoff_for(&self, attempt: u32, random: f64) -> Duration {
        let exp = attempt.saturating_sub(1).min(30);
        let base = self
            .initial_backoff
            .saturating_mul(1u32 << exp)
            .min(self.max_backoff);
        let random = if random.is_finite() {
            random.clamp(0.0, 1.0)
        } else {
            0.5
        };
        // In whole nanoseconds: a float-to-integer cast saturates, so no panic path.
        let jittered = base.as_nanos() as f64 * (0.5 + 0.5 * random);
        Duration::from_nanos(jittered as u64).min(self.max_backoff)
    }

    /// Decides what to do after a failed attempt.
    ///
    /// ```
    /// use std::time::Duration;
    /// use nango_core::retry::{Attempt, Decision, Outcome, RetryPolicy, StopReason};
    /// let p = RetryPolicy::default();
    /// let rate_limited = Attempt { idempotent: false, attempt: 1, elapsed: Duration::ZERO, random: 0.5,
    ///     outcome: Outcome::Status { status: 429, retry_after: Some(Duration::from_secs(2)) } };
    /// assert_eq!(p.decide(&rate_limited), Decision::RetryAfter(Duration::from_secs(2)));
    /// let post_503 = Attempt { outcome: Outcome::Status { status: 503, retry_after: None }, ..rate_limited };
    /// assert_eq!(p.decide(&post_503), Decision::Stop(StopReason::NotIdempotent));
    /// ```
    pub fn decide(&self, attempt: &Attempt) -> Decision {
        let delay = match attempt.outcome {
            Outcome::Status {
                status: 429,
                retry_after,
            } => match retry_after {
                Some(wait) => {
                    if wait > self.max_retry_after {
                        return Decision::Stop(StopReason::RetryAfterTooLong);
                    }
                    wait
                }
                None => self.backoff_for(attempt.attempt, attempt.random),
            },
            Outcome::Status {
                status: 500 | 502 | 503 | 504,
                ..
            } => {
                if !(attempt.idempotent || self.retry_non_idempotent) {
                    return Decision::Stop(StopReason::NotIdempotent);
                }
                self.backoff_for(attempt.attempt, attempt.random)
            }
            Outcome::Status { .. } => return Decision::Stop(StopReason::NotRetryable),
            Outcome::Transport(kind) => match kind {
                TransportErrorKind::Connect
                | TransportErrorKind::Interrupted
                | TransportErrorKind::Timeout => {
                    if !(attempt.idempotent || self.retry_non_idempotent) {
                        return Decision::Stop(StopReason::NotIdempotent);
                    }
                    self.backoff_for(attempt.attempt, attempt.random)
                }
                _ => return Decision::Stop(StopReason::NotRetryable),
            },
        };
        if attempt.attempt >= self.max_attempts {
            return Decision::Stop(StopReason::AttemptsExhausted);
        }
        if let Some(deadline) = self.deadline {
            if attempt.elapsed.saturating_add(delay) > deadline {
                return Decision::Stop(StopReason::DeadlineReached);
            }
        }
        Decision::RetryAfter(delay)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attempt(outcome: Outcome, idempotent: bool, n: u32) -> Attempt {
        Attempt {
            idempotent,
            attempt: n,
            outcome,
            elapsed: Duration::ZERO,
            random: 0.5,
        }
    }

    fn status(s: u16) -> Outcome {
        Outcome::Status {
            status: s,
            retry_after: None,
        }
    }

    #[test]
    fn rate_limit_is_retried_for_any_method_and_honours_zero() {
        let p = RetryPolicy::default();
        let o = Outcome::Status {
            status: 429,
            retry_after: Some(Duration::ZERO),
        };
        assert_eq!(
            p.decide(&attempt(o, false, 1)),
            Decision::RetryAfter(Duration::ZERO)
        );
    }

    #[test]
    fn long_retry_after_is_not_waited_for() {
        let p = RetryPolicy::default().max_retry_after(Duration::from_secs(5));
        let o = Outcome::Status {
            status: 429,
            retry_after: Some(Duration::from_secs(6)),
        };
        assert_eq!(
            p.decide(&attempt(o, true, 1)),
            Decision::Stop(StopReason::RetryAfterTooLong)
        );
    }

    #[test]
    fn server_errors_need_idempotency_or_opt_in() {
        let p = RetryPolicy::default();
        assert!(matches!(
            p.decide(&attempt(status(503), true, 1)),
            Decision::RetryAfter(_)
        ));
        assert_eq!(
            p.decide(&attempt(status(503), false, 1)),
            Decision::Stop(StopReason::NotIdempotent)
        );
        let opt_in = p.clone().retry_non_idempotent(true);
        assert!(matches!(
            opt_in.decide(&attempt(status(503), false, 1)),
            Decision::RetryAfter(_)
        ));
        assert_eq!(
            p.decide(&attempt(status(501), true, 1)),
            Decision::Stop(StopReason::NotRetryable)
        );
        assert_eq!(
            p.decide(&attempt(status(400), true, 1)),
            Decision::Stop(StopReason::NotRetryable)
        );
    }

    #[test]
    fn transport_failures() {
        let p = RetryPolicy::default();
        let connect = Outcome::Transport(TransportErrorKind::Connect);
        assert!(matches!(
            p.decide(&attempt(connect, true, 1)),
            Decision::RetryAfter(_)
        ));
        assert_eq!(
            p.decide(&attempt(connect, false, 1)),
            Decision::Stop(StopReason::NotIdempotent)
        );
        let aborted = Outcome::Transport(TransportErrorKind::Aborted);
        assert_eq!(
            p.decide(&attempt(aborted, true, 1)),
            Decision::Stop(StopReason::NotRetryable)
        );
    }

    #[test]
    fn bounds() {
        let p = RetryPolicy::default().max_attempts(3);
        assert_eq!(
            p.decide(&attempt(status(503), true, 3)),
            Decision::Stop(StopReason::AttemptsExhausted)
        );
        let p = RetryPolicy::default().deadline(Some(Duration::from_millis(100)));
        let mut a = attempt(status(503), true, 1);
        a.elapsed = Duration::from_millis(99);
        assert_eq!(p.decide(&a), Decision::Stop(StopReason::DeadlineReached));
        assert_eq!(
            RetryPolicy::disabled().decide(&attempt(status(429), true, 1)),
            Decision::Stop(StopReason::AttemptsExhausted)
        );
    }

    #[test]
    fn backoff_grows_and_is_capped() {
        let p =
            RetryPolicy::default().backoff(Duration::from_millis(100), Duration::from_millis(800));
        let mut last = Duration::ZERO;
        for n in 1..=4 {
            let d = p.backoff_for(n, 0.999);
            assert!(d >= last);
            last = d;
        }
        assert!(p.backoff_for(50, 0.999) <= Duration::from_millis(800));
        assert!(p.backoff_for(2, f64::NAN) <= Duration::from_millis(200));
    }
}
