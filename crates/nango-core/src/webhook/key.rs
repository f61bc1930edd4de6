//! A redacting wrapper for webhook signing keys.

use core::fmt;

/// A webhook signing key (the environment's "Webhook signing key" in the
/// Nango dashboard, or the value returned by
/// `POST /environment/webhook-signing-key/rotate`).
///
/// The bytes are used as-is as the HMAC key; a key given as a string is used
/// as its UTF-8 bytes, like the official SDK does. The key never appears in
/// `Debug` output, and the type deliberately implements neither `Display` nor
/// `Serialize`.
///
/// # Example
///
/// ```
/// use nango_core::webhook::SigningKey;
///
/// let key = SigningKey::from("7ade7940-683a-438e-899a-6122ad9694fe");
/// assert_eq!(format!("{key:?}"), "SigningKey(<redacted>)");
/// assert_eq!(key.expose_secret(), b"7ade7940-683a-438e-899a-6122ad9694fe");
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct SigningKey(Vec<u8>);

impl SigningKey {
    /// Wraps key bytes.
    ///
    /// # Example
    ///
    /// ```
    /// use nango_core::webhook::SigningKey;
    ///
    /// let key = SigningKey::new(b"raw key bytes");
    /// assert!(!key.is_empty());
    /// ```
    #[must_use]
    pub fn new(key: impl AsRef<[u8]>) -> Self {
        Self(key.as_ref().to_vec())
    }

    /// The key bytes. Named so that every use is easy to find in a review.
    ///
    /// # Example
    ///
    /// ```
    /// use nango_core::webhook::SigningKey;
    ///
    /// assert_eq!(SigningKey::from("k").expose_secret(), b"k");
    /// ```
    #[must_use]
    pub fn expose_secret(&self) -> &[u8] {
        &self.0
    }

    /// `true` if the key has no bytes. Empty keys never verify anything (the
    /// official SDK treats an empty signing key as "not set").
    ///
    /// # Example
    ///
    /// ```
    /// use nango_core::webhook::SigningKey;
    ///
    /// assert!(SigningKey::from("").is_empty());
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SigningKey(<redacted>)")
    }
}

impl From<&str> for SigningKey {
    fn from(key: &str) -> Self {
        Self::new(key)
    }
}

impl From<String> for SigningKey {
    fn from(key: String) -> Self {
        Self(key.into_bytes())
    }
}

impl From<&String> for SigningKey {
    fn from(key: &String) -> Self {
        Self::new(key)
    }
}

impl From<&[u8]> for SigningKey {
    fn from(key: &[u8]) -> Self {
        Self::new(key)
    }
}

impl<const N: usize> From<&[u8; N]> for SigningKey {
    fn from(key: &[u8; N]) -> Self {
        Self::new(key)
    }
}

impl From<Vec<u8>> for SigningKey {
    fn from(key: Vec<u8>) -> Self {
        Self(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_is_redacted() {
        let key = SigningKey::from("super-secret");
        let shown = format!("{key:?} {key:#?}");
        assert!(!shown.contains("super-secret"));
    }
}
