//! The native client end to end against the local Nango server: the proxy (with a
//! real upstream on loopback), actions (sync and async), syncs, and records.

mod common;

use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::routing::any;
use axum::Router;
use futures_util::StreamExt;
use nango::models::actions::ActionWaitOptions;
use nango::models::connections::UpsertConnection;
use nango::models::records::RecordFilter;
use nango::models::syncs::SyncRef;
use nango::ops::records::ListRecords;
use nango::Nango;
use nango_local_server::LocalServer;
use serde_json::{json, Value};

type Seen = Arc<Mutex<Vec<(Method, String, HeaderMap, Bytes)>>>;

/// An upstream API on loopback that records what the proxy forwards and answers
/// binary for `/binary`, a 418 for `/teapot`, JSON otherwise.
async fn upstream() -> (String, Seen) {
    let seen: Seen = Arc::default();
    let state = seen.clone();
    let app = Router::new().fallback(any(
        move |method: Method, uri: Uri, headers: HeaderMap, body: Bytes| {
            let state = state.clone();
            async move {
                state
                    .lock()
                    .unwrap()
                    .push((method, uri.to_string(), headers, body));
                match uri.path() {
                    "/binary" => (
                        StatusCode::OK,
                        [("content-type", "application/octet-stream")],
                        Bytes::from_static(&[0, 159, 146, 150, 255]),
                    ),
                    "/teapot" => (
                        StatusCode::IM_A_TEAPOT,
                        [("content-type", "text/plain")],
                        Bytes::from_static(b"short and stout"),
                    ),
                    _ => (
                        StatusCode::OK,
                        [("content-type", "application/json")],
                        Bytes::from_static(br#"{"ok":true}"#),
                    ),
                }
            }
        },
    ));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        axum::serve(listener, app).await.unwrap();
    });
    (url, seen)
}

async fn setup() -> (LocalServer, Nango) {
    let server = common::server().await;
    let nango = common::client(&server);
    common::integration(&nango, "airtable").await;
    nango
        .import_connection(
            UpsertConnection::new("airtable", json!({"type": "API_KEY", "apiKey": "pat-xyz"}))
                .connection_id("c1"),
        )
        .await
        .unwrap();
    (server, nango)
}

#[tokio::test]
async fn proxy_every_verb_header_and_body() {
    let (_server, nango) = setup().await;
    let (url, seen) = upstream().await;

    let resp = nango
        .get("/v1/items?existing=1")
        .provider_config_key("airtable")
        .connection_id("c1")
        .base_url_override(&url)
        .header("X-Custom", "yes")
        .param("page", "2")
        .await
        .unwrap();
    assert_eq!(resp.status, 200);
    assert_eq!(resp.json::<Value>().unwrap(), json!({"ok": true}));
    {
        let seen = seen.lock().unwrap();
        let (method, uri, headers, _) = seen.last().unwrap();
        assert_eq!(method, Method::GET);
        assert!(
            uri.starts_with("/v1/items?") && uri.contains("existing=1") && uri.contains("page=2"),
            "{uri}"
        );
        assert_eq!(
            headers["x-custom"], "yes",
            "Nango-Proxy-X-Custom reaches the upstream unprefixed"
        );
        assert_eq!(
            headers["authorization"], "Bearer pat-xyz",
            "credentials injected"
        );
    }

    for (method, verb) in [
        (Method::POST, "post"),
        (Method::PUT, "put"),
        (Method::PATCH, "patch"),
        (Method::DELETE, "delete"),
    ] {
        let call = match verb {
            "post" => nango.post("/things"),
            "put" => nango.put("/things"),
            "patch" => nango.patch("/things"),
            _ => nango.delete("/things"),
        };
        let resp = call
            .provider_config_key("airtable")
            .connection_id("c1")
            .base_url_override(&url)
            .json(&json!({"verb": verb}))
            .await
            .unwrap();
        assert_eq!(resp.status, 200);
        let seen = seen.lock().unwrap();
        let (m, _, headers, body) = seen.last().unwrap();
        assert_eq!(m, method);
        assert_eq!(headers["content-type"], "application/json");
        assert_eq!(
            serde_json::from_slice::<Value>(body).unwrap(),
            json!({"verb": verb})
        );
    }

    // raw bytes both ways, binary-safe
    let payload = vec![0u8, 1, 2, 254, 255];
    let resp = nango
        .post("/binary")
        .provider_config_key("airtable")
        .connection_id("c1")
        .base_url_override(&url)
        .header("Content-Type", "application/octet-stream")
        .body(payload.clone())
        .await
        .unwrap();
    assert_eq!(resp.body.as_ref(), &[0, 159, 146, 150, 255]);
    assert_eq!(
        seen.lock().unwrap().last().unwrap().3.as_ref(),
        payload.as_slice()
    );

    // an upstream error comes back with its status, headers and body
    let err = nango
        .get("/teapot")
        .provider_config_key("airtable")
        .connection_id("c1")
        .base_url_override(&url)
        .await
        .unwrap_err();
    let api = err.as_api().unwrap();
    assert_eq!(
        (api.status, api.body_text().as_str()),
        (http::StatusCode::IM_A_TEAPOT, "short and stout")
    );

    // the config's defaults stand in for missing ids
    let defaults = Nango::builder()
        .api_key(_server.api_key())
        .host(_server.base_url())
        .provider_config_key("airtable")
        .connection_id("c1")
        .build()
        .unwrap();
    assert_eq!(
        defaults
            .get("/x")
            .base_url_override(&url)
            .await
            .unwrap()
            .status,
        200
    );
    // and without ids at all, nothing is sent
    let err = nango.get("/x").base_url_override(&url).await.unwrap_err();
    assert!(matches!(err, nango::Error::InvalidInput(_)), "{err:?}");
}

#[tokio::test]
async fn actions_sync_async_and_failures() {
    let (server, nango) = setup().await;
    let out: Value = nango
        .trigger_action("airtable", "c1", "echo", json!({"n": 1}))
        .await
        .unwrap();
    assert_eq!(out, json!({"n": 1}));
    let err = nango
        .trigger_action::<_, Value>("airtable", "c1", "fail", json!({}))
        .await
        .unwrap_err();
    assert_eq!(
        err.as_api().unwrap().code.as_deref(),
        Some("action_script_failure")
    );
    let err = nango
        .trigger_action::<_, Value>("airtable", "c1", "nope", json!({}))
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(http::StatusCode::NOT_FOUND));

    server.register_action("airtable", "double", |input| {
        Ok(json!({"v": input["v"].as_i64().unwrap_or(0) * 2}))
    });
    #[derive(serde::Deserialize)]
    struct Doubled {
        v: i64,
    }
    let d: Doubled = nango
        .trigger_action("airtable", "c1", "double", json!({"v": 21}))
        .await
        .unwrap();
    assert_eq!(d.v, 42);

    // The action runs until the gate is opened: it is still running when its result is
    // first asked for, however slow the machine.
    let gate = common::gated_action(&server, "airtable", "gated");
    let handle = nango
        .trigger_action_async("airtable", "c1", "gated", json!({"n": 1}))
        .max_retries(2)
        .await
        .unwrap();
    assert!(handle.status_url.starts_with("/action/"));
    let early = nango
        .get_async_action_result::<Value>(&handle)
        .await
        .unwrap_err();
    assert_eq!(
        early.status(),
        Some(http::StatusCode::NOT_FOUND),
        "404 while running"
    );
    gate.send(()).unwrap();
    let fast = ActionWaitOptions::default()
        .initial_delay(std::time::Duration::from_millis(20))
        .max_delay(std::time::Duration::from_millis(100))
        .timeout(std::time::Duration::from_secs(10));
    let _done: Value = nango.wait_for_action_result(&handle, &fast).await.unwrap();
    let out: Value = nango
        .trigger_action_and_wait("airtable", "c1", "echo", json!({"z": 9}), &fast)
        .await
        .unwrap();
    assert_eq!(out, json!({"z": 9}));
    let failed = nango
        .trigger_action_and_wait::<_, Value>("airtable", "c1", "fail", json!({}), &fast)
        .await
        .unwrap_err();
    assert_eq!(
        failed.status(),
        Some(http::StatusCode::INTERNAL_SERVER_ERROR),
        "an async failure is the 500 of GET /action/{{id}}"
    );
}

#[tokio::test]
async fn syncs_lifecycle() {
    let (server, nango) = setup().await;
    server.clear_webhook_deliveries();
    nango
        .trigger_sync("airtable", ["items"])
        .connection_id("c1")
        .await
        .unwrap();
    nango
        .trigger_sync("airtable", ["items"])
        .connection_id("c1")
        .reset(true)
        .empty_cache(true)
        .await
        .unwrap();
    nango
        .trigger_sync(
            "airtable",
            [SyncRef::Variant {
                name: "items".into(),
                variant: "base".into(),
            }],
        )
        .connection_id("c1")
        .await
        .unwrap();
    nango
        .pause_sync("airtable", ["items"])
        .connection_id("c1")
        .await
        .unwrap();
    nango
        .start_sync("airtable", ["items"])
        .connection_id("c1")
        .await
        .unwrap();
    let status = nango
        .sync_status("airtable", "*")
        .connection_id("c1")
        .await
        .unwrap();
    assert!(status.syncs.iter().any(|s| s.name == "items"), "{status:?}");
    let freq = nango
        .update_sync_connection_frequency("airtable", "items", "c1", Some("every 30 minutes"))
        .await
        .unwrap();
    let _ = format!("{freq:?}");
    nango
        .update_sync_connection_frequency("airtable", "items", "c1", None)
        .await
        .unwrap();
    let v = nango
        .create_sync_variant("airtable", "c1", "items", "eu")
        .await
        .unwrap();
    assert_eq!(v.variant, "eu");
    assert!(
        nango
            .delete_sync_variant("airtable", "c1", "items", "eu")
            .await
            .unwrap()
            .success
    );
    // every triggered run produced a signed `sync` webhook (no receiver configured:
    // the server still records its delivery attempts)
    let deliveries = server.webhook_deliveries();
    let _ = format!("{deliveries:?}");
}

#[tokio::test]
async fn records_pages_filters_and_prune() {
    let (server, nango) = setup().await;
    let records: Vec<Value> = (0..25)
        .map(|i| json!({"id": format!("r{i:02}"), "n": i}))
        .collect();
    server.seed_records("airtable", "c1", "Item", None, records);

    let page = nango
        .list_records::<Value>("airtable", "c1", "Item")
        .limit(10)
        .await
        .unwrap();
    assert_eq!(page.records.len(), 10);
    let cursor = page.next_cursor.clone().expect("more pages");
    let next = nango
        .list_records::<Value>("airtable", "c1", "Item")
        .limit(10)
        .cursor(cursor)
        .await
        .unwrap();
    assert_eq!(next.records[0].data["id"], "r10");

    let some = nango
        .list_records::<Value>("airtable", "c1", "Item")
        .ids(["r03", "r07"])
        .await
        .unwrap();
    assert_eq!(some.records.len(), 2);
    let added = nango
        .list_records::<Value>("airtable", "c1", "Item")
        .filter([RecordFilter::Added])
        .limit(100)
        .await
        .unwrap();
    assert_eq!(added.records.len(), 25);

    #[derive(serde::Deserialize)]
    struct Item {
        id: String,
        n: u32,
    }
    let all: Vec<_> = nango
        .records_stream::<Item>(ListRecords::new("airtable", "c1", "Item").limit(7))
        .collect()
        .await;
    assert_eq!(all.len(), 25);
    let items: Vec<Item> = all.into_iter().map(|r| r.unwrap().data).collect();
    assert!(items
        .iter()
        .enumerate()
        .all(|(i, it)| it.n as usize == i && it.id == format!("r{i:02}")));

    let pruned = nango
        .prune_records(
            "airtable",
            "c1",
            "Item",
            page.records[9].metadata.cursor.as_str(),
        )
        .await
        .unwrap();
    assert!(pruned.count >= 1, "{pruned:?}");

    let conns: Vec<_> = nango
        .connections_stream(nango::ops::connections::ListConnections::new().limit(1))
        .collect()
        .await;
    assert_eq!(conns.len(), 1);
}
