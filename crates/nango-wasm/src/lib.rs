//! The Nango API client for WebAssembly: one package for Cloudflare Workers, Deno,
//! browsers and Node, over the platform's `fetch`.
//!
//! The JavaScript class `Nango` has the methods of the official `@nangohq/node`
//! SDK, under the same names, with the same positional arguments, returning
//! promises of the plain JSON the server sent. Every request is built by
//! [`nango_core`]'s operations; nothing here writes an operation a second time.
//! It is sent by the small JavaScript loop of `js/shim.js` over `fetch`, which
//! asks the core's [`Attempts`](nango_core::attempts::Attempts) between two sends
//! (timeouts, retries, the error an answer becomes): the package holds no Rust
//! future, which keeps it small. Errors are `NangoError`s (see `js/shim.js`).
//! [`FetchTransport`] is the core's `Transport` over `fetch`, for Rust code that
//! runs a [`nango_core::Client`] in WebAssembly itself.
//!
//! The npm package is built by `cargo xtask pkg` into `pkg/`. The crate is empty
//! on other targets (a workspace-wide native build compiles it to nothing).
#![cfg(target_arch = "wasm32")]
#![warn(missing_docs)]

use std::time::Duration;

use nango_core::error::{InvalidInput, InvalidReason};
use nango_core::retry::RetryPolicy;
use nango_core::Client;
use wasm_bindgen::prelude::*;

mod error;
mod js;
mod methods;
mod shim;
mod transport;

pub use transport::FetchTransport;

use js::{prop, Inner};

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("types.d.ts");

/// A Nango API client.
///
/// ```js
/// const nango = new Nango({ apiKey: '<API-KEY>' });
/// const { connections } = await nango.listConnections();
/// ```
#[wasm_bindgen(js_name = Nango)]
pub struct Nango {
    client: Inner,
}

fn millis(value: &JsValue) -> Option<Duration> {
    value
        .as_f64()
        .filter(|v| v.is_finite() && *v >= 0.0)
        .map(|v| Duration::from_secs_f64(v / 1000.0))
}

/// The retry policy of the `retry` option: `false` (no retries), `true` or
/// `undefined` (the default), or `{maxAttempts, initialBackoffMs, maxBackoffMs,
/// maxRetryAfterMs, deadlineMs, retryNonIdempotent}`.
fn retry_policy(value: &JsValue) -> RetryPolicy {
    if value.as_bool() == Some(false) {
        return RetryPolicy::disabled();
    }
    let mut policy = RetryPolicy::default();
    if !value.is_object() {
        return policy;
    }
    if let Some(n) = prop(value, "maxAttempts").as_f64() {
        policy.max_attempts = n.clamp(1.0, 100.0) as u32;
    }
    if let Some(d) = millis(&prop(value, "initialBackoffMs")) {
        policy.initial_backoff = d;
    }
    if let Some(d) = millis(&prop(value, "maxBackoffMs")) {
        policy.max_backoff = d;
    }
    if let Some(d) = millis(&prop(value, "maxRetryAfterMs")) {
        policy.max_retry_after = d;
    }
    let deadline = prop(value, "deadlineMs");
    if deadline.is_null() {
        policy.deadline = None;
    } else if let Some(d) = millis(&deadline) {
        policy.deadline = Some(d);
    }
    if let Some(b) = prop(value, "retryNonIdempotent").as_bool() {
        policy.retry_non_idempotent = b;
    }
    policy
}

/// The official SDK's construction messages, for the errors it has too.
fn construction_error(e: nango_core::Error) -> JsValue {
    let message = match &e {
        nango_core::Error::InvalidInput(InvalidInput { field, reason, .. }) => match (
            field.as_str(),
            reason,
        ) {
            ("api_key", InvalidReason::Conflict) => Some(
                "You must specify only one of apiKey or secretKey, not both (cf. documentation)."
                    .to_owned(),
            ),
            ("api_key", InvalidReason::Missing) | ("api_key", InvalidReason::Empty) => {
                Some("You must specify an API key (cf. documentation).".to_owned())
            }
            ("host", _) => Some(format!("Invalid URL provided for the Nango host: {e}")),
            _ => None,
        },
        _ => None,
    };
    match message {
        Some(m) => shim::make_error("invalid_input", &m, &JsValue::UNDEFINED),
        None => error::to_js(e),
    }
}

#[wasm_bindgen(js_class = Nango)]
impl Nango {
    /// `new Nango({ apiKey | secretKey, host?, webhookSigningKey?, connectionId?,
    /// providerConfigKey?, isSync?, isScript?, dryRun?, activityLogId?, fetch?,
    /// timeoutMs?, retry?, userAgent? })`. Throws when both keys or neither are
    /// given, or when `host` is not an http(s) URL.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "NangoProps")] config: JsValue,
    ) -> Result<Nango, JsValue> {
        if !config.is_object() {
            return Err(shim::make_error(
                "invalid_input",
                "You must specify an API key (cf. documentation).",
                &JsValue::UNDEFINED,
            ));
        }
        let text = |key: &str| prop(&config, key).as_string().filter(|s| !s.is_empty());
        let flag = |key: &str| prop(&config, key).as_bool().unwrap_or(false);
        let mut builder = Client::<FetchTransport>::builder();
        if let Some(host) = text("host") {
            builder = builder.host(host);
        }
        if let Some(key) = text("apiKey") {
            builder = builder.api_key(key);
        }
        if let Some(key) = text("secretKey") {
            #[allow(deprecated)]
            {
                builder = builder.secret_key(key);
            }
        }
        let signing = prop(&config, "webhookSigningKey");
        if js::is_array(&signing) {
            for key in js_sys::Array::from(&signing)
                .iter()
                .filter_map(|k| k.as_string())
            {
                builder = builder.webhook_signing_key(key);
            }
        } else if let Some(key) = signing.as_string().filter(|s| !s.is_empty()) {
            builder = builder.webhook_signing_key(key);
        }
        if let Some(id) = text("connectionId") {
            builder = builder.connection_id(id);
        }
        if let Some(key) = text("providerConfigKey") {
            builder = builder.provider_config_key(key);
        }
        if let Some(id) = text("activityLogId") {
            builder = builder.activity_log_id(id);
        }
        if let Some(suffix) = text("userAgent") {
            builder = builder.user_agent_suffix(suffix);
        }
        builder = builder.flags(flag("isSync"), flag("isScript"), flag("dryRun"));
        let timeout = prop(&config, "timeoutMs");
        if timeout.is_null() || timeout.as_f64() == Some(0.0) {
            builder = builder.timeout(None);
        } else if let Some(d) = millis(&timeout) {
            builder = builder.timeout(Some(d));
        }
        builder = builder.retry_policy(retry_policy(&prop(&config, "retry")));
        let fetch = js::function(&prop(&config, "fetch"));
        let client = builder
            .build_with(FetchTransport::new(fetch))
            .map_err(construction_error)?;
        Ok(Nango { client })
    }

    /// The host requests go to (without a trailing `/`), as `serverUrl` in the
    /// official SDK.
    #[wasm_bindgen(getter, js_name = serverUrl)]
    pub fn server_url(&self) -> String {
        self.client.config().host().to_owned()
    }

    /// The default connection id of the proxy (`''` when none).
    #[wasm_bindgen(getter, js_name = connectionId)]
    pub fn connection_id(&self) -> String {
        self.client
            .config()
            .connection_id()
            .unwrap_or_default()
            .to_owned()
    }

    /// The default integration id of the proxy (`''` when none).
    #[wasm_bindgen(getter, js_name = providerConfigKey)]
    pub fn provider_config_key(&self) -> String {
        self.client
            .config()
            .provider_config_key()
            .unwrap_or_default()
            .to_owned()
    }
}
