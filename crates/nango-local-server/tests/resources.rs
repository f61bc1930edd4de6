//! Providers, integrations, connections, metadata and connect sessions over HTTP.

mod common;

use common::{err, start};
use serde_json::json;

#[tokio::test]
async fn providers_list_search_get_and_unknown() {
    let t = start().await;
    let r = t.get("/providers").await;
    assert_eq!(r.status, 200);
    let all = r.json()["data"].as_array().unwrap().len();
    assert!(all >= 6);
    let r = t.get("/providers?search=git").await;
    let data = r.json()["data"].clone();
    assert!(data
        .as_array()
        .unwrap()
        .iter()
        .all(|p| p["name"].as_str().unwrap().contains("git")));
    let r = t.get("/providers/github").await;
    assert_eq!(r.json()["data"]["auth_mode"], "OAUTH2");
    assert_eq!(
        r.json()["data"]["proxy"]["base_url"],
        "https://api.github.com"
    );
    let r = t.get("/providers/x").await;
    assert_eq!(r.status, 404);
    assert_eq!(
        r.json(),
        json!({"error": {"code": "not_found", "message": "Unknown provider x"}})
    );
    let r = t.get("/providers/github/templates").await;
    assert!(r.json()["data"].as_array().unwrap().len() >= 2);
}

#[tokio::test]
async fn integrations_crud() {
    let t = start().await;
    let body = json!({"unique_key": "slack-dev", "provider": "slack", "display_name": "Slack Dev",
        "credentials": {"type": "OAUTH2", "client_id": "cid", "client_secret": "sec", "scopes": "chat:write"}});
    let r = t.json("POST", "/integrations", body.clone()).await;
    assert_eq!(r.status, 200, "{}", r.text);
    let d = r.json()["data"].clone();
    assert_eq!(d["unique_key"], "slack-dev");
    assert_eq!(d["provider"], "slack");
    assert!(d.get("credentials").is_none());
    for k in ["created_at", "updated_at", "logo", "display_name"] {
        assert!(d[k].is_string(), "{k}");
    }

    let r = t.json("POST", "/integrations", body).await;
    assert_eq!(
        r.json(),
        json!({"error": {"code": "invalid_body", "errors": [{"code": "invalid_string", "message": "Unique key already exists", "path": ["uniqueKey"]}]}})
    );

    let r = t.get("/integrations").await;
    let keys: Vec<String> = r.json()["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["unique_key"].as_str().unwrap().to_string())
        .collect();
    assert!(keys.contains(&"slack-dev".to_string()) && keys.contains(&"github".to_string()));

    let r = t.get("/integrations/slack-dev").await;
    assert!(r.json()["data"].get("credentials").is_none());
    assert!(r.json()["data"].get("webhook_url").is_none());
    let r = t
        .get("/integrations/slack-dev?include=webhook&include=credentials")
        .await;
    let d = r.json()["data"].clone();
    assert_eq!(d["credentials"]["client_secret"], "sec");
    assert!(d["webhook_url"].as_str().unwrap().ends_with("/slack-dev"));
    err(
        &t.get("/integrations/slack-dev?include=secrets").await,
        400,
        "invalid_query_params",
    );

    let r = t
        .json(
            "PATCH",
            "/integrations/slack-dev",
            json!({"display_name": "Renamed", "forward_webhooks": false}),
        )
        .await;
    assert_eq!(r.json()["data"]["display_name"], "Renamed");
    assert_eq!(r.json()["data"]["forward_webhooks"], false);

    let r = t
        .json(
            "POST",
            "/integrations/quickstart",
            json!({"unique_key": "gh-quick", "provider": "github"}),
        )
        .await;
    assert_eq!(r.status, 200);

    let r = t.send(t.req("DELETE", "/integrations/slack-dev")).await;
    assert_eq!(r.json(), json!({"success": true}));
    err(&t.get("/integrations/slack-dev").await, 404, "not_found");
    err(
        &t.json(
            "POST",
            "/integrations",
            json!({"unique_key": "z", "provider": "nope"}),
        )
        .await,
        400,
        "invalid_body",
    );
}

#[tokio::test]
async fn connection_upsert_get_list_patch_delete() {
    let t = start().await;
    let r = t
        .json(
            "POST",
            "/connections",
            json!({"provider_config_key": "github", "connection_id": "conn-1",
                "credentials": {"type": "OAUTH2", "access_token": "at-1", "refresh_token": "rt-1"},
                "metadata": {"a": 1}, "tags": {"End_User_Id": "u1", "plan": "pro"}}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    assert_eq!(r.json()["connection_id"], "conn-1");
    assert_eq!(r.json()["tags"]["end_user_id"], "u1");

    // Generated connection id.
    let r = t
        .json("POST", "/connections", json!({"provider_config_key": "airtable", "credentials": {"type": "API_KEY", "apiKey": "k"}}))
        .await;
    assert_eq!(r.status, 201);
    assert_eq!(r.json()["connection_id"].as_str().unwrap().len(), 36);

    // Legacy import.
    let r = t
        .json("POST", "/connection", json!({"provider_config_key": "mailgun", "connection_id": "legacy", "username": "u", "password": "p"}))
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    assert_eq!(r.json()["credentials"]["type"], "BASIC");

    // Credentials: refresh token only on request.
    let r = t
        .get("/connections/conn-1?provider_config_key=github")
        .await;
    assert_eq!(r.status, 200);
    let c = r.json();
    assert_eq!(c["credentials"]["access_token"], "at-1");
    assert!(c["credentials"].get("refresh_token").is_none());
    assert!(c["credentials"]["raw"].get("refresh_token").is_none());
    assert_eq!(c["metadata"], json!({"a": 1}));
    for k in [
        "id",
        "created_at",
        "updated_at",
        "connection_config",
        "errors",
        "provider",
    ] {
        assert!(c.get(k).is_some(), "{k}");
    }
    let r = t
        .get("/connections/conn-1?provider_config_key=github&refresh_token=true")
        .await;
    assert_eq!(r.json()["credentials"]["refresh_token"], "rt-1");
    let r = t
        .get("/connections/conn-1?provider_config_key=github&force_refresh=true")
        .await;
    assert_ne!(r.json()["credentials"]["access_token"], "at-1");

    let r = t
        .get("/connections/at-1?provider_config_key=airtable")
        .await;
    assert_eq!(
        r.json()["credentials"],
        json!({"type": "API_KEY", "apiKey": "pat-secret"})
    );
    let r = t.get("/connections/mg-1?provider_config_key=mailgun").await;
    assert_eq!(
        r.json()["credentials"],
        json!({"type": "BASIC", "username": "api", "password": "pw"})
    );
    let r = t.get("/connections/tw-1?provider_config_key=twitter").await;
    assert!(r.json()["credentials"]["oauth_token_secret"].is_string());

    // Errors.
    err(
        &t.get("/connections/conn-1").await,
        400,
        "invalid_query_params",
    );
    let r = t.get("/connections/nope?provider_config_key=github").await;
    assert_eq!(r.status, 404);
    assert_eq!(
        r.json(),
        json!({"error": {"code": "not_found", "message": "Failed to find connection"}})
    );

    // List + filters + pagination.
    let r = t.get("/connections").await;
    let conns = r.json()["connections"].as_array().unwrap().clone();
    assert!(conns.len() >= 7);
    assert!(conns.iter().all(|c| c.get("credentials").is_none()));
    let r = t.get("/connections?integrationId=github,airtable").await;
    assert!(r.json()["connections"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["provider_config_key"] == "github" || c["provider_config_key"] == "airtable"));
    let r = t.get("/connections?tags[plan]=pro").await;
    assert_eq!(r.json()["connections"].as_array().unwrap().len(), 1);
    let r = t.get("/connections?endUserId=u1").await;
    assert_eq!(r.json()["connections"][0]["connection_id"], "conn-1");
    let r = t.get("/connections?connectionId=conn-1").await;
    assert_eq!(r.json()["connections"].as_array().unwrap().len(), 1);
    // `search` matches substrings, case-insensitively. The term has letters that are not
    // hex digits, so the generated (UUID) connection id above can never match it too.
    let r = t.get("/connections?search=CONN-1").await;
    assert_eq!(r.json()["connections"].as_array().unwrap().len(), 1);
    let p0 = t.get("/connections?limit=2&page=0").await.json()["connections"].clone();
    let p1 = t.get("/connections?limit=2&page=1").await.json()["connections"].clone();
    assert_eq!(p0.as_array().unwrap().len(), 2);
    assert_ne!(p0[0]["id"], p1[0]["id"]);
    err(
        &t.get("/connections?limit=0").await,
        400,
        "invalid_query_params",
    );
    err(
        &t.get("/connections?limit=2001").await,
        400,
        "invalid_query_params",
    );

    // Overwrite resets metadata and tags.
    let r = t
        .json(
            "POST",
            "/connections",
            json!({"provider_config_key": "github", "connection_id": "conn-1",
            "credentials": {"type": "OAUTH2", "access_token": "at-2"}}),
        )
        .await;
    assert_eq!(r.status, 201);
    let c = t
        .get("/connections/conn-1?provider_config_key=github")
        .await
        .json();
    assert_eq!(c["metadata"], json!({}));
    assert_eq!(c["tags"], json!({}));

    // Patch.
    let r = t
        .json(
            "PATCH",
            "/connections/conn-1?provider_config_key=github",
            json!({"tags": {"team": "a"}}),
        )
        .await;
    assert_eq!(r.json(), json!({"success": true}));
    assert_eq!(
        t.get("/connections/conn-1?provider_config_key=github")
            .await
            .json()["tags"],
        json!({"team": "a"})
    );
    err(
        &t.json(
            "PATCH",
            "/connections/conn-1?provider_config_key=github",
            json!({"bogus": 1}),
        )
        .await,
        400,
        "invalid_body",
    );

    // Delete twice.
    let r = t
        .send(t.req("DELETE", "/connections/conn-1?provider_config_key=github"))
        .await;
    assert_eq!(r.status, 200);
    let r = t
        .send(t.req("DELETE", "/connections/conn-1?provider_config_key=github"))
        .await;
    assert_eq!(r.status, 400);
    assert_eq!(r.json(), json!({"error": {"code": "unknown_connection"}}));
}

#[tokio::test]
async fn upsert_validation() {
    let t = start().await;
    let r = t
        .json(
            "POST",
            "/connections",
            json!({"provider_config_key": "github"}),
        )
        .await;
    let e = err(&r, 400, "invalid_body");
    assert_eq!(e["errors"][0]["path"], json!(["credentials"]));
    let r = t
        .json("POST", "/connections", json!({"provider_config_key": "github", "credentials": {"type": "API_KEY", "apiKey": "k"}}))
        .await;
    err(&r, 400, "invalid_body");
    let r = t
        .json("POST", "/connections", json!({"provider_config_key": "nope", "credentials": {"type": "API_KEY", "apiKey": "k"}}))
        .await;
    err(&r, 404, "unknown_provider_config");
}

#[tokio::test]
async fn metadata_set_and_update() {
    let t = start().await;
    let body = json!({"provider_config_key": "github", "connection_id": "gh-1", "metadata": {"a": 1, "b": 2}});
    let r = t.json("POST", "/connections/metadata", body.clone()).await;
    assert_eq!(r.status, 201);
    assert_eq!(r.json(), body);
    let r = t
        .json("PATCH", "/connections/metadata", json!({"provider_config_key": "github", "connection_id": ["gh-1"], "metadata": {"b": 3, "c": 4}}))
        .await;
    assert_eq!(r.status, 200);
    let m = t
        .get("/connections/gh-1?provider_config_key=github")
        .await
        .json()["metadata"]
        .clone();
    assert_eq!(m, json!({"a": 1, "b": 3, "c": 4}));
    let r = t
        .json("POST", "/connections/metadata", json!({"provider_config_key": "github", "connection_id": "gh-1", "metadata": {"z": true}}))
        .await;
    assert_eq!(r.status, 201);
    assert_eq!(
        t.get("/connections/gh-1?provider_config_key=github")
            .await
            .json()["metadata"],
        json!({"z": true})
    );
    let r = t
        .json("POST", "/connections/metadata", json!({"provider_config_key": "github", "connection_id": ["gh-1", "missing"], "metadata": {"y": 1}}))
        .await;
    err(&r, 404, "unknown_connection");
    assert_eq!(
        t.get("/connections/gh-1?provider_config_key=github")
            .await
            .json()["metadata"],
        json!({"z": true})
    );
    err(
        &t.json(
            "POST",
            "/connections/metadata",
            json!({"connection_id": "gh-1"}),
        )
        .await,
        400,
        "invalid_body",
    );
}

#[tokio::test]
async fn connect_sessions() {
    let t = start().await;
    let r = t
        .json(
            "POST",
            "/connect/sessions",
            json!({"end_user": {"id": "u1", "email": "a@b.c"}, "allowed_integrations": ["github"]}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    let d = r.json()["data"].clone();
    let token = d["token"].as_str().unwrap().to_string();
    assert!(token.starts_with("nango_connect_session_"));
    assert!(d["connect_link"].as_str().unwrap().contains(&token));
    let exp =
        nango_local_server::time::parse_iso_us(d["expires_at"].as_str().unwrap()).unwrap() / 1000;
    let delta = exp - nango_local_server::time::now_ms();
    assert!((29 * 60_000..=30 * 60_000).contains(&delta), "{delta}");

    let r = t
        .send(t.http.get(t.url("/connect/session")).bearer_auth(&token))
        .await;
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["data"]["endUser"]["id"], "u1");
    assert_eq!(r.json()["data"]["allowed_integrations"], json!(["github"]));

    let r = t
        .send(t.http.delete(t.url("/connect/session")).bearer_auth(&token))
        .await;
    assert_eq!(r.status, 204);
    let r = t
        .send(t.http.get(t.url("/connect/session")).bearer_auth(&token))
        .await;
    err(&r, 401, "unknown_connect_session_token");
    let r = t
        .send(
            t.http
                .get(t.url("/connect/session"))
                .bearer_auth("nango_connect_session_nope"),
        )
        .await;
    err(&r, 401, "unknown_connect_session_token");

    let r = t
        .json(
            "POST",
            "/connect/sessions/reconnect",
            json!({"connection_id": "gh-1", "integration_id": "github"}),
        )
        .await;
    assert_eq!(r.status, 201);
    err(
        &t.json(
            "POST",
            "/connect/sessions",
            json!({"allowed_integrations": ["nope"], "tags": {"a": "b"}}),
        )
        .await,
        400,
        "invalid_body",
    );
    err(
        &t.json("POST", "/connect/sessions", json!({})).await,
        400,
        "invalid_body",
    );
}

#[tokio::test]
async fn connect_ui_completes_a_session() {
    let t = start().await;
    let r = t
        .json(
            "POST",
            "/connect/sessions",
            json!({"tags": {"end_user_id": "eu-9"}}),
        )
        .await;
    let token = r.json()["data"]["token"].as_str().unwrap().to_string();
    let page = t
        .send(
            t.http
                .get(r.json()["data"]["connect_link"].as_str().unwrap()),
        )
        .await;
    assert_eq!(page.status, 200);
    assert!(page.text.contains("airtable"));
    let r = t
        .send(t.http.post(t.url("/connect-ui/complete")).json(
            &json!({"session_token": token, "integration": "airtable", "connection_id": "via-ui"}),
        ))
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    let c = t
        .get("/connections/via-ui?provider_config_key=airtable")
        .await
        .json();
    assert_eq!(c["tags"]["end_user_id"], "eu-9");
    assert_eq!(c["credentials"]["type"], "API_KEY");
}

#[tokio::test]
async fn expired_tokens_refresh_or_424() {
    let t = start().await;
    let past = "2020-01-01T00:00:00.000Z";
    t.json("POST", "/connections", json!({"provider_config_key": "github", "connection_id": "exp-rt",
        "credentials": {"type": "OAUTH2", "access_token": "old", "refresh_token": "rt", "expires_at": past}})).await;
    let c = t
        .get("/connections/exp-rt?provider_config_key=github")
        .await
        .json();
    assert_ne!(c["credentials"]["access_token"], "old");
    t.json(
        "POST",
        "/connections",
        json!({"provider_config_key": "github", "connection_id": "exp-no-rt",
        "credentials": {"type": "OAUTH2", "access_token": "old", "expires_at": past}}),
    )
    .await;
    let r = t
        .get("/connections/exp-no-rt?provider_config_key=github")
        .await;
    err(&r, 424, "connection_refresh_exhausted");
}
