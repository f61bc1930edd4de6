//! [`Args`]: the flat argument list `js/nango.js` passes for one method.
//!
//! The JavaScript half reads the method's arguments (objects, options,
//! deprecated forms) into a list of plain values: strings, numbers, booleans,
//! arrays of strings, JSON text and bytes. This side only reads them by position.

use nango_core::json::JsonText;
use wasm_bindgen::{JsCast, JsValue};

use crate::error::{missing, to_js};

/// The arguments of one call, by position; a position past the end is `undefined`.
pub struct Args(Vec<JsValue>);

impl Args {
    /// The list given by JavaScript.
    pub fn new(values: Vec<JsValue>) -> Self {
        Self(values)
    }

    fn at(&self, i: usize) -> Option<&JsValue> {
        self.0.get(i)
    }

    /// A string, or `None` for anything else.
    pub fn text(&self, i: usize) -> Option<String> {
        self.at(i).and_then(JsValue::as_string)
    }

    /// A required string: [`Args::text`], or the `missing` error of `name`.
    /// (An empty string goes on: the core refuses it in its own words.)
    pub fn id(&self, i: usize, name: &str) -> Result<String, JsValue> {
        self.text(i).ok_or_else(|| missing(name))
    }

    /// Whether the value is truthy.
    pub fn flag(&self, i: usize) -> bool {
        self.at(i).is_some_and(JsValue::is_truthy)
    }

    /// A boolean, or `None` for anything else.
    pub fn boolean(&self, i: usize) -> Option<bool> {
        self.at(i).and_then(JsValue::as_bool)
    }

    /// A number, or `None` for anything else.
    pub fn number(&self, i: usize) -> Option<f64> {
        self.at(i).and_then(JsValue::as_f64)
    }

    /// A whole number `> 0` (counts and pages are sent when truthy, as the
    /// official SDK does), at most `u32::MAX`.
    pub fn count(&self, i: usize) -> Option<u32> {
        self.number(i)
            .filter(|n| *n >= 1.0 && n.fract() == 0.0)
            .map(|n| n.min(f64::from(u32::MAX)) as u32)
    }

    /// An array's items that are strings; `None` when the value is not an array.
    pub fn list(&self, i: usize) -> Option<Vec<String>> {
        strings(self.at(i)?)
    }

    /// An array's items as optional strings (`None` for non-strings), in pairs:
    /// the flat `[key, value, key, value...]` lists of `js/nango.js`.
    pub fn pairs(&self, i: usize) -> Vec<(Option<String>, Option<String>)> {
        let mut pairs = Vec::new();
        let Some(value) = self.at(i).filter(|v| js_sys::Array::is_array(v)) else {
            return pairs;
        };
        let array = js_sys::Array::from(value);
        for at in (1..array.length()).step_by(2) {
            pairs.push((array.get(at - 1).as_string(), array.get(at).as_string()));
        }
        pairs
    }

    /// JSON text written by `JSON.stringify` (`undefined`: JSON `null`), checked
    /// by the core and sent as written.
    pub fn json(&self, i: usize) -> Result<JsonText, JsValue> {
        JsonText::parse(self.text(i).unwrap_or_else(|| "null".to_owned())).map_err(to_js)
    }

    /// The bytes of a `Uint8Array`, or `None`.
    pub fn bytes(&self, i: usize) -> Option<Vec<u8>> {
        self.at(i)
            .and_then(|v| v.dyn_ref::<js_sys::Uint8Array>())
            .map(js_sys::Uint8Array::to_vec)
    }

    /// Whether the value is `undefined` or `null`.
    pub fn is_absent(&self, i: usize) -> bool {
        self.at(i).is_none_or(JsValue::is_null_or_undefined)
    }
}

/// The items of the array `value` that are strings; `None` when `value` is not
/// an array.
pub fn strings(value: &JsValue) -> Option<Vec<String>> {
    if !js_sys::Array::is_array(value) {
        return None;
    }
    let mut out = Vec::new();
    for item in js_sys::Array::from(value) {
        out.extend(item.as_string());
    }
    Some(out)
}
