//! The core's [`Error`] as a JavaScript `NangoError`.

use nango_core::error::{InvalidInput, InvalidReason};
use nango_core::Error;
use serde_json::{json, Map, Value};
use wasm_bindgen::JsValue;

use crate::shim;

/// The `kind` of a `NangoError`.
fn kind(e: &Error) -> &'static str {
    match e {
        Error::InvalidInput(_) => "invalid_input",
        Error::Timeout(_) | Error::WaitTimeout(_) => "timeout",
        Error::Api(_) => "api",
        Error::Decode(_) => "decode",
        Error::Cancelled => "cancelled",
        _ => "transport",
    }
}

fn headers_object(headers: &http::HeaderMap) -> Value {
    let mut map = Map::new();
    for (name, value) in headers {
        let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
        match map.get_mut(name.as_str()) {
            // Several values of one header are joined as `fetch`'s `Headers` does.
            Some(Value::String(existing)) => {
                existing.push_str(", ");
                existing.push_str(&value);
            }
            _ => {
                map.insert(name.as_str().to_owned(), Value::String(value));
            }
        }
    }
    Value::Object(map)
}

/// The `NangoError` for `e`: `kind`, `message`, and for API errors `status`,
/// `code`, `errors`, `retryAfter` (seconds), `body` (raw text), `headers`,
/// `payload` and an axios-like `response`.
pub fn to_js(e: Error) -> JsValue {
    let details = match &e {
        Error::Api(api) => Some(json!({
            "status": api.status,
            "code": api.code,
            "errors": if api.errors.is_empty() { Value::Null } else { serde_json::to_value(&api.errors).unwrap_or(Value::Null) },
            "retryAfter": api.retry_after.map(|d| d.as_secs_f64()),
            "body": api.body_text(),
            "headers": headers_object(&api.headers),
            "payload": api.payload,
        })),
        Error::Decode(d) => Some(json!({
            "status": d.status,
            "body": String::from_utf8_lossy(&d.body),
        })),
        _ => None,
    };
    let message = match &e {
        Error::Api(api) => api.message.clone().unwrap_or_else(|| e.to_string()),
        Error::WaitTimeout(what) => what.clone(),
        _ => e.to_string(),
    };
    let details = details.map(|mut d| {
        // `undefined` rather than `null` for what the answer did not carry.
        if let Value::Object(m) = &mut d {
            m.retain(|_, v| !v.is_null());
        }
        d.to_string()
    });
    shim::make_error(kind(&e), &message, details)
}

/// A `NangoError` of kind `invalid_input` about `field`.
pub fn invalid(field: &str, detail: &str) -> JsValue {
    to_js(
        InvalidInput::new(field, InvalidReason::InvalidValue)
            .with_detail(detail)
            .into(),
    )
}

/// A `NangoError` of kind `invalid_input` for a missing required argument.
pub fn missing(field: &str) -> JsValue {
    to_js(InvalidInput::new(field, InvalidReason::Missing).into())
}
