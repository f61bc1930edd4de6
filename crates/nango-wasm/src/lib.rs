//! The Nango API client for WebAssembly: one package for Cloudflare Workers, Deno,
//! browsers and Node, over the platform's `fetch`.
//!
//! The package has two halves. The JavaScript class `Nango` (`js/nango.gen.js`) has
//! the methods of the official `@nangohq/node` SDK, under the same names, with
//! the same positional arguments: it only reads its arguments into one object of
//! strings, numbers and JSON text, named as the caller knows them. This crate
//! turns such an object into one of [`nango_core`]'s operations
//! ([`Core::exchange`], one [`Op`] per method, named after it) and
//! answers, between two sends, what the core's
//! [`Attempts`](nango_core::attempts::Attempts) decide ([`Exchange`]): every
//! request is built, checked and retried by the core; nothing here or in the
//! JavaScript writes an operation a second time. The small loop of `js/shim.js`
//! sends over `fetch`; the package holds no Rust future, which keeps it small.
//!
//! [`FetchTransport`] is the core's `Transport` over `fetch`, for Rust code that
//! runs a [`nango_core::Client`] in WebAssembly itself.
//!
//! The npm package is built by `cargo xtask pkg` into `pkg/`. The crate is empty
//! on other targets (a workspace-wide native build compiles it to nothing).
#![cfg(target_arch = "wasm32")]
#![warn(missing_docs)]

use nango_core::client::WaitOptions;
use nango_core::error::{InvalidInput, InvalidReason};
use nango_core::Client;
use wasm_bindgen::prelude::*;

mod args;
mod error;
mod exchange;
mod ops;
mod options;
mod readers;
mod shim;
mod transport;
mod webhooks;

pub use exchange::Exchange;
pub use ops::Op;
pub use transport::FetchTransport;

// The package is single-threaded (no `atomics`): talc is smaller than dlmalloc.
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// The client type the package wraps.
pub(crate) type Inner = Client<FetchTransport>;

/// The Rust half of a `Nango` object: the client's configuration, checked once.
///
/// Built by the `Nango` constructor of `js/nango.gen.js`, which reads the options
/// object; its methods turn argument lists into requests ([`Core::exchange`]) and
/// check webhook signatures.
///
/// ```js
/// const core = new Core({ host: 'http://127.0.0.1:3003', apiKey: 'key' });
/// const exchange = core.exchange('listProviders', {}, undefined);
/// ```
#[wasm_bindgen(skip_typescript)]
pub struct Core {
    client: Inner,
}

/// The official SDK's construction messages, for the errors it has too.
fn construction_error(e: nango_core::Error) -> JsValue {
    let message = match &e {
        nango_core::Error::InvalidInput(InvalidInput { field, reason, .. }) => {
            match (field.as_str(), reason) {
                ("api_key", InvalidReason::Conflict) => Some(
                    "You must specify only one of apiKey or secretKey, not both (cf. documentation)."
                        .to_owned(),
                ),
                ("api_key", InvalidReason::Missing) | ("api_key", InvalidReason::Empty) => {
                    Some("You must specify an API key (cf. documentation).".to_owned())
                }
                ("host", _) => Some(format!("Invalid URL provided for the Nango host: {e}")),
                _ => None,
            }
        }
        _ => None,
    };
    match message {
        Some(m) => shim::make_error("invalid_input", &m, &JsValue::UNDEFINED),
        None => error::to_js(e),
    }
}

#[wasm_bindgen]
impl Core {
    /// A client for the options object of `new Nango(options)` (`NangoProps` in
    /// the package's types), read in one place (`src/options.rs`); throws the `NangoError`
    /// of a bad option.
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> Result<Core, JsValue> {
        let client = options::client(&options)
            .and_then(|builder| builder.build_with(FetchTransport::new(options::fetch(&options))))
            .map_err(construction_error)?;
        Ok(Core { client })
    }

    /// The host requests go to (without a trailing `/`).
    #[wasm_bindgen(getter)]
    pub fn host(&self) -> String {
        self.client.config().host().to_owned()
    }

    /// The default connection id of the proxy (`''` when none).
    #[wasm_bindgen(getter, js_name = connectionId)]
    pub fn connection_id(&self) -> String {
        self.client
            .config()
            .connection_id()
            .unwrap_or_default()
            .to_owned()
    }

    /// The default integration id of the proxy (`''` when none).
    #[wasm_bindgen(getter, js_name = providerConfigKey)]
    pub fn provider_config_key(&self) -> String {
        self.client
            .config()
            .provider_config_key()
            .unwrap_or_default()
            .to_owned()
    }
}

/// The cursors a `recordsIterator` has followed (the core's
/// [`CursorTrail`](nango_core::ops::records::CursorTrail)): a server whose
/// cursors cycle ends the iterator with a `NangoError` of kind
/// `pagination_loop` instead of paging forever.
#[wasm_bindgen(skip_typescript)]
#[derive(Default)]
pub struct Cursors(nango_core::ops::records::CursorTrail);

#[wasm_bindgen]
impl Cursors {
    /// An empty trail.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Cursors {
        Cursors::default()
    }

    /// The cursor of the next page given a page's `next_cursor` (`undefined`:
    /// the listing is over); throws when the server sent it before.
    pub fn follow(&mut self, next: Option<String>) -> Result<Option<String>, JsValue> {
        self.0
            .follow(next.as_deref())
            .map(|c| c.map(str::to_owned))
            .map_err(error::to_js)
    }
}

/// The core's timings of `waitForConnection`: `[attempts, first delay ms, delay ms]`.
#[wasm_bindgen(js_name = waitDefaults, skip_typescript)]
pub fn wait_defaults() -> Vec<f64> {
    let w = WaitOptions::default();
    vec![
        f64::from(w.attempts),
        w.first_delay.as_secs_f64() * 1000.0,
        w.delay.as_secs_f64() * 1000.0,
    ]
}

/// The `NangoError` (kind `invalid_input`) of an argument `field` that is missing
/// (`detail` undefined) or wrong: the JavaScript half reports what it refuses in
/// the core's words.
#[wasm_bindgen(js_name = inputError, skip_typescript)]
pub fn input_error(field: &str, detail: Option<String>) -> JsValue {
    match detail {
        Some(detail) => error::invalid(field, &detail),
        None => error::missing(field),
    }
}

/// `getUserAgent(userAgent?)` of the official SDK: the `User-Agent` the package
/// sends, with `userAgent` appended as the `userAgent` option appends it.
#[wasm_bindgen(js_name = getUserAgent, skip_typescript)]
pub fn get_user_agent(user_agent: Option<String>) -> String {
    nango_core::request::full_user_agent(transport::USER_AGENT, user_agent.as_deref())
}

/// `getToken`'s shape for credentials whose `type` is `mode` (the core's
/// [`TokenShape`](nango_core::models::connections::TokenShape)): `access_token`,
/// `oauth1` or `credentials`.
#[wasm_bindgen(js_name = tokenShape, skip_typescript)]
pub fn token_shape(mode: Option<String>) -> String {
    use nango_core::models::connections::TokenShape;
    TokenShape::of_type(mode.as_deref().unwrap_or_default())
        .as_str()
        .to_owned()
}
