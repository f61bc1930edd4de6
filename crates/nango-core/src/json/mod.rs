//! [`JsonText`]: JSON the caller already holds as text, checked once and sent
//! byte for byte.
//!
//! A caller that has JSON text (the WebAssembly package gets request bodies from
//! `JSON.stringify`) hands it to the operations as a [`JsonText`]: it is never
//! parsed into a [`serde_json::Value`] nor into a typed model, and it is sent
//! exactly as written. The checks an operation makes before sending (required
//! ids...) read only the few fields they need from the text.

use std::fmt;

use serde::{Serialize, Serializer};
use serde_json::value::RawValue;

use crate::error::{Error, InvalidInput, InvalidReason};
use crate::request::ApiRequest;

pub(crate) mod read;
pub(crate) mod write;

/// Valid JSON kept as the text it was written in: numbers, key order, duplicate
/// keys and spacing inside the value are not touched (leading and trailing
/// whitespace is dropped by [`JsonText::parse`]).
///
/// It is checked by the crate's own small JSON reader (no `serde_json` parser:
/// the WebAssembly package stays small), and serializes verbatim with
/// `serde_json` (as a [`RawValue`]), so it can be passed wherever an operation
/// takes any `Serialize` value (metadata, an action's input, a proxy body) and
/// goes through with no [`serde_json::Value`] in between. Other serializers see
/// `serde_json`'s private raw-value structure instead.
///
/// `Debug` shows only the length: a body may hold credentials.
///
/// ```
/// use nango_core::json::JsonText;
/// let text = JsonText::parse(r#" {"b": 1.50, "a": [1e2]} "#)?;
/// assert_eq!(text.as_str(), r#"{"b": 1.50, "a": [1e2]}"#);
/// // Inside another value it is written as is.
/// let mut wrapped = std::collections::BTreeMap::new();
/// wrapped.insert("metadata", &text);
/// assert_eq!(serde_json::to_string(&wrapped)?, r#"{"metadata":{"b": 1.50, "a": [1e2]}}"#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct JsonText(String);

impl JsonText {
    /// Checks that `text` is one JSON value and keeps it as written (without
    /// leading and trailing whitespace). Anything else is refused as invalid
    /// input `body`, with where the text went wrong (never its content).
    ///
    /// ```
    /// use nango_core::{error::InvalidReason, json::JsonText, Error};
    /// assert_eq!(JsonText::parse("[1, 2]")?.as_str(), "[1, 2]");
    /// match JsonText::parse(r#"{"a": }"#) {
    ///     Err(Error::InvalidInput(e)) => {
    ///         assert_eq!((e.field.as_str(), e.reason), ("body", InvalidReason::InvalidValue));
    ///         assert!(e.detail.is_some());
    ///     }
    ///     other => panic!("{other:?}"),
    /// }
    /// # Ok::<(), nango_core::Error>(())
    /// ```
    pub fn parse(text: impl Into<String>) -> Result<Self, Error> {
        let mut text = text.into();
        if let Err(e) = read::check(&text) {
            return Err(malformed("body", e).into());
        }
        let end = text.trim_end_matches(JSON_WHITESPACE).len();
        text.truncate(end);
        let start = text.len() - text.trim_start_matches(JSON_WHITESPACE).len();
        text.drain(..start);
        Ok(Self(text))
    }

    /// Text the crate wrote itself (valid JSON by construction).
    pub(crate) fn written(text: String) -> Self {
        Self(text)
    }

    /// Writes `value` as JSON text, once. A value that cannot be written (a map
    /// with non-string keys, a failing `Serialize`) is refused as invalid input
    /// `body`. A [`JsonText`] given here is copied as is, never parsed.
    ///
    /// ```
    /// use nango_core::json::JsonText;
    /// #[derive(serde::Serialize)]
    /// struct Plan { tier: &'static str, seats: u32 }
    /// let text = JsonText::from_serialize(&Plan { tier: "pro", seats: 3 })?;
    /// assert_eq!(text.as_str(), r#"{"tier":"pro","seats":3}"#);
    /// let raw = JsonText::parse(r#"{"n": 1.50}"#)?;
    /// assert_eq!(JsonText::from_serialize(&raw)?, raw);
    /// # Ok::<(), nango_core::Error>(())
    /// ```
    pub fn from_serialize<T: Serialize + ?Sized>(value: &T) -> Result<Self, Error> {
        Self::serialize_as("body", value).map_err(Error::from)
    }

    /// [`JsonText::from_serialize`], naming `field` in the error.
    pub(crate) fn serialize_as<T: Serialize + ?Sized>(
        field: &str,
        value: &T,
    ) -> Result<Self, InvalidInput> {
        serde_json::to_string(value)
            .map(Self)
            .map_err(|e| invalid(field, &e))
    }

    /// The JSON text.
    ///
    /// ```
    /// let text = nango_core::json::JsonText::parse("\"a\\u0062\"")?;
    /// assert_eq!(text.as_str(), r#""a\u0062""#);
    /// # Ok::<(), nango_core::Error>(())
    /// ```
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The JSON text, owned.
    ///
    /// ```
    /// let text = nango_core::json::JsonText::parse(" [1] ")?;
    /// assert_eq!(text.into_string(), "[1]");
    /// # Ok::<(), nango_core::Error>(())
    /// ```
    pub fn into_string(self) -> String {
        self.0
    }

    /// Whether the value is a JSON object (its first non-whitespace byte is
    /// `{`; nothing else is read).
    ///
    /// ```
    /// use nango_core::json::JsonText;
    /// assert!(JsonText::parse(r#"{"a": 1}"#)?.is_object());
    /// assert!(!JsonText::parse("[{}]")?.is_object());
    /// assert!(!JsonText::parse("null")?.is_object());
    /// # Ok::<(), nango_core::Error>(())
    /// ```
    pub fn is_object(&self) -> bool {
        self.trimmed().starts_with('{')
    }

    /// Whether the value is JSON `null`.
    pub(crate) fn is_null(&self) -> bool {
        self.trimmed().trim_end_matches(JSON_WHITESPACE) == "null"
    }

    /// The text without leading JSON whitespace.
    fn trimmed(&self) -> &str {
        self.as_str().trim_start_matches(JSON_WHITESPACE)
    }

    /// Refuses a value that is not a JSON object, as invalid input `body`.
    pub(crate) fn require_object(&self) -> Result<(), InvalidInput> {
        if self.is_object() {
            Ok(())
        } else {
            Err(not_an_object("body"))
        }
    }

    /// Reads the fields `F` of an object (a view of the few string fields an
    /// operation checks). The text is read as a plain JSON value, never into a
    /// typed model: any JSON object is accepted, and a checked field that is not
    /// a string (nor `null`) is invalid input named after it.
    fn object_fields<F: FromObject>(&self) -> Result<F, InvalidInput> {
        self.require_object()?;
        match read::members(self.as_str()) {
            Ok(members) => F::from_object(&members),
            Err(e) => Err(malformed("body", e)),
        }
    }
}

/// The whitespace JSON allows between tokens.
const JSON_WHITESPACE: [char; 4] = [' ', '\t', '\n', '\r'];

/// `field` could not be written as JSON.
fn invalid(field: &str, error: &serde_json::Error) -> InvalidInput {
    InvalidInput::new(field, InvalidReason::InvalidValue).with_detail(error.to_string())
}

/// `field` is not JSON (where and why, never the text).
fn malformed(field: &str, error: read::Malformed) -> InvalidInput {
    InvalidInput::new(field, InvalidReason::InvalidValue).with_detail(error.to_string())
}

/// `text[start..end]`, for positions next to an ASCII byte (always character
/// boundaries). Unlike indexing it has no panic path: the message of a `str`
/// slicing panic formats the character cut, which brings `char`'s `Debug` and the
/// Unicode printable tables (7 KB) into the wasm package.
pub(crate) fn cut(text: &str, start: usize, end: usize) -> &str {
    debug_assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
    text.get(start..end).unwrap_or_default()
}

/// `field` must be a JSON object.
pub(crate) fn not_an_object(field: &str) -> InvalidInput {
    InvalidInput::new(field, InvalidReason::InvalidValue).with_detail("must be a JSON object")
}

impl Serialize for JsonText {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // Borrowed as serde_json's raw value (checked again there: only the
        // native serde path comes here).
        let raw: &RawValue = serde_json::from_str(&self.0).map_err(serde::ser::Error::custom)?;
        raw.serialize(serializer)
    }
}

impl PartialEq for JsonText {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for JsonText {}

impl fmt::Debug for JsonText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "JsonText({} bytes)", self.as_str().len())
    }
}

/// The body of an operation, as JSON text: a typed model written once when the
/// operation is made (or why it could not be written), or the caller's text,
/// sent as written. The checks read the fields of the text, the same way for
/// both; the operation keeps no model (and none of its code is in a build that
/// only sends text, as the wasm package does).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Body(Result<JsonText, InvalidInput>);

impl Body {
    /// A typed model, written as JSON now.
    pub(crate) fn typed<T: Serialize>(model: &T) -> Self {
        Body(JsonText::serialize_as("body", model))
    }

    /// The caller's JSON text.
    pub(crate) fn text(text: JsonText) -> Self {
        Body(Ok(text))
    }

    fn json(&self) -> Result<&JsonText, Error> {
        self.0.as_ref().map_err(|e| e.clone().into())
    }

    /// The fields the operation checks, as its view `F` (the body must be a
    /// JSON object).
    pub(crate) fn fields<F: FromObject>(&self) -> Result<F, Error> {
        Ok(self.json()?.object_fields()?)
    }

    /// Refuses a body that is not a JSON object.
    pub(crate) fn require_object(&self) -> Result<(), Error> {
        Ok(self.json()?.require_object()?)
    }

    /// Puts the body's JSON text on `request`.
    pub(crate) fn attach(&self, request: ApiRequest) -> Result<ApiRequest, Error> {
        Ok(request.json_text(self.json()?))
    }
}

/// A view of the string fields an operation checks, built from the members of
/// a JSON object (see [`view!`]).
pub(crate) trait FromObject: Sized {
    /// Reads the view's fields from `members` (keys and JSON texts, as
    /// [`read::members`] gives them).
    fn from_object(members: &[(String, &str)]) -> Result<Self, InvalidInput>;
}

/// The string field `key` of `members` (its last occurrence, as a JSON object
/// with a repeated key means): `None` when absent or `null`; another type is
/// invalid input named `key`.
pub(crate) fn take_str(
    members: &[(String, &str)],
    key: &str,
) -> Result<Option<String>, InvalidInput> {
    match read::member(members, key) {
        None | Some("null") => Ok(None),
        Some(raw) => read::string(raw).map(Some).ok_or_else(|| {
            InvalidInput::new(key, InvalidReason::InvalidValue).with_detail("must be a string")
        }),
    }
}

/// Declares a view: a struct of optional string fields (`name`, or
/// `name = "wire name"`), read from the JSON object of a body by [`FromObject`].
macro_rules! view {
    ($(#[$meta:meta])* struct $name:ident { $($field:ident $(= $wire:literal)?),* $(,)? }) => {
        $(#[$meta])*
        struct $name {
            $($field: Option<String>,)*
        }

        impl crate::json::FromObject for $name {
            fn from_object(
                members: &[(String, &str)],
            ) -> Result<Self, crate::error::InvalidInput> {
                Ok(Self {
                    $($field: crate::json::take_str(members, crate::json::view!(@wire $field $($wire)?))?,)*
                })
            }
        }
    };
    (@wire $field:ident $wire:literal) => { $wire };
    (@wire $field:ident) => { stringify!($field) };
}
pub(crate) use view;

#[cfg(test)]
mod tests {
    use super::*;

    view! {
        struct View {
            id,
            other = "other-name",
        }
    }

    fn view(text: &str) -> Result<Option<String>, InvalidInput> {
        let text = JsonText::parse(text).map_err(|e| match e {
            Error::InvalidInput(i) => i,
            other => panic!("{other:?}"),
        })?;
        let v: View = text.object_fields()?;
        assert!(v.other.is_none());
        Ok(v.id)
    }

    #[test]
    fn parse_keeps_the_text_and_drops_outer_whitespace() {
        let text = JsonText::parse(" \n{\"b\":1.50,\"a\":2,\"a\":3, \"c\" : 1e400}\t").unwrap();
        assert_eq!(text.as_str(), "{\"b\":1.50,\"a\":2,\"a\":3, \"c\" : 1e400}");
        assert!(text.is_object());
        assert!(!text.is_null());
    }

    #[test]
    fn parse_refuses_what_is_not_one_json_value() {
        for bad in [
            "",
            " ",
            "{",
            "{\"a\":1}x",
            "[1,]",
            "'a'",
            "nul",
            "{} {}",
            "\"\\q\"",
        ] {
            match JsonText::parse(bad) {
                Err(Error::InvalidInput(e)) => {
                    assert_eq!(e.field, "body", "{bad:?}");
                    assert_eq!(e.reason, InvalidReason::InvalidValue);
                    assert!(e.detail.is_some());
                }
                other => panic!("{bad:?}: {other:?}"),
            }
        }
    }

    #[test]
    fn kinds() {
        let kind = |t: &str| {
            let t = JsonText::parse(t).unwrap();
            (t.is_object(), t.is_null())
        };
        assert_eq!(kind("{}"), (true, false));
        assert_eq!(kind("null"), (false, true));
        assert_eq!(kind("[]"), (false, false));
        assert_eq!(kind("\"{\""), (false, false));
        assert_eq!(kind("0"), (false, false));
    }

    #[test]
    fn serializing_writes_the_text_verbatim() {
        let text =
            JsonText::parse(r#"{"z":1.50,"a":[1E2,-0.0],"big":123456789012345678901234567890}"#)
                .unwrap();
        let copied = JsonText::from_serialize(&text).unwrap();
        assert_eq!(copied.as_str(), text.as_str());
        assert_eq!(serde_json::to_vec(&text).unwrap(), text.as_str().as_bytes());
        #[derive(Serialize)]
        struct Wrapper<'a> {
            input: &'a JsonText,
            n: u8,
        }
        assert_eq!(
            serde_json::to_string(&Wrapper { input: &text, n: 1 }).unwrap(),
            format!(r#"{{"input":{},"n":1}}"#, text.as_str())
        );
    }

    #[test]
    fn from_serialize_names_the_field_on_failure() {
        let mut map = std::collections::BTreeMap::new();
        map.insert(vec![1u8], 1);
        match JsonText::from_serialize(&map) {
            Err(Error::InvalidInput(e)) => {
                assert_eq!(
                    (e.field.as_str(), e.reason),
                    ("body", InvalidReason::InvalidValue)
                );
            }
            other => panic!("{other:?}"),
        }
        let e = JsonText::serialize_as("metadata", &map).unwrap_err();
        assert_eq!(e.field, "metadata");
    }

    #[test]
    fn views_read_their_fields_only() {
        assert_eq!(
            view(r#"{"x":{"deep":[1,2,{"id":"no"}]},"id":"a-1"}"#).unwrap(),
            Some("a-1".to_owned())
        );
        assert_eq!(view(r#"{"id":"a\"b"}"#).unwrap(), Some("a\"b".to_owned()));
        assert_eq!(view(r#"{"id":null}"#).unwrap(), None);
        assert_eq!(view("{}").unwrap(), None);
        // A repeated key counts once, the last one (as `JSON.parse` reads it).
        assert_eq!(
            view(r#"{"id":"a","id":"b"}"#).unwrap(),
            Some("b".to_owned())
        );
    }

    #[test]
    fn views_refuse_non_objects_and_wrong_types() {
        for bad in ["[]", "1", "null", "\"{}\""] {
            let e = view(bad).unwrap_err();
            assert_eq!(e.field, "body");
            assert_eq!(e.detail.as_deref(), Some("must be a JSON object"));
        }
        for bad in [r#"{"id":1}"#, r#"{"id":["a"]}"#, r#"{"other-name":true}"#] {
            let e = view(bad).unwrap_err();
            assert_eq!(e.reason, InvalidReason::InvalidValue, "{bad}");
            assert!(["id", "other-name"].contains(&e.field.as_str()), "{bad}");
            assert_eq!(e.detail.as_deref(), Some("must be a string"));
        }
    }

    #[test]
    fn debug_shows_no_content() {
        let text = JsonText::parse(r#"{"apiKey":"secret"}"#).unwrap();
        assert_eq!(format!("{text:?}"), "JsonText(19 bytes)");
    }
}
