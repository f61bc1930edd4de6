//! Fixed 60-second window rate limiting per account, with Nango's headers.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Mutex;

use crate::state::lock;
use crate::time::now_ms;

/// Outcome of counting one request.
#[derive(Debug, Clone, Copy)]
pub struct RateInfo {
    /// Limit per window.
    pub limit: u32,
    /// Requests left in the window.
    pub remaining: u32,
    /// Window end (Unix seconds).
    pub reset: i64,
    /// Whole seconds until the window ends.
    pub retry_after: i64,
    /// Whether the request is allowed.
    pub allowed: bool,
}

/// The limiter (one account).
pub struct RateLimiter {
    limit: AtomicU32,
    window: Mutex<(i64, u32)>,
}

/// Default requests per minute when none is configured.
pub const DEFAULT_LIMIT: u32 = 1_000_000;

impl RateLimiter {
    /// A limiter allowing `limit` requests per fixed minute.
    pub fn new(limit: u32) -> Self {
        RateLimiter {
            limit: AtomicU32::new(limit),
            window: Mutex::new((0, 0)),
        }
    }

    /// Changes the limit (the current window keeps its count).
    pub fn set_limit(&self, limit: u32) {
        self.limit.store(limit, Ordering::SeqCst);
    }

    /// Starts a fresh window.
    pub fn reset(&self) {
        *lock(&self.window) = (0, 0);
    }

    /// Counts one request.
    pub fn hit(&self) -> RateInfo {
        let limit = self.limit.load(Ordering::SeqCst);
        let now = now_ms();
        let mut w = lock(&self.window);
        if now >= w.0 + 60_000 {
            *w = (now, 0);
        }
        let allowed = w.1 < limit;
        if allowed {
            w.1 += 1;
        }
        let end = w.0 + 60_000;
        RateInfo {
            limit,
            remaining: limit.saturating_sub(w.1),
            reset: end.div_euclid(1000) + i64::from(end.rem_euclid(1000) != 0),
            retry_after: ((end - now) / 1000).max(0),
            allowed,
        }
    }
}
