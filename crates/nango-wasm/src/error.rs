//! The core's [`Error`] as a JavaScript `NangoError`.
//!
//! The details are built as JavaScript values directly (a payload, which the
//! core keeps as JSON text, by `JSON.parse`), so the package carries no JSON
//! serialiser.

use nango_core::error::{InvalidInput, InvalidReason};
use nango_core::Error;
use wasm_bindgen::JsValue;

use nango_core::error::PathStep;

use crate::shim;

/// A step of an issue's path (a key or an index) as a JavaScript value.
fn path_step(step: &PathStep) -> JsValue {
    match step {
        PathStep::Key(key) => JsValue::from_str(key),
        PathStep::Index(i) => JsValue::from_f64(*i as f64),
        _ => JsValue::NULL,
    }
}

/// A new plain object with `pairs` set.
pub fn object(pairs: &[(&str, JsValue)]) -> JsValue {
    let obj = js_sys::Object::new();
    for (key, value) in pairs {
        let _ = js_sys::Reflect::set(&obj, &JsValue::from_str(key), value);
    }
    obj.into()
}

/// The `kind` of a `NangoError`.
fn kind(e: &Error) -> &'static str {
    match e {
        Error::InvalidInput(_) => "invalid_input",
        Error::Timeout(_) | Error::WaitTimeout(_) => "timeout",
        Error::Api(_) => "api",
        Error::Decode(_) => "decode",
        Error::Cancelled => "cancelled",
        Error::ResponseTooLarge { .. } => "too_large",
        Error::PaginationLoop(_) => "pagination_loop",
        _ => "transport",
    }
}

fn opt_str(s: &Option<String>) -> JsValue {
    s.as_deref().map_or(JsValue::UNDEFINED, JsValue::from_str)
}

/// A raw body, as bytes: `makeError` (`js/shim.js`) decodes it as text (invalid
/// UTF-8 as U+FFFD) with the platform's `TextDecoder`.
fn body(bytes: &[u8]) -> JsValue {
    js_sys::Uint8Array::from(bytes).into()
}

/// The body as received, when redacting changed it (`undefined` otherwise):
/// `makeError` keeps it out of sight, behind `unredactedBody()`.
fn unredacted(body_: &[u8], raw: &[u8]) -> JsValue {
    if body_ == raw {
        JsValue::UNDEFINED
    } else {
        body(raw)
    }
}

/// The validation issues of a 400 answer (`undefined` when none).
fn issues(api: &nango_core::error::ApiError) -> JsValue {
    if api.errors.is_empty() {
        return JsValue::UNDEFINED;
    }
    let list = js_sys::Array::new();
    for issue in &api.errors {
        let path = js_sys::Array::new();
        for p in &issue.path {
            path.push(&path_step(p));
        }
        list.push(&object(&[
            ("code", opt_str(&issue.code)),
            ("message", opt_str(&issue.message)),
            ("path", path.into()),
        ]));
    }
    list.into()
}

/// The `NangoError` for `e`: `kind`, `message`, and for API errors `status`,
/// `code`, `errors`, `retryAfter` (seconds), `body` (raw text), `payload` and an
/// axios-like `response` (the JavaScript loop adds the response `headers`).
pub fn to_js(e: Error) -> JsValue {
    let details = match &e {
        Error::Api(api) => object(&[
            // The number as the runtime reported it: `0` for a browser's opaque
            // redirect stays `0` for JavaScript (not the `StatusCode` it maps to).
            ("status", JsValue::from(api.raw_status())),
            ("code", opt_str(&api.code)),
            ("errors", issues(api)),
            (
                "retryAfter",
                api.retry_after
                    .map_or(JsValue::UNDEFINED, |d| JsValue::from(d.as_secs_f64())),
            ),
            ("body", body(&api.body)),
            ("unredacted", unredacted(&api.body, api.unredacted_body())),
            (
                "payload",
                api.payload.as_ref().map_or(JsValue::UNDEFINED, |text| {
                    js_sys::JSON::parse(text.as_str()).unwrap_or(JsValue::UNDEFINED)
                }),
            ),
        ]),
        Error::Decode(d) => object(&[
            ("status", JsValue::from(d.status.as_u16())),
            ("body", body(&d.body)),
            ("unredacted", unredacted(&d.body, d.unredacted_body())),
        ]),
        _ => JsValue::UNDEFINED,
    };
    let message = match &e {
        Error::Api(api) => api.message.clone().unwrap_or_else(|| e.to_string()),
        Error::WaitTimeout(what) => what.clone(),
        _ => e.to_string(),
    };
    shim::make_error(kind(&e), &message, &details)
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
