//! Errors of webhook verification and parsing.

use core::fmt;

/// Why a webhook could not be verified or parsed.
///
/// Verification errors ([`NoKeys`](Self::NoKeys),
/// [`MissingSignature`](Self::MissingSignature),
/// [`DuplicateSignature`](Self::DuplicateSignature),
/// [`MalformedSignature`](Self::MalformedSignature),
/// [`SignatureMismatch`](Self::SignatureMismatch)) mean the request must be
/// rejected. Parsing errors ([`InvalidJson`](Self::InvalidJson),
/// [`InvalidEvent`](Self::InvalidEvent)) are only returned by the
/// `verify_*_and_parse` methods *after* the signature was accepted: the body is
/// authentic, but its content is not what this SDK expects.
///
/// No variant ever holds key material or the body: messages are safe to log.
///
/// # Example
///
/// ```
/// use nango_core::webhook::{WebhookError, WebhookVerifier};
///
/// let verifier = WebhookVerifier::new("signing-key");
/// let headers = http::HeaderMap::new();
/// let err = verifier.verify(b"{}", &headers).unwrap_err();
/// assert_eq!(
///     err,
///     WebhookError::MissingSignature { header: "x-nango-hmac-sha256" }
/// );
/// assert_eq!(err.to_string(), "missing `x-nango-hmac-sha256` header");
/// assert!(err.is_verification_error());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum WebhookError {
    /// The verifier holds no usable signing key (none given, or only empty
    /// ones), so no signature can be accepted.
    #[error("no webhook signing key configured")]
    NoKeys,

    /// The signature header is absent.
    #[error("missing `{header}` header")]
    MissingSignature {
        /// The header that was looked for (lowercase).
        header: &'static str,
    },

    /// The signature header appears more than once. Nango sends it once;
    /// Node's HTTP server would join repeated values with `", "`, which the
    /// official SDK then rejects.
    #[error("`{header}` header appears {count} times")]
    DuplicateSignature {
        /// The header concerned (lowercase).
        header: &'static str,
        /// How many times it appeared.
        count: usize,
    },

    /// The signature header is not a well-formed hex SHA-256 digest.
    #[error("malformed `{header}` header: {reason}")]
    MalformedSignature {
        /// The header concerned (lowercase); `"signature"` when the value was
        /// passed directly.
        header: &'static str,
        /// What is wrong with it.
        reason: SignatureFormatError,
    },

    /// The signature is well formed but matches none of the keys for this
    /// body (wrong key, or the body was altered).
    #[error("webhook signature does not match the body")]
    SignatureMismatch,

    /// The (authentic) body is not valid JSON. `message` is serde_json's
    /// description of the syntax error, which never quotes the body.
    #[error("webhook body is not valid JSON: {message}")]
    InvalidJson {
        /// serde_json's message, e.g. ``expected `,` or `}` at line 1 column 9``.
        message: String,
        /// 1-based line of the error (0 if unknown).
        line: usize,
        /// 1-based column of the error (0 if unknown).
        column: usize,
    },

    /// The (authentic) body has a Nango envelope of a known `type` but lacks
    /// a required field or has a field of the wrong JSON type. String values
    /// that serde would quote are removed from `message`.
    #[error("invalid `{event_type}` webhook: {message}")]
    InvalidEvent {
        /// The `type` of the webhook (`auth`, `sync`, `forward`, `async_action`).
        event_type: String,
        /// What is wrong, e.g. ``missing field `syncName` ``.
        message: String,
    },
}

impl WebhookError {
    /// `true` for errors that mean the request is not authentic (or cannot be
    /// checked): answer such requests with 401/400 and do not process them.
    /// `false` for [`InvalidJson`](Self::InvalidJson) and
    /// [`InvalidEvent`](Self::InvalidEvent), which happen after a successful
    /// verification.
    ///
    /// # Example
    ///
    /// ```
    /// use nango_core::webhook::WebhookError;
    ///
    /// assert!(WebhookError::SignatureMismatch.is_verification_error());
    /// let err = nango_core::webhook::WebhookEvent::parse(b"not json").unwrap_err();
    /// assert!(!err.is_verification_error());
    /// ```
    #[must_use]
    pub fn is_verification_error(&self) -> bool {
        !matches!(self, Self::InvalidJson { .. } | Self::InvalidEvent { .. })
    }

    pub(crate) fn invalid_json(err: &serde_json::Error) -> Self {
        // serde_json's Display appends " at line L column C"; keep it, it is
        // positional only. Syntax errors never echo body content.
        Self::InvalidJson {
            message: redact_serde_message(&err.to_string()),
            line: err.line(),
            column: err.column(),
        }
    }
}

/// What is wrong with a malformed signature header value.
///
/// A valid value is exactly 64 ASCII hex digits. Lowercase is what Nango
/// sends; uppercase and mixed case are accepted too, because the official
/// Node SDK decodes the header with `Buffer.from(value, "hex")`, which is
/// case-insensitive (checked against `@nangohq/node` 0.71).
///
/// # Example
///
/// ```
/// use nango_core::webhook::{SignatureFormatError, WebhookError, WebhookVerifier};
///
/// let verifier = WebhookVerifier::new("signing-key");
/// let err = verifier.verify_signature(b"{}", "abc").unwrap_err();
/// assert_eq!(
///     err,
///     WebhookError::MalformedSignature {
///         header: "signature",
///         reason: SignatureFormatError::WrongLength { len: 3 },
///     }
/// );
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum SignatureFormatError {
    /// The value is empty.
    Empty,
    /// The value is not 64 bytes long (e.g. truncated). `len` is its length
    /// in bytes.
    WrongLength {
        /// Length of the value in bytes.
        len: usize,
    },
    /// The byte at `index` (0-based) is not an ASCII hex digit.
    NotHex {
        /// Position of the first offending byte.
        index: usize,
    },
    /// The signature must be lowercase hex but has an uppercase digit at
    /// `index` (only the legacy `X-Nango-Signature` scheme requires this,
    /// because the official SDK compares it as a string).
    Uppercase {
        /// Position of the first uppercase digit.
        index: usize,
    },
}

impl fmt::Display for SignatureFormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => f.write_str("empty value, expected 64 hex digits"),
            Self::WrongLength { len } => {
                write!(f, "expected 64 hex digits, got {len} bytes")
            }
            Self::NotHex { index } => write!(f, "byte {index} is not a hex digit"),
            Self::Uppercase { index } => {
                write!(
                    f,
                    "byte {index} is an uppercase hex digit, expected lowercase"
                )
            }
        }
    }
}

impl std::error::Error for SignatureFormatError {}

/// Removes values that serde quotes in data errors (`invalid type: string
/// "…", expected …`) so that no body content reaches an error message.
pub(crate) fn redact_serde_message(msg: &str) -> String {
    for prefix in ["invalid type: ", "invalid value: "] {
        if let Some(start) = msg.find(prefix) {
            let after = start + prefix.len();
            // The `expected` part comes from Rust types, never from the body;
            // the unexpected value may itself contain ", expected", so cut at
            // the last occurrence.
            if let Some(rel_end) = msg[after..].rfind(", expected") {
                let unexpected = &msg[after..after + rel_end];
                // Keep the kind ("string", "integer", "map", ...), drop the value.
                let kind: String = unexpected
                    .chars()
                    .take_while(|c| c.is_ascii_alphabetic() || *c == ' ')
                    .collect::<String>()
                    .trim_end()
                    .to_owned();
                let mut out = String::with_capacity(msg.len());
                out.push_str(&msg[..after]);
                out.push_str(if kind.is_empty() { "value" } else { &kind });
                out.push_str(&msg[after + rel_end..]);
                return out;
            }
            // No "expected" part: drop everything after the prefix.
            return format!("{}value", &msg[..after]);
        }
    }
    msg.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacts_quoted_strings() {
        assert_eq!(
            redact_serde_message(r#"invalid type: string "top-secret", expected u64"#),
            "invalid type: string, expected u64"
        );
        assert_eq!(
            redact_serde_message(
                r#"invalid type: string "a, expected b-secret", expected a boolean at line 1 column 3"#
            ),
            "invalid type: string, expected a boolean at line 1 column 3"
        );
        assert_eq!(
            redact_serde_message("invalid type: integer `42`, expected a string"),
            "invalid type: integer, expected a string"
        );
        assert_eq!(
            redact_serde_message("invalid value: floating point `1.5`, expected u64"),
            "invalid value: floating point, expected u64"
        );
        assert_eq!(
            redact_serde_message("missing field `connectionId`"),
            "missing field `connectionId`"
        );
        assert_eq!(
            redact_serde_message("invalid type: string \"x\""),
            "invalid type: value"
        );
    }

    #[test]
    fn display_is_precise() {
        assert_eq!(
            WebhookError::MalformedSignature {
                header: "x-nango-hmac-sha256",
                reason: SignatureFormatError::NotHex { index: 3 },
            }
            .to_string(),
            "malformed `x-nango-hmac-sha256` header: byte 3 is not a hex digit"
        );
        assert_eq!(
            SignatureFormatError::WrongLength { len: 62 }.to_string(),
            "expected 64 hex digits, got 62 bytes"
        );
    }
}
