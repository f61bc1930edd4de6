//! wasm-bindgen-test suite: the package's Rust side in a real JavaScript engine,
//! over loopback HTTP to the local Nango server. `cargo xtask wasm-test` runs it
//! in Node and in headless Chromium (`WASM_BINDGEN_USE_BROWSER=1`); the server's
//! address comes in at compile time (`NANGO_TEST_HOST`, `NANGO_TEST_API_KEY`),
//! since a browser has no environment.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use js_sys::{Array, Object, Promise, Reflect};
use nango_core::ops::connections::ListConnections;
use nango_core::transport::Transport;
use nango_core::Client;
use nango_wasm::{FetchTransport, Nango};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::wasm_bindgen_test;

/// The local server's address, set at build time (see the module docs).
const HOST: Option<&str> = option_env!("NANGO_TEST_HOST");
/// Its API key.
const API_KEY: Option<&str> = option_env!("NANGO_TEST_API_KEY");

fn host() -> &'static str {
    match HOST {
        Some(h) => h,
        None => panic!("build with NANGO_TEST_HOST set (cargo xtask wasm-test does)"),
    }
}

fn api_key() -> &'static str {
    match API_KEY {
        Some(k) => k,
        None => panic!("build with NANGO_TEST_API_KEY set (cargo xtask wasm-test does)"),
    }
}

fn obj(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = Object::new();
    for (k, v) in pairs {
        Reflect::set(&o, &JsValue::from_str(k), v).unwrap();
    }
    o.into()
}

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).unwrap()
}

fn nango() -> Nango {
    Nango::new(obj(&[
        ("apiKey", api_key().into()),
        ("host", host().into()),
    ]))
    .expect("a client")
}

async fn wait(p: Promise) -> Result<JsValue, JsValue> {
    JsFuture::from(p).await
}

#[wasm_bindgen_test]
async fn lists_connections_as_plain_objects() {
    let list =
        wait(nango().list_connections(JsValue::UNDEFINED, JsValue::UNDEFINED, JsValue::UNDEFINED))
            .await
            .unwrap();
    let connections = get(&list, "connections");
    assert!(Array::is_array(&connections));
    let first = Array::from(&connections).get(0);
    assert!(get(&first, "connection_id").is_string());
    // Objects, not Maps: what JSON.parse gives.
    assert!(!first.is_instance_of::<js_sys::Map>());
}

#[wasm_bindgen_test]
async fn api_errors_are_nango_errors() {
    let err = wait(nango().get_connection(
        "github".into(),
        "no-such-connection".into(),
        JsValue::UNDEFINED,
        JsValue::UNDEFINED,
        JsValue::UNDEFINED,
    ))
    .await
    .unwrap_err();
    assert!(err.is_instance_of::<js_sys::Error>());
    assert_eq!(get(&err, "name"), "NangoError");
    assert_eq!(get(&err, "kind"), "api");
    assert_eq!(get(&err, "status"), 404);
    assert_eq!(get(&err, "code"), "not_found");
    assert!(get(&err, "body").as_string().unwrap().contains("not_found"));
    assert_eq!(get(&get(&err, "response"), "status"), 404);
}

#[wasm_bindgen_test]
async fn invalid_input_is_refused_before_sending() {
    let err = wait(nango().get_connection(
        "github".into(),
        "".into(),
        JsValue::UNDEFINED,
        JsValue::UNDEFINED,
        JsValue::UNDEFINED,
    ))
    .await
    .unwrap_err();
    assert_eq!(get(&err, "kind"), "invalid_input");
}

#[wasm_bindgen_test]
fn construction_errors_match_the_official_sdk() {
    let both = Nango::new(obj(&[("apiKey", "a".into()), ("secretKey", "b".into())]))
        .err()
        .unwrap();
    assert_eq!(
        get(&both, "message"),
        "You must specify only one of apiKey or secretKey, not both (cf. documentation)."
    );
    assert!(Nango::new(obj(&[])).is_err());
    assert!(Nango::new(obj(&[("apiKey", "k".into()), ("host", "ftp://x".into())])).is_err());
}

#[wasm_bindgen_test]
async fn list_integrations_returns_configs() {
    let list = wait(nango().list_integrations()).await.unwrap();
    assert!(Array::is_array(&get(&list, "configs")));
}

/// Seeds `count` records of `model` through the server's admin API.
async fn seed(model: &str, count: u32) {
    let body = format!(
        r#"{{"provider_config_key":"github","connection_id":"demo-github","model":"{model}","generate":{count}}}"#
    );
    let request = http::Request::post(format!("{}/_admin/records", host()))
        .header("content-type", "application/json")
        .body(bytes::Bytes::from(body))
        .unwrap();
    let response = FetchTransport::default().send(request, None).await.unwrap();
    assert!(response.status().is_success(), "{:?}", response.body());
}

#[wasm_bindgen_test]
async fn records_iterate_across_pages() {
    seed("WasmItem", 5).await;
    let config = obj(&[
        ("providerConfigKey", "github".into()),
        ("connectionId", "demo-github".into()),
        ("model", "WasmItem".into()),
        ("limit", 2.into()),
    ]);
    let iter = nango().records_iterator(config).unwrap();
    let next = get(&iter, "next").dyn_into::<js_sys::Function>().unwrap();
    let mut ids = Vec::new();
    loop {
        let step = wait(next.call0(&iter).unwrap().into()).await.unwrap();
        if get(&step, "done").as_bool() == Some(true) {
            break;
        }
        ids.push(get(&get(&step, "value"), "id").as_string().unwrap());
    }
    assert!(ids.len() >= 5, "{ids:?}");
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "each record once");
}

#[wasm_bindgen_test]
async fn the_core_client_runs_over_fetch() {
    // The typed core client, over the same transport.
    let client = Client::<FetchTransport>::builder()
        .api_key(api_key())
        .host(host())
        .build()
        .unwrap();
    let list = client.send(&ListConnections::new().limit(2)).await.unwrap();
    assert!(list.connections.len() <= 2);
    let t = FetchTransport::default();
    let before = t.now();
    t.sleep(Duration::from_millis(20)).await;
    assert!(t.now() >= before + Duration::from_millis(15));
    let r = t.random();
    assert!((0.0..1.0).contains(&r));
}

#[wasm_bindgen_test]
async fn connection_failures_are_transport_errors() {
    let n = Nango::new(obj(&[
        ("apiKey", api_key().into()),
        ("host", "http://127.0.0.1:9".into()),
        ("retry", false.into()),
    ]))
    .unwrap();
    let err = wait(n.list_integrations()).await.unwrap_err();
    assert_eq!(get(&err, "kind"), "transport");
}

#[wasm_bindgen_test]
fn verifies_webhook_signatures() {
    let n = Nango::new(obj(&[
        ("apiKey", "k".into()),
        ("webhookSigningKey", "secret".into()),
    ]))
    .unwrap();
    let body = r#"{"from":"nango","type":"auth"}"#;
    let sig = nango_core::webhook::sign_payload(b"secret", body.as_bytes());
    let headers = obj(&[("X-Nango-Hmac-Sha256", sig.clone().into())]);
    assert!(n.verify_incoming_webhook_request(body.into(), headers.clone()));
    assert!(!n.verify_incoming_webhook_request("{}".into(), headers));
}
