//! Records paging and pruning, syncs, and webhooks (shapes, signatures, retries).

mod common;

use common::{err, start, start_with, Sink};
use nango_local_server::webhooks::{canonical_json, hmac_signature, legacy_signature};
use nango_local_server::{Seed, ServerConfig};
use serde_json::{json, Value};

fn ids(v: &Value) -> Vec<String> {
    v["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn records_paging_filters_and_errors() {
    let t = start().await;
    let recs: Vec<Value> = (0..5)
        .map(|i| json!({"id": format!("r{i}"), "n": i}))
        .collect();
    t.server.seed_records("github", "gh-1", "Item", None, recs);
    t.server.seed_records(
        "github",
        "gh-1",
        "Item",
        None,
        vec![json!({"id": "r1", "n": 100})],
    );
    t.server
        .delete_records("github", "gh-1", "Item", None, &["r2"]);

    let r = t
        .conn_req(
            "GET",
            "/records/?model=Item&limit=2",
            "github",
            "gh-1",
            None,
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let v = r.json();
    assert_eq!(ids(&v), ["r0", "r3"]);
    let meta = &v["records"][0]["_nango_metadata"];
    for k in ["first_seen_at", "last_modified_at", "last_action", "cursor"] {
        assert!(meta[k].is_string(), "{k}");
    }
    assert!(meta["deleted_at"].is_null() && meta["pruned_at"].is_null());
    assert_eq!(meta["last_action"], "ADDED");
    let cursor = v["next_cursor"].as_str().unwrap().to_string();
    let v = t
        .conn_req(
            "GET",
            &format!("/records?model=Item&cursor={cursor}"),
            "github",
            "gh-1",
            None,
        )
        .await
        .json();
    assert_eq!(ids(&v), ["r4", "r1", "r2"]);
    assert!(v["next_cursor"].is_null());
    assert_eq!(v["records"][1]["n"], 100);
    assert_eq!(v["records"][1]["_nango_metadata"]["last_action"], "UPDATED");
    assert_eq!(v["records"][2]["_nango_metadata"]["last_action"], "DELETED");
    assert!(v["records"][2]["_nango_metadata"]["deleted_at"].is_string());

    let v = t
        .conn_req(
            "GET",
            "/records?model=Item&filter=updated,deleted",
            "github",
            "gh-1",
            None,
        )
        .await
        .json();
    assert_eq!(ids(&v), ["r1", "r2"]);
    let v = t
        .conn_req(
            "GET",
            "/records?model=Item&ids=r4&ids=r0&ids=zz",
            "github",
            "gh-1",
            None,
        )
        .await
        .json();
    assert_eq!(ids(&v), ["r0", "r4"]);
    let since = nango_local_server::time::iso_ms(nango_local_server::time::now_ms() - 60_000);
    let v = t
        .conn_req(
            "GET",
            &format!("/records?model=Item&modified_after={since}"),
            "github",
            "gh-1",
            None,
        )
        .await
        .json();
    assert_eq!(ids(&v).len(), 5);
    let v = t
        .conn_req(
            "GET",
            "/records?model=Item&variant=other",
            "github",
            "gh-1",
            None,
        )
        .await
        .json();
    assert_eq!(v, json!({"records": [], "next_cursor": null}));

    for q in [
        "limit=0",
        "limit=10001",
        "filter=nope",
        "modified_after=2001-01-01T00:00:00.000Z",
        "modified_after=yesterday",
        "bogus=1",
    ] {
        let r = t
            .conn_req(
                "GET",
                &format!("/records?model=Item&{q}"),
                "github",
                "gh-1",
                None,
            )
            .await;
        err(&r, 400, "invalid_query_params");
    }
    let long = "a".repeat(1001);
    err(
        &t.conn_req(
            "GET",
            &format!("/records?model=Item&cursor={long}"),
            "github",
            "gh-1",
            None,
        )
        .await,
        400,
        "invalid_query_params",
    );
    err(
        &t.conn_req("GET", "/records", "github", "gh-1", None).await,
        400,
        "invalid_query_params",
    );
    err(&t.get("/records?model=Item").await, 400, "invalid_headers");
    let r = t
        .conn_req("GET", "/records?model=Item", "github", "nope", None)
        .await;
    assert_eq!(
        r.json(),
        json!({"error": {"code": "unknown_connection", "message": "Provided ConnectionId and ProviderConfigKey does not match a valid connection"}})
    );
}

#[tokio::test]
async fn a_million_generated_records_page_and_prune() {
    let t = start().await;
    t.server
        .generate_records("github", "gh-1", "Item", None, 1_000_000);
    let v = t
        .conn_req(
            "GET",
            "/records?model=Item&limit=10000",
            "github",
            "gh-1",
            None,
        )
        .await
        .json();
    assert_eq!(v["records"].as_array().unwrap().len(), 10_000);
    assert_eq!(v["records"][0]["id"], "gen-0");
    assert_eq!(v["records"][9999]["id"], "gen-9999");
    let cursor = v["next_cursor"].as_str().unwrap().to_string();
    let v = t
        .conn_req(
            "GET",
            &format!("/records?model=Item&limit=3&cursor={cursor}"),
            "github",
            "gh-1",
            None,
        )
        .await
        .json();
    assert_eq!(ids(&v), ["gen-10000", "gen-10001", "gen-10002"]);
    let v = t
        .conn_req(
            "GET",
            "/records?model=Item&ids=gen-999999",
            "github",
            "gh-1",
            None,
        )
        .await
        .json();
    assert_eq!(ids(&v), ["gen-999999"]);

    let r = t
        .conn_req(
            "PATCH",
            "/records/prune",
            "github",
            "gh-1",
            Some(json!({"model": "Item", "until_cursor": cursor, "limit": 5000})),
        )
        .await;
    assert_eq!(r.json(), json!({"count": 5000, "has_more": true}));
    let r = t
        .conn_req(
            "PATCH",
            "/records/prune",
            "github",
            "gh-1",
            Some(json!({"model": "Item", "until_cursor": cursor})),
        )
        .await;
    assert_eq!(r.json(), json!({"count": 1000, "has_more": true}));
    let v = t
        .conn_req("GET", "/records?model=Item&limit=1", "github", "gh-1", None)
        .await
        .json();
    assert!(v["records"][0]["_nango_metadata"]["pruned_at"].is_string());
    assert!(v["records"][0].get("name").is_none());
    err(
        &t.conn_req(
            "PATCH",
            "/records/prune",
            "github",
            "gh-1",
            Some(json!({"model": "Item"})),
        )
        .await,
        400,
        "invalid_body",
    );
}

#[tokio::test]
async fn sync_trigger_sends_sync_webhook_and_status() {
    let sink = Sink::start().await;
    let seed = Seed::new()
        .integration("airtable-test", "airtable-pat")
        .connection_with_credentials(
            "airtable-test",
            "conn-at-1",
            json!({"type": "API_KEY", "apiKey": "k"}),
        );
    let t = start_with(ServerConfig::default().seed(seed).webhook_url(&sink.url)).await;
    sink.wait(0).await;
    t.server.seed_records(
        "airtable-test",
        "conn-at-1",
        "Item",
        None,
        vec![json!({"id": "1"}), json!({"id": "2"})],
    );
    let r = t
        .json("POST", "/sync/trigger", json!({"provider_config_key": "airtable-test", "connection_id": "conn-at-1", "syncs": ["items"]}))
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.json(), json!({"success": true}));
    let got = sink.wait(1).await;
    let (headers, body) = &got[0];
    let v: Value = serde_json::from_slice(body).unwrap();
    assert_eq!(v["type"], "sync");
    assert_eq!(v["syncName"], "items");
    assert_eq!(v["syncVariant"], "base");
    assert_eq!(v["model"], "Item");
    assert_eq!(v["syncType"], "INITIAL");
    assert_eq!(
        v["responseResults"],
        json!({"added": 2, "updated": 0, "deleted": 0})
    );
    let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
    let expected = [
        "connectionId",
        "from",
        "model",
        "modifiedAfter",
        "providerConfigKey",
        "queryTimeStamp",
        "responseResults",
        "success",
        "syncName",
        "syncType",
        "syncVariant",
        "type",
    ];
    assert_eq!(keys, expected);
    // Body bytes are canonical (sorted, compact) and signed as sent.
    assert_eq!(std::str::from_utf8(body).unwrap(), canonical_json(&v));
    let key = t.server.webhook_signing_key();
    assert_eq!(
        headers["x-nango-hmac-sha256"],
        hmac_signature(&key, body).as_str()
    );
    assert_eq!(
        headers["x-nango-signature"],
        legacy_signature(&key, body).as_str()
    );
    assert_eq!(headers["content-type"], "application/json");

    t.server.seed_records(
        "airtable-test",
        "conn-at-1",
        "Item",
        None,
        vec![json!({"id": "2", "x": 1}), json!({"id": "3"})],
    );
    t.server
        .delete_records("airtable-test", "conn-at-1", "Item", None, &["1"]);
    t.json(
        "POST",
        "/sync/trigger",
        json!({"provider_config_key": "airtable-test", "syncs": [{"name": "items"}]}),
    )
    .await;
    let v: Value = serde_json::from_slice(&sink.wait(2).await[1].1).unwrap();
    assert_eq!(v["syncType"], "INCREMENTAL");
    assert_eq!(
        v["responseResults"],
        json!({"added": 1, "updated": 1, "deleted": 1})
    );

    let r = t
        .get("/sync/status?provider_config_key=airtable-test&syncs=*&connection_id=conn-at-1")
        .await;
    let s = r.json()["syncs"][0].clone();
    assert_eq!(s["name"], "items");
    assert_eq!(s["status"], "SUCCESS");
    assert_eq!(s["recordCount"], json!({"Item": 2}));
    assert_eq!(s["latestResult"]["Item"]["added"], 1);
    assert!(s["finishedAt"].is_string() && s["nextScheduledSyncAt"].is_string());
    assert_eq!(s["frequency"], "every hour");

    // Pause / start.
    let body = json!({"provider_config_key": "airtable-test", "syncs": ["items"], "connection_id": "conn-at-1"});
    assert_eq!(
        t.json("POST", "/sync/pause", body.clone()).await.status,
        200
    );
    assert_eq!(
        t.get("/sync/status?provider_config_key=airtable-test&syncs=items")
            .await
            .json()["syncs"][0]["status"],
        "PAUSED"
    );
    assert_eq!(t.json("POST", "/sync/start", body).await.status, 200);
    assert_eq!(
        t.get("/sync/status?provider_config_key=airtable-test&syncs=items")
            .await
            .json()["syncs"][0]["status"],
        "SUCCESS"
    );

    // Reset + empty cache.
    let r = t
        .json("POST", "/sync/trigger", json!({"provider_config_key": "airtable-test", "syncs": ["items"], "opts": {"emptyCache": true}}))
        .await;
    err(&r, 400, "invalid_body");
    let r = t
        .json("POST", "/sync/trigger", json!({"provider_config_key": "airtable-test", "syncs": ["items"], "opts": {"reset": true, "emptyCache": true}}))
        .await;
    assert_eq!(r.status, 200);
    let v = t
        .conn_req(
            "GET",
            "/records?model=Item",
            "airtable-test",
            "conn-at-1",
            None,
        )
        .await
        .json();
    assert_eq!(v["records"].as_array().unwrap().len(), 0);

    // Frequency.
    let f = json!({"provider_config_key": "airtable-test", "connection_id": "conn-at-1", "sync_name": "items", "frequency": "every 2 hours"});
    assert_eq!(
        t.json("PUT", "/sync/update-connection-frequency", f)
            .await
            .json(),
        json!({"frequency": "every 2 hours"})
    );
    let f = json!({"provider_config_key": "airtable-test", "connection_id": "conn-at-1", "sync_name": "items", "frequency": null});
    assert_eq!(
        t.json("PUT", "/sync/update-connection-frequency", f)
            .await
            .json(),
        json!({"frequency": "every hour"})
    );
    let f = json!({"provider_config_key": "airtable-test", "connection_id": "conn-at-1", "sync_name": "items", "frequency": "every 5 seconds"});
    err(
        &t.json("PUT", "/sync/update-connection-frequency", f).await,
        400,
        "invalid_body",
    );

    // Variants.
    let vb = json!({"provider_config_key": "airtable-test", "connection_id": "conn-at-1"});
    let r = t.json("POST", "/sync/items/variant/eu", vb.clone()).await;
    assert_eq!(r.json()["variant"], "eu");
    assert_eq!(r.json()["name"], "items");
    err(
        &t.json("POST", "/sync/items/variant/eu", vb.clone()).await,
        400,
        "sync_variant_already_exists",
    );
    err(
        &t.json("POST", "/sync/items/variant/base", vb.clone()).await,
        400,
        "invalid_variant",
    );
    let r = t
        .get("/sync/status?provider_config_key=airtable-test&syncs=items::eu")
        .await;
    assert_eq!(r.json()["syncs"][0]["variant"], "eu");
    assert_eq!(
        t.json("DELETE", "/sync/items/variant/eu", vb.clone())
            .await
            .json(),
        json!({"success": true})
    );
    err(
        &t.json("DELETE", "/sync/items/variant/eu", vb).await,
        404,
        "not_found",
    );
    err(
        &t.json(
            "POST",
            "/sync/trigger",
            json!({"provider_config_key": "airtable-test", "syncs": ["nope"]}),
        )
        .await,
        400,
        "no_syncs_found",
    );
    err(
        &t.get("/sync/status?syncs=*").await,
        400,
        "invalid_query_params",
    );
}

#[tokio::test]
async fn reproduces_real_webhook_signatures() {
    // From real-webhooks.json (captured from a real Nango server 0.71.4).
    let key = "7ade7940-683a-438e-899a-6122ad9694fe";
    let raw = r#"{"authMode":"API_KEY","connectionId":"wh-conn-1","environment":"dev","from":"nango","operation":"creation","provider":"airtable-pat","providerConfigKey":"airtable-test","success":true,"tags":{"end_user_id":"u-wh"},"type":"auth"}"#;
    assert_eq!(
        hmac_signature(key, raw.as_bytes()),
        "652c0b2fbef3f736761e20b864f6c6ce3e68e0bd14469a29546d404537c87b95"
    );
    assert_eq!(
        legacy_signature(key, raw.as_bytes()),
        "4b36a1dd1e41c536bb9739e7a57209ed559a8c3d1d2de31fcee2443bf39dd90f"
    );
    let v: Value = serde_json::from_str(raw).unwrap();
    assert_eq!(canonical_json(&v), raw);
}

#[tokio::test]
async fn auth_webhook_matches_the_real_shape() {
    let sink = Sink::start().await;
    let key = "7ade7940-683a-438e-899a-6122ad9694fe";
    let seed = Seed::new().integration("airtable-test", "airtable-pat");
    let t = start_with(
        ServerConfig::default()
            .seed(seed)
            .webhook_url(&sink.url)
            .webhook_signing_key(key),
    )
    .await;
    let r = t
        .json(
            "POST",
            "/connections",
            json!({"provider_config_key": "airtable-test", "connection_id": "wh-conn-1",
            "credentials": {"type": "API_KEY", "apiKey": "x"}, "tags": {"end_user_id": "u-wh"}}),
        )
        .await;
    assert_eq!(r.status, 201);
    let got = sink.wait(1).await;
    let (headers, body) = &got[0];
    // Byte-identical to the delivery captured from the real server, signatures included.
    assert_eq!(
        std::str::from_utf8(body).unwrap(),
        r#"{"authMode":"API_KEY","connectionId":"wh-conn-1","environment":"dev","from":"nango","operation":"creation","provider":"airtable-pat","providerConfigKey":"airtable-test","success":true,"tags":{"end_user_id":"u-wh"},"type":"auth"}"#
    );
    assert_eq!(
        headers["x-nango-hmac-sha256"],
        "652c0b2fbef3f736761e20b864f6c6ce3e68e0bd14469a29546d404537c87b95"
    );
    assert_eq!(
        headers["x-nango-signature"],
        "4b36a1dd1e41c536bb9739e7a57209ed559a8c3d1d2de31fcee2443bf39dd90f"
    );

    // With a (deprecated) end user and organization, like the second captured delivery.
    t.json(
        "POST",
        "/connections",
        json!({"provider_config_key": "airtable-test", "connection_id": "c2",
        "credentials": {"type": "API_KEY", "apiKey": "x"},
        "end_user": {"id": "eu-42", "email": "eu42@example.com", "display_name": "EU 42"}}),
    )
    .await;
    let v: Value = serde_json::from_slice(&sink.wait(2).await[1].1).unwrap();
    assert_eq!(
        v["endUser"],
        json!({"endUserEmail": "eu42@example.com", "endUserId": "eu-42", "tags": {}})
    );
    assert_eq!(
        v["tags"],
        json!({"end_user_display_name": "EU 42", "end_user_email": "eu42@example.com", "end_user_id": "eu-42"})
    );

    // Re-import of the same id is an override.
    t.json(
        "POST",
        "/connections",
        json!({"provider_config_key": "airtable-test", "connection_id": "c2",
        "credentials": {"type": "API_KEY", "apiKey": "y"}}),
    )
    .await;
    let v: Value = serde_json::from_slice(&sink.wait(3).await[2].1).unwrap();
    assert_eq!(v["operation"], "override");
}

#[tokio::test]
async fn webhook_retries_on_5xx_and_logs_deliveries() {
    let sink = Sink::start().await;
    *sink.fail_first.lock().unwrap() = 2;
    let t = start().await;
    t.server.set_webhook_url(Some(&sink.url));
    t.json("POST", "/connections", json!({"provider_config_key": "airtable", "connection_id": "x", "credentials": {"type": "API_KEY", "apiKey": "k"}})).await;
    sink.wait(1).await;
    let d = t.server.webhook_deliveries();
    assert_eq!(d.len(), 1);
    // The sink has the body before the server has read the answer: wait (bounded) until
    // the delivery is recorded as finished.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !t.server.webhook_deliveries()[0].done {
        assert!(
            std::time::Instant::now() < deadline,
            "the delivery did not finish within 10 s"
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let d = &t.server.webhook_deliveries()[0];
    assert_eq!(d.attempts, 3);
    assert!(d.delivered);
    assert_eq!(d.status, Some(200));
    assert_eq!(d.kind, "auth");
    let r = t.send(t.admin("GET", "webhooks")).await;
    assert_eq!(r.json()["webhooks"][0]["attempts"], 3);
}

#[tokio::test]
async fn forwarded_provider_webhooks() {
    let sink = Sink::start().await;
    let t = start().await;
    t.server.set_webhook_url(Some(&sink.url));
    let uuid = t.server.environment_uuid();
    let payload = json!({"connectionId": "un-1", "type": "row.created", "payload": {"x": 1}});
    let r = t
        .send(
            t.http
                .post(t.url(&format!("/webhook/{uuid}/unauth")))
                .json(&payload),
        )
        .await;
    assert_eq!(r.status, 200);
    let v: Value = serde_json::from_slice(&sink.wait(1).await[0].1).unwrap();
    assert_eq!(
        v,
        json!({"connectionId": "un-1", "from": "unauthenticated", "payload": payload, "providerConfigKey": "unauth", "type": "forward"})
    );
    // Unmatched: the raw provider payload, no Nango wrapper.
    let raw = json!({"connectionId": "someone-else", "hello": "world"});
    t.send(
        t.http
            .post(t.url(&format!("/webhook/{uuid}/unauth")))
            .json(&raw),
    )
    .await;
    let v: Value = serde_json::from_slice(&sink.wait(2).await[1].1).unwrap();
    assert_eq!(v, raw);
}

#[tokio::test]
async fn rotated_signing_key_signs_new_webhooks() {
    let sink = Sink::start().await;
    let t = start().await;
    t.server.set_webhook_url(Some(&sink.url));
    let old = t.server.webhook_signing_key();
    let r = t
        .send(t.req("POST", "/environment/webhook-signing-key/rotate"))
        .await;
    assert_eq!(r.status, 200);
    let new = r.json()["data"]["webhook_signing_key"]
        .as_str()
        .unwrap()
        .to_string();
    assert_ne!(new, old);
    assert_eq!(t.server.webhook_signing_key(), new);
    t.json("POST", "/connections", json!({"provider_config_key": "airtable", "connection_id": "y", "credentials": {"type": "API_KEY", "apiKey": "k"}})).await;
    let got = sink.wait(1).await;
    assert_eq!(
        got[0].0["x-nango-hmac-sha256"],
        hmac_signature(&new, &got[0].1).as_str()
    );
    // A second rotation inside the 5-minute window is refused.
    err(
        &t.send(t.req("POST", "/environment/webhook-signing-key/rotate"))
            .await,
        409,
        "conflict",
    );
}

#[tokio::test]
async fn connect_session_auth_webhook_matches_the_real_shape() {
    let sink = Sink::start().await;
    let seed = Seed::new().integration("airtable-test", "airtable-pat");
    let t = start_with(ServerConfig::default().seed(seed).webhook_url(&sink.url)).await;
    let r = t
        .json(
            "POST",
            "/connect/sessions",
            json!({
            "end_user": {"id": "eu-42", "email": "eu42@example.com", "display_name": "EU 42"},
            "organization": {"id": "org-9", "display_name": "Org 9"}}),
        )
        .await;
    let token = r.json()["data"]["token"].as_str().unwrap().to_string();
    let r = t
        .send(
            t.http
                .post(t.url("/connect-ui/complete"))
                .json(&json!({"session_token": token, "integration": "airtable-test"})),
        )
        .await;
    assert_eq!(r.status, 201);
    let cid = r.json()["connectionId"].as_str().unwrap().to_string();
    let got = sink.wait(1).await;
    let expected = format!(
        r#"{{"authMode":"API_KEY","connectionId":"{cid}","endUser":{{"endUserEmail":"eu42@example.com","endUserId":"eu-42","organizationId":"org-9","tags":{{}}}},"environment":"dev","from":"nango","operation":"creation","provider":"airtable-pat","providerConfigKey":"airtable-test","success":true,"tags":{{"end_user_display_name":"EU 42","end_user_email":"eu42@example.com","end_user_id":"eu-42","organization_display_name":"Org 9","organization_id":"org-9"}},"type":"auth"}}"#
    );
    assert_eq!(std::str::from_utf8(&got[0].1).unwrap(), expected);
}
