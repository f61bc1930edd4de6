//! Reading JavaScript arguments, and sending the requests built from them.
//!
//! Arguments that are plain data go through `JSON.stringify` into
//! [`serde_json::Value`]. A request is sent by the JavaScript loop of
//! `js/shim.js` (`execute`), which asks an [`Exchange`] what to do between two
//! sends (the core's [`Attempts`]); answers go back through `JSON.parse` of the
//! response text, so callers get exactly what the server sent (plain objects,
//! `null`s kept). The package holds no Rust future.

use std::time::Duration;

use nango_core::attempts::{Attempts, Step};
use nango_core::endpoint::Endpoint;
use nango_core::json::JsonText;
use nango_core::request::ApiRequest;
use nango_core::transport::{Transport, TransportError, TransportErrorKind};
use nango_core::Client;
use serde_json::Value;
use wasm_bindgen::prelude::*;

use crate::error::{invalid, to_js};
use crate::shim;
use crate::transport::FetchTransport;

/// The client type the package wraps.
pub type Inner = Client<FetchTransport>;

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
}

fn millis(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn duration(ms: f64) -> Duration {
    Duration::from_secs_f64(if ms.is_finite() { ms.max(0.0) } else { 0.0 } / 1000.0)
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
    /// undefined]`, and a fresh retry state (an exchange may be sent again, as
    /// `waitForConnection` does).
    pub fn prepare(&mut self) -> Result<js_sys::Array, JsValue> {
        self.attempts = Attempts::new(self.client.config(), &self.request);
        let transport = self.client.transport();
        let http = self
            .request
            .to_http(self.client.config(), &transport.user_agent())
            .map_err(to_js)?;
        let headers = js_sys::Array::new();
        for (name, value) in http.headers() {
            let value = value
                .to_str()
                .map_err(|_| invalid("headers", "a header value is not visible ASCII"))?;
            headers.push(&JsValue::from_str(name.as_str()));
            headers.push(&JsValue::from_str(value));
        }
        let body = http.body();
        let out = js_sys::Array::new();
        out.push(&JsValue::from(http.uri().to_string()));
        out.push(&JsValue::from_str(http.method().as_str()));
        out.push(&headers);
        out.push(&if body.is_empty() {
            JsValue::UNDEFINED
        } else {
            js_sys::Uint8Array::from(body.as_ref()).into()
        });
        out.push(&transport.fetch());
        Ok(out)
    }

    /// Starts an attempt `elapsed` ms into the call; its timeout in ms (0: none).
    pub fn start(&mut self, elapsed: f64) -> f64 {
        self.attempts.start(duration(elapsed)).map_or(0.0, millis)
    }

    /// The server answered `status` with `headers` (flat list) and `body`.
    pub fn refused(
        &mut self,
        status: u16,
        headers: Vec<String>,
        body: Vec<u8>,
        elapsed: f64,
        random: f64,
    ) -> JsValue {
        let mut map = http::HeaderMap::new();
        for pair in headers.chunks_exact(2) {
            if let (Ok(name), Ok(value)) = (
                http::HeaderName::from_bytes(pair[0].as_bytes()),
                http::HeaderValue::from_str(&pair[1]),
            ) {
                map.append(name, value);
            }
        }
        step(
            self.attempts
                .refused(status, &map, body.into(), duration(elapsed), random),
        )
    }

    /// The attempt got no answer: `kind` is `timeout`, `aborted`, `connect`,
    /// `interrupted` or anything else; `timeout` the attempt's bound in ms.
    pub fn lost(
        &mut self,
        kind: &str,
        message: String,
        timeout: f64,
        elapsed: f64,
        random: f64,
    ) -> JsValue {
        let kind = match kind {
            "timeout" => TransportErrorKind::Timeout,
            "aborted" => TransportErrorKind::Aborted,
            "connect" => TransportErrorKind::Connect,
            "interrupted" => TransportErrorKind::Interrupted,
            _ => TransportErrorKind::Other,
        };
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
    /// A call of `request` with `client`'s configuration.
    pub fn new(client: &Inner, request: ApiRequest) -> Self {
        let attempts = Attempts::new(client.config(), &request);
        Self {
            client: client.clone(),
            request,
            attempts,
        }
    }
}

/// `value` as JSON (`undefined` and `null` become `Value::Null`).
pub fn to_json(value: &JsValue) -> Result<Value, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(Value::Null);
    }
    let text = js_sys::JSON::stringify(value)
        .map_err(|_| invalid("argument", "cannot be converted to JSON"))?;
    let text = text.as_string().unwrap_or_default();
    serde_json::from_str(&text).map_err(|e| invalid("argument", &e.to_string()))
}

/// `value` as JSON text (`JSON.stringify`; `undefined` and `null` become `null`),
/// sent as it is by the core: no Rust value is built from it.
pub fn json_text(value: &JsValue) -> Result<JsonText, JsValue> {
    if value.is_undefined() || value.is_null() {
        return JsonText::parse("null").map_err(to_js);
    }
    let text = js_sys::JSON::stringify(value)
        .map_err(|_| invalid("argument", "cannot be converted to JSON"))?;
    JsonText::parse(text.as_string().unwrap_or_default()).map_err(to_js)
}

/// A string argument, or `None` for anything else (`undefined`, `null`, numbers...).
pub fn string(value: &JsValue) -> Option<String> {
    value.as_string()
}

/// A string field of a JSON object, when it is a non-empty string (or a number).
pub fn field(obj: &Value, key: &str) -> Option<String> {
    match obj.get(key) {
        Some(Value::String(s)) if !s.is_empty() => Some(s.clone()),
        Some(n @ Value::Number(_)) => Some(display(n)),
        _ => None,
    }
}

/// `value` as a JavaScript value (the inverse of `JSON.stringify` + parse).
pub fn to_js_value(value: &Value) -> JsValue {
    match value {
        Value::Null => JsValue::NULL,
        Value::Bool(b) => JsValue::from_bool(*b),
        Value::Number(n) => JsValue::from_f64(n.as_f64().unwrap_or(f64::NAN)),
        Value::String(s) => JsValue::from_str(s),
        Value::Array(items) => items
            .iter()
            .map(to_js_value)
            .collect::<js_sys::Array>()
            .into(),
        Value::Object(map) => {
            let obj = js_sys::Object::new();
            for (key, item) in map {
                let _ = js_sys::Reflect::set(&obj, &JsValue::from_str(key), &to_js_value(item));
            }
            obj.into()
        }
    }
}

/// `value` as text, as JavaScript's `String(value)` would write it for strings,
/// numbers and booleans, and as `JSON.stringify` for arrays and objects.
///
/// Formatting goes through JavaScript so the package needs no number formatter
/// of its own.
pub fn display(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Array(_) | Value::Object(_) => js_sys::JSON::stringify(&to_js_value(value))
            .ok()
            .and_then(|s| s.as_string())
            .unwrap_or_default(),
        Value::Number(n) => js_sys::Number::from(n.as_f64().unwrap_or(f64::NAN))
            .to_string_with_radix(10)
            .map(String::from)
            .unwrap_or_default(),
        Value::Bool(b) => if *b { "true" } else { "false" }.to_owned(),
        Value::Null => "null".to_owned(),
    }
}

/// A required string field of a JSON object.
pub fn required(obj: &Value, key: &str) -> Result<String, JsValue> {
    field(obj, key).ok_or_else(|| crate::error::missing(key))
}

/// A property of a JavaScript object (`undefined` when absent or not an object).
pub fn prop(obj: &JsValue, key: &str) -> JsValue {
    if !obj.is_object() && !obj.is_function() {
        return JsValue::UNDEFINED;
    }
    js_sys::Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// Whether `value` is a JavaScript array.
pub fn is_array(value: &JsValue) -> bool {
    js_sys::Array::is_array(value)
}

/// `value` as a function, if it is one.
pub fn function(value: &JsValue) -> Option<js_sys::Function> {
    value.dyn_ref::<js_sys::Function>().cloned()
}

/// `endpoint`'s request for `client`'s configuration (bad input is refused here).
pub fn request<E: Endpoint>(client: &Inner, endpoint: &E) -> Result<ApiRequest, JsValue> {
    endpoint.request(client.config()).map_err(to_js)
}

/// What a method makes of a success answer (applied in `js/shim.js`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// The body, parsed (`undefined` when empty).
    Json = 0,
    /// `undefined`.
    Nothing = 1,
    /// `{status, statusText, headers, data}` (the official SDK returns axios' response).
    Response = 2,
    /// `getToken`: the access token (OAuth 2), `{oAuthToken, oAuthTokenSecret}` (OAuth 1) or the credentials.
    Token = 3,
    /// `getRawTokenResponse`: `credentials.raw`.
    RawToken = 4,
    /// `getMetadata`: `metadata`.
    Metadata = 5,
    /// `listIntegrations`: `{configs: data}`.
    Configs = 6,
    /// `getEnvironmentVariables`: the body, `[]` when empty.
    List = 7,
}

/// The shape code of the proxy: `{status, statusText, headers, data}` with `data`
/// decoded for a `responseType` (0 json, 1 text, 2 arraybuffer, 3 blob, 4 stream).
pub fn proxy_shape(response_type: u8) -> u8 {
    10 + response_type.min(4)
}

/// Sends `request` (or rejects with its error) and resolves to the answer in
/// `shape`.
pub fn call(client: &Inner, request: Result<ApiRequest, JsValue>, shape: Shape) -> js_sys::Promise {
    send(client, request, shape as u8)
}

/// [`call`] with a shape code (a [`Shape`] or a [`proxy_shape`]).
pub fn send(client: &Inner, request: Result<ApiRequest, JsValue>, shape: u8) -> js_sys::Promise {
    match request {
        Err(e) => js_sys::Promise::reject(&e),
        Ok(request) => shim::execute(Exchange::new(client, request).into(), shape, false),
    }
}

/// A property of a parsed answer or an argument object.
pub fn get(obj: &JsValue, key: &str) -> JsValue {
    prop(obj, key)
}

/// A new plain object with `pairs` set.
pub fn object(pairs: &[(&str, JsValue)]) -> JsValue {
    let obj = js_sys::Object::new();
    for (key, value) in pairs {
        let _ = js_sys::Reflect::set(&obj, &JsValue::from_str(key), value);
    }
    obj.into()
}
