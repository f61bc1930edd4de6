//! Request and decode tests of the connections, metadata and connect-session operations.

use http::Method;
use nango_core::config::Config;
use nango_core::endpoint::Endpoint;
use nango_core::error::InvalidReason;
use nango_core::models::common::OneOrMany;
use nango_core::models::connect::{CreateConnectSession, CreateReconnectSession};
use nango_core::models::connections::{AuthMode, ConnectionPatch, Token, UpsertConnection};
use nango_core::ops::connect::{CreateReconnect, CreateSession, DeleteSession, GetSession};
use nango_core::ops::connections::*;
use nango_core::Error;
use serde_json::{json, Value};

mod common;
use common::*;

/// Decodes one percent-encoded path segment.
const CONNECTION: &str = r#"{
  "id": 7, "connection_id": "user-1", "provider_config_key": "github", "provider": "github",
  "errors": [{"type": "auth", "log_id": "VrnbtykXJFckCm3HP93t"}],
  "end_user": {"id": "u1", "email": null, "display_name": null, "organization": null},
  "metadata": {"plan": "pro"}, "connection_config": {"subdomain": "acme"},
  "tags": {"end_user_id": "u1"},
  "created_at": "2026-11-01T10:00:00.000Z", "updated_at": "2026-11-02T10:00:00.000Z",
  "last_fetched_at": "2026-11-03T10:00:00.000Z",
  "credentials": {"type": "OAUTH2", "access_token": "gho_abc", "expires_at": "2026-11-03T11:00:00.000Z",
                  "raw": {"access_token": "gho_abc", "scope": "repo", "token_type": "bearer"}},
  "brand_new_field": {"x": 1}
}"#;

#[test]
fn list_connections_request_object_form() {
    let req = ListConnections::new()
        .connection_id("c 1")
        .end_user_id("u-1")
        .integration_ids(["github", "slack"])
        .tag("displayName", "Ada")
        .tag("email", "a@b.c")
        .tag("Plan", "Pro")
        .limit(10)
        .page(2)
        .request(&cfg())
        .unwrap();
    assert_eq!(req.method(), Method::GET);
    assert_eq!(req.path(), "/connections");
    let q: Vec<(String, String)> = req
        .query_pairs()
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect();
    assert_eq!(
        q,
        vec![
            ("connectionId".into(), "c 1".into()),
            ("endUserId".into(), "u-1".into()),
            ("integrationId".into(), "github,slack".into()),
            ("tags[end_user_display_name]".into(), "Ada".into()),
            ("tags[end_user_email]".into(), "a@b.c".into()),
            ("tags[plan]".into(), "Pro".into()),
            ("limit".into(), "10".into()),
            ("page".into(), "2".into()),
        ]
    );
    assert!(req.body().is_none());
}

#[test]
fn list_connections_legacy_form_and_limits() {
    let req = ListConnections::new()
        .search("acme")
        .end_user_organization_id("org-1")
        .request(&cfg())
        .unwrap();
    assert_eq!(
        req.path_and_query(),
        "/connections?search=acme&endUserOrganizationId=org-1"
    );
    assert_eq!(
        invalid_reason(ListConnections::new().limit(0).request(&cfg()).unwrap_err()),
        InvalidReason::InvalidValue
    );
    assert_eq!(
        invalid_reason(
            ListConnections::new()
                .limit(2001)
                .request(&cfg())
                .unwrap_err()
        ),
        InvalidReason::InvalidValue
    );
}

#[test]
fn list_connections_decode() {
    let body = r#"{"connections":[{"id":1,"connection_id":"u1","provider":"github","provider_config_key":"gh",
        "created":"2026-01-01T00:00:00Z","metadata":null,"tags":{"end_user_id":"u1"},"errors":[],"end_user":null,"extra":true}]}"#;
    let list = ListConnections::new().decode(response(200, body)).unwrap();
    assert_eq!(list.connections.len(), 1);
    assert_eq!(list.connections[0].tags["end_user_id"], "u1");
    assert_eq!(list.connections[0].metadata, None);
}

#[test]
fn get_connection_request() {
    let req = GetConnection::new("github", "user-1")
        .force_refresh(true)
        .refresh_github_app_jwt_token(true)
        .request(&cfg())
        .unwrap();
    assert_eq!(req.method(), Method::GET);
    assert_eq!(
        req.path_and_query(),
        "/connections/user-1?provider_config_key=github&force_refresh=true&refresh_token=false&refresh_github_app_jwt_token=true"
    );
    assert_eq!(
        invalid_reason(GetConnection::new("", "u").request(&cfg()).unwrap_err()),
        InvalidReason::Empty
    );
    assert_eq!(
        invalid_reason(GetConnection::new("gh", "").request(&cfg()).unwrap_err()),
        InvalidReason::Empty
    );
    assert_eq!(
        invalid_reason(GetConnection::new("gh", "..").request(&cfg()).unwrap_err()),
        InvalidReason::DotSegment
    );
}

#[test]
fn ids_round_trip_through_path_encoding() {
    for id in [
        "a/b",
        "a?b",
        "a#b",
        "100%",
        "a&b=c",
        "with space",
        "ünïcødé-日本",
        "+plus",
        "...",
    ] {
        let req = GetConnection::new("gh", id).request(&cfg()).unwrap();
        let seg = req.path().strip_prefix("/connections/").unwrap();
        assert!(!seg.contains(['/', '?', '#', ' ', '&']), "{seg}");
        assert_eq!(decode_segment(seg), id);
        // the provider config key is a query value: the query encoder must round-trip it too
        let req = GetConnection::new(id, "c").request(&cfg()).unwrap();
        assert_eq!(req.query_pairs()[0].1, id);
        assert!(!req.path_and_query().contains(' '));
    }
}

#[test]
fn get_connection_decode_and_derived_values() {
    let conn = GetConnection::new("github", "user-1")
        .decode(response(200, CONNECTION))
        .unwrap();
    assert_eq!(conn.connection_id, "user-1");
    assert_eq!(conn.credentials.kind, Some(AuthMode::OAuth2));
    assert_eq!(conn.errors[0].kind, "auth");
    assert!(
        !format!("{conn:?}").contains("gho_abc"),
        "tokens are redacted in Debug"
    );

    let token = GetToken::new(GetConnection::new("github", "user-1"))
        .decode(response(200, CONNECTION))
        .unwrap();
    assert!(matches!(token, Token::AccessToken(t) if t.expose_secret() == "gho_abc"));

    let raw: Value = GetConnectionField::raw_token_response(GetConnection::new("github", "user-1"))
        .decode(response(200, CONNECTION))
        .unwrap();
    assert_eq!(raw["scope"], "repo");

    #[derive(serde::Deserialize)]
    struct Meta {
        plan: String,
    }
    let meta: Meta = GetConnectionField::metadata("github", "user-1")
        .decode(response(200, CONNECTION))
        .unwrap();
    assert_eq!(meta.plan, "pro");
}

#[test]
fn token_by_auth_mode() {
    let oauth1 = r#"{"connection_id":"c","provider_config_key":"x","credentials":{"type":"OAUTH1","oauth_token":"t","oauth_token_secret":"s","raw":{}}}"#;
    match GetToken::new(GetConnection::new("x", "c"))
        .decode(response(200, oauth1))
        .unwrap()
    {
        Token::OAuth1 {
            oauth_token,
            oauth_token_secret,
        } => {
            assert_eq!(oauth_token.expose_secret(), "t");
            assert_eq!(oauth_token_secret.expose_secret(), "s");
        }
        other => panic!("{other:?}"),
    }
    let basic = r#"{"connection_id":"c","provider_config_key":"x","credentials":{"type":"BASIC","username":"u","password":"p"}}"#;
    match GetToken::new(GetConnection::new("x", "c"))
        .decode(response(200, basic))
        .unwrap()
    {
        Token::Credentials(c) => {
            assert_eq!(c.username.as_deref(), Some("u"));
            assert_eq!(c.password.unwrap().expose_secret(), "p");
        }
        other => panic!("{other:?}"),
    }
    let unknown = r#"{"connection_id":"c","provider_config_key":"x","credentials":{"type":"QUANTUM","qubits":3}}"#;
    match GetToken::new(GetConnection::new("x", "c"))
        .decode(response(200, unknown))
        .unwrap()
    {
        Token::Credentials(c) => {
            assert_eq!(c.kind, Some(AuthMode::Other("QUANTUM".into())));
            assert_eq!(c.other["qubits"], 3);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn decode_failure_keeps_the_body() {
    let err = GetConnection::new("g", "c")
        .decode(response(200, "<html>oops</html>"))
        .unwrap_err();
    match err {
        Error::Decode(d) => {
            assert_eq!(d.status, 200);
            assert_eq!(d.body.as_ref(), b"<html>oops</html>");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn import_connection_request_and_decode() {
    let body = UpsertConnection::new("airtable", json!({"type": "API_KEY", "apiKey": "pat"}))
        .connection_id("u-1")
        .metadata(json!({"a": 1}))
        .tags([("end_user_id", "u-1")]);
    let req = ImportConnection::new(body).request(&cfg()).unwrap();
    assert_eq!(req.method(), Method::POST);
    assert_eq!(req.path_and_query(), "/connections");
    assert_eq!(req.headers()["content-type"], "application/json");
    assert_eq!(
        body_json(&req),
        json!({"provider_config_key":"airtable","connection_id":"u-1","credentials":{"type":"API_KEY","apiKey":"pat"},
               "metadata":{"a":1},"tags":{"end_user_id":"u-1"}})
    );
    assert!(!req.is_idempotent());
    let conn = ImportConnection::new(UpsertConnection::new("g", json!({})))
        .decode(response(201, CONNECTION))
        .unwrap();
    assert_eq!(conn.provider, "github");
    let empty_id = UpsertConnection::new("g", json!({})).connection_id("");
    assert!(ImportConnection::new(empty_id).request(&cfg()).is_err());
}

#[test]
fn patch_and_delete_connection() {
    let req = PatchConnection::new(
        "github",
        "u/1",
        ConnectionPatch::default().tag("plan", "pro"),
    )
    .request(&cfg())
    .unwrap();
    assert_eq!(req.method(), Method::PATCH);
    assert_eq!(
        req.path_and_query(),
        "/connections/u%2F1?provider_config_key=github"
    );
    assert_eq!(body_json(&req), json!({"tags": {"plan": "pro"}}));
    let ok = PatchConnection::new("g", "c", ConnectionPatch::default())
        .decode(response(200, r#"{"success":true}"#))
        .unwrap();
    assert!(ok.success);

    let req = DeleteConnection::new("github", "u-1")
        .request(&cfg())
        .unwrap();
    assert_eq!(req.method(), Method::DELETE);
    assert_eq!(
        req.path_and_query(),
        "/connections/u-1?provider_config_key=github"
    );
    assert!(
        !req.is_idempotent(),
        "a second delete answers 400: never retried blindly"
    );
    DeleteConnection::new("g", "c")
        .decode(response(204, ""))
        .unwrap();
}

#[test]
fn metadata_requests() {
    let set = SetMetadata::new(
        MetadataMode::Replace,
        "github",
        "u-1",
        json!({"plan": "pro"}),
    )
    .unwrap();
    let req = set.request(&cfg()).unwrap();
    assert_eq!(req.method(), Method::POST);
    assert_eq!(req.path(), "/connections/metadata");
    assert_eq!(
        body_json(&req),
        json!({"metadata":{"plan":"pro"},"connection_id":"u-1","provider_config_key":"github"})
    );

    let merge = SetMetadata::new(
        MetadataMode::Merge,
        "github",
        vec!["a", "b"],
        json!({"x": 1}),
    )
    .unwrap();
    let req = merge.request(&cfg()).unwrap();
    assert_eq!(req.method(), Method::PATCH);
    assert_eq!(body_json(&req)["connection_id"], json!(["a", "b"]));

    let not_object = SetMetadata::new(MetadataMode::Replace, "g", "c", json!([1, 2])).unwrap();
    assert_eq!(
        invalid_reason(not_object.request(&cfg()).unwrap_err()),
        InvalidReason::InvalidValue
    );
    let no_ids =
        SetMetadata::new(MetadataMode::Replace, "g", Vec::<String>::new(), json!({})).unwrap();
    assert_eq!(
        invalid_reason(no_ids.request(&cfg()).unwrap_err()),
        InvalidReason::Empty
    );
    let empty_id = SetMetadata::new(MetadataMode::Replace, "g", vec!["a", ""], json!({})).unwrap();
    assert_eq!(
        invalid_reason(empty_id.request(&cfg()).unwrap_err()),
        InvalidReason::Empty
    );

    let echoed = set
        .decode(response(201, r#"{"connection_id":["a","b"],"provider_config_key":"github","metadata":{"plan":"pro"}}"#))
        .unwrap();
    assert_eq!(
        echoed.connection_id,
        OneOrMany::Many(vec!["a".into(), "b".into()])
    );
}

#[test]
fn connect_sessions() {
    let req = CreateSession::new(
        CreateConnectSession::default()
            .tag("end_user_id", "u-1")
            .allowed_integrations(["github"]),
    )
    .request(&cfg())
    .unwrap();
    assert_eq!(
        (req.method(), req.path()),
        (Method::POST, "/connect/sessions")
    );
    assert_eq!(
        body_json(&req),
        json!({"tags":{"end_user_id":"u-1"},"allowed_integrations":["github"]})
    );
    let body = r#"{"data":{"token":"nango_connect_session_abc","connect_link":"http://localhost:3009?session_token=nango_connect_session_abc","expires_at":"2026-11-23T20:30:00.000Z","extra":1}}"#;
    let s = CreateSession::new(CreateConnectSession::default())
        .decode(response(201, body))
        .unwrap();
    assert_eq!(s.token.expose_secret(), "nango_connect_session_abc");
    assert!(!format!("{s:?}").contains("nango_connect_session_abc") || s.connect_link.is_some());

    let req = CreateReconnect::new(CreateReconnectSession::new("conn-1", "github"))
        .request(&cfg())
        .unwrap();
    assert_eq!(req.path(), "/connect/sessions/reconnect");
    assert_eq!(
        body_json(&req),
        json!({"connection_id":"conn-1","integration_id":"github"})
    );
    assert!(CreateReconnect::new(CreateReconnectSession::new("c", ""))
        .request(&cfg())
        .is_err());

    let cfg = cfg();
    let http = GetSession::new("tok")
        .request(&cfg)
        .unwrap()
        .to_http(&cfg, "ua")
        .unwrap();
    assert_eq!(http.method(), Method::GET);
    assert_eq!(http.headers()["authorization"], "Bearer tok");
    let http = DeleteSession::new("tok")
        .request(&cfg)
        .unwrap()
        .to_http(&cfg, "ua")
        .unwrap();
    assert_eq!(http.method(), Method::DELETE);
    assert!(GetSession::new("").request(&cfg).is_err());
    assert!(GetSession::new("a\r\nb")
        .request(&cfg)
        .unwrap()
        .to_http(&cfg, "ua")
        .is_err());
}

#[test]
fn client_headers_on_every_request() {
    let cfg = Config::builder()
        .api_key("a3f1c2d4-0000-4000-8000-000000000000")
        .host("http://127.0.0.1:3003/")
        .user_agent_suffix("my-app/1.0")
        .is_sync(true)
        .is_script(false)
        .dry_run(true)
        .build()
        .unwrap();
    let http = GetConnection::new("gh", "u")
        .request(&cfg)
        .unwrap()
        .to_http(&cfg, "nango-rust/0.1.0")
        .unwrap();
    let h = http.headers();
    assert_eq!(http.uri().to_string(), "http://127.0.0.1:3003/connections/u?provider_config_key=gh&force_refresh=false&refresh_token=false&refresh_github_app_jwt_token=false");
    assert_eq!(
        h["authorization"],
        "Bearer a3f1c2d4-0000-4000-8000-000000000000"
    );
    assert!(h["authorization"].is_sensitive());
    assert!(
        !format!("{h:?}").contains("a3f1c2d4"),
        "the key never shows in Debug"
    );
    assert_eq!(h["user-agent"], "nango-rust/0.1.0; my-app/1.0");
    assert_eq!(h["nango-is-sync"], "true");
    assert_eq!(h["nango-is-script"], "false");
    assert_eq!(h["nango-is-dry-run"], "true");
}

#[test]
fn connect_session_details_decode() {
    let body = r#"{"data":{"endUser":null,"tags":{"end_user_id":"u-1"},"isReconnecting":true,
        "connectUISettings":{"showWatermark":false},"allowed_integrations":["github"],"websocketsPath":"/ws"}}"#;
    let d = GetSession::new("tok").decode(response(200, body)).unwrap();
    assert!(d.is_reconnecting);
    assert_eq!(d.allowed_integrations.unwrap(), vec!["github"]);
    assert_eq!(d.connect_ui_settings["showWatermark"], false);
}
