//! The axum extractor accepts signed deliveries and rejects everything else.
#![cfg(feature = "axum")]

use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::routing::post;
use axum::Router;
use nango::axum::NangoWebhook;
use nango::webhook::{SignedWebhook, WebhookEvent, WebhookVerifier};
use tower::ServiceExt;

async fn handler(NangoWebhook(event): NangoWebhook) -> String {
    event.event_type().unwrap_or("none").to_owned()
}

fn app() -> Router {
    Router::new()
        .route("/wh", post(handler))
        .with_state(WebhookVerifier::new("new-key").with_key("old-key"))
}

async fn send(body: Vec<u8>, headers: &[(&str, String)]) -> (StatusCode, String) {
    let mut req = Request::post("/wh");
    for (k, v) in headers {
        req = req.header(*k, v);
    }
    let resp = app()
        .oneshot(req.body(Body::from(body)).unwrap())
        .await
        .unwrap();
    let status = resp.status();
    let bytes = axum::body::to_bytes(resp.into_body(), usize::MAX)
        .await
        .unwrap();
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

const AUTH: &str = r#"{"authMode":"API_KEY","connectionId":"c1","environment":"dev","from":"nango","operation":"creation","provider":"airtable-pat","providerConfigKey":"airtable","success":true,"type":"auth"}"#;

#[tokio::test]
async fn accepts_deliveries_signed_with_either_key() {
    for key in [&b"new-key"[..], b"old-key"] {
        let signed = SignedWebhook::new(key, AUTH.as_bytes().to_vec());
        let (status, text) = send(
            signed.body.clone(),
            &[("X-Nango-Hmac-Sha256", signed.signature.clone())],
        )
        .await;
        assert_eq!((status, text.as_str()), (StatusCode::OK, "auth"));
    }
}

#[tokio::test]
async fn rejects_forged_tampered_and_unsigned() {
    let forged = SignedWebhook::new(b"attacker", AUTH.as_bytes().to_vec());
    let (status, text) = send(forged.body, &[("x-nango-hmac-sha256", forged.signature)]).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(!text.contains("new-key"));

    let signed = SignedWebhook::new(b"new-key", AUTH.as_bytes().to_vec());
    let mut tampered = signed.body.clone();
    tampered[10] ^= 1;
    assert_eq!(
        send(
            tampered,
            &[("x-nango-hmac-sha256", signed.signature.clone())]
        )
        .await
        .0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        send(signed.body.clone(), &[]).await.0,
        StatusCode::UNAUTHORIZED
    );

    let not_json = SignedWebhook::new(b"new-key", b"not json".to_vec());
    assert_eq!(
        send(
            not_json.body,
            &[("x-nango-hmac-sha256", not_json.signature)]
        )
        .await
        .0,
        StatusCode::BAD_REQUEST
    );
}

#[test]
fn events_are_typed() {
    let event = WebhookEvent::parse(AUTH.as_bytes()).unwrap();
    assert!(matches!(event, WebhookEvent::Auth(_)));
}
