//! Validation and percent-encoding of the values that go into a URL or a header.

use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS, NON_ALPHANUMERIC};

use crate::error::{InvalidInput, InvalidReason};

/// Everything but RFC 3986 unreserved characters is encoded in a path segment,
/// so that `/`, `?`, `#`, `%`, `&`, spaces and non-ASCII ids round-trip.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Query keys and values, encoded like `URLSearchParams` (space as `%20`).
const QUERY: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'*');

/// A caller-written proxy path: keeps `/` and the characters a path may hold,
/// encodes what would break the URL (spaces, controls, non-ASCII, `"<>\^`{|}` and `#`).
const PROXY_PATH: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'\\')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// A caller-written query string: like the proxy path, but `?` is allowed.
const RAW_QUERY: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'<')
    .add(b'>')
    .add(b'\\')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// Checks a required id and encodes it as one path segment.
/// `items` joined by `sep`, written by a plain loop (`[T]::join` is
/// specialised per item type, and larger, in the wasm package).
pub(crate) fn join<I>(items: I, sep: char) -> String
where
    I: IntoIterator,
    I::Item: AsRef<str>,
{
    let mut out = String::new();
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push(sep);
        }
        out.push_str(item.as_ref());
    }
    out
}

pub(crate) fn path_segment(field: &str, value: &str) -> Result<String, InvalidInput> {
    if value.is_empty() {
        return Err(InvalidInput::new(field, InvalidReason::Empty));
    }
    if value == "." || value == ".." {
        return Err(InvalidInput::new(field, InvalidReason::DotSegment));
    }
    Ok(utf8_percent_encode(value, SEGMENT).to_string())
}

/// Encodes one query key or value.
pub(crate) fn query_component(value: &str) -> String {
    utf8_percent_encode(value, QUERY).to_string()
}

/// Encodes a caller-written proxy path, keeping its `/` and existing `%XX` escapes.
pub(crate) fn proxy_path(value: &str) -> String {
    utf8_percent_encode(value, PROXY_PATH).to_string()
}

/// Encodes a caller-written query string, keeping its `&`, `=` and `%XX` escapes.
pub(crate) fn raw_query(value: &str) -> String {
    utf8_percent_encode(value, RAW_QUERY).to_string()
}

/// Checks a header value: no CR, LF or other control characters (a tab is
/// allowed). Exactly what `http::HeaderValue::from_str` accepts.
pub(crate) fn header_value(field: &str, value: &str) -> Result<(), InvalidInput> {
    if value.bytes().any(|b| (b < 0x20 && b != b'\t') || b == 0x7f) {
        return Err(InvalidInput::new(field, InvalidReason::ControlCharacter));
    }
    Ok(())
}

/// Whether `name` is a header name: an RFC 9110 token (what
/// `http::HeaderName::from_bytes` accepts, in any case).
pub(crate) fn is_header_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// Checks a required value that goes into a header: non-empty and no control characters.
pub(crate) fn required_header_value(field: &str, value: &str) -> Result<(), InvalidInput> {
    if value.is_empty() {
        return Err(InvalidInput::new(field, InvalidReason::Empty));
    }
    header_value(field, value)
}

/// Checks a required value that goes into a query or a body.
pub(crate) fn required(field: &str, value: &str) -> Result<(), InvalidInput> {
    if value.is_empty() {
        Err(InvalidInput::new(field, InvalidReason::Empty))
    } else {
        Ok(())
    }
}

/// Checks a required value read from a body: present and non-empty.
pub(crate) fn required_some(field: &str, value: Option<&str>) -> Result<(), InvalidInput> {
    match value {
        Some(value) => required(field, value),
        None => Err(InvalidInput::new(field, InvalidReason::Missing)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_encode_reserved_and_non_ascii() {
        assert_eq!(
            path_segment("id", "a/b?c#d%e&f g").unwrap(),
            "a%2Fb%3Fc%23d%25e%26f%20g"
        );
        assert_eq!(path_segment("id", "é").unwrap(), "%C3%A9");
        assert_eq!(path_segment("id", "a-b.c_d~e").unwrap(), "a-b.c_d~e");
    }

    #[test]
    fn segments_refuse_empty_and_dots() {
        assert_eq!(
            path_segment("id", "").unwrap_err().reason,
            InvalidReason::Empty
        );
        assert_eq!(
            path_segment("id", "..").unwrap_err().reason,
            InvalidReason::DotSegment
        );
        assert_eq!(
            path_segment("id", ".").unwrap_err().reason,
            InvalidReason::DotSegment
        );
        assert!(path_segment("id", "...").is_ok());
    }

    #[test]
    fn header_values_refuse_controls() {
        for bad in ["a\rb", "a\nb", "a\0b", "x\u{7f}"] {
            assert_eq!(
                header_value("h", bad).unwrap_err().reason,
                InvalidReason::ControlCharacter
            );
        }
        assert!(header_value("h", "tab\tok").is_ok());
        assert!(required_header_value("h", "").is_err());
    }

    #[test]
    fn header_names_are_tokens_as_http_reads_them() {
        for name in ["x-a", "X-Max-Retries", "a!#$%&'*+-.^_`|~9", "Content-Type"] {
            assert!(is_header_name(name), "{name}");
            assert!(
                http::HeaderName::from_bytes(name.as_bytes()).is_ok(),
                "{name}"
            );
        }
        for name in ["", "Bad Name", "a:b", "a\r\nb", "é", "a(b)", "a/b", "a\"b"] {
            assert!(!is_header_name(name), "{name:?}");
            assert!(
                http::HeaderName::from_bytes(name.as_bytes()).is_err(),
                "{name:?}"
            );
        }
    }

    #[test]
    fn header_values_are_what_http_accepts() {
        for b in 0u8..=255 {
            let bytes = [b'a', b, b'z'];
            let Ok(text) = std::str::from_utf8(&bytes) else {
                continue;
            };
            assert_eq!(
                header_value("h", text).is_ok(),
                http::HeaderValue::from_str(text).is_ok(),
                "byte {b:#x}"
            );
        }
        assert!(header_value("h", "é").is_ok());
    }

    #[test]
    fn proxy_paths_keep_slashes_and_escapes() {
        assert_eq!(proxy_path("/repos/a b/%2F#x"), "/repos/a%20b/%2F%23x");
        assert_eq!(raw_query("a=1&b=c d?"), "a=1&b=c%20d?");
    }
}
