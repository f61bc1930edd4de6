//! Request and decode tests of the function compile, dry-run and deployment operations.

use http::Method;
use nango_core::endpoint::Endpoint;
use nango_core::error::InvalidReason;
use nango_core::models::functions::{
    DeployCode, DeployTemplate, FunctionType, JobStatus, NewDeployment, NewDryrun,
};
use nango_core::ops::functions::*;
use nango_core::request::ApiRequest;
use nango_core::Error;
use serde_json::json;

mod common;
use common::*;

fn check_ids(build: impl Fn(&str) -> Result<ApiRequest, Error>, prefix: &str) {
    assert_eq!(invalid(build("").unwrap_err()).1, InvalidReason::Empty);
    assert_eq!(
        invalid(build(".").unwrap_err()).1,
        InvalidReason::DotSegment
    );
    assert_eq!(
        invalid(build("..").unwrap_err()).1,
        InvalidReason::DotSegment
    );
    for id in [
        "a/b",
        "a?b",
        "a#b",
        "100%",
        "a&b=c",
        "with space",
        "ünïcødé-日本",
        "...",
    ] {
        let req = build(id).unwrap();
        let seg = req.path().strip_prefix(prefix).unwrap();
        assert!(!seg.contains(['/', '?', '#', ' ', '&']), "{seg}");
        assert_eq!(decode_segment(seg), id);
    }
}

const CODE: &str = "import { createAction } from 'nango';\nexport default createAction({ exec: async () => ({ ok: true }) });";

#[test]
fn compile_function_request_and_decode() {
    let req = CompileFunction::new(CODE).request(&cfg()).unwrap();
    assert_eq!(req.method(), Method::POST);
    assert_eq!(req.path_and_query(), "/functions/compile");
    assert!(req.is_idempotent(), "compiling has no side effect");
    assert_eq!(json_body_only(&req), json!({ "code": CODE }));
    assert_eq!(
        invalid(CompileFunction::new("").request(&cfg()).unwrap_err()),
        ("code".into(), InvalidReason::Empty)
    );

    let out = CompileFunction::new(CODE)
        .decode(response(
            200,
            r#"{"bundle_size_bytes":2048,"bundled_js":"\"use strict\";module.exports={}","compiled_at":"2026-11-01T10:00:00.000Z","warnings":[]}"#,
        ))
        .unwrap();
    assert_eq!(out.bundle_size_bytes, 2048);
    assert!(out.bundled_js.starts_with("\"use strict\""));
    assert_eq!(out.compiled_at, "2026-11-01T10:00:00.000Z");
}

#[test]
fn create_dryrun_request_and_decode() {
    let mut metadata = serde_json::Map::new();
    metadata.insert("owner".into(), json!("acme"));
    let body = NewDryrun::new("github", FunctionType::Action, CODE, "user-1")
        .input(json!({"title": "Bug"}))
        .metadata(metadata)
        .checkpoint(serde_json::Map::new())
        .last_sync_date("2026-10-01T00:00:00.000Z");
    let req = CreateFunctionDryrun::new(body).request(&cfg()).unwrap();
    assert_eq!(req.method(), Method::POST);
    assert_eq!(req.path_and_query(), "/functions/dryruns");
    assert!(
        !req.is_idempotent(),
        "a dry run runs against a live connection"
    );
    assert_eq!(
        json_body_only(&req),
        json!({"integration_id":"github","function_type":"action","code":CODE,"connection_id":"user-1",
               "input":{"title":"Bug"},"metadata":{"owner":"acme"},"checkpoint":{},
               "last_sync_date":"2026-10-01T00:00:00.000Z"})
    );
    let minimal =
        CreateFunctionDryrun::new(NewDryrun::new("github", FunctionType::Sync, CODE, "user-1"))
            .request(&cfg())
            .unwrap();
    assert_eq!(
        json_body_only(&minimal),
        json!({"integration_id":"github","function_type":"sync","code":CODE,"connection_id":"user-1"})
    );
    for (body, field) in [
        (
            NewDryrun::new("", FunctionType::Sync, CODE, "u"),
            "integration_id",
        ),
        (NewDryrun::new("g", FunctionType::Sync, "", "u"), "code"),
        (
            NewDryrun::new("g", FunctionType::Sync, CODE, ""),
            "connection_id",
        ),
    ] {
        assert_eq!(
            invalid(CreateFunctionDryrun::new(body).request(&cfg()).unwrap_err()),
            (field.into(), InvalidReason::Empty)
        );
    }

    let started = CreateFunctionDryrun::new(NewDryrun::new("g", FunctionType::Sync, CODE, "u"))
        .decode(response(
            202,
            r#"{"id":"0b7e4a44-1c7a-4a8e-9a53-0d8a37c1f3a2","status":"waiting","created_at":"2026-11-01T10:00:00.000Z","queue":"a"}"#,
        ))
        .unwrap();
    assert_eq!(started.id, "0b7e4a44-1c7a-4a8e-9a53-0d8a37c1f3a2");
    assert_eq!(started.status, JobStatus::Waiting);
}

#[test]
fn get_dryrun_request_and_decode() {
    let req = GetFunctionDryrun::new("0b7e4a44-1c7a-4a8e-9a53-0d8a37c1f3a2")
        .request(&cfg())
        .unwrap();
    assert_eq!(req.method(), Method::GET);
    assert_eq!(
        req.path_and_query(),
        "/functions/dryruns/0b7e4a44-1c7a-4a8e-9a53-0d8a37c1f3a2"
    );
    assert!(req.headers().is_empty());
    assert!(req.body().is_none());

    let done = GetFunctionDryrun::new("x")
        .decode(response(
            200,
            r#"{"id":"x","status":"success","integration_id":"github","function_type":"action",
                "created_at":"2026-11-01T10:00:00.000Z","updated_at":"2026-11-01T10:00:05.000Z",
                "started_at":"2026-11-01T10:00:01.000Z","completed_at":"2026-11-01T10:00:05.000Z",
                "duration_ms":4000,"output":"Running action...\nDone","result":{"ok":true},"runner":"r-1"}"#,
        ))
        .unwrap();
    assert!(done.status.is_finished());
    assert_eq!(done.function_type, Some(FunctionType::Action));
    assert_eq!(done.duration_ms, Some(4000));
    assert_eq!(done.result.unwrap()["ok"], true);

    let failed = GetFunctionDryrun::new("x")
        .decode(response(
            200,
            r#"{"id":"x","status":"failed","integration_id":"github","function_type":"sync","created_at":"t","updated_at":"t",
                "error":{"code":"dryrun_error","message":"boom","payload":{"line":3}}}"#,
        ))
        .unwrap();
    let err = failed.error.unwrap();
    assert_eq!(err.code, "dryrun_error");
    assert_eq!(err.payload.unwrap()["line"], 3);

    let paused = GetFunctionDryrun::new("x")
        .decode(response(
            200,
            r#"{"id":"x","status":"paused","integration_id":"g","function_type":"webhook","created_at":"t","updated_at":"t"}"#,
        ))
        .unwrap();
    assert_eq!(paused.status, JobStatus::Other("paused".into()));
    assert!(!paused.status.is_finished());
    assert_eq!(
        paused.function_type,
        Some(FunctionType::Other("webhook".into()))
    );
}

#[test]
fn create_deployment_request_and_decode() {
    let code = DeployCode::new("github", "create-issue", FunctionType::Action, CODE)
        .version("1.2.0")
        .allow_destructive(true);
    let req = CreateFunctionDeployment::new(code).request(&cfg()).unwrap();
    assert_eq!(req.method(), Method::POST);
    assert_eq!(req.path_and_query(), "/functions/deployments");
    assert!(!req.is_idempotent());
    assert_eq!(
        json_body_only(&req),
        json!({"type":"function","integration_id":"github","function_name":"create-issue","function_type":"action",
               "code":CODE,"version":"1.2.0","allow_destructive":true})
    );

    let template = DeployTemplate::new("github", "fetch-issues").function_type(FunctionType::Sync);
    let req = CreateFunctionDeployment::new(template)
        .request(&cfg())
        .unwrap();
    assert_eq!(
        json_body_only(&req),
        json!({"type":"template","integration_id":"github","template":"fetch-issues","function_type":"sync"})
    );

    for (body, field) in [
        (
            NewDeployment::from(DeployTemplate::new("", "t")),
            "integration_id",
        ),
        (
            NewDeployment::from(DeployTemplate::new("g", "")),
            "template",
        ),
        (
            DeployCode::new("g", "", FunctionType::Sync, CODE).into(),
            "function_name",
        ),
        (
            DeployCode::new("g", "f", FunctionType::Sync, "").into(),
            "code",
        ),
    ] {
        assert_eq!(
            invalid(
                CreateFunctionDeployment::new(body)
                    .request(&cfg())
                    .unwrap_err()
            ),
            (field.into(), InvalidReason::Empty)
        );
    }

    let started = CreateFunctionDeployment::new(DeployTemplate::new("github", "fetch-issues"))
        .decode(response(
            202,
            r#"{"id":"d5b1c8e2-3a4f-4b6c-8d9e-0f1a2b3c4d5e","status":"queued","created_at":"2026-11-01T10:00:00.000Z"}"#,
        ))
        .unwrap();
    assert_eq!(started.status, JobStatus::Other("queued".into()));
}

#[test]
fn get_deployment_request_and_decode() {
    let req = GetFunctionDeployment::new("d5b1c8e2-3a4f-4b6c-8d9e-0f1a2b3c4d5e")
        .request(&cfg())
        .unwrap();
    assert_eq!(req.method(), Method::GET);
    assert_eq!(
        req.path_and_query(),
        "/functions/deployments/d5b1c8e2-3a4f-4b6c-8d9e-0f1a2b3c4d5e"
    );
    assert!(req.headers().is_empty());
    assert!(req.body().is_none());

    let d = GetFunctionDeployment::new("x")
        .decode(response(
            200,
            r#"{"id":"x","status":"success","integration_id":"github","function_name":"fetch-issues","function_type":"sync",
                "created_at":"t","updated_at":"t","started_at":"t","completed_at":"t","duration_ms":12000,
                "deployed":true,"deployed_functions":[{"name":"fetch-issues","version":"0.0.2","checksum":"abc"}],
                "output":"Deployed","region":"eu"}"#,
        ))
        .unwrap();
    assert_eq!(d.status, JobStatus::Success);
    assert_eq!(d.deployed, Some(true));
    assert_eq!(d.deployed_functions[0].version, "0.0.2");

    let failed = GetFunctionDeployment::new("x")
        .decode(response(
            200,
            r#"{"id":"x","status":"failed","integration_id":"g","function_name":"f","function_type":"action",
                "created_at":"t","updated_at":"t","deployed_functions":null,
                "error":{"code":"deployment_error","message":"Compilation failed"}}"#,
        ))
        .unwrap();
    assert!(failed.deployed_functions.is_empty());
    assert_eq!(failed.error.unwrap().message, "Compilation failed");
}

#[test]
fn job_ids_are_encoded() {
    check_ids(
        |id| GetFunctionDryrun::new(id).request(&cfg()),
        "/functions/dryruns/",
    );
    check_ids(
        |id| GetFunctionDeployment::new(id).request(&cfg()),
        "/functions/deployments/",
    );
}
