//! The cases of the wasm-bindgen-test suite: the package's Rust side in a real
//! JavaScript engine, over loopback HTTP to a Nango server. `tests/browser.rs` runs them
//! in a browser and `tests/node.rs` in Node: wasm-bindgen-test pins a test binary to one
//! runtime, and `wasm-pack test --chrome` / `--node` each run the binary of theirs (and
//! say that they skip the other).
//!
//! The server's address and key are compiled in, since a browser page has no
//! environment: by default the local server on a fixed loopback port with a fixed key,
//! started beside the tests as README.md (Tests) says ([`START`]); `NANGO_TEST_HOST` and
//! `NANGO_TEST_API_KEY`, when set at build time, name another one (`cargo xtask test`
//! starts its own on a free port). Every case that needs the server checks first that it
//! answers as the suite needs, and fails with [`START`] when it does not.

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
    fn execute(exchange: JsValue, shape: &str, keep: bool) -> Promise;
}

/// How to start the server the suite expects by default (README.md, Tests, says the same).
const START: &str = "cargo run -p nango-local-server -- \
     --port 3003 --api-key 00000000-0000-4000-8000-000000000000 --seed demo";

/// The server's address: `NANGO_TEST_HOST` at build time, else the one [`START`] serves.
const HOST: &str = match option_env!("NANGO_TEST_HOST") {
    Some(host) => host,
    None => "http://127.0.0.1:3003",
};

/// Its API key: `NANGO_TEST_API_KEY` at build time, else the one [`START`] sets.
const API_KEY: &str = match option_env!("NANGO_TEST_API_KEY") {
    Some(key) => key,
    None => "00000000-0000-4000-8000-000000000000",
};

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).unwrap()
}

/// A `Core` as `new Nango({ apiKey, host, ... })` makes it (`retry`: the default
/// policy, or none).
fn core_at(host: &str, key: &str, signing: Vec<String>, retry: bool) -> Result<Core, JsValue> {
    let keys: js_sys::Array = signing.into_iter().map(JsValue::from).collect();
    let mut options = vec![
        ("host", JsValue::from_str(host)),
        ("apiKey", JsValue::from_str(key)),
        ("webhookSigningKey", keys.into()),
    ];
    if !retry {
        options.push(("retry", JsValue::FALSE));
    }
    Core::new(object(&options))
}

/// A plain object with `pairs` set.
fn object(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = js_sys::Object::new();
    for (key, value) in pairs {
        Reflect::set(&o, &JsValue::from_str(key), value).unwrap();
    }
    o.into()
}

/// A client of the suite's server, for the cases that send nothing.
fn core() -> Core {
    core_at(HOST, API_KEY, Vec::new(), true).expect("a client")
}

/// Fails, saying how to start it, unless the suite's server answers one request as the
/// suite needs (reachable from this page, the key accepted, the demo seed there): a
/// missing server must fail every case that needs it, never let it pass or skip. No
/// retries for that request, so that the failure comes at once.
async fn require_server() {
    let probe = core_at(HOST, API_KEY, Vec::new(), false).expect("a client");
    let problem = match call(&probe, Op::ListIntegrations, object(&[])).await {
        Ok(list) => {
            let integrations = Array::from(&get(&list, "data"));
            if integrations
                .iter()
                .any(|i| get(&i, "unique_key") == "github")
            {
                return;
            }
            "it has no `github` integration (no demo seed)".to_owned()
        }
        Err(err) => format!(
            "a request to it failed ({}: {})",
            get(&err, "kind").as_string().unwrap_or_default(),
            get(&err, "message").as_string().unwrap_or_default()
        ),
    };
    panic!(
        "these tests need a Nango server at {HOST} with the demo seed and the API key they \
         were built with, but {problem}. Start the local one beside them:\n    {START}\n\
         (or build them with NANGO_TEST_HOST and NANGO_TEST_API_KEY set to another server)"
    );
}

/// A client of the suite's server, once [`require_server`] has passed.
async fn server() -> Core {
    require_server().await;
    core()
}

/// Runs `op` with `args` and resolves to the parsed answer (shape `json`: the body).
async fn call(core: &Core, op: Op, args: JsValue) -> Result<JsValue, JsValue> {
    let exchange = core.exchange(op, args, &JsValue::UNDEFINED)?;
    JsFuture::from(execute(exchange.into(), "json", false)).await
}

#[wasm_bindgen_test]
fn operations_are_named_by_their_method() {
    for op in [
        Op::ListConnections,
        Op::UpdateSyncConnectionFrequency,
        Op::Proxy,
    ] {
        assert_eq!(Op::from_name(op.name()), Some(op));
    }
    assert_eq!(
        Op::UpdateSyncConnectionFrequency.name(),
        "updateSyncConnectionFrequency"
    );
    let err = core()
        .exchange_named("noSuchMethod", object(&[]), JsValue::UNDEFINED)
        .err()
        .unwrap();
    assert_eq!(get(&err, "kind"), "invalid_input");
}

#[wasm_bindgen_test]
async fn lists_connections_as_plain_objects() {
    let core = server().await;
    let list = call(&core, Op::ListConnections, object(&[])).await.unwrap();
    let connections = get(&list, "connections");
    assert!(Array::is_array(&connections));
    let first = Array::from(&connections).get(0);
    assert!(get(&first, "connection_id").is_string());
    // Objects, not Maps: what JSON.parse gives.
    assert!(!first.is_instance_of::<js_sys::Map>());
}

#[wasm_bindgen_test]
async fn api_errors_are_nango_errors() {
    let args = object(&[
        ("providerConfigKey", "github".into()),
        ("connectionId", "no-such-connection".into()),
    ]);
    let core = server().await;
    let err = call(&core, Op::GetConnection, args).await.unwrap_err();
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
        object(&[
            ("providerConfigKey", "github".into()),
            ("connectionId", "".into()),
        ]),
        object(&[("providerConfigKey", "github".into())]),
        object(&[
            ("providerConfigKey", "github".into()),
            ("connectionId", 1.into()),
        ]),
    ] {
        let err = core()
            .exchange(Op::GetConnection, args, &JsValue::UNDEFINED)
            .err()
            .unwrap();
        assert_eq!(get(&err, "kind"), "invalid_input");
    }
    let crlf = object(&[
        ("providerConfigKey", "github".into()),
        ("connectionId", "u\r\nX: 1".into()),
        ("model", "Item".into()),
    ]);
    let err = core()
        .exchange(Op::ListRecords, crlf, &JsValue::UNDEFINED)
        .err()
        .unwrap();
    assert_eq!(get(&err, "kind"), "invalid_input");
}

#[wasm_bindgen_test]
fn construction_errors_match_the_official_sdk() {
    let both = Core::new(object(&[("apiKey", "a".into()), ("secretKey", "b".into())]))
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
    let core = server().await;
    let list = call(&core, Op::ListIntegrations, object(&[]))
        .await
        .unwrap();
    assert!(Array::is_array(&get(&list, "data")));
}

/// Walks the demo seed's `Item` records (3 at least) two by two. They are not seeded here:
/// the admin API, which could add some, answers no cross-origin page (this one, in
/// Chromium).
#[wasm_bindgen_test]
async fn records_walk_across_pages_by_cursor() {
    let core = server().await;
    let mut ids = Vec::new();
    let mut cursor = JsValue::UNDEFINED;
    loop {
        let args = object(&[
            ("providerConfigKey", "github".into()),
            ("connectionId", "demo-github".into()),
            ("model", "Item".into()),
            ("limit", 2.into()),
            ("cursor", cursor),
        ]);
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
    require_server().await;
    // The typed core client, over the same transport.
    let client = Client::<FetchTransport>::builder()
        .api_key(API_KEY)
        .host(HOST)
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
    let core = core_at("http://127.0.0.1:9", API_KEY, vec![], false).unwrap();
    let err = call(&core, Op::ListIntegrations, object(&[]))
        .await
        .unwrap_err();
    assert_eq!(get(&err, "kind"), "transport");
}

#[wasm_bindgen_test]
fn verifies_webhook_signatures() {
    let core = core_at(HOST, "k", vec!["secret".into()], true).unwrap();
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

#[wasm_bindgen_test]
fn call_options_are_checked_before_anything_is_sent() {
    let core = core();
    let args = || {
        object(&[
            ("providerConfigKey", "github".into()),
            ("connectionId", "u-1".into()),
        ])
    };
    let wrong = [
        (JsValue::from_str("fast"), "options"),
        (object(&[("timeoutMs", "1s".into())]), "timeoutMs"),
        (object(&[("timeoutMs", (-5).into())]), "timeoutMs"),
        (object(&[("retry", 3.into())]), "retry"),
    ];
    for (options, field) in wrong {
        let err = core
            .exchange(Op::GetConnection, args(), &options)
            .err()
            .unwrap();
        assert_eq!(get(&err, "kind"), "invalid_input");
        let message = get(&err, "message").as_string().unwrap();
        assert!(message.contains(field), "{message}");
    }
    let fine = [
        JsValue::NULL,
        object(&[]),
        object(&[("timeoutMs", JsValue::NULL), ("retry", JsValue::FALSE)]),
        object(&[
            ("timeoutMs", 250.into()),
            ("retry", object(&[("maxAttempts", 2.into())])),
        ]),
    ];
    for options in fine {
        assert!(core.exchange(Op::GetConnection, args(), &options).is_ok());
    }
}
