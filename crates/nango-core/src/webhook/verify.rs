//! Signature verification of webhooks sent by Nango.

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use subtle::{Choice, ConstantTimeEq};

use super::error::{SignatureFormatError, WebhookError};
use super::event::WebhookEvent;
use super::key::SigningKey;
use super::{LEGACY_SIGNATURE_HEADER, SIGNATURE_HEADER};

/// Name used in errors when the signature was passed directly rather than
/// found in a header.
const DIRECT: &str = "signature";

/// Length of a hex SHA-256 digest.
const HEX_LEN: usize = 64;

/// Verifies webhooks sent by Nango against one or more signing keys.
///
/// Nango signs the raw body bytes with HMAC-SHA256 and sends the lowercase
/// hex digest in `X-Nango-Hmac-Sha256`. After
/// `POST /environment/webhook-signing-key/rotate`, old and new keys both sign
/// for up to 5 minutes, so a verifier holds a *set* of keys and accepts a
/// signature made by any of them. Comparisons are constant-time, and every
/// key is tried (no early exit).
///
/// Always pass the body bytes exactly as received: re-serialised JSON will
/// not verify. Nothing here reads a clock or does I/O.
///
/// Behaviour matches `verifyIncomingWebhookRequest` of `@nangohq/node`:
/// the header name is matched in any ASCII case, the value must be exactly 64
/// hex digits (either case; no surrounding whitespace), and an empty key
/// never verifies. One deliberate difference: a signature header present
/// more than once is rejected ([`WebhookError::DuplicateSignature`]) instead
/// of using the first one.
///
/// The key material never appears in `Debug` output or in errors.
///
/// # Example
///
/// ```
/// use nango_core::webhook::{sign_payload, WebhookEvent, WebhookVerifier};
///
/// let body = br#"{"from":"nango","type":"async_action","connectionId":"c1","providerConfigKey":"p","payload":{"id":"a1","statusUrl":"/action/a1"}}"#;
/// let mut headers = http::HeaderMap::new();
/// headers.insert("X-Nango-Hmac-Sha256", sign_payload(b"new-key", body).parse().unwrap());
///
/// // During a key rotation, accept both keys.
/// let verifier = WebhookVerifier::new("old-key").with_key("new-key");
/// match verifier.verify_and_parse(body, &headers)? {
///     WebhookEvent::AsyncAction(done) => assert_eq!(done.payload.id, "a1"),
///     other => panic!("unexpected {other:?}"),
/// }
/// assert!(!format!("{verifier:?}").contains("new-key"));
/// # Ok::<(), nango_core::webhook::WebhookError>(())
/// ```
#[derive(Debug, Clone)]
pub struct WebhookVerifier {
    keys: Vec<SigningKey>,
}

impl WebhookVerifier {
    /// A verifier with one key. An empty key is ignored (then every
    /// verification fails with [`WebhookError::NoKeys`]).
    ///
    /// # Example
    ///
    /// ```
    /// use nango_core::webhook::WebhookVerifier;
    ///
    /// let verifier = WebhookVerifier::new("7ade7940-683a-438e-899a-6122ad9694fe");
    /// assert_eq!(verifier.key_count(), 1);
    /// ```
    #[must_use]
    pub fn new(key: impl Into<SigningKey>) -> Self {
        Self::from_keys([key])
    }

    /// A verifier with a set of keys; empty keys are ignored.
    ///
    /// # Example
    ///
    /// ```
    /// use nango_core::webhook::WebhookVerifier;
    ///
    /// let verifier = WebhookVerifier::from_keys(["old-key", "new-key", ""]);
    /// assert_eq!(verifier.key_count(), 2);
    /// ```
    #[must_use]
    pub fn from_keys<I>(keys: I) -> Self
    where
        I: IntoIterator,
        I::Item: Into<SigningKey>,
    {
        let mut verifier = Self { keys: Vec::new() };
        for key in keys {
            verifier.add_key(key);
        }
        verifier
    }

    /// Adds a key, builder style (e.g. the new key during a rotation).
    ///
    /// # Example
    ///
    /// ```
    /// use nango_core::webhook::WebhookVerifier;
    ///
    /// let verifier = WebhookVerifier::new("old-key").with_key("new-key");
    /// assert_eq!(verifier.key_count(), 2);
    /// ```
    #[must_use]
    pub fn with_key(mut self, key: impl Into<SigningKey>) -> Self {
        self.add_key(key);
        self
    }

    /// Adds a key in place. Empty keys and keys already present are ignored.
    ///
    /// # Example
    ///
    /// ```
    /// use nango_core::webhook::WebhookVerifier;
    ///
    /// let mut verifier = WebhookVerifier::new("old-key");
    /// verifier.add_key("new-key");
    /// verifier.add_key("new-key");
    /// assert_eq!(verifier.key_count(), 2);
    /// ```
    pub fn add_key(&mut self, key: impl Into<SigningKey>) {
        let key = key.into();
        if !key.is_empty() && !self.keys.contains(&key) {
            self.keys.push(key);
        }
    }

    /// Number of usable (non-empty, distinct) keys.
    ///
    /// # Example
    ///
    /// ```
    /// use nango_core::webhook::WebhookVerifier;
    ///
    /// assert_eq!(WebhookVerifier::from_keys(Vec::<String>::new()).key_count(), 0);
    /// ```
    #[must_use]
    pub fn key_count(&self) -> usize {
        self.keys.len()
    }

    /// Verifies `body` against the `X-Nango-Hmac-Sha256` header of an
    /// [`http::HeaderMap`] (whose names are case-insensitive).
    ///
    /// # Errors
    ///
    /// [`WebhookError::NoKeys`], [`MissingSignature`](WebhookError::MissingSignature),
    /// [`DuplicateSignature`](WebhookError::DuplicateSignature),
    /// [`MalformedSignature`](WebhookError::MalformedSignature) or
    /// [`SignatureMismatch`](WebhookError::SignatureMismatch).
    ///
    /// # Example
    ///
    /// ```
    /// use nango_core::webhook::{sign_payload, WebhookError, WebhookVerifier};
    ///
    /// let verifier = WebhookVerifier::new("key");
    /// let body = br#"{"from":"nango","type":"sync"}"#;
    /// let mut headers = http::HeaderMap::new();
    /// headers.insert("x-nango-hmac-sha256", sign_payload(b"key", body).parse().unwrap());
    /// assert_eq!(verifier.verify(body, &headers), Ok(()));
    /// assert_eq!(
    ///     verifier.verify(b"{}", &headers),
    ///     Err(WebhookError::SignatureMismatch)
    /// );
    /// ```
    pub fn verify(&self, body: &[u8], headers: &http::HeaderMap) -> Result<(), WebhookError> {
        self.require_keys()?;
        let value = header_from_map(headers, SIGNATURE_HEADER)?;
        self.check_hmac(body, value, SIGNATURE_HEADER)
    }

    /// Verifies `body` against headers given as `(name, value)` string pairs,
    /// e.g. the entries of a JavaScript object or of a framework's header
    /// type. Names are matched in any ASCII case.
    ///
    /// # Errors
    ///
    /// As [`verify`](Self::verify).
    ///
    /// # Example
    ///
    /// ```
    /// use nango_core::webhook::{sign_payload, WebhookVerifier};
    ///
    /// let verifier = WebhookVerifier::new("key");
    /// let body = b"{}";
    /// let signature = sign_payload(b"key", body);
    /// let headers = [
    ///     ("Content-Type", "application/json"),
    ///     ("X-NANGO-HMAC-SHA256", signature.as_str()),
    /// ];
    /// assert!(verifier.verify_pairs(body, headers).is_ok());
    /// ```
    pub fn verify_pairs<I, K, V>(&self, body: &[u8], headers: I) -> Result<(), WebhookError>
    where
        I: IntoIterator<Item = (K, V)>,
        K: AsRef<str>,
        V: AsRef<str>,
    {
        self.require_keys()?;
        let value = header_from_pairs(headers, SIGNATURE_HEADER)?;
        self.check_hmac(body, value.as_ref().as_bytes(), SIGNATURE_HEADER)
    }

    /// Verifies `body` against the value of the `X-Nango-Hmac-Sha256` header
    /// passed directly.
    ///
    /// # Errors
    ///
    /// [`WebhookError::NoKeys`], [`MalformedSignature`](WebhookError::MalformedSignature)
    /// (with `header: "signature"`) or [`SignatureMismatch`](WebhookError::SignatureMismatch).
    ///
    /// # Example
    ///
    /// ```
    /// use nango_core::webhook::WebhookVerifier;
    ///
    /// let verifier = WebhookVerifier::new("7ade7940-683a-438e-899a-6122ad9694fe");
    /// let body = br#"{"authMode":"API_KEY","connectionId":"wh-conn-1","environment":"dev","from":"nango","operation":"creation","provider":"airtable-pat","providerConfigKey":"airtable-test","success":true,"tags":{"end_user_id":"u-wh"},"type":"auth"}"#;
    /// let signature = "652c0b2fbef3f736761e20b864f6c6ce3e68e0bd14469a29546d404537c87b95";
    /// assert!(verifier.verify_signature(body, signature).is_ok());
    /// ```
    pub fn verify_signature(&self, body: &[u8], signature: &str) -> Result<(), WebhookError> {
        self.require_keys()?;
        self.check_hmac(body, signature.as_bytes(), DIRECT)
    }

    /// Verifies (as [`verify`](Self::verify)), then parses the body into a
    /// [`WebhookEvent`]. The body is never parsed if verification fails.
    ///
    /// # Errors
    ///
    /// The errors of [`verify`](Self::verify), then
    /// [`InvalidJson`](WebhookError::InvalidJson) or
    /// [`InvalidEvent`](WebhookError::InvalidEvent).
    ///
    /// # Example
    ///
    /// ```
    /// use nango_core::webhook::{SignedWebhook, WebhookEvent, WebhookVerifier};
    ///
    /// let signed = SignedWebhook::new(b"key", br#"{"from":"nango","type":"something_new"}"#.to_vec());
    /// let event = WebhookVerifier::new("key").verify_and_parse(&signed.body, &signed.header_map())?;
    /// assert!(matches!(event, WebhookEvent::Unknown(_)));
    /// # Ok::<(), nango_core::webhook::WebhookError>(())
    /// ```
    pub fn verify_and_parse(
        &self,
        body: &[u8],
        headers: &http::HeaderMap,
    ) -> Result<WebhookEvent, WebhookError> {
        self.verify(body, headers)?;
        WebhookEvent::parse(body)
    }

    /// Verifies (as [`verify_pairs`](Self::verify_pairs)), then parses the
    /// body into a [`WebhookEvent`].
    ///
    /// # Errors
    ///
    /// As [`verify_and_parse`](Self::verify_and_parse).
    ///
    /// # Example
    ///
    /// ```
    /// use nango_core::webhook::{SignedWebhook, WebhookEvent, WebhookVerifier};
    ///
    /// let signed = SignedWebhook::new(b"key", br#"{"id":"evt_1","type":"row.created"}"#.to_vec());
    /// let event = WebhookVerifier::new("key").verify_pairs_and_parse(&signed.body, signed.header_pairs())?;
    /// // A provider payload forwarded without Nango's envelope.
    /// assert!(matches!(event, WebhookEvent::UnwrappedForward(_)));
    /// # Ok::<(), nango_core::webhook::WebhookError>(())
    /// ```
    pub fn verify_pairs_and_parse<I, K, V>(
        &self,
        body: &[u8],
        headers: I,
    ) -> Result<WebhookEvent, WebhookError>
    where
        I: IntoIterator<Item = (K, V)>,
        K: AsRef<str>,
        V: AsRef<str>,
    {
        self.verify_pairs(body, headers)?;
        WebhookEvent::parse(body)
    }

    /// Verifies (as [`verify_signature`](Self::verify_signature)), then
    /// parses the body into a [`WebhookEvent`].
    ///
    /// # Errors
    ///
    /// As [`verify_and_parse`](Self::verify_and_parse).
    ///
    /// # Example
    ///
    /// ```
    /// use nango_core::webhook::{sign_payload, WebhookError, WebhookVerifier};
    ///
    /// let body = b"not json";
    /// let signature = sign_payload(b"key", body);
    /// let err = WebhookVerifier::new("key")
    ///     .verify_signature_and_parse(body, &signature)
    ///     .unwrap_err();
    /// assert!(matches!(err, WebhookError::InvalidJson { .. }));
    /// ```
    pub fn verify_signature_and_parse(
        &self,
        body: &[u8],
        signature: &str,
    ) -> Result<WebhookEvent, WebhookError> {
        self.verify_signature(body, signature)?;
        WebhookEvent::parse(body)
    }

    /// Verifies the legacy `X-Nango-Signature` header: lowercase hex of
    /// SHA-256(key ‖ body).
    ///
    /// This scheme is open to length-extension forgery (anyone holding one
    /// signed body can sign that body with data appended); use
    /// [`verify`](Self::verify). Like the official SDK, which compares the
    /// hex strings, only lowercase hex is accepted. The official SDK hashes
    /// `JSON.stringify(parsedBody)`; this hashes the raw bytes, which is what
    /// Nango signs (and equal for Nango's compact JSON).
    ///
    /// # Errors
    ///
    /// As [`verify`](Self::verify), for the `x-nango-signature` header.
    ///
    /// # Example
    ///
    /// ```
    /// # #![allow(deprecated)]
    /// use nango_core::webhook::{SignedWebhook, WebhookVerifier};
    ///
    /// let signed = SignedWebhook::new(b"key", b"{}".to_vec());
    /// assert!(WebhookVerifier::new("key").verify_legacy(&signed.body, &signed.header_map()).is_ok());
    /// ```
    #[deprecated(
        note = "X-Nango-Signature is open to length-extension forgery; use `verify` (X-Nango-Hmac-Sha256)"
    )]
    pub fn verify_legacy(
        &self,
        body: &[u8],
        headers: &http::HeaderMap,
    ) -> Result<(), WebhookError> {
        self.require_keys()?;
        let value = header_from_map(headers, LEGACY_SIGNATURE_HEADER)?;
        self.check_legacy(body, value, LEGACY_SIGNATURE_HEADER)
    }

    /// Verifies a legacy `X-Nango-Signature` value passed directly. See
    /// [`verify_legacy`](Self::verify_legacy).
    ///
    /// # Errors
    ///
    /// As [`verify_signature`](Self::verify_signature).
    ///
    /// # Example
    ///
    /// ```
    /// # #![allow(deprecated)]
    /// use nango_core::webhook::{SignedWebhook, WebhookVerifier};
    ///
    /// let signed = SignedWebhook::new(b"key", b"{}".to_vec());
    /// let verifier = WebhookVerifier::new("key");
    /// assert!(verifier.verify_legacy_signature(&signed.body, &signed.legacy_signature).is_ok());
    /// ```
    #[deprecated(
        note = "X-Nango-Signature is open to length-extension forgery; use `verify_signature` (X-Nango-Hmac-Sha256)"
    )]
    pub fn verify_legacy_signature(
        &self,
        body: &[u8],
        signature: &str,
    ) -> Result<(), WebhookError> {
        self.require_keys()?;
        self.check_legacy(body, signature.as_bytes(), DIRECT)
    }

    fn require_keys(&self) -> Result<(), WebhookError> {
        if self.keys.is_empty() {
            Err(WebhookError::NoKeys)
        } else {
            Ok(())
        }
    }

    fn check_hmac(
        &self,
        body: &[u8],
        value: &[u8],
        header: &'static str,
    ) -> Result<(), WebhookError> {
        let expected = decode_signature(value, true)
            .map_err(|reason| WebhookError::MalformedSignature { header, reason })?;
        self.any_key_matches(&expected, |key| hmac_sha256(key, body))
    }

    fn check_legacy(
        &self,
        body: &[u8],
        value: &[u8],
        header: &'static str,
    ) -> Result<(), WebhookError> {
        let expected = decode_signature(value, false)
            .map_err(|reason| WebhookError::MalformedSignature { header, reason })?;
        self.any_key_matches(&expected, |key| legacy_sha256(key, body))
    }

    fn any_key_matches(
        &self,
        given: &[u8; 32],
        digest: impl Fn(&[u8]) -> [u8; 32],
    ) -> Result<(), WebhookError> {
        // Try every key, without short-circuiting, and combine in constant time.
        let matched = self.keys.iter().fold(Choice::from(0), |acc, key| {
            acc | digest(key.expose_secret()).ct_eq(given)
        });
        if bool::from(matched) {
            Ok(())
        } else {
            Err(WebhookError::SignatureMismatch)
        }
    }
}

/// `true` iff `signature_hex` is the HMAC-SHA256 of `body` under `key`, as
/// 64 hex digits (either case), compared in constant time.
///
/// This is the pure function behind [`WebhookVerifier`], and it agrees with
/// the official SDK's `verifyIncomingWebhookRequest(body, {"x-nango-hmac-sha256": signature_hex})`
/// for a client whose `webhookSigningKey` is `key`: an empty key is `false`,
/// and the value must be exactly 64 hex digits with no whitespace.
///
/// # Example
///
/// ```
/// use nango_core::webhook::{sign_payload, verify_hmac_sha256};
///
/// let signature = sign_payload(b"key", b"body");
/// assert!(verify_hmac_sha256(b"key", b"body", &signature));
/// assert!(verify_hmac_sha256(b"key", b"body", &signature.to_uppercase()));
/// assert!(!verify_hmac_sha256(b"key", b"body!", &signature));
/// assert!(!verify_hmac_sha256(b"", b"body", &sign_payload(b"", b"body")));
/// ```
#[must_use]
pub fn verify_hmac_sha256(key: &[u8], body: &[u8], signature_hex: &str) -> bool {
    if key.is_empty() {
        return false;
    }
    match decode_signature(signature_hex.as_bytes(), true) {
        Ok(given) => bool::from(hmac_sha256(key, body).ct_eq(&given)),
        Err(_) => false,
    }
}

/// `true` iff `signature_hex` is the lowercase hex SHA-256 of `key ‖ body`
/// (the legacy `X-Nango-Signature` scheme), compared in constant time.
///
/// Agrees with the official SDK's `verifyWebhookSignature` whenever
/// `JSON.stringify(JSON.parse(body))` is `body` (true of Nango's compact
/// JSON): uppercase hex and empty keys are rejected.
///
/// # Example
///
/// ```
/// # #![allow(deprecated)]
/// use nango_core::webhook::{verify_legacy_sha256, SignedWebhook};
///
/// let signed = SignedWebhook::new(b"key", b"{}".to_vec());
/// assert!(verify_legacy_sha256(b"key", b"{}", &signed.legacy_signature));
/// assert!(!verify_legacy_sha256(b"key", b"{}", &signed.legacy_signature.to_uppercase()));
/// ```
#[deprecated(
    note = "X-Nango-Signature is open to length-extension forgery; use `verify_hmac_sha256`"
)]
#[must_use]
pub fn verify_legacy_sha256(key: &[u8], body: &[u8], signature_hex: &str) -> bool {
    if key.is_empty() {
        return false;
    }
    match decode_signature(signature_hex.as_bytes(), false) {
        Ok(given) => bool::from(legacy_sha256(key, body).ct_eq(&given)),
        Err(_) => false,
    }
}

pub(crate) fn hmac_sha256(key: &[u8], body: &[u8]) -> [u8; 32] {
    // HMAC accepts keys of any length; `new_from_slice` cannot fail.
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(body);
    mac.finalize().into_bytes().into()
}

pub(crate) fn legacy_sha256(key: &[u8], body: &[u8]) -> [u8; 32] {
    let mut hasher = Sha256::new();
    hasher.update(key);
    hasher.update(body);
    hasher.finalize().into()
}

/// Decodes 64 hex digits into 32 bytes. The signature is public data, so
/// branching on it is fine.
fn decode_signature(value: &[u8], allow_uppercase: bool) -> Result<[u8; 32], SignatureFormatError> {
    if value.is_empty() {
        return Err(SignatureFormatError::Empty);
    }
    if value.len() != HEX_LEN {
        return Err(SignatureFormatError::WrongLength { len: value.len() });
    }
    let mut nibbles = [0u8; HEX_LEN];
    for (index, (&byte, nibble)) in value.iter().zip(nibbles.iter_mut()).enumerate() {
        *nibble = match byte {
            b'0'..=b'9' => byte - b'0',
            b'a'..=b'f' => byte - b'a' + 10,
            b'A'..=b'F' if allow_uppercase => byte - b'A' + 10,
            b'A'..=b'F' => return Err(SignatureFormatError::Uppercase { index }),
            _ => return Err(SignatureFormatError::NotHex { index }),
        };
    }
    let mut out = [0u8; 32];
    for (byte, pair) in out.iter_mut().zip(nibbles.chunks_exact(2)) {
        *byte = (pair[0] << 4) | pair[1];
    }
    Ok(out)
}

fn header_from_map<'a>(
    headers: &'a http::HeaderMap,
    name: &'static str,
) -> Result<&'a [u8], WebhookError> {
    let mut values = headers.get_all(name).iter();
    let first = values
        .next()
        .ok_or(WebhookError::MissingSignature { header: name })?;
    let extra = values.count();
    if extra > 0 {
        return Err(WebhookError::DuplicateSignature {
            header: name,
            count: extra + 1,
        });
    }
    Ok(first.as_bytes())
}

fn header_from_pairs<I, K, V>(headers: I, name: &'static str) -> Result<V, WebhookError>
where
    I: IntoIterator<Item = (K, V)>,
    K: AsRef<str>,
    V: AsRef<str>,
{
    let mut found = None;
    let mut count = 0usize;
    for (key, value) in headers {
        // ASCII case folding is exact here: no non-ASCII character lowercases
        // to a letter of this name under JavaScript's `toLowerCase` either.
        if key.as_ref().eq_ignore_ascii_case(name) {
            count += 1;
            if found.is_none() {
                found = Some(value);
            }
        }
    }
    match found {
        None => Err(WebhookError::MissingSignature { header: name }),
        Some(_) if count > 1 => Err(WebhookError::DuplicateSignature {
            header: name,
            count,
        }),
        Some(value) => Ok(value),
    }
}

#[cfg(test)]
mod tests {
    #![allow(deprecated)]
    use super::*;

    const SIG: &str = "652c0b2fbef3f736761e20b864f6c6ce3e68e0bd14469a29546d404537c87b95";

    #[test]
    fn decode_accepts_any_case_for_hmac_only() {
        let lower = decode_signature(SIG.as_bytes(), true).unwrap();
        let upper = decode_signature(SIG.to_uppercase().as_bytes(), true).unwrap();
        assert_eq!(lower, upper);
        assert_eq!(hex::encode(lower), SIG);
        assert_eq!(
            decode_signature(SIG.to_uppercase().as_bytes(), false),
            Err(SignatureFormatError::Uppercase { index: 3 })
        );
    }

    #[test]
    fn decode_reports_precise_errors() {
        assert_eq!(
            decode_signature(b"", true),
            Err(SignatureFormatError::Empty)
        );
        assert_eq!(
            decode_signature(&SIG.as_bytes()[..63], true),
            Err(SignatureFormatError::WrongLength { len: 63 })
        );
        let mut bad = SIG.as_bytes().to_vec();
        bad[10] = b'g';
        assert_eq!(
            decode_signature(&bad, true),
            Err(SignatureFormatError::NotHex { index: 10 })
        );
        let spaced = format!(" {}", &SIG[1..]);
        assert_eq!(
            decode_signature(spaced.as_bytes(), true),
            Err(SignatureFormatError::NotHex { index: 0 })
        );
    }

    #[test]
    fn hmac_known_answer() {
        // RFC 4231 test case 2.
        assert_eq!(
            hex::encode(hmac_sha256(b"Jefe", b"what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn pairs_lookup_counts_case_variants() {
        let err = header_from_pairs(
            [("X-Nango-Hmac-Sha256", "a"), ("x-nango-hmac-sha256", "b")],
            SIGNATURE_HEADER,
        )
        .unwrap_err();
        assert_eq!(
            err,
            WebhookError::DuplicateSignature {
                header: SIGNATURE_HEADER,
                count: 2
            }
        );
    }

    #[test]
    fn empty_keys_are_ignored() {
        let verifier = WebhookVerifier::from_keys(["", ""]);
        assert_eq!(
            verifier.verify_signature(b"", SIG),
            Err(WebhookError::NoKeys)
        );
        assert!(!verify_legacy_sha256(
            b"",
            b"",
            &hex::encode(legacy_sha256(b"", b""))
        ));
    }
}
