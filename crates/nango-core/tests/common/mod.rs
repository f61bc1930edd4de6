//! Helpers shared by the request/decode test files (no server involved).
#![allow(dead_code)]

use bytes::Bytes;
use nango_core::config::Config;
use nango_core::error::InvalidReason;
use nango_core::request::ApiRequest;
use nango_core::transport::HttpResponse;
use nango_core::Error;
use serde_json::Value;

/// A configuration with a well-formed API key and the default host.
pub fn cfg() -> Config {
    Config::builder()
        .api_key("a3f1c2d4-0000-4000-8000-000000000000")
        .build()
        .unwrap()
}

/// An HTTP answer with `status` and `body`.
pub fn response(status: u16, body: &str) -> HttpResponse {
    let mut r = http::Response::new(Bytes::copy_from_slice(body.as_bytes()));
    *r.status_mut() = http::StatusCode::from_u16(status).unwrap();
    r
}

/// The request's JSON body.
pub fn body_json(req: &ApiRequest) -> Value {
    serde_json::from_slice(req.body().expect("a body")).unwrap()
}

/// The request's JSON body, checking that `Content-Type` is the only operation header.
pub fn json_body_only(req: &ApiRequest) -> Value {
    assert_eq!(req.headers()["content-type"], "application/json");
    assert_eq!(req.headers().len(), 1, "no other operation header");
    body_json(req)
}

/// The field and rule of an `Error::InvalidInput`; panics on any other error.
pub fn invalid(e: Error) -> (String, InvalidReason) {
    match e {
        Error::InvalidInput(i) => (i.field, i.reason),
        other => panic!("expected invalid input, got {other:?}"),
    }
}

/// The rule of an `Error::InvalidInput`; panics on any other error.
pub fn invalid_reason(e: Error) -> InvalidReason {
    invalid(e).1
}

/// Decodes one percent-encoded path segment.
pub fn decode_segment(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}
