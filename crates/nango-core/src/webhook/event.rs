//! Typed webhook bodies.
//!
//! Shapes follow `@nangohq/types` (`NangoAuthWebhookBody`,
//! `NangoSyncWebhookBody`, `NangoForwardWebhookBody`,
//! `NangoAsyncActionWebhookBody`). Parsing is lenient where Nango may evolve:
//! unknown fields are kept in `extra`, unknown enum values in `Other(String)`,
//! unknown webhook types in [`WebhookEvent::Unknown`], and fields Nango marks
//! deprecated are optional.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

use super::error::{redact_serde_message, WebhookError};

use crate::macros::string_enum;
pub use crate::models::connections::AuthMode;

string_enum! {
    /// What happened to the connection in an [`AuthWebhook`].
    ///
    /// # Example
    ///
    /// ```
    /// use nango_core::webhook::AuthOperation;
    ///
    /// assert_eq!(AuthOperation::from("refresh"), AuthOperation::Refresh);
    /// assert_eq!(AuthOperation::from("merge"), AuthOperation::Other("merge".into()));
    /// ```
    AuthOperation in "nango_core::webhook", example = "creation" {
        /// A new connection was created.
        Creation = "creation",
        /// An existing connection was re-authorised.
        Override = "override",
        /// A token refresh (sent when the refresh failed).
        Refresh = "refresh",
        /// The connection was deleted.
        Deletion = "deletion",
        /// Nango could not tell.
        Unknown = "unknown",
    }
}

string_enum! {
    /// The (deprecated) `syncType` of a [`SyncWebhook`].
    ///
    /// # Example
    ///
    /// ```
    /// use nango_core::webhook::SyncType;
    ///
    /// assert_eq!(SyncType::from("INITIAL"), SyncType::Initial);
    /// ```
    SyncType in "nango_core::webhook", example = "INCREMENTAL" {
        /// An incremental run.
        Incremental = "INCREMENTAL",
        /// The first run.
        Initial = "INITIAL",
        /// A run triggered by a provider webhook.
        Webhook = "WEBHOOK",
    }
}

/// A webhook body sent by Nango, or a provider payload forwarded by Nango.
///
/// Serialising an event gives back the wire JSON (camelCase names, with
/// `type`), so `parse(serialize(event)) == event`.
///
/// # Example
///
/// ```
/// use nango_core::webhook::WebhookEvent;
///
/// let body = br#"{"connectionId":"conn-at-1","from":"nango","model":"Item","modifiedAfter":"2026-11-23T18:41:59.236Z","providerConfigKey":"airtable-test","queryTimeStamp":"2026-11-23T18:41:59.236Z","responseResults":{"added":2,"deleted":0,"updated":0},"success":true,"syncName":"items","syncType":"INITIAL","syncVariant":"base","type":"sync"}"#;
/// match WebhookEvent::parse(body)? {
///     WebhookEvent::Sync(sync) => {
///         assert_eq!(sync.sync_name, "items");
///         let ok = sync.success().expect("a successful run");
///         assert_eq!(ok.response_results.added, 2);
///     }
///     WebhookEvent::Auth(_) | WebhookEvent::Forward(_) | WebhookEvent::AsyncAction(_) => {}
///     WebhookEvent::Unknown(_) | WebhookEvent::UnwrappedForward(_) => {}
///     _ => {} // new variants may be added
/// }
/// # Ok::<(), nango_core::webhook::WebhookError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum WebhookEvent {
    /// `type: "auth"`: a connection was created, re-authorised, or failed to
    /// refresh.
    Auth(AuthWebhook),
    /// `type: "sync"`: a sync run finished (successfully or not).
    Sync(SyncWebhook),
    /// `type: "forward"`: a provider's webhook, forwarded inside Nango's
    /// envelope.
    Forward(ForwardWebhook),
    /// `type: "async_action"`: an action started with `X-Async: true` has
    /// finished.
    AsyncAction(AsyncActionWebhook),
    /// A Nango envelope (a JSON object with string `from` and `type`) of a
    /// type this SDK does not know: Nango adds types without notice. The
    /// whole body is kept.
    Unknown(Value),
    /// Valid JSON without Nango's envelope: a provider webhook that Nango
    /// forwarded as-is because it could not match it to a connection. The
    /// whole body is kept.
    UnwrappedForward(Value),
}

impl WebhookEvent {
    /// Parses a webhook body. Does **not** verify it: use
    /// [`WebhookVerifier::verify_and_parse`](super::WebhookVerifier::verify_and_parse)
    /// on untrusted input.
    ///
    /// A JSON object with string `from` and `type` fields is a Nango
    /// envelope; any other JSON value is an
    /// [`UnwrappedForward`](Self::UnwrappedForward).
    ///
    /// # Errors
    ///
    /// [`WebhookError::InvalidJson`] when the body is not JSON;
    /// [`WebhookError::InvalidEvent`] when a known `type` lacks a required
    /// field or has a field of the wrong JSON type.
    ///
    /// # Example
    ///
    /// ```
    /// use nango_core::webhook::{WebhookError, WebhookEvent};
    ///
    /// let event = WebhookEvent::parse(br#"{"from":"nango","type":"auth","connectionId":"c","authMode":"OAUTH2","providerConfigKey":"p","provider":"github","environment":"dev","operation":"override","success":true}"#)?;
    /// assert_eq!(event.event_type(), Some("auth"));
    ///
    /// let err = WebhookEvent::parse(br#"{"from":"nango","type":"sync"}"#).unwrap_err();
    /// assert!(matches!(err, WebhookError::InvalidEvent { .. }));
    /// # Ok::<(), WebhookError>(())
    /// ```
    pub fn parse(body: &[u8]) -> Result<Self, WebhookError> {
        let value: Value =
            serde_json::from_slice(body).map_err(|err| WebhookError::invalid_json(&err))?;
        Self::from_value(value)
    }

    /// Classifies an already parsed JSON value, as [`parse`](Self::parse).
    ///
    /// # Errors
    ///
    /// [`WebhookError::InvalidEvent`] when a known `type` lacks a required
    /// field or has a field of the wrong JSON type.
    ///
    /// # Example
    ///
    /// ```
    /// use nango_core::webhook::WebhookEvent;
    ///
    /// let event = WebhookEvent::from_value(serde_json::json!({"from": "nango", "type": "billing"}))?;
    /// assert!(matches!(event, WebhookEvent::Unknown(_)));
    /// # Ok::<(), nango_core::webhook::WebhookError>(())
    /// ```
    pub fn from_value(value: Value) -> Result<Self, WebhookError> {
        let Some(event_type) = envelope_type(&value) else {
            return Ok(Self::UnwrappedForward(value));
        };
        let event_type: &'static str = match event_type {
            "auth" => "auth",
            "sync" => "sync",
            "forward" => "forward",
            "async_action" => "async_action",
            _ => return Ok(Self::Unknown(value)),
        };
        let result = match event_type {
            "auth" => serde_json::from_value(value).map(Self::Auth),
            "sync" => serde_json::from_value(value).map(Self::Sync),
            "forward" => serde_json::from_value(value).map(Self::Forward),
            _ => serde_json::from_value(value).map(Self::AsyncAction),
        };
        result.map_err(|err| WebhookError::InvalidEvent {
            event_type: event_type.to_owned(),
            message: redact_serde_message(&err.to_string()),
        })
    }

    /// The envelope's `type` (`None` for an
    /// [`UnwrappedForward`](Self::UnwrappedForward)).
    ///
    /// # Example
    ///
    /// ```
    /// use nango_core::webhook::WebhookEvent;
    ///
    /// let event = WebhookEvent::parse(br#"{"from":"nango","type":"billing"}"#)?;
    /// assert_eq!(event.event_type(), Some("billing"));
    /// let raw = WebhookEvent::parse(br#"{"type":"issue.opened"}"#)?;
    /// assert_eq!(raw.event_type(), None);
    /// # Ok::<(), nango_core::webhook::WebhookError>(())
    /// ```
    #[must_use]
    pub fn event_type(&self) -> Option<&str> {
        match self {
            Self::Auth(_) => Some("auth"),
            Self::Sync(_) => Some("sync"),
            Self::Forward(_) => Some("forward"),
            Self::AsyncAction(_) => Some("async_action"),
            Self::Unknown(value) => value.get("type").and_then(Value::as_str),
            Self::UnwrappedForward(_) => None,
        }
    }

    /// The `connectionId` of the envelope, if it has one.
    ///
    /// # Example
    ///
    /// ```
    /// use nango_core::webhook::WebhookEvent;
    ///
    /// let event = WebhookEvent::parse(br#"{"from":"github","type":"forward","providerConfigKey":"gh","payload":{}}"#)?;
    /// assert_eq!(event.connection_id(), None);
    /// # Ok::<(), nango_core::webhook::WebhookError>(())
    /// ```
    #[must_use]
    pub fn connection_id(&self) -> Option<&str> {
        match self {
            Self::Auth(auth) => Some(&auth.connection_id),
            Self::Sync(sync) => Some(&sync.connection_id),
            Self::Forward(forward) => forward.connection_id.as_deref(),
            Self::AsyncAction(action) => Some(&action.connection_id),
            Self::Unknown(value) => value.get("connectionId").and_then(Value::as_str),
            Self::UnwrappedForward(_) => None,
        }
    }

    /// The `providerConfigKey` (integration id) of the envelope, if it has one.
    ///
    /// # Example
    ///
    /// ```
    /// use nango_core::webhook::WebhookEvent;
    ///
    /// let event = WebhookEvent::parse(br#"{"from":"github","type":"forward","providerConfigKey":"gh","payload":{}}"#)?;
    /// assert_eq!(event.provider_config_key(), Some("gh"));
    /// # Ok::<(), nango_core::webhook::WebhookError>(())
    /// ```
    #[must_use]
    pub fn provider_config_key(&self) -> Option<&str> {
        match self {
            Self::Auth(auth) => Some(&auth.provider_config_key),
            Self::Sync(sync) => Some(&sync.provider_config_key),
            Self::Forward(forward) => Some(&forward.provider_config_key),
            Self::AsyncAction(action) => Some(&action.provider_config_key),
            Self::Unknown(value) => value.get("providerConfigKey").and_then(Value::as_str),
            Self::UnwrappedForward(_) => None,
        }
    }
}

/// The `type` of a Nango envelope: a JSON object with string `from` and `type`.
fn envelope_type(value: &Value) -> Option<&str> {
    let object = value.as_object()?;
    object.get("from")?.as_str()?;
    object.get("type")?.as_str()
}

impl Serialize for WebhookEvent {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Auth(auth) => auth.serialize(serializer),
            Self::Sync(sync) => sync.serialize(serializer),
            Self::Forward(forward) => forward.serialize(serializer),
            Self::AsyncAction(action) => action.serialize(serializer),
            Self::Unknown(value) | Self::UnwrappedForward(value) => value.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for WebhookEvent {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        Self::from_value(value).map_err(serde::de::Error::custom)
    }
}

/// The error object of a failed auth or sync webhook (`ErrorPayload` /
/// `SyncErrorPayload` of `@nangohq/types`).
///
/// # Example
///
/// ```
/// use nango_core::webhook::ErrorDetails;
///
/// let error: ErrorDetails = serde_json::from_str(r#"{"type":"refresh_token_external_error","description":"invalid_grant"}"#).unwrap();
/// assert_eq!(error.error_type, "refresh_token_external_error");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ErrorDetails {
    /// Machine-readable error type.
    #[serde(rename = "type")]
    pub error_type: String,
    /// Human-readable description (empty if absent).
    #[serde(default)]
    pub description: String,
    /// Extra data about the error.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payload: Option<Value>,
    /// Extra properties of a sync error (wire name `additional_properties`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub additional_properties: Option<Value>,
    /// Fields this SDK does not know, kept verbatim.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The end user of a connection made through a Connect session.
///
/// # Example
///
/// ```
/// use nango_core::webhook::EndUser;
///
/// let user: EndUser = serde_json::from_str(r#"{"endUserId":"eu-42","endUserEmail":null,"tags":{}}"#).unwrap();
/// assert_eq!(user.end_user_id, "eu-42");
/// assert_eq!(user.end_user_email, None);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct EndUser {
    /// Your id for the end user.
    pub end_user_id: String,
    /// The end user's organisation id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_id: Option<String>,
    /// The end user's email (may be `null` on the wire).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_user_email: Option<String>,
    /// Tags of the end user.
    #[serde(default)]
    pub tags: BTreeMap<String, String>,
    /// Fields this SDK does not know, kept verbatim.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// An auth webhook (`NangoAuthWebhookBody`): sent when a connection is
/// created or re-authorised, and when a token refresh fails.
///
/// # Example
///
/// ```
/// use nango_core::webhook::{AuthOperation, WebhookEvent};
///
/// let body = br#"{"authMode":"OAUTH2","connectionId":"c1","environment":"prod","error":{"description":"invalid_grant","type":"refresh_token_external_error"},"from":"nango","operation":"refresh","provider":"hubspot","providerConfigKey":"hubspot","success":false,"type":"auth"}"#;
/// let WebhookEvent::Auth(auth) = WebhookEvent::parse(body)? else { unreachable!() };
/// assert_eq!(auth.operation, AuthOperation::Refresh);
/// assert!(!auth.success);
/// assert_eq!(auth.error.unwrap().description, "invalid_grant");
/// # Ok::<(), nango_core::webhook::WebhookError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "AuthWire", into = "AuthWire")]
#[non_exhaustive]
pub struct AuthWebhook {
    /// Sender, `"nango"`.
    pub from: String,
    /// The connection's id.
    pub connection_id: String,
    /// The integration's authentication mode.
    pub auth_mode: AuthMode,
    /// The integration id.
    pub provider_config_key: String,
    /// The provider (e.g. `"github"`).
    pub provider: String,
    /// The environment name (e.g. `"dev"`).
    pub environment: String,
    /// What happened.
    pub operation: AuthOperation,
    /// Whether the operation succeeded.
    pub success: bool,
    /// The connection's tags.
    pub tags: Option<BTreeMap<String, String>>,
    /// Present when the connection was made with a Connect session.
    pub end_user: Option<EndUser>,
    /// Why it failed (set when `success` is `false`).
    pub error: Option<ErrorDetails>,
    /// Fields this SDK does not know, kept verbatim.
    pub extra: Map<String, Value>,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct AuthWire {
    #[serde(rename = "type", default)]
    kind: Option<String>,
    from: String,
    connection_id: String,
    auth_mode: AuthMode,
    provider_config_key: String,
    provider: String,
    environment: String,
    operation: AuthOperation,
    success: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    tags: Option<BTreeMap<String, String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    end_user: Option<EndUser>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    error: Option<ErrorDetails>,
    #[serde(flatten)]
    extra: Map<String, Value>,
}

impl From<AuthWire> for AuthWebhook {
    fn from(wire: AuthWire) -> Self {
        Self {
            from: wire.from,
            connection_id: wire.connection_id,
            auth_mode: wire.auth_mode,
            provider_config_key: wire.provider_config_key,
            provider: wire.provider,
            environment: wire.environment,
            operation: wire.operation,
            success: wire.success,
            tags: wire.tags,
            end_user: wire.end_user,
            error: wire.error,
            extra: wire.extra,
        }
    }
}

impl From<AuthWebhook> for AuthWire {
    fn from(auth: AuthWebhook) -> Self {
        Self {
            kind: Some("auth".to_owned()),
            from: auth.from,
            connection_id: auth.connection_id,
            auth_mode: auth.auth_mode,
            provider_config_key: auth.provider_config_key,
            provider: auth.provider,
            environment: auth.environment,
            operation: auth.operation,
            success: auth.success,
            tags: auth.tags,
            end_user: auth.end_user,
            error: auth.error,
            extra: auth.extra,
        }
    }
}

/// Record counts of a successful sync run.
///
/// # Example
///
/// ```
/// use nango_core::webhook::SyncResults;
///
/// let results: SyncResults = serde_json::from_str(r#"{"added":2,"updated":0,"deleted":1}"#).unwrap();
/// assert_eq!((results.added, results.updated, results.deleted), (2, 0, 1));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SyncResults {
    /// Records added.
    pub added: u64,
    /// Records updated.
    pub updated: u64,
    /// Records deleted.
    pub deleted: u64,
    /// Fields this SDK does not know, kept verbatim.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The checkpoint range of a sync run (flat key/value objects).
///
/// # Example
///
/// ```
/// use nango_core::webhook::Checkpoints;
///
/// let range: Checkpoints = serde_json::from_str(r#"{"from":null,"to":{"page":5}}"#).unwrap();
/// assert_eq!(range.to.unwrap()["page"], 5);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Checkpoints {
    /// The checkpoint at the start of the run.
    #[serde(default)]
    pub from: Option<Map<String, Value>>,
    /// The checkpoint at the end of the run.
    #[serde(default)]
    pub to: Option<Map<String, Value>>,
}

/// The part of a [`SyncWebhook`] only present when the run succeeded.
///
/// # Example
///
/// ```
/// use nango_core::webhook::{SyncOutcome, WebhookEvent};
///
/// let body = br#"{"connectionId":"c","from":"nango","model":"Item","modifiedAfter":"2026-01-01T00:00:00.000Z","providerConfigKey":"p","queryTimeStamp":null,"responseResults":{"added":1,"deleted":0,"updated":0},"success":true,"syncName":"items","syncType":"INCREMENTAL","syncVariant":"base","type":"sync"}"#;
/// let WebhookEvent::Sync(sync) = WebhookEvent::parse(body)? else { unreachable!() };
/// let SyncOutcome::Success(ok) = &sync.outcome else { unreachable!() };
/// assert_eq!(ok.modified_after, "2026-01-01T00:00:00.000Z");
/// assert_eq!(ok.query_time_stamp, None);
/// # Ok::<(), nango_core::webhook::WebhookError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct SyncSuccess {
    /// Use as `modified_after` when listing records to get this run's changes.
    pub modified_after: String,
    /// Record counts.
    pub response_results: SyncResults,
    /// Deprecated by Nango (same as `modified_after`); may be `null` or absent.
    pub query_time_stamp: Option<String>,
}

/// The part of a [`SyncWebhook`] only present when the run failed.
///
/// # Example
///
/// ```
/// use nango_core::webhook::WebhookEvent;
///
/// let body = br#"{"connectionId":"c","error":{"description":"boom","type":"script_error"},"failedAt":"2026-01-01T00:01:00.000Z","from":"nango","model":"Item","providerConfigKey":"p","startedAt":"2026-01-01T00:00:00.000Z","success":false,"syncName":"items","syncType":"INCREMENTAL","syncVariant":"base","type":"sync"}"#;
/// let WebhookEvent::Sync(sync) = WebhookEvent::parse(body)? else { unreachable!() };
/// let failure = sync.failure().unwrap();
/// assert_eq!(failure.error.error_type, "script_error");
/// assert_eq!(failure.failed_at, "2026-01-01T00:01:00.000Z");
/// # Ok::<(), nango_core::webhook::WebhookError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct SyncFailure {
    /// Why the run failed.
    pub error: ErrorDetails,
    /// When the run started (ISO 8601).
    pub started_at: String,
    /// When the run failed (ISO 8601).
    pub failed_at: String,
}

/// How a sync run ended (the wire field `success` selects the shape).
///
/// # Example
///
/// ```
/// use nango_core::webhook::{SyncOutcome, WebhookEvent};
///
/// let body = br#"{"connectionId":"c","error":{"description":"boom","type":"script_error"},"failedAt":"t1","from":"nango","model":"Item","providerConfigKey":"p","startedAt":"t0","success":false,"syncName":"items","syncVariant":"base","type":"sync"}"#;
/// let WebhookEvent::Sync(sync) = WebhookEvent::parse(body)? else { unreachable!() };
/// assert!(matches!(sync.outcome, SyncOutcome::Failure(_)));
/// # Ok::<(), nango_core::webhook::WebhookError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum SyncOutcome {
    /// `success: true`.
    Success(SyncSuccess),
    /// `success: false`.
    Failure(SyncFailure),
}

/// A sync webhook (`NangoSyncWebhookBody`): a sync run finished.
///
/// # Example
///
/// ```
/// use nango_core::webhook::WebhookEvent;
///
/// let body = br#"{"connectionId":"conn-at-1","from":"nango","model":"Item","modifiedAfter":"2026-11-23T18:41:59.236Z","providerConfigKey":"airtable-test","queryTimeStamp":"2026-11-23T18:41:59.236Z","responseResults":{"added":2,"deleted":0,"updated":0},"success":true,"syncName":"items","syncType":"INITIAL","syncVariant":"base","type":"sync"}"#;
/// let WebhookEvent::Sync(sync) = WebhookEvent::parse(body)? else { unreachable!() };
/// assert_eq!(sync.model, "Item");
/// assert!(sync.is_success());
/// # Ok::<(), nango_core::webhook::WebhookError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "SyncWire", into = "SyncWire")]
#[non_exhaustive]
pub struct SyncWebhook {
    /// Sender, `"nango"`.
    pub from: String,
    /// The connection's id.
    pub connection_id: String,
    /// The integration id.
    pub provider_config_key: String,
    /// The sync's name.
    pub sync_name: String,
    /// The sync's variant (`"base"` unless you created variants).
    pub sync_variant: String,
    /// The model whose records changed.
    pub model: String,
    /// Deprecated by Nango; optional here so that its removal is harmless.
    pub sync_type: Option<SyncType>,
    /// The checkpoint range of the run, when the sync uses checkpoints.
    pub checkpoints: Option<Checkpoints>,
    /// The success or failure shape.
    pub outcome: SyncOutcome,
    /// Fields this SDK does not know, kept verbatim.
    pub extra: Map<String, Value>,
}

impl SyncWebhook {
    /// `true` if the run succeeded.
    ///
    /// # Example
    ///
    /// ```
    /// use nango_core::webhook::WebhookEvent;
    ///
    /// let body = br#"{"connectionId":"c","from":"nango","model":"M","modifiedAfter":"t","providerConfigKey":"p","responseResults":{"added":0,"deleted":0,"updated":0},"success":true,"syncName":"s","syncVariant":"base","type":"sync"}"#;
    /// let WebhookEvent::Sync(sync) = WebhookEvent::parse(body)? else { unreachable!() };
    /// assert!(sync.is_success());
    /// # Ok::<(), nango_core::webhook::WebhookError>(())
    /// ```
    #[must_use]
    pub fn is_success(&self) -> bool {
        matches!(self.outcome, SyncOutcome::Success(_))
    }

    /// The success shape, if the run succeeded.
    ///
    /// # Example
    ///
    /// ```
    /// use nango_core::webhook::WebhookEvent;
    ///
    /// let body = br#"{"connectionId":"c","from":"nango","model":"M","modifiedAfter":"t","providerConfigKey":"p","responseResults":{"added":3,"deleted":0,"updated":0},"success":true,"syncName":"s","syncVariant":"base","type":"sync"}"#;
    /// let WebhookEvent::Sync(sync) = WebhookEvent::parse(body)? else { unreachable!() };
    /// assert_eq!(sync.success().unwrap().response_results.added, 3);
    /// assert!(sync.failure().is_none());
    /// # Ok::<(), nango_core::webhook::WebhookError>(())
    /// ```
    #[must_use]
    pub fn success(&self) -> Option<&SyncSuccess> {
        match &self.outcome {
            SyncOutcome::Success(success) => Some(success),
            SyncOutcome::Failure(_) => None,
        }
    }

    /// The failure shape, if the run failed.
    ///
    /// # Example
    ///
    /// ```
    /// use nango_core::webhook::WebhookEvent;
    ///
    /// let body = br#"{"connectionId":"c","error":{"description":"d","type":"t"},"failedAt":"t1","from":"nango","model":"M","providerConfigKey":"p","startedAt":"t0","success":false,"syncName":"s","syncVariant":"base","type":"sync"}"#;
    /// let WebhookEvent::Sync(sync) = WebhookEvent::parse(body)? else { unreachable!() };
    /// assert_eq!(sync.failure().unwrap().started_at, "t0");
    /// # Ok::<(), nango_core::webhook::WebhookError>(())
    /// ```
    #[must_use]
    pub fn failure(&self) -> Option<&SyncFailure> {
        match &self.outcome {
            SyncOutcome::Failure(failure) => Some(failure),
            SyncOutcome::Success(_) => None,
        }
    }
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct SyncWire {
    #[serde(rename = "type", default)]
    kind: Option<String>,
    from: String,
    connection_id: String,
    provider_config_key: String,
    sync_name: String,
    sync_variant: String,
    model: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    sync_type: Option<SyncType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    checkpoints: Option<Checkpoints>,
    success: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    modified_after: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    response_results: Option<SyncResults>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    query_time_stamp: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    error: Option<ErrorDetails>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    started_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    failed_at: Option<String>,
    #[serde(flatten)]
    extra: Map<String, Value>,
}

/// A field required by the shape selected by `success` is absent.
#[derive(Debug)]
struct MissingForOutcome(&'static str, bool);

impl fmt::Display for MissingForOutcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "missing field `{}` (required when `success` is {})",
            self.0, self.1
        )
    }
}

impl TryFrom<SyncWire> for SyncWebhook {
    type Error = MissingForOutcome;

    fn try_from(wire: SyncWire) -> Result<Self, Self::Error> {
        let outcome = if wire.success {
            let need = |name| MissingForOutcome(name, true);
            SyncOutcome::Success(SyncSuccess {
                modified_after: wire.modified_after.ok_or_else(|| need("modifiedAfter"))?,
                response_results: wire
                    .response_results
                    .ok_or_else(|| need("responseResults"))?,
                query_time_stamp: wire.query_time_stamp,
            })
        } else {
            let need = |name| MissingForOutcome(name, false);
            SyncOutcome::Failure(SyncFailure {
                error: wire.error.ok_or_else(|| need("error"))?,
                started_at: wire.started_at.ok_or_else(|| need("startedAt"))?,
                failed_at: wire.failed_at.ok_or_else(|| need("failedAt"))?,
            })
        };
        Ok(Self {
            from: wire.from,
            connection_id: wire.connection_id,
            provider_config_key: wire.provider_config_key,
            sync_name: wire.sync_name,
            sync_variant: wire.sync_variant,
            model: wire.model,
            sync_type: wire.sync_type,
            checkpoints: wire.checkpoints,
            outcome,
            extra: wire.extra,
        })
    }
}

impl From<SyncWebhook> for SyncWire {
    fn from(sync: SyncWebhook) -> Self {
        let mut wire = Self {
            kind: Some("sync".to_owned()),
            from: sync.from,
            connection_id: sync.connection_id,
            provider_config_key: sync.provider_config_key,
            sync_name: sync.sync_name,
            sync_variant: sync.sync_variant,
            model: sync.model,
            sync_type: sync.sync_type,
            checkpoints: sync.checkpoints,
            success: false,
            modified_after: None,
            response_results: None,
            query_time_stamp: None,
            error: None,
            started_at: None,
            failed_at: None,
            extra: sync.extra,
        };
        match sync.outcome {
            SyncOutcome::Success(success) => {
                wire.success = true;
                wire.modified_after = Some(success.modified_after);
                wire.response_results = Some(success.response_results);
                wire.query_time_stamp = success.query_time_stamp;
            }
            SyncOutcome::Failure(failure) => {
                wire.error = Some(failure.error);
                wire.started_at = Some(failure.started_at);
                wire.failed_at = Some(failure.failed_at);
            }
        }
        wire
    }
}

/// A forward webhook (`NangoForwardWebhookBody`): a provider's webhook,
/// wrapped by Nango.
///
/// # Example
///
/// ```
/// use nango_core::webhook::WebhookEvent;
///
/// let body = br#"{"connectionId":"unauth-1","from":"unauthenticated","payload":{"connectionId":"unauth-1","payload":{"x":1},"type":"row.created"},"providerConfigKey":"unauth-test","type":"forward"}"#;
/// let WebhookEvent::Forward(forward) = WebhookEvent::parse(body)? else { unreachable!() };
/// assert_eq!(forward.from, "unauthenticated");
/// assert_eq!(forward.payload["type"], "row.created");
/// # Ok::<(), nango_core::webhook::WebhookError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "ForwardWire", into = "ForwardWire")]
#[non_exhaustive]
pub struct ForwardWebhook {
    /// The provider the webhook came from (e.g. `"github"`), or another
    /// sender such as `"unauthenticated"`.
    pub from: String,
    /// The connection Nango matched, if any.
    pub connection_id: Option<String>,
    /// The integration id.
    pub provider_config_key: String,
    /// The provider's webhook body, as JSON (`null` if absent).
    pub payload: Value,
    /// Fields this SDK does not know, kept verbatim.
    pub extra: Map<String, Value>,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ForwardWire {
    #[serde(rename = "type", default)]
    kind: Option<String>,
    from: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    connection_id: Option<String>,
    provider_config_key: String,
    #[serde(default)]
    payload: Value,
    #[serde(flatten)]
    extra: Map<String, Value>,
}

impl From<ForwardWire> for ForwardWebhook {
    fn from(wire: ForwardWire) -> Self {
        Self {
            from: wire.from,
            connection_id: wire.connection_id,
            provider_config_key: wire.provider_config_key,
            payload: wire.payload,
            extra: wire.extra,
        }
    }
}

impl From<ForwardWebhook> for ForwardWire {
    fn from(forward: ForwardWebhook) -> Self {
        Self {
            kind: Some("forward".to_owned()),
            from: forward.from,
            connection_id: forward.connection_id,
            provider_config_key: forward.provider_config_key,
            payload: forward.payload,
            extra: forward.extra,
        }
    }
}

/// Where to fetch the result of a finished async action.
///
/// # Example
///
/// ```
/// use nango_core::webhook::AsyncActionPayload;
///
/// let payload: AsyncActionPayload = serde_json::from_str(r#"{"id":"a1","statusUrl":"/action/a1"}"#).unwrap();
/// assert_eq!(payload.status_url, "/action/a1");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct AsyncActionPayload {
    /// The action run's id.
    pub id: String,
    /// Path of the result (`/action/{id}`).
    pub status_url: String,
    /// Fields this SDK does not know, kept verbatim.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// An async action webhook (`NangoAsyncActionWebhookBody`): an action
/// triggered with `X-Async: true` finished; fetch its result at
/// `payload.status_url`.
///
/// # Example
///
/// ```
/// use nango_core::webhook::WebhookEvent;
///
/// let body = br#"{"connectionId":"conn-at-1","from":"nango","payload":{"id":"af41514f-ae1e-42cf-adda-41791849ff54","statusUrl":"/action/af41514f-ae1e-42cf-adda-41791849ff54"},"providerConfigKey":"airtable-test","type":"async_action"}"#;
/// let WebhookEvent::AsyncAction(done) = WebhookEvent::parse(body)? else { unreachable!() };
/// assert_eq!(done.payload.id, "af41514f-ae1e-42cf-adda-41791849ff54");
/// # Ok::<(), nango_core::webhook::WebhookError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "AsyncActionWire", into = "AsyncActionWire")]
#[non_exhaustive]
pub struct AsyncActionWebhook {
    /// Sender, `"nango"`.
    pub from: String,
    /// The connection's id.
    pub connection_id: String,
    /// The integration id.
    pub provider_config_key: String,
    /// Where the result is.
    pub payload: AsyncActionPayload,
    /// Fields this SDK does not know, kept verbatim.
    pub extra: Map<String, Value>,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct AsyncActionWire {
    #[serde(rename = "type", default)]
    kind: Option<String>,
    from: String,
    connection_id: String,
    provider_config_key: String,
    payload: AsyncActionPayload,
    #[serde(flatten)]
    extra: Map<String, Value>,
}

impl From<AsyncActionWire> for AsyncActionWebhook {
    fn from(wire: AsyncActionWire) -> Self {
        Self {
            from: wire.from,
            connection_id: wire.connection_id,
            provider_config_key: wire.provider_config_key,
            payload: wire.payload,
            extra: wire.extra,
        }
    }
}

impl From<AsyncActionWebhook> for AsyncActionWire {
    fn from(action: AsyncActionWebhook) -> Self {
        Self {
            kind: Some("async_action".to_owned()),
            from: action.from,
            connection_id: action.connection_id,
            provider_config_key: action.provider_config_key,
            payload: action.payload,
            extra: action.extra,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn round_trip(event: &WebhookEvent) {
        let bytes = serde_json::to_vec(event).unwrap();
        assert_eq!(&WebhookEvent::parse(&bytes).unwrap(), event);
    }

    #[test]
    fn unknown_fields_and_values_are_kept() {
        let value = json!({
            "from": "nango", "type": "auth", "connectionId": "c", "authMode": "PASSKEY",
            "providerConfigKey": "p", "provider": "x", "environment": "dev",
            "operation": "merge", "success": true, "brandNew": {"a": 1}
        });
        let WebhookEvent::Auth(auth) = WebhookEvent::from_value(value.clone()).unwrap() else {
            panic!("not auth")
        };
        assert_eq!(auth.auth_mode, AuthMode::Other("PASSKEY".into()));
        assert_eq!(auth.operation, AuthOperation::Other("merge".into()));
        assert_eq!(auth.extra["brandNew"], json!({"a": 1}));
        assert!(auth.extra.get("type").is_none());
        assert_eq!(serde_json::to_value(&auth).unwrap(), value);
        round_trip(&WebhookEvent::Auth(auth));
    }

    #[test]
    fn envelope_detection() {
        for raw in [
            json!([1, 2]),
            json!("x"),
            json!(null),
            json!({"type": "sync"}),
            json!({"from": 1, "type": "auth"}),
            json!({"from": "nango"}),
        ] {
            assert_eq!(
                WebhookEvent::from_value(raw.clone()).unwrap(),
                WebhookEvent::UnwrappedForward(raw)
            );
        }
        let unknown = json!({"from": "nango", "type": "billing", "amount": 1});
        let event = WebhookEvent::from_value(unknown.clone()).unwrap();
        assert_eq!(event, WebhookEvent::Unknown(unknown));
        round_trip(&event);
    }

    #[test]
    fn sync_shapes_are_checked() {
        let mut value = json!({
            "from": "nango", "type": "sync", "connectionId": "c", "providerConfigKey": "p",
            "syncName": "s", "syncVariant": "base", "model": "M", "success": false,
            "error": {"type": "t", "description": "d", "payload": {"k": 1}},
            "startedAt": "t0", "failedAt": "t1",
            "checkpoints": {"from": null, "to": {"page": 5}}
        });
        let event = WebhookEvent::from_value(value.clone()).unwrap();
        let WebhookEvent::Sync(sync) = &event else {
            panic!()
        };
        assert_eq!(sync.sync_type, None);
        assert_eq!(sync.failure().unwrap().error.payload, Some(json!({"k": 1})));
        assert_eq!(
            sync.checkpoints.as_ref().unwrap().to.as_ref().unwrap()["page"],
            5
        );
        round_trip(&event);

        value["success"] = json!(true);
        let err = WebhookEvent::from_value(value).unwrap_err();
        assert_eq!(
            err,
            WebhookError::InvalidEvent {
                event_type: "sync".into(),
                message: "missing field `modifiedAfter` (required when `success` is true)".into(),
            }
        );
    }

    #[test]
    fn invalid_event_messages_do_not_leak_values() {
        let err = WebhookEvent::from_value(json!({
            "from": "nango", "type": "async_action", "connectionId": "secret-value",
            "providerConfigKey": 42, "payload": {"id": "a", "statusUrl": "b"}
        }))
        .unwrap_err();
        let WebhookError::InvalidEvent { message, .. } = &err else {
            panic!("{err:?}")
        };
        assert!(!err.to_string().contains("secret-value"), "{message}");
        assert!(!message.contains("42"), "{message}");
        assert!(message.starts_with("invalid type: integer"), "{message}");

        let err = WebhookEvent::from_value(json!({
            "from": "nango", "type": "forward", "providerConfigKey": "very-secret-string",
            "connectionId": ["very-secret-string"]
        }))
        .unwrap_err();
        assert!(!err.to_string().contains("very-secret"), "{err}");
    }

    #[test]
    fn deserialize_impl_uses_classification() {
        let event: WebhookEvent =
            serde_json::from_str(r#"{"from":"github","type":"forward","providerConfigKey":"gh"}"#)
                .unwrap();
        let WebhookEvent::Forward(forward) = &event else {
            panic!()
        };
        assert_eq!(forward.payload, Value::Null);
        round_trip(&event);
        assert!(serde_json::from_str::<WebhookEvent>(r#"{"from":"nango","type":"auth"}"#).is_err());
    }
}
