//! [`FetchTransport`]: the core's [`Transport`] over the JavaScript `fetch`.

use std::time::Duration;

use bytes::Bytes;
use nango_core::transport::{
    HttpRequest, HttpResponse, ResponseLimit, Transport, TransportError, TransportErrorKind,
};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::shim;

/// Sends requests with the global `fetch` (or one passed in the options), bounds
/// each exchange with an `AbortController`, sleeps with `setTimeout`, reads the
/// clock from `performance.now()` and draws jitter from `Math.random()`.
///
/// Works wherever those globals exist: Cloudflare Workers, Deno, Node 20+ and
/// browsers. No Node built-in is used.
#[derive(Debug, Clone, Default)]
pub struct FetchTransport {
    fetch: Option<js_sys::Function>,
}

impl FetchTransport {
    /// A transport over `fetch`, or over the global `fetch` when `None` (a custom
    /// function is useful for service bindings and tests; it is called as
    /// `fetch(url, init)`).
    pub fn new(fetch: Option<js_sys::Function>) -> Self {
        Self { fetch }
    }

    /// The `fetch` passed in, or `undefined` for the global one.
    pub(crate) fn fetch(&self) -> JsValue {
        self.fetch
            .as_ref()
            .map_or(JsValue::UNDEFINED, |f| f.clone().into())
    }
}

/// The kind of a failure named by `send` (`js/shim.js`).
pub(crate) fn kind_of(name: &str) -> TransportErrorKind {
    match name {
        "timeout" => TransportErrorKind::Timeout,
        "aborted" => TransportErrorKind::Aborted,
        "connect" => TransportErrorKind::Connect,
        "interrupted" => TransportErrorKind::Interrupted,
        "too_large" => TransportErrorKind::TooLarge,
        _ => TransportErrorKind::Other,
    }
}

impl Transport for FetchTransport {
    async fn send(
        &self,
        request: HttpRequest,
        timeout: Option<Duration>,
    ) -> Result<HttpResponse, TransportError> {
        let (parts, body) = request.into_parts();
        // -1: no limit (JavaScript numbers hold every limit up to 2^53 exactly).
        let limit = parts
            .extensions
            .get::<ResponseLimit>()
            .map_or(-1.0, |l| l.0 as f64);
        let mut headers = Vec::with_capacity(parts.headers.len() * 2);
        for (name, value) in &parts.headers {
            let value = value.to_str().map_err(|_| {
                TransportError::new(
                    TransportErrorKind::Other,
                    "a header value is not visible ASCII",
                )
            })?;
            headers.push(name.as_str().to_owned());
            headers.push(value.to_owned());
        }
        let body = (!body.is_empty()).then(|| body.to_vec());
        let timeout_ms = timeout.map_or(0.0, |t| (t.as_secs_f64() * 1000.0).max(1.0));
        let fetch = self.fetch();
        let raw: shim::RawResponse = shim::send(
            &fetch,
            &parts.uri.to_string(),
            parts.method.as_str(),
            headers,
            body,
            timeout_ms,
            limit,
        )
        .await
        .into();
        if let Some(kind) = raw.error() {
            return Err(TransportError::new(
                kind_of(&kind),
                raw.message().unwrap_or_default(),
            ));
        }
        let flat = raw.headers();
        let mut builder = http::Response::builder().status(raw.status());
        for pair in flat.chunks_exact(2) {
            builder = builder.header(pair[0].as_str(), pair[1].as_str());
        }
        builder
            .body(Bytes::from(raw.body()))
            .map_err(|e| TransportError::new(TransportErrorKind::Other, e.to_string()))
    }

    async fn sleep(&self, duration: Duration) {
        let ms = duration.as_secs_f64() * 1000.0;
        let _ = JsFuture::from(shim::sleep(ms, &JsValue::UNDEFINED)).await;
    }

    fn now(&self) -> Duration {
        Duration::from_nanos((shim::now() * 1e6) as u64)
    }

    fn random(&self) -> f64 {
        js_sys::Math::random()
    }

    fn user_agent(&self) -> String {
        USER_AGENT.to_owned()
    }
}

/// The `User-Agent` of the package's requests (before the `userAgent` option's suffix).
pub(crate) const USER_AGENT: &str = concat!("nango-wasm/", env!("CARGO_PKG_VERSION"));
