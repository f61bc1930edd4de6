//! Operations given their body as JSON text (`from_json`, or a `JsonText` where
//! any `Serialize` value is taken): the same request and the same checks as
//! with the typed body, and the text sent byte for byte.

use http::Method;
use nango_core::endpoint::Endpoint;
use nango_core::error::{InvalidInput, InvalidReason};
use nango_core::json::JsonText;
use nango_core::models::connect::{CreateConnectSession, CreateReconnectSession};
use nango_core::models::connections::{ConnectionPatch, UpsertConnection};
use nango_core::models::environments::NewEnvironment;
use nango_core::models::functions::{
    DeployCode, DeployTemplate, FunctionType, NewDeployment, NewDryrun,
};
use nango_core::models::integrations::{
    IntegrationPatch, NewIntegration, NewQuickstartIntegration,
};
use nango_core::ops::actions::{TriggerAction, TriggerActionAsync};
use nango_core::ops::connect::{CreateReconnect, CreateSession};
use nango_core::ops::connections::{ImportConnection, MetadataMode, PatchConnection, SetMetadata};
use nango_core::ops::environments::CreateEnvironment;
use nango_core::ops::functions::{CreateFunctionDeployment, CreateFunctionDryrun};
use nango_core::ops::integrations::{
    CreateIntegration, CreateQuickstartIntegration, UpdateIntegration,
};
use nango_core::ops::proxy::Proxy;
use nango_core::request::ApiRequest;
use nango_core::Error;
use serde_json::json;

mod common;
use common::*;

/// The text of `text`, checked.
fn text(text: &str) -> JsonText {
    JsonText::parse(text).unwrap()
}

/// The refusal of an invalid input; panics on anything else.
fn refusal(result: Result<ApiRequest, Error>) -> InvalidInput {
    match result {
        Err(Error::InvalidInput(e)) => e,
        other => panic!("expected invalid input, got {other:?}"),
    }
}

/// `(field, reason)` of a refused request.
fn refused(result: Result<ApiRequest, Error>) -> (String, InvalidReason) {
    let e = refusal(result);
    (e.field, e.reason)
}

/// Both operations make the same request, byte for byte, or refuse it with the
/// same error.
fn assert_same<E: Endpoint>(typed: &E, raw: &E) {
    match (typed.request(&cfg()), raw.request(&cfg())) {
        (Ok(a), Ok(b)) => {
            assert_eq!(a.method(), b.method());
            assert_eq!(a.path_and_query(), b.path_and_query());
            assert_eq!(a.headers(), b.headers());
            assert_eq!(a.is_idempotent(), b.is_idempotent());
            assert_eq!(a.body(), b.body());
        }
        (a, b) => assert_eq!(refusal(a), refusal(b)),
    }
}

/// The request's body is exactly `text`, sent as JSON.
fn assert_verbatim(req: &ApiRequest, text: &JsonText) {
    assert_eq!(req.body().unwrap().as_ref(), text.as_str().as_bytes());
    assert_eq!(req.headers()["content-type"], "application/json");
}

/// The refusal of a text that is not a JSON object.
fn not_an_object() -> (String, InvalidReason) {
    ("body".into(), InvalidReason::InvalidValue)
}

/// Texts that are valid JSON but not objects.
const NOT_OBJECTS: [&str; 5] = ["[]", "null", "1.5", "\"{}\"", "true"];

#[test]
fn create_session() {
    let bodies = [
        CreateConnectSession::default(),
        CreateConnectSession::default()
            .tag("end_user_id", "u-1")
            .allowed_integrations(["github"]),
    ];
    for body in bodies {
        let raw = CreateSession::from_json(JsonText::from_serialize(&body).unwrap());
        assert_same(&CreateSession::new(body), &raw);
    }
    let body = text(r#"{"tags": {"end_user_id": "u-1"}, "overrides": {"github": {"n": 1.50}}}"#);
    let req = CreateSession::from_json(body.clone())
        .request(&cfg())
        .unwrap();
    assert_eq!(
        (req.method(), req.path()),
        (Method::POST, "/connect/sessions")
    );
    assert_verbatim(&req, &body);
    for bad in NOT_OBJECTS {
        assert_eq!(
            refused(CreateSession::from_json(text(bad)).request(&cfg())),
            not_an_object()
        );
    }
}

#[test]
fn create_reconnect() {
    for (connection, integration) in [("c-1", "github"), ("", "github"), ("c-1", ""), ("", "")] {
        let body = CreateReconnectSession::new(connection, integration);
        let raw = CreateReconnect::from_json(JsonText::from_serialize(&body).unwrap());
        assert_same(&CreateReconnect::new(body), &raw);
    }
    let body = text(r#"{"integration_id":"github","connection_id":"c-1","tags":{"a":"b"}}"#);
    let req = CreateReconnect::from_json(body.clone())
        .request(&cfg())
        .unwrap();
    assert_eq!(req.path(), "/connect/sessions/reconnect");
    assert_verbatim(&req, &body);

    let refuse = |t: &str| refused(CreateReconnect::from_json(text(t)).request(&cfg()));
    assert_eq!(
        refuse(r#"{"integration_id":"github"}"#),
        ("connection_id".into(), InvalidReason::Missing)
    );
    assert_eq!(
        refuse(r#"{"connection_id":"c-1","integration_id":null}"#),
        ("integration_id".into(), InvalidReason::Missing)
    );
    assert_eq!(
        refuse(r#"{"connection_id":"","integration_id":"github"}"#),
        ("connection_id".into(), InvalidReason::Empty)
    );
    assert_eq!(
        refuse(r#"{"connection_id":7,"integration_id":"github"}"#),
        ("connection_id".into(), InvalidReason::InvalidValue)
    );
    for bad in NOT_OBJECTS {
        assert_eq!(refuse(bad), not_an_object());
    }
}

#[test]
fn import_connection() {
    let credentials = json!({"type": "API_KEY", "apiKey": "pat"});
    let bodies = [
        UpsertConnection::new("airtable", credentials.clone()),
        UpsertConnection::new("airtable", credentials.clone())
            .connection_id("u-1")
            .metadata(json!({"a": 1})),
        UpsertConnection::new("", credentials.clone()),
        UpsertConnection::new("airtable", credentials.clone()).connection_id(""),
    ];
    for body in bodies {
        let raw = ImportConnection::from_json(JsonText::from_serialize(&body).unwrap());
        assert_same(&ImportConnection::new(body), &raw);
    }
    let body = text(
        r#"{"credentials":{"type":"API_KEY","apiKey":"pat"},"provider_config_key":"airtable","metadata":{"n":1.50}}"#,
    );
    let req = ImportConnection::from_json(body.clone())
        .request(&cfg())
        .unwrap();
    assert_eq!((req.method(), req.path()), (Method::POST, "/connections"));
    assert!(!req.is_idempotent());
    assert_verbatim(&req, &body);

    let refuse = |t: &str| refused(ImportConnection::from_json(text(t)).request(&cfg()));
    assert_eq!(
        refuse(r#"{"credentials":{}}"#),
        ("provider_config_key".into(), InvalidReason::Missing)
    );
    assert_eq!(
        refuse(r#"{"provider_config_key":"","credentials":{}}"#),
        ("provider_config_key".into(), InvalidReason::Empty)
    );
    assert_eq!(
        refuse(r#"{"provider_config_key":"a","connection_id":"","credentials":{}}"#),
        ("connection_id".into(), InvalidReason::Empty)
    );
    for bad in NOT_OBJECTS {
        assert_eq!(refuse(bad), not_an_object());
    }
}

#[test]
fn patch_connection() {
    let cases = [
        ("github", "u/1"),
        ("", "u-1"),
        ("github", ""),
        ("github", ".."),
    ];
    for (key, id) in cases {
        let body = ConnectionPatch::default().tag("plan", "pro");
        let raw = PatchConnection::from_json(key, id, JsonText::from_serialize(&body).unwrap());
        assert_same(&PatchConnection::new(key, id, body), &raw);
    }
    let body = text(r#"{ "tags" : {"plan":"pro"} }"#);
    let req = PatchConnection::from_json("github", "u/1", body.clone())
        .request(&cfg())
        .unwrap();
    assert_eq!(req.method(), Method::PATCH);
    assert_eq!(
        req.path_and_query(),
        "/connections/u%2F1?provider_config_key=github"
    );
    assert!(req.is_idempotent());
    assert_verbatim(&req, &body);
    for bad in NOT_OBJECTS {
        assert_eq!(
            refused(PatchConnection::from_json("g", "c", text(bad)).request(&cfg())),
            not_an_object()
        );
    }
    // The ids are checked first, as with a typed body.
    assert_eq!(
        refused(PatchConnection::from_json("", "c", text("[]")).request(&cfg())),
        ("provider_config_key".into(), InvalidReason::Empty)
    );
}

#[test]
fn create_environment() {
    for name in ["staging", ""] {
        let body = NewEnvironment::new(name).is_production(false);
        let raw = CreateEnvironment::from_json(JsonText::from_serialize(&body).unwrap());
        assert_same(&CreateEnvironment::new(body), &raw);
    }
    let body = text(r#"{"is_production":true,"name":"staging"}"#);
    let req = CreateEnvironment::from_json(body.clone())
        .request(&cfg())
        .unwrap();
    assert_eq!(req.path(), "/environments");
    assert_verbatim(&req, &body);
    let refuse = |t: &str| refused(CreateEnvironment::from_json(text(t)).request(&cfg()));
    assert_eq!(refuse("{}"), ("name".into(), InvalidReason::Missing));
    assert_eq!(
        refuse(r#"{"name":""}"#),
        ("name".into(), InvalidReason::Empty)
    );
    for bad in NOT_OBJECTS {
        assert_eq!(refuse(bad), not_an_object());
    }
}

#[test]
fn create_function_dryrun() {
    let bodies = [
        NewDryrun::new("github", FunctionType::Action, "export default 1", "u-1")
            .input(json!({"title": "Bug"})),
        NewDryrun::new("", FunctionType::Action, "c", "u-1"),
        NewDryrun::new("github", FunctionType::from(""), "c", "u-1"),
        NewDryrun::new("github", FunctionType::Sync, "", "u-1"),
        NewDryrun::new("github", FunctionType::Sync, "c", ""),
    ];
    for body in bodies {
        let raw = CreateFunctionDryrun::from_json(JsonText::from_serialize(&body).unwrap());
        assert_same(&CreateFunctionDryrun::new(body), &raw);
    }
    let full = r#"{"integration_id":"github","function_type":"action","code":"export default 1","connection_id":"u-1","input":{"n":1.50}}"#;
    let req = CreateFunctionDryrun::from_json(text(full))
        .request(&cfg())
        .unwrap();
    assert_eq!(req.path(), "/functions/dryruns");
    assert!(!req.is_idempotent());
    assert_verbatim(&req, &text(full));

    let refuse = |t: &str| refused(CreateFunctionDryrun::from_json(text(t)).request(&cfg()));
    for field in ["integration_id", "function_type", "code", "connection_id"] {
        let mut value: serde_json::Value = serde_json::from_str(full).unwrap();
        value.as_object_mut().unwrap().remove(field);
        assert_eq!(
            refuse(&value.to_string()),
            (field.into(), InvalidReason::Missing)
        );
    }
    for bad in NOT_OBJECTS {
        assert_eq!(refuse(bad), not_an_object());
    }
}

#[test]
fn create_function_deployment() {
    let bodies: Vec<NewDeployment> = vec![
        DeployCode::new(
            "github",
            "create-issue",
            FunctionType::Action,
            "export default 1",
        )
        .version("1.0.0")
        .into(),
        DeployCode::new("", "create-issue", FunctionType::Action, "c").into(),
        DeployCode::new("github", "", FunctionType::Action, "c").into(),
        DeployCode::new("github", "n", FunctionType::from(""), "c").into(),
        DeployCode::new("github", "n", FunctionType::Sync, "").into(),
        DeployTemplate::new("github", "fetch-issues")
            .function_type(FunctionType::Sync)
            .into(),
        DeployTemplate::new("", "fetch-issues").into(),
        DeployTemplate::new("github", "").into(),
    ];
    for body in bodies {
        let raw = CreateFunctionDeployment::from_json(JsonText::from_serialize(&body).unwrap());
        assert_same(&CreateFunctionDeployment::new(body), &raw);
    }
    let template =
        text(r#"{"template":"fetch-issues","integration_id":"github","type":"template"}"#);
    let req = CreateFunctionDeployment::from_json(template.clone())
        .request(&cfg())
        .unwrap();
    assert_eq!(req.path(), "/functions/deployments");
    assert_verbatim(&req, &template);

    let refuse = |t: &str| refused(CreateFunctionDeployment::from_json(text(t)).request(&cfg()));
    assert_eq!(
        refuse(r#"{"integration_id":"github","template":"t"}"#),
        ("type".into(), InvalidReason::Missing)
    );
    assert_eq!(
        refuse(r#"{"type":"script","integration_id":"github","template":"t"}"#),
        ("type".into(), InvalidReason::InvalidValue)
    );
    assert_eq!(
        refuse(r#"{"type":"template","template":"t"}"#),
        ("integration_id".into(), InvalidReason::Missing)
    );
    assert_eq!(
        refuse(r#"{"type":"template","integration_id":"github"}"#),
        ("template".into(), InvalidReason::Missing)
    );
    // A code deployment needs the code's fields, not the template.
    assert_eq!(
        refuse(r#"{"type":"function","integration_id":"github","template":"t"}"#),
        ("function_name".into(), InvalidReason::Missing)
    );
    assert_eq!(
        refuse(
            r#"{"type":"function","integration_id":"github","function_name":"n","function_type":"sync"}"#
        ),
        ("code".into(), InvalidReason::Missing)
    );
    for bad in NOT_OBJECTS {
        assert_eq!(refuse(bad), not_an_object());
    }
}

#[test]
fn create_integrations() {
    for (provider, key) in [("github", "github-prod"), ("", "k"), ("github", "")] {
        let body = NewIntegration::new(provider, key).display_name("GitHub");
        let raw = CreateIntegration::from_json(JsonText::from_serialize(&body).unwrap());
        assert_same(&CreateIntegration::new(body), &raw);

        let body = NewQuickstartIntegration::new(provider, key).forward_webhooks(false);
        let raw = CreateQuickstartIntegration::from_json(JsonText::from_serialize(&body).unwrap());
        assert_same(&CreateQuickstartIntegration::new(body), &raw);
    }
    let body = text(r#"{"unique_key":"gh","provider":"github","custom":{"n":"1.50"}}"#);
    let req = CreateIntegration::from_json(body.clone())
        .request(&cfg())
        .unwrap();
    assert_eq!(req.path(), "/integrations");
    assert_verbatim(&req, &body);
    let req = CreateQuickstartIntegration::from_json(body.clone())
        .request(&cfg())
        .unwrap();
    assert_eq!(req.path(), "/integrations/quickstart");
    assert_verbatim(&req, &body);

    for op in [
        |t| CreateIntegration::from_json(t).request(&cfg()),
        |t| CreateQuickstartIntegration::from_json(t).request(&cfg()),
    ] {
        let refuse = |t: &str| refused(op(text(t)));
        assert_eq!(
            refuse(r#"{"unique_key":"gh"}"#),
            ("provider".into(), InvalidReason::Missing)
        );
        assert_eq!(
            refuse(r#"{"provider":"github"}"#),
            ("unique_key".into(), InvalidReason::Missing)
        );
        assert_eq!(
            refuse(r#"{"provider":"github","unique_key":""}"#),
            ("unique_key".into(), InvalidReason::Empty)
        );
        for bad in NOT_OBJECTS {
            assert_eq!(refuse(bad), not_an_object());
        }
    }
}

#[test]
fn update_integration() {
    let patches = [
        IntegrationPatch::default().display_name("GitHub"),
        IntegrationPatch::default().unique_key("github-v2"),
        IntegrationPatch::default().unique_key(""),
    ];
    for key in ["github", ""] {
        for body in patches.clone() {
            let raw = UpdateIntegration::from_json(key, JsonText::from_serialize(&body).unwrap());
            assert_same(&UpdateIntegration::new(key, body), &raw);
        }
    }
    let rename = text(r#"{"display_name":"GitHub","unique_key":"github-v2"}"#);
    let req = UpdateIntegration::from_json("github", rename.clone())
        .request(&cfg())
        .unwrap();
    assert_eq!(
        (req.method(), req.path()),
        (Method::PATCH, "/integrations/github")
    );
    assert!(!req.is_idempotent(), "a rename is not repeated");
    assert_verbatim(&req, &rename);
    let unset = UpdateIntegration::from_json("github", text(r#"{"unique_key":null}"#))
        .request(&cfg())
        .unwrap();
    assert!(unset.is_idempotent());
    for bad in NOT_OBJECTS {
        assert_eq!(
            refused(UpdateIntegration::from_json("github", text(bad)).request(&cfg())),
            not_an_object()
        );
    }
}

#[test]
fn metadata_as_text() {
    let metadata = text(r#"{"z": 1.50, "a": {"nested": [1E2]}}"#);
    let req = SetMetadata::new(
        MetadataMode::Replace,
        "github",
        ["a", "b"],
        metadata.clone(),
    )
    .unwrap()
    .request(&cfg())
    .unwrap();
    assert_eq!(
        req.body().unwrap().as_ref(),
        br#"{"metadata":{"z": 1.50, "a": {"nested": [1E2]}},"connection_id":["a","b"],"provider_config_key":"github"}"#
    );
    // The same bytes as the typed value it stands for.
    let typed =
        SetMetadata::new(MetadataMode::Merge, "github", "u-1", json!({"plan": "pro"})).unwrap();
    let raw = SetMetadata::new(
        MetadataMode::Merge,
        "github",
        "u-1",
        text(r#"{"plan":"pro"}"#),
    )
    .unwrap();
    assert_same(&typed, &raw);

    for bad in NOT_OBJECTS {
        let op = SetMetadata::new(MetadataMode::Replace, "github", "u-1", text(bad)).unwrap();
        let e = refusal(op.request(&cfg()));
        assert_eq!(
            (e.field.as_str(), e.reason),
            ("metadata", InvalidReason::InvalidValue)
        );
        assert_eq!(e.detail.as_deref(), Some("must be a JSON object"));
    }
    let mut unwritable = std::collections::BTreeMap::new();
    unwritable.insert((1, 2), 3);
    match SetMetadata::new(MetadataMode::Replace, "github", "u-1", unwritable) {
        Err(Error::InvalidInput(e)) => {
            assert_eq!(
                (e.field.as_str(), e.reason),
                ("metadata", InvalidReason::InvalidValue)
            )
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn action_input_as_text() {
    let input = text(r#"{"amount": 1.50, "b": 1, "a": 2}"#);
    let req = TriggerAction::new("github", "u-1", "charge")
        .input(input.clone())
        .request(&cfg())
        .unwrap();
    assert_eq!(
        req.body().unwrap().as_ref(),
        br#"{"action_name":"charge","input":{"amount": 1.50, "b": 1, "a": 2}}"#
    );
    let req = TriggerActionAsync::new("github", "u-1", "charge")
        .input(&input)
        .request(&cfg())
        .unwrap();
    assert_eq!(
        req.body().unwrap().as_ref(),
        br#"{"action_name":"charge","input":{"amount": 1.50, "b": 1, "a": 2}}"#
    );
    assert_eq!(req.headers()["x-async"], "true");
    // `null` sends no input, as `()` does.
    for none in [
        TriggerAction::new("g", "c", "a").input(text("null")),
        TriggerAction::new("g", "c", "a").input(()),
    ] {
        assert_eq!(
            none.request(&cfg()).unwrap().body().unwrap().as_ref(),
            br#"{"action_name":"a"}"#
        );
    }
    let mut unwritable = std::collections::BTreeMap::new();
    unwritable.insert((1, 2), 3);
    let e = refusal(
        TriggerAction::new("g", "c", "a")
            .input(unwritable)
            .request(&cfg()),
    );
    assert_eq!(
        (e.field.as_str(), e.reason),
        ("input", InvalidReason::InvalidValue)
    );
    assert!(e.detail.is_some());
}

#[test]
fn proxy_body_as_text() {
    let body = text(r#"{"amount": 1.50, "b": 1, "a": 2}"#);
    let req = Proxy::post("/charges")
        .provider_config_key("stripe")
        .connection_id("u-1")
        .json(&body)
        .request(&cfg())
        .unwrap();
    assert_eq!(req.body().unwrap().as_ref(), body.as_str().as_bytes());
    assert_eq!(req.headers()["content-type"], "application/json");
}
