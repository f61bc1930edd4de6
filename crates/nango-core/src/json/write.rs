//! [`Object`]: writes the small JSON bodies the core makes itself (the ids and
//! options of an operation), byte for byte as `serde_json` writes them, without
//! `serde_json`'s serializer (it stays out of the WebAssembly package).

use super::JsonText;

/// A JSON object being written, one field at a time, in the order given (the
/// order of the body's fields). Absent optional fields are left out.
pub(crate) struct Object {
    out: String,
}

impl Object {
    /// `{`.
    pub(crate) fn new() -> Self {
        Self {
            out: String::from("{"),
        }
    }

    /// Writes `"key":`.
    fn key(&mut self, key: &str) -> &mut String {
        if self.out.len() > 1 {
            self.out.push(',');
        }
        string(&mut self.out, key);
        self.out.push(':');
        &mut self.out
    }

    /// A string field.
    pub(crate) fn str(&mut self, key: &str, value: &str) -> &mut Self {
        string(self.key(key), value);
        self
    }

    /// A string field, left out when `None`.
    pub(crate) fn str_opt(&mut self, key: &str, value: Option<&str>) -> &mut Self {
        if let Some(value) = value {
            self.str(key, value);
        }
        self
    }

    /// A string field, `null` when `None`.
    pub(crate) fn str_or_null(&mut self, key: &str, value: Option<&str>) -> &mut Self {
        match value {
            Some(value) => self.str(key, value),
            None => {
                self.key(key).push_str("null");
                self
            }
        }
    }

    /// An array of strings.
    pub(crate) fn strs<S: AsRef<str>>(&mut self, key: &str, values: &[S]) -> &mut Self {
        self.array(key, values, |out, value| string(out, value.as_ref()))
    }

    /// An array of objects or strings, each written by `write` into the text.
    pub(crate) fn array<T>(
        &mut self,
        key: &str,
        items: &[T],
        mut write: impl FnMut(&mut String, &T),
    ) -> &mut Self {
        let out = self.key(key);
        out.push('[');
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            write(out, item);
        }
        out.push(']');
        self
    }

    /// A whole number.
    pub(crate) fn uint(&mut self, key: &str, value: u64) -> &mut Self {
        let text = crate::encode::decimal(value);
        self.key(key).push_str(&text);
        self
    }

    /// A whole number, left out when `None`.
    pub(crate) fn uint_opt(&mut self, key: &str, value: Option<u64>) -> &mut Self {
        if let Some(value) = value {
            self.uint(key, value);
        }
        self
    }

    /// A boolean, left out when `None`.
    pub(crate) fn bool_opt(&mut self, key: &str, value: Option<bool>) -> &mut Self {
        if let Some(value) = value {
            self.key(key).push_str(if value { "true" } else { "false" });
        }
        self
    }

    /// JSON written elsewhere (a caller's text, a nested object), as it is.
    pub(crate) fn raw(&mut self, key: &str, value: &str) -> &mut Self {
        self.key(key).push_str(value);
        self
    }

    /// JSON written elsewhere, left out when `None`.
    pub(crate) fn raw_opt(&mut self, key: &str, value: Option<&str>) -> &mut Self {
        if let Some(value) = value {
            self.raw(key, value);
        }
        self
    }

    /// `}`: the object as JSON text.
    pub(crate) fn finish(&mut self) -> JsonText {
        let mut out = std::mem::take(&mut self.out);
        out.push('}');
        JsonText::written(out)
    }
}

/// Writes `value` as a JSON string: `"` and `\` escaped, control characters as
/// `\b \f \n \r \t` or `\u00XX`, everything else as it is (as `serde_json`).
pub(crate) fn string(out: &mut String, value: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    let mut start = 0;
    for (i, b) in value.bytes().enumerate() {
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(super::cut(value, start, i));
        if escape.is_empty() {
            out.push_str("\\u00");
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xf)]));
        } else {
            out.push_str(escape);
        }
        start = i + 1;
    }
    out.push_str(super::cut(value, start, value.len()));
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let mut all = String::new();
        for c in (0u32..0x80).filter_map(char::from_u32) {
            all.push(c);
        }
        all.push_str("é ✓ 😀 \u{2028}");
        let mut out = String::new();
        string(&mut out, &all);
        assert_eq!(out, serde_json::to_string(&all).unwrap());
    }

    #[test]
    fn objects_are_written_as_serde_json_writes_them() {
        let raw = JsonText::parse(r#"{"n": 1.50}"#).unwrap();
        let text = Object::new()
            .str("a", "x\"y")
            .str_opt("skipped", None)
            .str_or_null("null", None)
            .strs("list", &["p", "q"])
            .uint("n", 42)
            .uint_opt("gone", None)
            .bool_opt("yes", Some(true))
            .raw("raw", raw.as_str())
            .finish();
        assert_eq!(
            text.as_str(),
            r#"{"a":"x\"y","null":null,"list":["p","q"],"n":42,"yes":true,"raw":{"n": 1.50}}"#
        );
        assert_eq!(Object::new().finish().as_str(), "{}");
        assert!(JsonText::parse(text.as_str()).is_ok());
    }

    proptest::proptest! {
        // A fixed seed: every run tries the same cases, so a result never depends on
        // the draw (failures found are also replayed from proptest-regressions/).
        #![proptest_config(proptest::test_runner::Config {
            rng_seed: proptest::test_runner::RngSeed::Fixed(1),
            ..proptest::test_runner::Config::default()
        })]
        #[test]
        fn any_string_is_written_as_serde_json_writes_it(value in proptest::prelude::any::<String>()) {
            let mut out = String::new();
            string(&mut out, &value);
            proptest::prop_assert_eq!(out, serde_json::to_string(&value).unwrap());
        }
    }
}
