//! [`Exchange`]: one call in flight, sent by the JavaScript loop of `js/shim.js`
//! (`execute`), which asks it what to do between two sends (the core's
//! [`Attempts`]). Answers go back through `JSON.parse` of the response text, so
//! callers get exactly what the server sent (plain objects, `null`s kept). The
//! package holds no Rust future.

use std::time::Duration;

use nango_core::attempts::{Attempts, Step};
use nango_core::request::ApiRequest;
use nango_core::transport::{Transport, TransportError};
use wasm_bindgen::prelude::*;

use crate::error::{invalid, to_js};
use crate::options::CallOptions;
use crate::Inner;

/// One call in flight: its request, and its retry state. The JavaScript loop asks
/// it for the request to send ([`Exchange::prepare`]), the timeout of each attempt
/// ([`Exchange::start`]) and what a refusal or a failure comes to
/// ([`Exchange::refused`], [`Exchange::lost`]): a delay before sending again, or
/// the `NangoError` to throw.
#[wasm_bindgen(skip_typescript)]
pub struct Exchange {
    client: Inner,
    request: ApiRequest,
    attempts: Attempts,
    options: CallOptions,
}

fn millis(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn duration(ms: f64) -> Duration {
    // A float-to-integer cast saturates (and NaN is 0): no panic path.
    Duration::from_nanos((ms * 1e6) as u64)
}

/// A delay (a number of milliseconds) or the error to throw.
fn step(step: Step) -> JsValue {
    match step {
        Step::Retry { delay, .. } => JsValue::from(millis(delay)),
        Step::Fail { error, .. } => to_js(error),
        // `Step` may grow; anything else ends the call.
        _ => to_js(nango_core::Error::Cancelled),
    }
}

#[wasm_bindgen]
impl Exchange {
    /// `[url, method, headers (flat name, value list), body or undefined, fetch or
    /// undefined, the most bytes of answer body to read (-1: no limit)]`, and a
    /// fresh retry state (an exchange may be sent again, as
    /// `waitForConnection` does).
    pub fn prepare(&mut self) -> Result<js_sys::Array, JsValue> {
        self.attempts = self
            .options
            .apply(Attempts::new(self.client.config(), &self.request));
        let transport = self.client.transport();
        let wire = self
            .request
            .to_wire(self.client.config(), &transport.user_agent())
            .map_err(to_js)?;
        let headers = js_sys::Array::new();
        for (name, value) in wire.headers() {
            // `fetch` takes byte strings: refuse what is not ASCII before sending.
            if !value.is_ascii() {
                return Err(invalid("headers", "a header value is not visible ASCII"));
            }
            headers.push(&JsValue::from_str(name));
            headers.push(&JsValue::from_str(value));
        }
        let out = js_sys::Array::new();
        out.push(&JsValue::from_str(wire.url()));
        out.push(&JsValue::from_str(wire.method()));
        out.push(&headers);
        out.push(&match wire.body() {
            Some(body) if !body.is_empty() => js_sys::Uint8Array::from(body.as_ref()).into(),
            _ => JsValue::UNDEFINED,
        });
        out.push(&transport.fetch());
        out.push(&JsValue::from_f64(
            wire.response_limit().map_or(-1.0, |l| l as f64),
        ));
        Ok(out)
    }

    /// Whether an answer of `status` is the call's result: a success, or for a
    /// proxy call a redirect too (returned as it is, never followed). Anything
    /// else goes to [`Exchange::refused`].
    pub fn answered(&self, status: u16) -> bool {
        self.request.is_answer(status)
    }

    /// `text` from the network with the client's secrets replaced by
    /// `[redacted]`, for the errors the JavaScript loop makes itself.
    pub fn redact(&self, text: &str) -> String {
        self.client.config().redactor().redact(text).into_owned()
    }

    /// Starts an attempt `elapsed` ms into the call; its timeout in ms (0: none).
    pub fn start(&mut self, elapsed: f64) -> f64 {
        self.attempts.start(duration(elapsed)).map_or(0.0, millis)
    }

    /// The server answered `status` with `body` and, when it sent one, the
    /// `Retry-After` header (the other headers are put on the error by the
    /// JavaScript loop, which has them).
    pub fn refused(
        &mut self,
        status: u16,
        retry_after: Option<String>,
        body: Vec<u8>,
        elapsed: f64,
        random: f64,
    ) -> JsValue {
        step(self.attempts.refused_answer(
            status,
            retry_after.as_deref(),
            body.into(),
            duration(elapsed),
            random,
        ))
    }

    /// The attempt got no answer: `kind` is `timeout`, `aborted`, `connect`,
    /// `interrupted`, `too_large` (the body passed the limit) or anything else; `timeout` the attempt's bound in ms.
    pub fn lost(
        &mut self,
        kind: &str,
        message: String,
        timeout: f64,
        elapsed: f64,
        random: f64,
    ) -> JsValue {
        let kind = crate::transport::kind_of(kind);
        let timeout = (timeout > 0.0).then(|| duration(timeout));
        step(self.attempts.lost(
            TransportError::new(kind, message),
            timeout,
            duration(elapsed),
            random,
        ))
    }
}

impl Exchange {
    /// A call of `request` with `client`'s configuration and the call's own `options`.
    pub(crate) fn new(client: &Inner, request: ApiRequest, options: CallOptions) -> Self {
        let attempts = options.apply(Attempts::new(client.config(), &request));
        Self {
            client: client.clone(),
            request,
            attempts,
            options,
        }
    }
}
