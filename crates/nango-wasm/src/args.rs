//! [`Args`]: the arguments `js/nango.gen.js` passes for one method, by name.
//!
//! The JavaScript half reads the method's arguments (objects, options,
//! deprecated forms) into one object of plain values named as the caller knows
//! them (`providerConfigKey`, `connectionId`...): strings, numbers, booleans,
//! arrays of strings, JSON text and bytes. This side reads them by those names,
//! and names them so in its errors.

use nango_core::json::JsonText;
use wasm_bindgen::{JsCast, JsValue};

use crate::error::{missing, to_js};

/// The arguments of one call; a name the object lacks is `undefined`.
pub struct Args(JsValue);

impl Args {
    /// The object given by JavaScript (anything else reads as an empty object, so
    /// that each read below is one property lookup).
    pub fn new(values: JsValue) -> Self {
        if values.is_object() {
            Self(values)
        } else {
            Self(js_sys::Object::new().into())
        }
    }

    fn at(&self, key: &str) -> Option<JsValue> {
        js_sys::Reflect::get(&self.0, &JsValue::from_str(key)).ok()
    }

    /// A string, or `None` for anything else.
    pub fn text(&self, key: &str) -> Option<String> {
        self.at(key).as_ref().and_then(JsValue::as_string)
    }

    /// A required string: [`Args::text`], or the `missing` error of `key`.
    /// (An empty string goes on: the core refuses it in its own words.)
    pub fn id(&self, key: &str) -> Result<String, JsValue> {
        self.text(key).ok_or_else(|| missing(key))
    }

    /// Whether the value is truthy.
    pub fn flag(&self, key: &str) -> bool {
        self.at(key).as_ref().is_some_and(JsValue::is_truthy)
    }

    /// A boolean, or `None` for anything else.
    pub fn boolean(&self, key: &str) -> Option<bool> {
        self.at(key).as_ref().and_then(JsValue::as_bool)
    }

    /// A number, or `None` for anything else.
    pub fn number(&self, key: &str) -> Option<f64> {
        self.at(key).as_ref().and_then(JsValue::as_f64)
    }

    /// A whole number `> 0` (counts and pages are sent when truthy, as the
    /// official SDK does), at most `u32::MAX`.
    pub fn count(&self, key: &str) -> Option<u32> {
        self.number(key)
            .filter(|n| *n >= 1.0 && n.fract() == 0.0)
            .map(|n| n.min(f64::from(u32::MAX)) as u32)
    }

    /// An array's items that are strings; `None` when the value is not an array.
    pub fn list(&self, key: &str) -> Option<Vec<String>> {
        strings(&self.at(key)?)
    }

    /// An array's items as optional strings (`None` for non-strings), in pairs:
    /// the flat `[key, value, key, value...]` lists of `js/nango.gen.js`.
    pub fn pairs(&self, key: &str) -> Vec<(Option<String>, Option<String>)> {
        let mut pairs = Vec::new();
        let Some(value) = self.at(key).filter(js_sys::Array::is_array) else {
            return pairs;
        };
        let array = js_sys::Array::from(&value);
        for at in (1..array.length()).step_by(2) {
            pairs.push((array.get(at - 1).as_string(), array.get(at).as_string()));
        }
        pairs
    }

    /// JSON text written by `JSON.stringify` (`undefined`: JSON `null`), checked
    /// by the core and sent as written.
    pub fn json(&self, key: &str) -> Result<JsonText, JsValue> {
        JsonText::parse(self.text(key).unwrap_or_else(|| "null".to_owned())).map_err(to_js)
    }

    /// The bytes of a `Uint8Array`, or `None`.
    pub fn bytes(&self, key: &str) -> Option<Vec<u8>> {
        self.at(key)
            .as_ref()
            .and_then(|v| v.dyn_ref::<js_sys::Uint8Array>())
            .map(js_sys::Uint8Array::to_vec)
    }

    /// Whether the value is `undefined` or `null`.
    pub fn is_absent(&self, key: &str) -> bool {
        self.at(key)
            .as_ref()
            .is_none_or(JsValue::is_null_or_undefined)
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
