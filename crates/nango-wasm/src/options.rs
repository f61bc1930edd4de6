//! The options objects of the package, read in one place: the `new Nango(options)`
//! object ([`client`]) and a call's own options, `{ timeoutMs, retry }`, the
//! argument after a method's official ones ([`CallOptions`]).
//!
//! Both read `timeoutMs` and `retry` the same way. The constructor is lenient, as
//! the official SDK's: a value of the wrong type leaves the default. A call's
//! options are checked: a wrong value is an `invalid_input` error naming the
//! option, and nothing is sent.

use std::time::Duration;

use js_sys::Reflect;
use nango_core::attempts::Attempts;
use nango_core::client::ClientBuilder;
use nango_core::retry::RetryPolicy;
use wasm_bindgen::{JsCast, JsValue};

use crate::error::invalid;
use crate::transport::FetchTransport;

/// `key` of `object` (`undefined` when `object` is not an object).
fn get(object: &JsValue, key: &str) -> JsValue {
    if !object.is_object() {
        return JsValue::UNDEFINED;
    }
    Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// A non-empty string option.
fn text(object: &JsValue, key: &str) -> Option<String> {
    get(object, key).as_string().filter(|s| !s.is_empty())
}

/// `ms` as a duration, when it is a finite number of milliseconds, `>= 0`.
fn millis(ms: f64) -> Option<Duration> {
    (ms.is_finite() && ms >= 0.0).then(|| Duration::from_nanos((ms * 1e6) as u64))
}

/// A number of milliseconds `>= 0` (`None` for anything else).
fn ms(v: &JsValue) -> Option<Duration> {
    v.as_f64().and_then(millis)
}

/// What a `timeoutMs` value says: `Some(None)` no timeout (`null`, `0`),
/// `Some(Some(d))` a timeout, `None` not a timeout (absent or of a wrong type).
fn timeout(v: &JsValue) -> Option<Option<Duration>> {
    if v.is_null() || v.as_f64() == Some(0.0) {
        return Some(None);
    }
    v.as_f64().filter(|n| *n > 0.0).and_then(millis).map(Some)
}

/// What a `retry` value says: `false` no retries, an object the default policy
/// with its fields, `None` anything else (absent, `true`...).
fn retry(v: &JsValue) -> Option<RetryPolicy> {
    if v.as_bool() == Some(false) {
        return Some(RetryPolicy::disabled());
    }
    if !v.is_object() {
        return None;
    }
    let mut policy = RetryPolicy::default();
    if let Some(n) = get(v, "maxAttempts").as_f64().filter(|n| n.is_finite()) {
        policy.max_attempts = n.clamp(1.0, 100.0) as u32;
    }
    if let Some(d) = ms(&get(v, "initialBackoffMs")) {
        policy.initial_backoff = d;
    }
    if let Some(d) = ms(&get(v, "maxBackoffMs")) {
        policy.max_backoff = d;
    }
    if let Some(d) = ms(&get(v, "maxRetryAfterMs")) {
        policy.max_retry_after = d;
    }
    let deadline = get(v, "deadlineMs");
    if deadline.is_null() {
        policy.deadline = None;
    } else if let Some(d) = ms(&deadline) {
        policy.deadline = Some(d);
    }
    if let Some(yes) = get(v, "retryNonIdempotent").as_bool() {
        policy.retry_non_idempotent = yes;
    }
    Some(policy)
}

/// A byte limit: `Some(None)` none (`null`), `Some(Some(n))` a number `>= 0`,
/// `None` the default (anything else).
fn limit(v: &JsValue) -> Option<Option<u64>> {
    if v.is_null() {
        return Some(None);
    }
    v.as_f64()
        .filter(|n| n.is_finite() && *n >= 0.0)
        .map(|n| Some(n as u64))
}

/// The client builder for the options object of `new Nango(options)`: every
/// option of `NangoProps` (types.d.ts) is read here.
pub(crate) fn client(
    options: &JsValue,
) -> Result<ClientBuilder<FetchTransport>, nango_core::Error> {
    if !options.is_object() {
        return Err(nango_core::error::InvalidInput::new(
            "api_key",
            nango_core::error::InvalidReason::Missing,
        )
        .into());
    }
    let mut builder = nango_core::Client::<FetchTransport>::builder();
    if let Some(host) = text(options, "host") {
        builder = builder.host(host);
    }
    if let Some(key) = text(options, "apiKey") {
        builder = builder.api_key(key);
    }
    if let Some(key) = text(options, "secretKey") {
        #[allow(deprecated)]
        {
            builder = builder.secret_key(key);
        }
    }
    let signing = get(options, "webhookSigningKey");
    let keys = match signing.as_string() {
        Some(key) if !key.is_empty() => vec![key],
        _ => crate::args::strings(&signing).unwrap_or_default(),
    };
    for key in keys {
        builder = builder.webhook_signing_key(key);
    }
    if let Some(id) = text(options, "connectionId") {
        builder = builder.connection_id(id);
    }
    if let Some(key) = text(options, "providerConfigKey") {
        builder = builder.provider_config_key(key);
    }
    if let Some(id) = text(options, "activityLogId") {
        builder = builder.activity_log_id(id);
    }
    if let Some(suffix) = text(options, "userAgent") {
        builder = builder.user_agent_suffix(suffix);
    }
    let flag = |key: &str| get(options, key).as_bool() == Some(true);
    builder = builder
        .is_sync(flag("isSync"))
        .is_script(flag("isScript"))
        .dry_run(flag("dryRun"));
    if let Some(t) = timeout(&get(options, "timeoutMs")) {
        builder = builder.timeout(t);
    }
    builder = builder.retry_policy(retry(&get(options, "retry")).unwrap_or_default());
    if let Some(l) = limit(&get(options, "maxResponseBytes")) {
        builder = builder.max_response_bytes(l);
    }
    if let Some(l) = limit(&get(options, "maxProxyResponseBytes")) {
        builder = builder.max_proxy_response_bytes(l);
    }
    Ok(builder)
}

/// The `fetch` option, when it is a function.
pub(crate) fn fetch(options: &JsValue) -> Option<js_sys::Function> {
    get(options, "fetch").dyn_into().ok()
}

/// A call's own options, `{ timeoutMs, retry }`: each replaces the client's for
/// this call only (`retry` wholly: fields not given take their defaults, not the
/// client's values).
#[derive(Debug, Clone, Default)]
pub(crate) struct CallOptions {
    timeout: Option<Option<Duration>>,
    retry: Option<RetryPolicy>,
}

impl CallOptions {
    /// Reads `options` (`undefined` and `null`: none). Other keys are left to the
    /// method (`signal` of `waitForConnection`, `maxRetries` of
    /// `triggerActionAsync`).
    pub(crate) fn read(options: &JsValue) -> Result<Self, JsValue> {
        if options.is_null_or_undefined() {
            return Ok(Self::default());
        }
        if !options.is_object() || js_sys::Array::is_array(options) {
            return Err(invalid(
                "options",
                "the call's options are an object: { timeoutMs, retry }",
            ));
        }
        let t = get(options, "timeoutMs");
        let timeout = match timeout(&t) {
            Some(t) => Some(t),
            None if t.is_undefined() => None,
            None => {
                return Err(invalid(
                    "timeoutMs",
                    "a number of milliseconds > 0, or 0 or null for none",
                ))
            }
        };
        let r = get(options, "retry");
        let retry = match retry(&r) {
            Some(policy) => Some(policy),
            None if r.is_undefined() => None,
            None if r.as_bool() == Some(true) => Some(RetryPolicy::default()),
            None => {
                return Err(invalid(
                    "retry",
                    "false, true or { maxAttempts, initialBackoffMs, ... }",
                ))
            }
        };
        Ok(Self { timeout, retry })
    }

    /// `attempts` with these options applied.
    pub(crate) fn apply(&self, mut attempts: Attempts) -> Attempts {
        if let Some(t) = self.timeout {
            attempts = attempts.timeout(t);
        }
        if let Some(policy) = &self.retry {
            attempts = attempts.retry_policy(policy.clone());
        }
        attempts
    }
}
