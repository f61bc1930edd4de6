//! Reading JavaScript arguments and making JavaScript results.
//!
//! Arguments that are plain data go through `JSON.stringify` into
//! [`serde_json::Value`]; answers go back through `JSON.parse` of the response
//! text, so callers get exactly what the server sent (plain objects, `null`s kept).

use std::future::Future;

use nango_core::endpoint::Endpoint;
use nango_core::request::ApiRequest;
use nango_core::transport::HttpResponse;
use nango_core::Client;
use serde::de::DeserializeOwned;
use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue};

use crate::error::{invalid, to_js};
use crate::transport::FetchTransport;

/// What every method's future resolves to.
pub type JsResult = Result<JsValue, JsValue>;

/// The client type the package wraps.
pub type Inner = Client<FetchTransport>;

/// Runs `f` as a JavaScript `Promise`.
pub fn promise<F>(f: F) -> js_sys::Promise
where
    F: Future<Output = JsResult> + 'static,
{
    wasm_bindgen_futures::future_to_promise(f)
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

/// `value` (JSON) as `T`, errors naming `field`.
pub fn from_json<T: DeserializeOwned>(value: Value, field: &str) -> Result<T, JsValue> {
    serde_json::from_value(value).map_err(|e| invalid(field, &e.to_string()))
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

/// Builds `endpoint`'s request, sends it with retries, and returns the success
/// response.
pub async fn send<E: Endpoint>(client: &Inner, endpoint: &E) -> Result<HttpResponse, JsValue> {
    let request = endpoint.request(client.config()).map_err(to_js)?;
    execute(client, &request).await
}

/// `endpoint`'s request for `client`'s configuration (bad input is refused here).
pub fn request<E: Endpoint>(client: &Inner, endpoint: &E) -> Result<ApiRequest, JsValue> {
    endpoint.request(client.config()).map_err(to_js)
}

/// What a method makes of a success answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// The body, parsed (`undefined` when empty).
    Json,
    /// `undefined`.
    Nothing,
    /// `{status, statusText, headers, data}` (the official SDK returns axios' response).
    Response,
    /// `getToken`: the access token (OAuth 2), `{oAuthToken, oAuthTokenSecret}` (OAuth 1) or the credentials.
    Token,
    /// `getRawTokenResponse`: `credentials.raw`.
    RawToken,
    /// `getMetadata`: `metadata`.
    Metadata,
    /// `listIntegrations`: `{configs: data}`.
    Configs,
    /// `getEnvironmentVariables`: the body, `[]` when empty.
    List,
    /// The proxy: `{status, statusText, headers, data}` with `data` decoded for a `responseType`
    /// (0 json, 1 text, 2 arraybuffer, 3 blob, 4 stream).
    Proxy(u8),
}

impl Shape {
    /// The JavaScript value of `response` in this shape.
    pub fn apply(self, response: &HttpResponse) -> JsResult {
        Ok(match self {
            Shape::Json => json(response)?,
            Shape::Nothing => JsValue::UNDEFINED,
            Shape::Response => response_object(response, json(response)?),
            Shape::Token => {
                let credentials = get(&json(response)?, "credentials");
                match get(&credentials, "type").as_string().as_deref() {
                    Some("OAUTH2") => get(&credentials, "access_token"),
                    Some("OAUTH1") => object(&[
                        ("oAuthToken", get(&credentials, "oauth_token")),
                        ("oAuthTokenSecret", get(&credentials, "oauth_token_secret")),
                    ]),
                    _ => credentials,
                }
            }
            Shape::RawToken => get(&get(&json(response)?, "credentials"), "raw"),
            Shape::Metadata => get(&json(response)?, "metadata"),
            Shape::Configs => object(&[("configs", get(&json(response)?, "data"))]),
            Shape::List => {
                let value = json(response)?;
                if value.is_undefined() || value.is_null() {
                    js_sys::Array::new().into()
                } else {
                    value
                }
            }
            Shape::Proxy(kind) => {
                let name =
                    ["json", "text", "arraybuffer", "blob", "stream"][usize::from(kind.min(4))];
                let data = crate::shim::decode_body(response.body().to_vec(), name);
                response_object(response, data)
            }
        })
    }
}

/// Sends `request` (or rejects with its error) and resolves to the answer in `shape`.
///
/// The one future every simple method shares: methods only build requests.
pub fn call(client: &Inner, request: Result<ApiRequest, JsValue>, shape: Shape) -> js_sys::Promise {
    match request {
        Err(e) => js_sys::Promise::reject(&e),
        Ok(request) => {
            let client = client.clone();
            promise(async move { shape.apply(&execute(&client, &request).await?) })
        }
    }
}

/// Sends a prepared request with retries.
pub async fn execute(client: &Inner, request: &ApiRequest) -> Result<HttpResponse, JsValue> {
    client.execute(request).await.map_err(to_js)
}

/// The response body parsed with `JSON.parse`; `undefined` for an empty body.
pub fn json(response: &HttpResponse) -> JsResult {
    let body = response.body();
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(JsValue::UNDEFINED);
    }
    let text = String::from_utf8_lossy(body);
    js_sys::JSON::parse(&text).map_err(|e| {
        let message = e
            .dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .unwrap_or_else(|| "not JSON".to_owned());
        to_js(nango_core::Error::Decode(Box::new(
            nango_core::error::DecodeError::new(response.status().as_u16(), message, body.clone()),
        )))
    })
}

/// `obj[key]` of a parsed answer.
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

/// The response headers as a plain object (lowercase names).
pub fn headers(response: &HttpResponse) -> JsValue {
    let obj = js_sys::Object::new();
    for (name, value) in response.headers() {
        let key = JsValue::from_str(name.as_str());
        let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
        let joined = match js_sys::Reflect::get(&obj, &key)
            .ok()
            .and_then(|v| v.as_string())
        {
            Some(existing) => format!("{existing}, {value}"),
            None => value,
        };
        let _ = js_sys::Reflect::set(&obj, &key, &JsValue::from_str(&joined));
    }
    obj.into()
}

/// An axios-like `{status, statusText, headers, data}` for methods whose official
/// counterpart returns the axios response.
pub fn response_object(response: &HttpResponse, data: JsValue) -> JsValue {
    object(&[
        ("status", JsValue::from(response.status().as_u16())),
        (
            "statusText",
            JsValue::from_str(response.status().canonical_reason().unwrap_or("")),
        ),
        ("headers", headers(response)),
        ("data", data),
    ])
}
