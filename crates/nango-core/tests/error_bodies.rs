//! Every error body shape the real Nango server produces decodes into `ApiError`
//! with its raw body kept (server-behaviour.md).

use std::time::Duration;

use bytes::Bytes;
use http::HeaderMap;
use nango_core::error::{ApiError, ErrorCode, PathStep};

fn decode(status: u16, body: &'static str) -> ApiError {
    ApiError::from_parts(
        status,
        &HeaderMap::new(),
        Bytes::from_static(body.as_bytes()),
    )
}

#[test]
fn code_and_message() {
    let e = decode(
        404,
        r#"{"error":{"code":"not_found","message":"Failed to find connection"}}"#,
    );
    assert_eq!(e.error_code(), Some(ErrorCode::NotFound));
    assert_eq!(e.message.as_deref(), Some("Failed to find connection"));
    assert_eq!(
        e.to_string(),
        "Nango API error 404 not_found: Failed to find connection"
    );
}

#[test]
fn code_without_message() {
    let e = decode(400, r#"{"error":{"code":"unknown_connection"}}"#);
    assert_eq!(e.error_code(), Some(ErrorCode::UnknownConnection));
    assert_eq!(e.message, None);
    let e = decode(401, r#"{"error":{"code":"unauthorized"}}"#);
    assert_eq!(e.error_code(), Some(ErrorCode::Unauthorized));
}

#[test]
fn validation_errors() {
    let e = decode(
        400,
        r#"{"error":{"code":"invalid_body","errors":[{"code":"invalid_string","message":"Unique key already exists","path":["uniqueKey"]}]}}"#,
    );
    assert_eq!(e.error_code(), Some(ErrorCode::InvalidBody));
    assert_eq!(e.errors.len(), 1);
    assert_eq!(
        e.errors[0].message.as_deref(),
        Some("Unique key already exists")
    );
    assert!(e
        .to_string()
        .contains("uniqueKey: Unique key already exists"));
    let e = decode(
        400,
        r#"{"error":{"code":"invalid_query_params","errors":[{"code":"invalid_type","message":"Required","path":["provider_config_key"]},{"code":"x","path":[0,"a"]}]}}"#,
    );
    assert_eq!(e.errors.len(), 2);
    assert_eq!(
        e.errors[1].path,
        vec![PathStep::Index(0), PathStep::Key("a".into())]
    );
    assert_eq!(e.errors[0].message.as_deref(), Some("Required"));
}

#[test]
fn older_handlers_with_payload_and_extra_fields() {
    let e = decode(
        400,
        r#"{"error":{"message":"Missing field","code":"missing_field","payload":{"field":"x"}}}"#,
    );
    assert_eq!(e.code.as_deref(), Some("missing_field"));
    let payload = e.payload.as_ref().unwrap();
    assert_eq!(payload.as_str(), r#"{"field":"x"}"#);
    let payload: serde_json::Value = serde_json::from_str(payload.as_str()).unwrap();
    assert_eq!(payload["field"], "x");
    let e = decode(
        424,
        r#"{"error":{"code":"script_http_error","message":"boom","upstream":{"status":500},"additional_properties":{}}}"#,
    );
    assert_eq!(e.error_code(), Some(ErrorCode::ScriptHttpError));
    let e = decode(
        429,
        r#"{"error":{"code":"too_many_request","method":"GET","path":"/connections"}}"#,
    );
    assert_eq!(e.error_code(), Some(ErrorCode::TooManyRequest));
}

#[test]
fn bare_proxy_failures() {
    let e = decode(
        500,
        r#"{"message":"connect ECONNREFUSED 127.0.0.1:1","code":"ECONNREFUSED","method":"GET"}"#,
    );
    assert_eq!(e.code.as_deref(), Some("ECONNREFUSED"));
    assert!(e.message.unwrap().contains("ECONNREFUSED"));
}

#[test]
fn empty_html_and_odd_bodies() {
    for (status, body) in [
        (500, ""),
        (
            404,
            "<!DOCTYPE html><html><body>Cannot GET /nope</body></html>",
        ),
        (502, "Bad Gateway"),
        (500, "null"),
        (500, "[]"),
        (500, r#"{"error":null}"#),
        (500, r#"{"error":42}"#),
        (500, r#"{"error":{"code":5,"message":["a"]}}"#),
        (400, "{\"error\":{\"code\":\"inv"),
        (500, "\u{0}\u{1}\u{2}"),
    ] {
        let e = decode(status, body);
        assert_eq!(e.status, status);
        assert_eq!(e.body.as_ref(), body.as_bytes());
        let _ = e.to_string();
    }
    let e = decode(400, r#"{"error":"plain message"}"#);
    assert_eq!(e.message.as_deref(), Some("plain message"));
    let e = decode(415, r#"{"error":{"code":"invalid_content_type"}}"#);
    assert_eq!(e.error_code(), Some(ErrorCode::InvalidContentType));
    let e = decode(400, r#"{"error":{"code":"brand_new_code","message":"m"}}"#);
    assert_eq!(
        e.error_code(),
        Some(ErrorCode::Other("brand_new_code".into()))
    );
}

#[test]
fn retry_after() {
    let mut h = HeaderMap::new();
    h.insert("retry-after", "0".parse().unwrap());
    assert_eq!(
        ApiError::from_parts(429, &h, Bytes::new()).retry_after,
        Some(Duration::ZERO)
    );
    h.insert("retry-after", "17".parse().unwrap());
    assert_eq!(
        ApiError::from_parts(429, &h, Bytes::new()).retry_after,
        Some(Duration::from_secs(17))
    );
    h.insert(
        "retry-after",
        "Wed, 21 Oct 2015 07:28:00 GMT".parse().unwrap(),
    );
    assert_eq!(
        ApiError::from_parts(429, &h, Bytes::new()).retry_after,
        None
    );
    h.insert("retry-after", "-3".parse().unwrap());
    assert_eq!(
        ApiError::from_parts(429, &h, Bytes::new()).retry_after,
        None
    );
    let day = Duration::from_secs(86_400);
    for (value, expected) in [
        (" 3 ", Some(Duration::from_secs(3))),
        ("1.5", Some(Duration::from_millis(1500))),
        (".25", Some(Duration::from_millis(250))),
        ("2.", Some(Duration::from_secs(2))),
        ("0.0000000019", Some(Duration::from_nanos(1))),
        ("007", Some(Duration::from_secs(7))),
        ("86401", Some(day)),
        ("99999999999999999999999", Some(day)),
        (".", None),
        ("1e3", None),
        ("+5", None),
        ("1.2.3", None),
        ("NaN", None),
        ("", None),
    ] {
        h.insert("retry-after", value.parse().unwrap());
        assert_eq!(
            ApiError::from_parts(429, &h, Bytes::new()).retry_after,
            expected,
            "Retry-After: {value:?}"
        );
    }
}

#[test]
fn a_status_that_is_not_http_is_kept_and_never_panics() {
    // `fetch` reports a browser's opaque redirect as 0; any u16 a runtime hands
    // over must make an error, with the number still there to read.
    for raw in [0u16, 1, 99, 1000, u16::MAX] {
        let e = decode(raw, r#"{"error":{"code":"x"}}"#);
        assert_eq!(e.status, http::StatusCode::BAD_GATEWAY, "{raw}");
        assert_eq!(e.raw_status(), raw);
        assert_eq!(e.to_string(), format!("Nango API error {raw} x"));
        let err = nango_core::Error::Api(Box::new(e));
        assert_eq!(err.status(), Some(http::StatusCode::BAD_GATEWAY));
    }
    // Every valid status is itself, raw or not.
    for raw in [100u16, 302, 404, 599, 999] {
        let e = ApiError::from_answer(raw, None, Bytes::new());
        assert_eq!((e.status.as_u16(), e.raw_status()), (raw, raw));
    }
}

#[test]
fn a_status_that_is_not_http_is_not_retried_as_a_502() {
    // The retry policy decides on the number reported: a 0 is not a 5xx.
    use nango_core::attempts::{Attempts, Step};
    use nango_core::{config::Config, request::ApiRequest};
    let config = Config::builder().api_key("k").build().unwrap();
    let mut attempts = Attempts::new(&config, &ApiRequest::get("/providers", &[]).unwrap());
    attempts.start(Duration::ZERO);
    let step = attempts.refused_answer(0, None, Bytes::new(), Duration::ZERO, 0.5);
    assert!(matches!(step, Step::Fail { .. }), "{step:?}");
}
