//! A string that never shows itself in `Debug` or `Display`, and the
//! [`Redactor`] that keeps the client's secrets out of text a server sent.

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

/// Text shown instead of a secret.
pub const REDACTED: &str = "[redacted]";

/// Secrets shorter than this are not looked for in server text: a real key is a
/// 36-character UUID, and replacing every `k` of a message for a test key `"k"`
/// would garble it.
pub const MIN_REDACTED_LEN: usize = 8;

/// Replaces the client's own secrets (API key, webhook signing keys) with
/// `[redacted]` in text that came from the network: a server, a proxy or a
/// gateway may echo them (`invalid key: Bearer <key>`), and such text goes into
/// errors and logs. Cheap to clone. Built by [`Config`](crate::config::Config).
///
/// ```
/// use nango_core::secret::{Redactor, SecretString};
/// let key = SecretString::new("a3f1c2d4-0000-4000-8000-000000000000");
/// let r = Redactor::new([&key]);
/// assert_eq!(r.redact("key a3f1c2d4-0000-4000-8000-000000000000!"), "key [redacted]!");
/// assert_eq!(r.redact_bytes(b"\xffa3f1c2d4-0000-4000-8000-000000000000").as_ref(), b"\xff[redacted]");
/// assert_eq!(format!("{r:?}"), "Redactor { secrets: 1 }");
/// ```
#[derive(Clone, Default)]
pub struct Redactor {
    secrets: Arc<[String]>,
}

impl Redactor {
    /// A redactor of `secrets` (those shorter than [`MIN_REDACTED_LEN`] are left out).
    ///
    /// ```
    /// let r = nango_core::secret::Redactor::new([&nango_core::SecretString::new("short")]);
    /// assert_eq!(r.redact("short"), "short");
    /// ```
    pub fn new<'a>(secrets: impl IntoIterator<Item = &'a SecretString>) -> Self {
        let secrets: Vec<String> = secrets
            .into_iter()
            .map(|s| s.expose_secret())
            .filter(|s| s.len() >= MIN_REDACTED_LEN)
            .map(str::to_owned)
            .collect();
        Self {
            secrets: secrets.into(),
        }
    }

    /// `text` with every secret replaced by `[redacted]` (borrowed when none was there).
    ///
    /// ```
    /// let r = nango_core::secret::Redactor::default();
    /// assert!(matches!(r.redact("nothing"), std::borrow::Cow::Borrowed(_)));
    /// ```
    pub fn redact<'t>(&self, text: &'t str) -> Cow<'t, str> {
        match self.redact_bytes(text.as_bytes()) {
            Cow::Borrowed(_) => Cow::Borrowed(text),
            // Whole UTF-8 secrets replaced by ASCII in UTF-8 text: still UTF-8.
            Cow::Owned(bytes) => Cow::Owned(String::from_utf8(bytes).unwrap_or_default()),
        }
    }

    /// [`Redactor::redact`] for bytes (a body that may not be UTF-8).
    ///
    /// ```
    /// let r = nango_core::secret::Redactor::default();
    /// assert_eq!(r.redact_bytes(b"abc").as_ref(), b"abc");
    /// ```
    pub fn redact_bytes<'t>(&self, bytes: &'t [u8]) -> Cow<'t, [u8]> {
        let mut out = Cow::Borrowed(bytes);
        for secret in self.secrets.iter() {
            let secret = secret.as_bytes();
            let find = |hay: &[u8]| hay.windows(secret.len()).position(|w| w == secret);
            if find(&out).is_none() {
                continue;
            }
            let mut replaced = Vec::with_capacity(out.len());
            let mut rest: &[u8] = &out;
            while let Some(at) = find(rest) {
                let (before, after) = rest.split_at(at);
                replaced.extend_from_slice(before);
                replaced.extend_from_slice(REDACTED.as_bytes());
                rest = after.get(secret.len()..).unwrap_or_default();
            }
            replaced.extend_from_slice(rest);
            out = Cow::Owned(replaced);
        }
        out
    }
}

impl fmt::Debug for Redactor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Redactor")
            .field("secrets", &self.secrets.len())
            .finish()
    }
}

/// A secret string (an API key, a signing key, an access token).
///
/// Its `Debug` and `Display` print `[redacted]`; the value is read only through
/// [`SecretString::expose_secret`], so that a secret reaching a log is always a
/// deliberate act. It serializes as the plain string (so models can be handed back
/// to JavaScript or persisted by the caller), and deserializes from one.
///
/// ```
/// use nango_core::SecretString;
/// let key = SecretString::new("a3f1c2d4-0000-4000-8000-000000000000");
/// assert_eq!(format!("{key:?}"), "[redacted]");
/// assert!(key.expose_secret().starts_with("a3f1"));
/// ```
#[derive(Clone, PartialEq, Eq, Default)]
pub struct SecretString(String);

impl SecretString {
    /// Wraps a secret value.
    ///
    /// ```
    /// let s = nango_core::SecretString::new("token");
    /// assert_eq!(s.to_string(), "[redacted]");
    /// ```
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The secret itself. Call it only where the value must leave the program
    /// (an `Authorization` header, a computation), never to log it.
    ///
    /// ```
    /// let s = nango_core::SecretString::new("token");
    /// assert_eq!(s.expose_secret(), "token");
    /// ```
    pub fn expose_secret(&self) -> &str {
        &self.0
    }

    /// `true` when the secret is the empty string.
    ///
    /// ```
    /// assert!(nango_core::SecretString::default().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for SecretString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl fmt::Display for SecretString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl From<String> for SecretString {
    fn from(value: String) -> Self {
        Self(value)
    }
}

impl From<&str> for SecretString {
    fn from(value: &str) -> Self {
        Self(value.to_owned())
    }
}

impl serde::Serialize for SecretString {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> serde::Deserialize<'de> for SecretString {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Self)
    }
}
