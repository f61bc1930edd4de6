//! Request and decode tests of the environment operations.

use http::Method;
use nango_core::endpoint::Endpoint;
use nango_core::error::InvalidReason;
use nango_core::models::environments::NewEnvironment;
use nango_core::ops::environments::*;
use serde_json::json;

mod common;
use common::*;

#[test]
fn create_environment_request_and_decode() {
    let req = CreateEnvironment::new(NewEnvironment::new("staging"))
        .request(&cfg())
        .unwrap();
    assert_eq!(req.method(), Method::POST);
    assert_eq!(req.path_and_query(), "/environments");
    assert!(!req.is_idempotent());
    assert_eq!(json_body_only(&req), json!({"name": "staging"}));

    let full = NewEnvironment::new("eu_prod-2")
        .is_production(true)
        .callback_url("https://example.com/oauth/callback")
        .hmac_key("hmac-s3cr3t")
        .slack_notifications(false)
        .otlp_endpoint("https://otel.example.com")
        .otlp_header("x-api-key", "otel-s3cr3t");
    let req = CreateEnvironment::new(full.clone())
        .request(&cfg())
        .unwrap();
    assert_eq!(
        json_body_only(&req),
        json!({"name":"eu_prod-2","is_production":true,"callback_url":"https://example.com/oauth/callback",
               "hmac_key":"hmac-s3cr3t","hmac_enabled":true,"slack_notifications":false,
               "otlp_endpoint":"https://otel.example.com","otlp_headers":[{"name":"x-api-key","value":"otel-s3cr3t"}]})
    );
    assert!(
        !format!("{full:?}").contains("s3cr3t"),
        "keys are redacted in Debug"
    );
    assert_eq!(
        invalid(
            CreateEnvironment::new(NewEnvironment::new(""))
                .request(&cfg())
                .unwrap_err()
        ),
        ("name".into(), InvalidReason::Empty)
    );

    let env = CreateEnvironment::new(NewEnvironment::new("staging"))
        .decode(response(
            200,
            r#"{"data":{"id":123,"name":"staging","uuid":"7c9e6679-7425-40de-944b-e07fc1f90ae7","is_production":false}}"#,
        ))
        .unwrap();
    assert_eq!(env.id, 123);
    assert_eq!(env.name, "staging");
    assert_eq!(
        env.uuid.as_deref(),
        Some("7c9e6679-7425-40de-944b-e07fc1f90ae7")
    );
    let bare = CreateEnvironment::new(NewEnvironment::new("staging"))
        .decode(response(200, r#"{"data":{"id":124,"name":"qa"}}"#))
        .unwrap();
    assert!(bare.uuid.is_none());
}

#[test]
fn delete_environment_request_and_decode() {
    let req = DeleteEnvironment::new(123).request(&cfg()).unwrap();
    assert_eq!(req.method(), Method::DELETE);
    assert_eq!(req.path_and_query(), "/environments/123");
    assert!(req.headers().is_empty());
    assert!(req.body().is_none());
    assert!(
        !req.is_idempotent(),
        "a second delete answers 404: never retried blindly"
    );
    let by_uuid = DeleteEnvironment::new("7c9e6679-7425-40de-944b-e07fc1f90ae7")
        .request(&cfg())
        .unwrap();
    assert_eq!(
        by_uuid.path(),
        "/environments/7c9e6679-7425-40de-944b-e07fc1f90ae7"
    );
    DeleteEnvironment::new(123)
        .decode(response(204, ""))
        .unwrap();

    assert_eq!(
        invalid(DeleteEnvironment::new(0).request(&cfg()).unwrap_err()),
        ("environment_id".into(), InvalidReason::InvalidValue)
    );
    assert_eq!(
        invalid(DeleteEnvironment::new("").request(&cfg()).unwrap_err()).1,
        InvalidReason::Empty
    );
    for dots in [".", ".."] {
        assert_eq!(
            invalid(DeleteEnvironment::new(dots).request(&cfg()).unwrap_err()).1,
            InvalidReason::DotSegment
        );
    }
    for id in [
        "a/b",
        "a?b",
        "a#b",
        "100%",
        "a&b=c",
        "with space",
        "ünïcødé-日本",
        "...",
    ] {
        let req = DeleteEnvironment::new(id).request(&cfg()).unwrap();
        let seg = req.path().strip_prefix("/environments/").unwrap();
        assert!(!seg.contains(['/', '?', '#', ' ', '&']), "{seg}");
        assert_eq!(decode_segment(seg), id);
    }
}

#[test]
fn create_api_key_request_and_decode() {
    let req = CreateApiKey::new(123, "provisioned-ci")
        .request(&cfg())
        .unwrap();
    assert_eq!(req.method(), Method::POST);
    assert_eq!(req.path_and_query(), "/environment/api-keys");
    assert!(!req.is_idempotent());
    assert_eq!(
        json_body_only(&req),
        json!({"environment_id": 123, "display_name": "provisioned-ci"})
    );
    assert_eq!(
        invalid(CreateApiKey::new(0, "ci").request(&cfg()).unwrap_err()),
        ("environment_id".into(), InvalidReason::InvalidValue)
    );
    assert_eq!(
        invalid(CreateApiKey::new(1, "").request(&cfg()).unwrap_err()),
        ("display_name".into(), InvalidReason::Empty)
    );

    let key = CreateApiKey::new(123, "provisioned-ci")
        .decode(response(
            200,
            r#"{"data":{"id":456,"display_name":"provisioned-ci","scopes":["environment:*","environment:future"],
                "secret":"0d6f3f5e-1111-4222-8333-444455556666","created_at":"2026-11-01T10:00:00.000Z","last_used_at":null}}"#,
        ))
        .unwrap();
    assert_eq!(key.id, 456);
    assert_eq!(key.scopes, ["environment:*", "environment:future"]);
    assert_eq!(
        key.secret.expose_secret(),
        "0d6f3f5e-1111-4222-8333-444455556666"
    );
    assert!(
        !format!("{key:?}").contains("0d6f3f5e"),
        "the secret is redacted in Debug"
    );
}

#[test]
fn delete_api_key_request_and_decode() {
    let req = DeleteApiKey::new(123, 456).request(&cfg()).unwrap();
    assert_eq!(req.method(), Method::DELETE);
    assert_eq!(req.path_and_query(), "/environment/api-keys");
    assert!(!req.is_idempotent());
    assert_eq!(
        json_body_only(&req),
        json!({"environment_id": 123, "key_id": 456})
    );
    assert_eq!(
        invalid(DeleteApiKey::new(123, 0).request(&cfg()).unwrap_err()),
        ("key_id".into(), InvalidReason::InvalidValue)
    );
    let ok = DeleteApiKey::new(123, 456)
        .decode(response(200, r#"{"success":true,"deleted_at":"t"}"#))
        .unwrap();
    assert!(ok.success);
}

#[test]
fn rotate_webhook_signing_key_request_and_decode() {
    let req = RotateWebhookSigningKey::new().request(&cfg()).unwrap();
    assert_eq!(req.method(), Method::POST);
    assert_eq!(
        req.path_and_query(),
        "/environment/webhook-signing-key/rotate"
    );
    assert!(req.headers().is_empty());
    assert!(req.body().is_none());
    assert!(!req.is_idempotent(), "a repeat would rotate again");

    let key = RotateWebhookSigningKey::new()
        .decode(response(
            200,
            r#"{"data":{"webhook_signing_key":"5f1c0d2e-6a1b-4f3c-9d8e-7b6a5c4d3e2f","previous_expires_at":"t"}}"#,
        ))
        .unwrap();
    assert_eq!(
        key.webhook_signing_key.expose_secret(),
        "5f1c0d2e-6a1b-4f3c-9d8e-7b6a5c4d3e2f"
    );
    assert!(!format!("{key:?}").contains("5f1c0d2e"));
    assert!(RotateWebhookSigningKey::new()
        .decode(response(200, r#"{"data":{}}"#))
        .is_err());
}
