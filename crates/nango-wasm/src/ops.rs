//! [`Op`]: the operations `js/nango.gen.js` asks for, by name, and
//! [`Core::exchange`], which turns the method's arguments, an object read by
//! [`Args`], into the core operation's request.
//!
//! `Op` and the dispatcher are generated from the operation table
//! (`crates/nango-core/operations/`, into `ops.gen.rs`): each operation's arguments
//! are read by their declared types, or by a reader of `readers.rs`. Shapes of the
//! answers are applied by the JavaScript half (`js/shim.js`).

use nango_core::config::Config;
use nango_core::endpoint::Endpoint;
use nango_core::request::ApiRequest;
use wasm_bindgen::prelude::*;

use crate::args::Args;
use crate::error::{invalid, missing, to_js};
use crate::options::CallOptions;
use crate::{Core, Exchange};

include!("ops.gen.rs");

/// A numeric id: a whole number, or a string of digits.
pub(crate) fn numeric_id(args: &Args, name: &str) -> Result<u64, JsValue> {
    args.number(name)
        .filter(|n| n.fract() == 0.0 && *n >= 0.0)
        .map(|n| n as u64)
        .or_else(|| args.text(name).and_then(|s| s.parse().ok()))
        .ok_or_else(|| missing(name))
}

/// A non-empty string, or `None`.
pub(crate) fn non_empty(args: &Args, key: &str) -> Option<String> {
    args.text(key).filter(|s| !s.is_empty())
}

/// `endpoint`'s request for `config` (bad input is refused here). Kept out
/// of line: smaller than copies of it in every branch.
#[inline(never)]
pub(crate) fn build<E: Endpoint>(config: &Config, endpoint: &E) -> Result<ApiRequest, JsValue> {
    endpoint.request(config).map_err(to_js)
}

#[wasm_bindgen]
impl Core {
    /// The call of the operation `name` ([`Op::from_name`]) with `args` (an object of the
    /// method's arguments by name) and the
    /// call's own `options` (`{ timeoutMs, retry }`, or `undefined`), ready to
    /// send (`exchange` in JavaScript); throws the `NangoError` of bad input
    /// (nothing is sent then).
    #[wasm_bindgen(js_name = exchange)]
    pub fn exchange_named(
        &self,
        name: &str,
        args: JsValue,
        options: JsValue,
    ) -> Result<Exchange, JsValue> {
        let op = Op::from_name(name).ok_or_else(|| invalid("operation", "no such operation"))?;
        self.exchange(op, args, &options)
    }
}

impl Core {
    /// The call of `op` with `args` (see [`Op`]) and the call's own `options`,
    /// ready to send; the `NangoError` of bad input (nothing is sent then).
    pub fn exchange(&self, op: Op, args: JsValue, options: &JsValue) -> Result<Exchange, JsValue> {
        let options = CallOptions::read(options)?;
        let request = request(op, &Args::new(args), self.client.config())?;
        Ok(Exchange::new(&self.client, request, options))
    }
}
