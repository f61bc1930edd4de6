//! A string that never shows itself in `Debug` or `Display`.

use std::fmt;

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
