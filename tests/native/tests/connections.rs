//! The native client end to end against the local Nango server, over loopback HTTP:
//! connections, metadata and connect sessions.

mod common;

use nango::error::ErrorCode;
use nango::models::connect::{CreateConnectSession, CreateReconnectSession};
use nango::models::connections::{ConnectionPatch, Token, UpsertConnection};
use nango::Error;
use serde_json::json;

fn api_key_credentials(key: &str) -> serde_json::Value {
    json!({"type": "API_KEY", "apiKey": key})
}

#[tokio::test]
async fn import_get_list_patch_delete() {
    let server = common::server().await;
    let nango = common::client(&server);
    common::integration(&nango, "airtable").await;

    let conn = nango
        .import_connection(
            UpsertConnection::new("airtable", api_key_credentials("pat-123"))
                .connection_id("user-1")
                .tags([("end_user_id", "u-1")])
                .metadata(json!({"plan": "free"})),
        )
        .await
        .unwrap();
    assert_eq!(conn.connection_id, "user-1");

    let got = nango.get_connection("airtable", "user-1").await.unwrap();
    assert_eq!(got.provider_config_key, "airtable");
    assert_eq!(
        got.credentials.api_key.as_ref().unwrap().expose_secret(),
        "pat-123"
    );
    assert_eq!(got.metadata["plan"], "free");

    match nango.get_token("airtable", "user-1").await.unwrap() {
        Token::Credentials(c) => assert_eq!(c.api_key.unwrap().expose_secret(), "pat-123"),
        other => panic!("{other:?}"),
    }

    let list = nango
        .list_connections()
        .tag("end_user_id", "u-1")
        .await
        .unwrap();
    assert_eq!(list.connections.len(), 1);
    let none = nango
        .list_connections()
        .tag("end_user_id", "nobody")
        .await
        .unwrap();
    assert!(none.connections.is_empty());

    let ok = nango
        .patch_connection(
            "airtable",
            "user-1",
            ConnectionPatch::default().tag("end_user_id", "u-2"),
        )
        .await
        .unwrap();
    assert!(ok.success);
    let list = nango
        .list_connections()
        .tag("end_user_id", "u-2")
        .await
        .unwrap();
    assert_eq!(list.connections.len(), 1);

    nango.delete_connection("airtable", "user-1").await.unwrap();
    let err = nango
        .get_connection("airtable", "user-1")
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(http::StatusCode::NOT_FOUND));
    let again = nango
        .delete_connection("airtable", "user-1")
        .await
        .unwrap_err();
    let api = again.as_api().unwrap();
    assert_eq!(
        (api.status, api.error_code()),
        (
            http::StatusCode::BAD_REQUEST,
            Some(ErrorCode::UnknownConnection)
        )
    );
    // sent once: a delete is not blindly retried
    let deletes = server
        .requests()
        .iter()
        .filter(|r| r.method == "DELETE")
        .count();
    assert_eq!(deletes, 2);
}

#[tokio::test]
async fn awkward_ids_round_trip() {
    let server = common::server().await;
    let nango = common::client(&server);
    common::integration(&nango, "odd key.@~:-_").await;
    for id in [
        "a/b",
        "q?x=1&y=2",
        "hash#frag",
        "100% sure",
        "spaces in id",
        "ünïcødé-日本語",
        "+plus+",
        "...",
    ] {
        nango
            .import_connection(
                UpsertConnection::new("odd key.@~:-_", api_key_credentials("k")).connection_id(id),
            )
            .await
            .unwrap_or_else(|e| panic!("{id}: {e}"));
        let got = nango
            .get_connection("odd key.@~:-_", id)
            .await
            .unwrap_or_else(|e| panic!("{id}: {e}"));
        assert_eq!(got.connection_id, id);
        nango
            .set_metadata("odd key.@~:-_", id, json!({"id": id}))
            .await
            .unwrap();
        let meta: serde_json::Value = nango.get_metadata("odd key.@~:-_", id).await.unwrap();
        assert_eq!(meta["id"], id);
        nango.delete_connection("odd key.@~:-_", id).await.unwrap();
    }
}

#[tokio::test]
async fn metadata_set_and_merge_on_one_and_many() {
    let server = common::server().await;
    let nango = common::client(&server);
    common::integration(&nango, "airtable").await;
    for id in ["a", "b"] {
        nango
            .import_connection(
                UpsertConnection::new("airtable", api_key_credentials("k")).connection_id(id),
            )
            .await
            .unwrap();
    }
    let set = nango
        .set_metadata("airtable", "a", json!({"plan": "pro", "seats": 1}))
        .await
        .unwrap();
    assert_eq!(set.metadata["plan"], "pro");
    nango
        .update_metadata("airtable", "a", json!({"seats": 5}))
        .await
        .unwrap();
    let meta: serde_json::Value = nango.get_metadata("airtable", "a").await.unwrap();
    assert_eq!(meta, json!({"plan": "pro", "seats": 5}));

    nango
        .set_metadata("airtable", ["a", "b"], json!({"team": "x"}))
        .await
        .unwrap();
    for id in ["a", "b"] {
        let meta: serde_json::Value = nango.get_metadata("airtable", id).await.unwrap();
        assert_eq!(meta, json!({"team": "x"}), "{id}: set replaces");
    }
    nango
        .update_metadata("airtable", vec!["a", "b"], json!({"n": 1}))
        .await
        .unwrap();
    let meta: serde_json::Value = nango.get_metadata("airtable", "b").await.unwrap();
    assert_eq!(meta, json!({"team": "x", "n": 1}));

    #[derive(serde::Deserialize)]
    struct Typed {
        team: String,
        n: u32,
    }
    let typed: Typed = nango.get_metadata("airtable", "a").await.unwrap();
    assert_eq!((typed.team.as_str(), typed.n), ("x", 1));
}

#[tokio::test]
async fn connect_sessions() {
    let server = common::server().await;
    let nango = common::client(&server);
    common::integration(&nango, "airtable").await;
    let session = nango
        .create_connect_session(
            CreateConnectSession::default()
                .tag("end_user_id", "u-1")
                .allowed_integrations(["airtable"]),
        )
        .await
        .unwrap();
    assert!(!session.token.expose_secret().is_empty());
    assert!(session.connect_link.is_some());
    let details = nango
        .get_connect_session(session.token.expose_secret())
        .await
        .unwrap();
    assert_eq!(details.tags.unwrap()["end_user_id"], "u-1");
    assert_eq!(
        details.allowed_integrations,
        Some(vec!["airtable".to_owned()])
    );
    assert!(!details.is_reconnecting);
    nango
        .delete_connect_session(session.token.expose_secret())
        .await
        .unwrap();
    let gone = nango
        .get_connect_session(session.token.expose_secret())
        .await
        .unwrap_err();
    assert_eq!(gone.status(), Some(http::StatusCode::UNAUTHORIZED));
    assert_eq!(
        gone.as_api().unwrap().error_code(),
        Some(ErrorCode::UnknownConnectSessionToken)
    );

    nango
        .import_connection(
            UpsertConnection::new("airtable", api_key_credentials("k")).connection_id("c1"),
        )
        .await
        .unwrap();
    let reconnect = nango
        .create_reconnect_session(CreateReconnectSession::new("c1", "airtable"))
        .await;
    // the real server only reconnects connections made through a connect session;
    // either answer is a typed result, never a panic
    match reconnect {
        Ok(s) => assert!(!s.expires_at.is_empty()),
        Err(e) => assert!(e.status().is_some(), "{e}"),
    }
}

#[tokio::test]
async fn wait_for_connection_finds_it() {
    let server = common::server().await;
    let nango = common::client(&server);
    common::integration(&nango, "airtable").await;
    // Up to 500 looks, 20 ms apart: a bound of about 10 s.
    let patient = nango::client::WaitOptions {
        attempts: 500,
        first_delay: std::time::Duration::from_millis(20),
        delay: std::time::Duration::from_millis(20),
    };
    // The connection is made once the waiter has looked for it in vain (its first list is
    // in the server's request record), not after a fixed sleep that a slow machine
    // could outlast.
    let creator = async {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while !server
            .requests()
            .iter()
            .any(|r| r.method == "GET" && r.path == "/connections")
        {
            assert!(
                std::time::Instant::now() < deadline,
                "the waiter never listed the connections"
            );
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        }
        nango
            .import_connection(
                UpsertConnection::new("airtable", json!({"type": "API_KEY", "apiKey": "k"}))
                    .connection_id("late")
                    .tags([("end_user_id", "waiting-user")]),
            )
            .await
            .unwrap();
    };
    let (found, ()) = tokio::join!(
        nango.wait_for_connection_with("airtable", "waiting-user", &patient),
        creator
    );
    assert_eq!(found.unwrap().connection_id, "late");

    let short = nango::client::WaitOptions {
        attempts: 2,
        ..patient
    };
    let err = nango
        .wait_for_connection_with("airtable", "nobody", &short)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::WaitTimeout(_)));
}

#[tokio::test]
async fn auth_errors_are_typed() {
    let server = common::server().await;
    let wrong = nango::Nango::builder()
        .api_key("00000000-0000-4000-8000-000000000000")
        .host(server.base_url())
        .build()
        .unwrap();
    let err = wrong.list_connections().await.unwrap_err();
    assert_eq!(
        err.as_api().unwrap().error_code(),
        Some(ErrorCode::UnknownAccount)
    );
    let malformed = nango::Nango::builder()
        .api_key("not-a-uuid")
        .host(server.base_url())
        .build()
        .unwrap();
    let err = malformed.list_connections().await.unwrap_err();
    assert_eq!(
        err.as_api().unwrap().error_code(),
        Some(ErrorCode::InvalidSecretKeyFormat)
    );
    assert!(
        !format!("{err:?}{err}").contains("not-a-uuid"),
        "the key never shows"
    );
}

#[tokio::test]
async fn bad_input_reaches_no_server() {
    let server = common::server().await;
    let nango = common::client(&server);
    server.clear_requests();
    let errors = vec![
        nango.get_connection("", "c").await.unwrap_err(),
        nango.get_connection("p", "").await.unwrap_err(),
        nango.get_connection("p", "..").await.unwrap_err(),
        nango.delete_connection("p", "").await.unwrap_err(),
        nango
            .set_metadata("p", Vec::<String>::new(), json!({}))
            .await
            .unwrap_err(),
        nango.get_connect_session("x\r\ny").await.unwrap_err(),
        nango
            .import_connection(UpsertConnection::new("", json!({})))
            .await
            .unwrap_err(),
    ];
    for e in errors {
        assert!(matches!(e, Error::InvalidInput(_)), "{e:?}");
    }
    assert!(server.requests().is_empty(), "nothing was sent");
    for (key, host) in [
        ("", "http://127.0.0.1:1"),
        ("k", "ftp://x"),
        ("k", "http://a b"),
        ("k\n", "http://127.0.0.1:1"),
    ] {
        assert!(nango::Nango::builder()
            .api_key(key)
            .host(host)
            .build()
            .is_err());
    }
}

#[tokio::test]
async fn futures_work_in_spawned_tasks() {
    let server = common::server().await;
    let nango = common::client(&server);
    let handles: Vec<_> = (0..8)
        .map(|_| {
            let nango = nango.clone();
            tokio::spawn(async move { nango.list_connections().limit(10).await })
        })
        .collect();
    for h in handles {
        h.await.unwrap().unwrap();
    }
}
