//! wasm-bindgen-test suite: the package's Rust side in a real JavaScript engine,
//! over loopback HTTP to the local Nango server. `cargo xtask wasm-test` runs it
//! in Node and in headless Chromium (`WASM_BINDGEN_USE_BROWSER=1`); the server's
//! address comes in at compile time (`NANGO_TEST_HOST`, `NANGO_TEST_API_KEY`),
//! since a browser has no environment.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use js_sys::{Array, Promise, Reflect};
use nango_core::ops::connections::ListConnections;
use nango_core::transport::Transport;
use nango_core::Client;
use nango_wasm::{Core, FetchTransport, Op};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen(module = "/js/shim.js")]
extern "C" {
    /// Sends an exchange with the core's retries; resolves to the answer in a shape.
    fn execute(exchange: JsValue, shape: u8, keep: bool) -> Promise;
}

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

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).unwrap()
}

/// A `Core` as `new Nango({ apiKey, host, ... })` makes it (`retry`: the default
/// policy, or none).
fn core_at(host: &str, key: &str, signing: Vec<String>, retry: bool) -> Result<Core, JsValue> {
    Core::new(
        Some(host.to_owned()),
        Some(key.to_owned()),
        None,
        signing
            .into_iter()
            .map(JsValue::from)
            .collect::<js_sys::Array>()
            .into(),
        None,
        None,
        None,
        None,
        0,
        f64::NAN,
        retry.then(Vec::new),
        None,
        Vec::new(),
    )
}

fn core() -> Core {
    core_at(host(), api_key(), Vec::new(), true).expect("a client")
}

/// Runs `op` with `args` and resolves to the parsed answer (shape 0: the JSON body).
async fn call(core: &Core, op: Op, args: Vec<JsValue>) -> Result<JsValue, JsValue> {
    let exchange = core.exchange(op, args)?;
    JsFuture::from(execute(exchange.into(), 0, false)).await
}

#[wasm_bindgen_test]
fn operations_are_numbered_by_their_place_in_the_list() {
    for (n, op) in Op::ALL.iter().enumerate() {
        assert_eq!(*op as usize, n);
        assert_eq!(Op::from_number(n as u32), Some(*op));
    }
    assert_eq!(Op::ALL.len(), Op::Proxy as usize + 1);
    assert_eq!(Op::from_number(Op::ALL.len() as u32), None);
    let err = core()
        .exchange_number(Op::ALL.len() as u32, vec![])
        .err()
        .unwrap();
    assert_eq!(get(&err, "kind"), "invalid_input");
}

#[wasm_bindgen_test]
async fn lists_connections_as_plain_objects() {
    let list = call(&core(), Op::ListConnections, vec![]).await.unwrap();
    let connections = get(&list, "connections");
    assert!(Array::is_array(&connections));
    let first = Array::from(&connections).get(0);
    assert!(get(&first, "connection_id").is_string());
    // Objects, not Maps: what JSON.parse gives.
    assert!(!first.is_instance_of::<js_sys::Map>());
}

#[wasm_bindgen_test]
async fn api_errors_are_nango_errors() {
    let args = vec!["github".into(), "no-such-connection".into()];
    let err = call(&core(), Op::GetConnection, args).await.unwrap_err();
    assert!(err.is_instance_of::<js_sys::Error>());
    assert_eq!(get(&err, "name"), "NangoError");
    assert_eq!(get(&err, "kind"), "api");
    assert_eq!(get(&err, "status"), 404);
    assert_eq!(get(&err, "code"), "not_found");
    assert!(get(&err, "body").as_string().unwrap().contains("not_found"));
    assert_eq!(get(&get(&err, "response"), "status"), 404);
}

#[wasm_bindgen_test]
fn invalid_input_is_refused_before_sending() {
    for args in [
        vec!["github".into(), "".into()],
        vec!["github".into()],
        vec!["github".into(), 1.into()],
    ] {
        let err = core().exchange(Op::GetConnection, args).err().unwrap();
        assert_eq!(get(&err, "kind"), "invalid_input");
    }
    let crlf = vec!["github".into(), "u\r\nX: 1".into(), "Item".into()];
    let err = core().exchange(Op::ListRecords, crlf).err().unwrap();
    assert_eq!(get(&err, "kind"), "invalid_input");
}

#[wasm_bindgen_test]
fn construction_errors_match_the_official_sdk() {
    let both = Core::new(
        None,
        Some("a".into()),
        Some("b".into()),
        JsValue::UNDEFINED,
        None,
        None,
        None,
        None,
        0,
        f64::NAN,
        None,
        None,
        Vec::new(),
    )
    .err()
    .unwrap();
    assert_eq!(
        get(&both, "message"),
        "You must specify only one of apiKey or secretKey, not both (cf. documentation)."
    );
    assert!(core_at("ftp://x", "k", vec![], true).is_err());
    let err = core_at("http://x", "k\r\n", vec![], true).err().unwrap();
    assert_eq!(get(&err, "kind"), "invalid_input");
}

#[wasm_bindgen_test]
async fn list_integrations_returns_data() {
    let list = call(&core(), Op::ListIntegrations, vec![]).await.unwrap();
    assert!(Array::is_array(&get(&list, "data")));
}

/// Walks the demo seed's `Item` records (3 at least) two by two. They are not seeded here:
/// the admin API, which could add some, answers no cross-origin page (this one, in
/// Chromium).
#[wasm_bindgen_test]
async fn records_walk_across_pages_by_cursor() {
    let core = core();
    let mut ids = Vec::new();
    let mut cursor = JsValue::UNDEFINED;
    loop {
        let args = vec![
            "github".into(),
            "demo-github".into(),
            "Item".into(),
            JsValue::UNDEFINED,
            JsValue::UNDEFINED,
            2.into(),
            JsValue::UNDEFINED,
            cursor,
        ];
        let page = call(&core, Op::ListRecords, args).await.unwrap();
        let records = Array::from(&get(&page, "records"));
        assert!(records.length() <= 2);
        ids.extend(records.iter().map(|r| get(&r, "id").as_string().unwrap()));
        cursor = get(&page, "next_cursor");
        if !cursor.is_string() {
            break;
        }
    }
    assert!(ids.len() >= 3, "{ids:?}");
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
    let core = core_at("http://127.0.0.1:9", api_key(), vec![], false).unwrap();
    let err = call(&core, Op::ListIntegrations, vec![]).await.unwrap_err();
    assert_eq!(get(&err, "kind"), "transport");
}

#[wasm_bindgen_test]
fn verifies_webhook_signatures() {
    let core = core_at(host(), "k", vec!["secret".into()], true).unwrap();
    let body = r#"{"from":"nango","type":"auth"}"#;
    let sig = nango_core::webhook::sign_payload(b"secret", body.as_bytes());
    assert!(core.verify(body.as_bytes(), Some(sig.clone())));
    assert!(!core.verify(b"{}", Some(sig.clone())));
    assert!(!core.verify(body.as_bytes(), None));
    assert!(core.check(body.as_bytes(), Some(sig)).is_ok());
    let err = core.check(body.as_bytes(), None).err().unwrap();
    assert_eq!(get(&err, "kind"), "webhook");
    assert_eq!(get(&err, "code"), "invalid_signature");
}
