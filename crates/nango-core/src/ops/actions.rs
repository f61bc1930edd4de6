//! `/action/*`: trigger an action (and wait, or not), read an asynchronous result.

use std::marker::PhantomData;

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use crate::config::Config;
use crate::encode;
use crate::endpoint::{decode_as, Endpoint};
use crate::error::{Error, InvalidInput, InvalidReason};
use crate::json::{write, JsonText};
use crate::models::actions::{ActionRef, AsyncActionHandle};
use crate::ops::records::id_header;
use crate::request::ApiRequest;

/// The most retries `X-Max-Retries` allows.
///
/// ```
/// assert_eq!(nango_core::ops::actions::MAX_ACTION_RETRIES, 5);
/// ```
pub const MAX_ACTION_RETRIES: u8 = 5;

/// What every trigger carries: the connection, the action and its input.
#[derive(Debug, Clone, PartialEq)]
struct ActionArgs {
    provider_config_key: String,
    connection_id: String,
    action_name: String,
    /// The input written as JSON once (`None`: no input), or why it could not be.
    input: Result<Option<JsonText>, InvalidInput>,
}

impl ActionArgs {
    fn new(
        provider_config_key: impl Into<String>,
        connection_id: impl Into<String>,
        action_name: impl Into<String>,
    ) -> Self {
        Self {
            provider_config_key: provider_config_key.into(),
            connection_id: connection_id.into(),
            action_name: action_name.into(),
            input: Ok(None),
        }
    }

    fn set_input<I: Serialize>(&mut self, input: I) {
        self.input = JsonText::serialize_as("input", &input)
            .map(|text| Some(text).filter(|text| !text.is_null()));
    }

    fn set_input_json(&mut self, input: JsonText) {
        self.input = Ok(Some(input).filter(|text| !text.is_null()));
    }

    /// The request to `path` (both action endpoints send the same one, `TriggerActionAsync`
    /// with its headers added).
    fn request(&self, method: http::Method, path: &'static str) -> Result<ApiRequest, Error> {
        encode::required("action_name", &self.action_name)?;
        let input = self.input.as_ref().map_err(|e| Error::from(e.clone()))?;
        let req = ApiRequest::new(method, path, &[])?;
        let req = id_header(req, "Connection-Id", "connection_id", &self.connection_id)?;
        let body = write::Object::new()
            .str("action_name", &self.action_name)
            .raw_opt("input", input.as_ref().map(JsonText::as_str))
            .finish();
        Ok(id_header(
            req,
            "Provider-Config-Key",
            "provider_config_key",
            &self.provider_config_key,
        )?
        // An action may act on the provider: never sent twice on our own.
        .idempotent(false)
        .json_text(&body))
    }
}

/// `POST /action/trigger`: runs an action and answers its output, decoded as `O`
/// ([`Value`] by default; an empty answer reads as `null`).
///
/// ```
/// use nango_core::{config::Config, endpoint::Endpoint, ops::actions::TriggerAction};
/// let cfg = Config::builder().api_key("k").build()?;
/// let req = TriggerAction::new("github", "user-1", "create-issue")
///     .input(serde_json::json!({"title": "Bug"}))
///     .request(&cfg)?;
/// assert_eq!(req.body().unwrap().as_ref(), br#"{"action_name":"create-issue","input":{"title":"Bug"}}"#);
/// assert!(!req.is_idempotent());
/// # Ok::<(), nango_core::Error>(())
/// ```
pub struct TriggerAction<O = Value> {
    args: ActionArgs,
    _output: PhantomData<fn() -> O>,
}

impl<O> std::fmt::Debug for TriggerAction<O> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TriggerAction")
            .field("args", &self.args)
            .finish()
    }
}

impl<O> Clone for TriggerAction<O> {
    fn clone(&self) -> Self {
        Self {
            args: self.args.clone(),
            _output: PhantomData,
        }
    }
}

impl<O> PartialEq for TriggerAction<O> {
    fn eq(&self, other: &Self) -> bool {
        self.args == other.args
    }
}

impl TriggerAction<Value> {
    /// Runs action `action_name` on the connection, without input until
    /// [`TriggerAction::input`]; its output decodes as [`Value`] until
    /// [`TriggerAction::typed`].
    ///
    /// ```
    /// let op = nango_core::ops::actions::TriggerAction::new("github", "user-1", "list-repos");
    /// ```
    pub fn new(
        provider_config_key: impl Into<String>,
        connection_id: impl Into<String>,
        action_name: impl Into<String>,
    ) -> Self {
        Self {
            args: ActionArgs::new(provider_config_key, connection_id, action_name),
            _output: PhantomData,
        }
    }
}

impl<O> TriggerAction<O> {
    /// The action's input: any serializable value (`null`, e.g. `()`, sends none),
    /// serialized here, once; a [`JsonText`] is sent as written. A value that
    /// cannot be serialized is refused when the request is built.
    ///
    /// ```
    /// use nango_core::{config::Config, endpoint::Endpoint, json::JsonText, ops::actions::TriggerAction};
    /// #[derive(serde::Serialize)]
    /// struct NewIssue { title: String }
    /// let op = TriggerAction::new("gh", "u", "create-issue")
    ///     .input(NewIssue { title: "Bug".into() });
    /// let raw = TriggerAction::new("gh", "u", "charge").input(JsonText::parse(r#"{"amount": 1.50}"#)?);
    /// let req = raw.request(&Config::builder().api_key("k").build()?)?;
    /// assert_eq!(req.body().unwrap().as_ref(), br#"{"action_name":"charge","input":{"amount": 1.50}}"#);
    /// # Ok::<(), nango_core::Error>(())
    /// ```
    pub fn input<I: Serialize>(mut self, input: I) -> Self {
        self.args.set_input(input);
        self
    }

    /// The action's input as JSON text, sent as written (JSON `null` sends none).
    /// The same as [`TriggerAction::input`] with a [`JsonText`], without going
    /// through `serde` (what the WebAssembly package uses).
    ///
    /// ```
    /// use nango_core::{config::Config, endpoint::Endpoint, json::JsonText, ops::actions::TriggerAction};
    /// let op = TriggerAction::new("gh", "u", "charge").input_json(JsonText::parse(r#"{"amount": 1.50}"#)?);
    /// let req = op.request(&Config::builder().api_key("k").build()?)?;
    /// assert_eq!(req.body().unwrap().as_ref(), br#"{"action_name":"charge","input":{"amount": 1.50}}"#);
    /// # Ok::<(), nango_core::Error>(())
    /// ```
    pub fn input_json(mut self, input: JsonText) -> Self {
        self.args.set_input_json(input);
        self
    }

    /// The same trigger, with its output decoded as `O2`.
    ///
    /// ```
    /// #[derive(serde::Deserialize)]
    /// struct Created { id: u64 }
    /// let op = nango_core::ops::actions::TriggerAction::new("gh", "u", "create-issue").typed::<Created>();
    /// ```
    pub fn typed<O2>(self) -> TriggerAction<O2> {
        TriggerAction {
            args: self.args,
            _output: PhantomData,
        }
    }
}

impl<O: DeserializeOwned> Endpoint for TriggerAction<O> {
    const NAME: &'static str = "trigger_action";
    type Output = O;

    fn request(&self, _config: &Config) -> Result<ApiRequest, Error> {
        self.args.request(Self::METHOD, Self::PATH)
    }

    decode_as!(json_or_null);
}

/// `POST /action/trigger` with `X-Async: true`: queues an action and answers
/// (`202`) where to read its result ([`AsyncActionHandle`]).
///
/// ```
/// use nango_core::{config::Config, endpoint::Endpoint, ops::actions::TriggerActionAsync};
/// let cfg = Config::builder().api_key("k").build()?;
/// let req = TriggerActionAsync::new("github", "user-1", "export").max_retries(3).request(&cfg)?;
/// assert_eq!(req.headers()["x-async"], "true");
/// assert_eq!(req.headers()["x-max-retries"], "3");
/// # Ok::<(), nango_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct TriggerActionAsync {
    args: ActionArgs,
    max_retries: Option<u8>,
}

impl TriggerActionAsync {
    /// Queues action `action_name` on the connection, without input until
    /// [`TriggerActionAsync::input`].
    ///
    /// ```
    /// let op = nango_core::ops::actions::TriggerActionAsync::new("github", "user-1", "export");
    /// ```
    pub fn new(
        provider_config_key: impl Into<String>,
        connection_id: impl Into<String>,
        action_name: impl Into<String>,
    ) -> Self {
        Self {
            args: ActionArgs::new(provider_config_key, connection_id, action_name),
            max_retries: None,
        }
    }

    /// The action's input (see [`TriggerAction::input`]).
    ///
    /// ```
    /// let op = nango_core::ops::actions::TriggerActionAsync::new("gh", "u", "export").input(serde_json::json!({"since": "2026-01-01"}));
    /// ```
    pub fn input<I: Serialize>(mut self, input: I) -> Self {
        self.args.set_input(input);
        self
    }

    /// The action's input as JSON text (see [`TriggerAction::input_json`]).
    ///
    /// ```
    /// use nango_core::{json::JsonText, ops::actions::TriggerActionAsync};
    /// let op = TriggerActionAsync::new("gh", "u", "export").input_json(JsonText::parse("{}")?);
    /// # Ok::<(), nango_core::Error>(())
    /// ```
    pub fn input_json(mut self, input: JsonText) -> Self {
        self.args.set_input_json(input);
        self
    }

    /// How many times Nango retries the action if it fails, 0..=5
    /// (`X-Max-Retries`; the server's default is 0).
    ///
    /// ```
    /// let op = nango_core::ops::actions::TriggerActionAsync::new("gh", "u", "export").max_retries(2);
    /// ```
    pub fn max_retries(mut self, retries: u8) -> Self {
        self.max_retries = Some(retries);
        self
    }
}

impl Endpoint for TriggerActionAsync {
    const NAME: &'static str = "trigger_action_async";
    type Output = AsyncActionHandle;

    fn request(&self, _config: &Config) -> Result<ApiRequest, Error> {
        let mut req = self
            .args
            .request(Self::METHOD, Self::PATH)?
            .header("X-Async", "x_async", "true")?;
        if let Some(retries) = self.max_retries {
            if retries > MAX_ACTION_RETRIES {
                return Err(
                    InvalidInput::new("max_retries", InvalidReason::InvalidValue)
                        .with_detail("between 0 and 5")
                        .into(),
                );
            }
            req = req.header("X-Max-Retries", "max_retries", &encode::decimal(retries))?;
        }
        Ok(req)
    }

    decode_as!(json);
}

/// The id of an asynchronous run: given, or read from a `statusUrl`, which must
/// be a path `/action/<id>` on the Nango host (anything else is refused, so that
/// the API key is never sent elsewhere).
pub(crate) fn action_id(action: &ActionRef) -> Result<String, Error> {
    match action {
        ActionRef::Id(id) => Ok(id.clone()),
        ActionRef::StatusUrl(url) => {
            let refuse = |detail: &str| -> Error {
                InvalidInput::new("statusUrl", InvalidReason::InvalidValue)
                    .with_detail(detail.to_owned())
                    .into()
            };
            let rest = url
                .strip_prefix("/action/")
                .ok_or_else(|| refuse("must be a path starting with `/action/`"))?;
            if rest.contains(['/', '?', '#', '\\']) {
                return Err(refuse("must be `/action/<id>`"));
            }
            String::from_utf8(encode::percent_decode(rest))
                .map_err(|_| refuse("is not valid UTF-8 once decoded"))
        }
    }
}

/// `GET /action/{id}` (or the `statusUrl`): the result of an asynchronous run,
/// decoded as `O` ([`Value`] by default). While the run is going the server
/// answers `404`; when it failed, `500` with the error (both are
/// [`Error::Api`]).
///
/// The request is not marked idempotent: a `500` is the run's final failure, and
/// retrying it would only repeat it.
///
/// ```
/// use nango_core::{config::Config, endpoint::Endpoint, models::actions::ActionRef, ops::actions::GetActionResult};
/// let cfg = Config::builder().api_key("k").build()?;
/// let req = GetActionResult::new(ActionRef::status_url("/action/35f461d4")).request(&cfg)?;
/// assert_eq!(req.path(), "/action/35f461d4");
/// assert!(GetActionResult::new(ActionRef::status_url("https://evil.example/action/1")).request(&cfg).is_err());
/// # Ok::<(), nango_core::Error>(())
/// ```
pub struct GetActionResult<O = Value> {
    action: ActionRef,
    _output: PhantomData<fn() -> O>,
}

impl<O> std::fmt::Debug for GetActionResult<O> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GetActionResult")
            .field("action", &self.action)
            .finish()
    }
}

impl<O> Clone for GetActionResult<O> {
    fn clone(&self) -> Self {
        Self {
            action: self.action.clone(),
            _output: PhantomData,
        }
    }
}

impl<O> PartialEq for GetActionResult<O> {
    fn eq(&self, other: &Self) -> bool {
        self.action == other.action
    }
}

impl GetActionResult<Value> {
    /// The result of the run `action` names (an [`ActionRef`], or the
    /// [`AsyncActionHandle`] the trigger answered).
    ///
    /// ```
    /// use nango_core::{models::actions::ActionRef, ops::actions::GetActionResult};
    /// let op = GetActionResult::new(ActionRef::id("35f461d4"));
    /// ```
    pub fn new(action: impl Into<ActionRef>) -> Self {
        Self {
            action: action.into(),
            _output: PhantomData,
        }
    }
}

impl<O> GetActionResult<O> {
    /// The same read, with the output decoded as `O2`.
    ///
    /// ```
    /// use nango_core::{models::actions::ActionRef, ops::actions::GetActionResult};
    /// #[derive(serde::Deserialize)]
    /// struct Export { url: String }
    /// let op = GetActionResult::new(ActionRef::id("1")).typed::<Export>();
    /// ```
    pub fn typed<O2>(self) -> GetActionResult<O2> {
        GetActionResult {
            action: self.action,
            _output: PhantomData,
        }
    }
}

impl<O: DeserializeOwned> Endpoint for GetActionResult<O> {
    const NAME: &'static str = "get_action_result";
    type Output = O;

    fn request(&self, _config: &Config) -> Result<ApiRequest, Error> {
        let id = action_id(&self.action)?;
        Ok(ApiRequest::new(Self::METHOD, Self::PATH, &[("id", &id)])?.idempotent(false))
    }

    decode_as!(json_or_null);
}

// The operations of this group declared by the table (`request = "table"`).
include!("actions.gen.rs");
