//! Validation and percent-encoding of the values that go into a URL or a header.

use crate::error::{InvalidInput, InvalidReason};

use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS, NON_ALPHANUMERIC};

/// What a path segment encodes: all but the RFC 3986 unreserved characters, so
/// that `/`, `?`, `#`, `%`, `&`, spaces and non-ASCII ids round-trip.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Query keys and values keep what `URLSearchParams` keeps (a space is `%20`).
const QUERY: &AsciiSet = &SEGMENT.remove(b'*');

/// A caller-written query string keeps visible ASCII but what would break the
/// URL (`"#<>\^`{|}`); spaces, controls and non-ASCII are encoded.
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

/// A caller-written proxy path: like a query string, and `?` is encoded too.
const PROXY_PATH: &AsciiSet = &RAW_QUERY.add(b'?');

/// `value` with the bytes of `set` (and every non-ASCII byte) written `%XX`.
fn percent_encode(value: &str, set: &'static AsciiSet) -> String {
    utf8_percent_encode(value, set).collect()
}

/// The bytes of `value` with its `%XX` escapes decoded; a `%` not followed by two
/// hex digits stays as it is.
pub(crate) fn percent_decode(value: &str) -> Vec<u8> {
    percent_decode_bytes(value.as_bytes())
}

/// [`percent_decode`] of bytes.
fn percent_decode_bytes(bytes: &[u8]) -> Vec<u8> {
    percent_encoding::percent_decode(bytes).collect()
}

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

/// `n` in decimal digits, as `to_string` writes it (one small function instead of
/// the formatting code of each integer type, in the wasm package).
pub(crate) fn decimal(n: impl Into<u64>) -> String {
    digits(n.into())
}

fn digits(mut n: u64) -> String {
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    loop {
        start -= 1;
        digits[start] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    digits[start..].iter().copied().map(char::from).collect()
}

/// Checks a required id and encodes it as one path segment.
pub(crate) fn path_segment(field: &str, value: &str) -> Result<String, InvalidInput> {
    if value.is_empty() {
        return Err(InvalidInput::new(field, InvalidReason::Empty));
    }
    if value == "." || value == ".." {
        return Err(InvalidInput::new(field, InvalidReason::DotSegment));
    }
    Ok(percent_encode(value, SEGMENT))
}

/// Encodes one query key or value.
pub(crate) fn query_component(value: &str) -> String {
    percent_encode(value, QUERY)
}

/// Encodes a caller-written proxy path, keeping its `/` and existing `%XX` escapes.
/// Refuses a path with a dot segment in any spelling (see [`is_dot_segment`]):
/// `url` and `fetch` resolve them, so `/../connections/x` would leave `/proxy/`.
pub(crate) fn proxy_path(field: &str, value: &str) -> Result<String, InvalidInput> {
    let encoded = encode_proxy_path(value);
    if encoded.split('/').any(is_dot_segment) {
        return Err(
            InvalidInput::new(field, InvalidReason::DotSegment).with_detail(
                "a path segment that URL normalisation would resolve (`..`, `%2e%2e`...)",
            ),
        );
    }
    Ok(encoded)
}

/// The encoding of [`proxy_path`], without its check.
fn encode_proxy_path(value: &str) -> String {
    percent_encode(value, PROXY_PATH)
}

/// Whether an encoded path segment is `.` or `..` to anyone who reads it: the
/// WHATWG URL parser (`fetch`, the `url` crate) treats `%2e` (any case) as a dot,
/// and a server or a gateway may decode a segment again (`%252e` → `%2e` → `.`),
/// so the segment is decoded until it stops changing.
fn is_dot_segment(segment: &str) -> bool {
    let mut text = segment.as_bytes().to_vec();
    // Each round removes at least two bytes, so this ends.
    loop {
        if text == b"." || text == b".." {
            return true;
        }
        let decoded = percent_decode_bytes(&text);
        if decoded == text {
            return false;
        }
        text = decoded;
    }
}

/// Encodes a caller-written query string, keeping its `&`, `=` and `%XX` escapes.
pub(crate) fn raw_query(value: &str) -> String {
    percent_encode(value, RAW_QUERY)
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

/// Refuses a numeric id of 0 (the API's numeric ids start at 1).
pub(crate) fn positive(field: &str, id: u64) -> Result<(), InvalidInput> {
    if id == 0 {
        Err(InvalidInput::new(field, InvalidReason::InvalidValue).with_detail("must be at least 1"))
    } else {
        Ok(())
    }
}

/// Checks a page size, when set, against the server's range `1..=max`.
pub(crate) fn page_size(field: &str, value: Option<u32>, max: u32) -> Result<(), InvalidInput> {
    match value {
        Some(n) if !(1..=max).contains(&n) => {
            Err(InvalidInput::new(field, InvalidReason::InvalidValue)
                .with_detail(["between 1 and ", &digits(u64::from(max))].concat()))
        }
        _ => Ok(()),
    }
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
    fn escapes_are_decoded_as_the_percent_encoding_crate_does() {
        for text in [
            "",
            "plain",
            "a%20b",
            "%C3%A9%e2%82%ac",
            "%",
            "%%",
            "%2",
            "%zz%4",
            "100%",
            "%%41",
            "%4G%41",
            "%ff%fe",
            "é%20é",
        ] {
            let want: Vec<u8> = percent_encoding::percent_decode_str(text).collect();
            assert_eq!(percent_decode(text), want, "{text:?}");
        }
    }

    #[test]
    fn decimals_are_written_as_to_string_does() {
        for n in [0, 1, 9, 10, 99, 100, 4_294_967_295, u64::MAX - 1, u64::MAX] {
            assert_eq!(decimal(n), n.to_string());
        }
        assert_eq!(decimal(7u8), "7");
        assert_eq!(decimal(65_535u16), "65535");
    }

    proptest::proptest! {
        // A fixed seed: every run tries the same cases, so a result never depends on
        // the draw (failures found are also replayed from proptest-regressions/).
        #![proptest_config(proptest::test_runner::Config {
            rng_seed: proptest::test_runner::RngSeed::Fixed(1),
            ..proptest::test_runner::Config::default()
        })]
        #[test]
        fn every_decimal_is_written_as_to_string_does(n in proptest::num::u64::ANY) {
            proptest::prop_assert_eq!(decimal(n), n.to_string());
        }

        #[test]
        fn what_is_encoded_decodes_back(text in "\\PC*") {
            // Caller-written query strings and proxy paths keep their own escapes
            // (`%`): they are ASCII after encoding, not a round trip.
            for encoded in [encode_proxy_path(&text), raw_query(&text)] {
                proptest::prop_assert!(encoded.is_ascii());
            }
            let encoded = query_component(&text);
            proptest::prop_assert!(encoded.is_ascii());
            proptest::prop_assert_eq!(percent_decode(&encoded), text.as_bytes().to_vec());
        }
    }

    #[test]
    fn proxy_paths_keep_slashes_and_escapes() {
        assert_eq!(
            proxy_path("endpoint", "/repos/a b/%2F#x").unwrap(),
            "/repos/a%20b/%2F%23x"
        );
        assert_eq!(raw_query("a=1&b=c d?"), "a=1&b=c%20d?");
    }
}
