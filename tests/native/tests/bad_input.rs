//! The bad-input suite: every public entry point of the native client refuses
//! empty ids, dot segments, CR/LF in header values, out-of-range values, values
//! that cannot be encoded, and invalid configuration, with a typed
//! `Error::InvalidInput` — and sends nothing (the local server's request record
//! stays empty).

mod common;

use std::collections::HashMap;

use nango::error::InvalidReason;
use nango::models::actions::ActionRef;
use nango::models::connect::CreateReconnectSession;
use nango::models::connections::{ConnectionPatch, UpsertConnection};
use nango::models::functions::FunctionType;
use nango::models::integrations::{IntegrationPatch, NewIntegration};
use nango::ops::connections::ListConnections;
use nango::ops::records::ListRecords;
use nango::{Error, Nango};
use serde_json::{json, Value};

fn reason(e: &Error) -> InvalidReason {
    match e {
        Error::InvalidInput(i) => i.reason,
        other => panic!("expected Error::InvalidInput, got {other:?}"),
    }
}

/// Awaits each call, checks it was refused with the expected reason.
macro_rules! refuse {
    ($reason:expr, $($call:expr),+ $(,)?) => {{
        $(
            let result = $call.await;
            match result {
                Ok(_) => panic!("accepted: {}", stringify!($call)),
                Err(e) => assert_eq!(reason(&e), $reason, "{}: {e}", stringify!($call)),
            }
        )+
    }};
}

#[tokio::test]
async fn every_entry_point_refuses_bad_input_and_sends_nothing() {
    use InvalidReason::*;
    let server = common::server().await;
    let n = common::client(&server);
    server.clear_requests();
    let crlf = "user\r\nX-Injected: 1";

    // connections, metadata, connect sessions
    refuse!(
        Empty,
        n.get_connection("", "c"),
        n.get_connection("p", ""),
        n.get_token("", "c"),
        n.get_token("p", "").force_refresh(true),
        n.get_raw_token_response::<Value>("p", ""),
        n.get_metadata::<Value>("", "c"),
        n.import_connection(UpsertConnection::new("", json!({}))),
        n.import_connection(UpsertConnection::new("p", json!({})).connection_id("")),
        n.patch_connection("p", "", ConnectionPatch::default()),
        n.patch_connection("", "c", ConnectionPatch::default()),
        n.delete_connection("p", ""),
        n.delete_connection("", "c"),
        n.set_metadata("p", "", json!({})),
        n.set_metadata("", "c", json!({})),
        n.set_metadata("p", Vec::<String>::new(), json!({})),
        n.update_metadata("p", vec!["a", ""], json!({})),
        n.wait_for_connection("", "u"),
        n.wait_for_connection("p", ""),
        n.create_reconnect_session(CreateReconnectSession::new("", "i")),
        n.create_reconnect_session(CreateReconnectSession::new("c", "")),
        n.get_connect_session(""),
        n.delete_connect_session(""),
    );
    refuse!(
        DotSegment,
        n.get_connection("p", ".."),
        n.get_connection("p", "."),
        n.delete_connection("p", ".."),
        n.patch_connection("p", "..", ConnectionPatch::default()),
    );
    refuse!(
        ControlCharacter,
        n.get_connect_session(crlf),
        n.delete_connect_session("a\nb")
    );
    refuse!(
        InvalidValue,
        n.set_metadata("p", "c", json!(["not", "an", "object"])),
        n.update_metadata("p", "c", json!("text")),
        n.list_connections().limit(0),
        n.list_connections().limit(2001),
    );
    // a value serde cannot encode as JSON (non-string map keys)
    let unencodable: HashMap<(u8, u8), u8> = [((1, 2), 3)].into();
    refuse!(InvalidValue, n.set_metadata("p", "c", &unencodable));

    // providers, integrations, functions
    refuse!(
        Empty,
        n.get_provider(""),
        n.get_provider_templates(""),
        n.get_integration(""),
        n.update_integration("", IntegrationPatch::default()),
        n.delete_integration(""),
        n.list_functions(""),
        n.get_function("", "f"),
        n.get_function("k", ""),
        n.get_function_code("k", ""),
        n.delete_function("", "f", FunctionType::Sync),
        n.create_integration(NewIntegration::new("", "k")),
        n.create_integration(NewIntegration::new("github", "")),
        n.get_function_dryrun(""),
        n.get_function_deployment(""),
    );
    refuse!(
        DotSegment,
        n.get_integration(".."),
        n.get_provider(".."),
        n.delete_integration(".")
    );

    // records, syncs, actions: ids that go into headers refuse CR/LF too
    refuse!(
        Empty,
        n.list_records::<Value>("", "c", "M"),
        n.list_records::<Value>("p", "", "M"),
        n.list_records::<Value>("p", "c", ""),
        n.prune_records("p", "c", "M", ""),
        n.prune_records("p", "", "M", "cur"),
        n.trigger_sync("", ["s"]),
        n.start_sync("", ["s"]),
        n.pause_sync("", ["s"]),
        n.sync_status("", "*"),
        n.update_sync_connection_frequency("p", "s", "", Some("every hour")),
        n.create_sync_variant("p", "c", "", "v"),
        n.create_sync_variant("p", "c", "s", ""),
        n.delete_sync_variant("p", "", "s", "v"),
        n.trigger_action::<_, Value>("p", "", "a", json!({})),
        n.trigger_action::<_, Value>("p", "c", "", json!({})),
        n.trigger_action_async("", "c", "a", json!({})),
        n.get_async_action_result::<Value>(ActionRef::id("")),
    );
    refuse!(
        ControlCharacter,
        n.list_records::<Value>("p", crlf, "M"),
        n.list_records::<Value>(crlf, "c", "M"),
        n.prune_records("p", crlf, "M", "cur"),
        n.trigger_action::<_, Value>("p", crlf, "a", json!({})),
        n.trigger_action_async(crlf, "c", "a", json!({})),
    );
    refuse!(
        DotSegment,
        n.create_sync_variant("p", "c", "..", "v"),
        n.get_async_action_result::<Value>(ActionRef::id(".."))
    );
    refuse!(
        InvalidValue,
        n.list_records::<Value>("p", "c", "M").limit(0),
        n.list_records::<Value>("p", "c", "M").limit(10_001),
        n.list_records::<Value>("p", "c", "M")
            .ids((0..101).map(|i| i.to_string())),
        n.trigger_action_async("p", "c", "a", json!({}))
            .max_retries(6),
        // a status URL must be a path on the configured host, never another host
        n.get_async_action_result::<Value>(ActionRef::status_url("https://evil.example/action/1")),
    );

    // the proxy: missing ids, CR/LF in ids and custom headers, bad header names,
    // a string query on an endpoint that already has one
    refuse!(
        Missing,
        n.get("/x"),
        n.get("/x").connection_id("c"),
        n.get("/x").provider_config_key("p")
    );
    refuse!(
        ControlCharacter,
        n.get("/x").provider_config_key("p").connection_id(crlf),
        n.get("/x")
            .provider_config_key("p")
            .connection_id("c")
            .header("X-A", "v\r\nEvil: 1"),
        n.get("/x")
            .provider_config_key("p")
            .connection_id("c")
            .header("Bad Name", "v"),
        n.get("/x")
            .provider_config_key("p")
            .connection_id("c")
            .base_url_override("http://a\r\n"),
    );
    refuse!(
        Conflict,
        n.get("/x?a=1")
            .provider_config_key("p")
            .connection_id("c")
            .query_string("b=2")
    );

    assert!(
        server.requests().is_empty(),
        "nothing reached the server: {:?}",
        server.requests().len()
    );
}

#[tokio::test]
async fn operations_built_by_hand_are_checked_too() {
    let server = common::server().await;
    let n = common::client(&server);
    server.clear_requests();
    let err = n
        .send(&ListConnections::new().limit(5000))
        .await
        .unwrap_err();
    assert_eq!(reason(&err), InvalidReason::InvalidValue);
    let err = n
        .send(&ListRecords::new("p", "c", "").typed::<Value>())
        .await
        .unwrap_err();
    assert_eq!(reason(&err), InvalidReason::Empty);
    assert!(server.requests().is_empty());
}

#[test]
fn configuration_is_checked_before_any_request() {
    #[allow(deprecated)]
    let both = Nango::builder()
        .api_key("a")
        .secret_key("b")
        .build()
        .unwrap_err();
    assert_eq!(reason(&both), InvalidReason::Conflict);
    assert_eq!(
        reason(&Nango::builder().build().unwrap_err()),
        InvalidReason::Missing
    );
    assert_eq!(
        reason(&Nango::builder().api_key("").build().unwrap_err()),
        InvalidReason::Empty
    );
    assert_eq!(
        reason(&Nango::builder().api_key("k\r\n").build().unwrap_err()),
        InvalidReason::ControlCharacter
    );
    for host in [
        "",
        "localhost:3003",
        "ftp://x",
        "http://",
        "http://a b",
        "http://x/\r\n",
        "http://x?q",
        "http://u:p@x",
        "not a url",
    ] {
        let e = Nango::builder()
            .api_key("k")
            .host(host)
            .build()
            .unwrap_err();
        assert_eq!(reason(&e), InvalidReason::InvalidUrl, "{host:?}");
    }
    let e = Nango::builder()
        .api_key("k")
        .user_agent_suffix("x\ny")
        .build()
        .unwrap_err();
    assert_eq!(reason(&e), InvalidReason::ControlCharacter);
    let e = Nango::builder()
        .api_key("k")
        .connection_id("c\r\n")
        .build()
        .unwrap_err();
    assert_eq!(reason(&e), InvalidReason::ControlCharacter);
    // the message names the field, never the value
    let e = Nango::builder()
        .api_key("sk-very-secret\n")
        .build()
        .unwrap_err();
    assert!(!format!("{e}{e:?}").contains("very-secret"));
}
