//! Webhook verification and parsing against deliveries captured from a real
//! Nango server (tests/data/real-webhooks.json, a copy of
//! shared/reference/real-webhooks.json), plus adversarial cases.

#![allow(deprecated)] // the legacy scheme is tested on purpose

use http::{HeaderMap, HeaderName, HeaderValue};
use nango_core::webhook::{
    sign_payload, verify_hmac_sha256, verify_legacy_sha256, AuthMode, AuthOperation,
    SignatureFormatError, SignedWebhook, SyncType, WebhookError, WebhookEvent, WebhookVerifier,
    LEGACY_SIGNATURE_HEADER, SIGNATURE_HEADER,
};
use serde_json::Value;

const VECTORS: &str = include_str!("data/real-webhooks.json");

struct Delivery {
    kind: String,
    key: String,
    body: Vec<u8>,
    headers: Vec<(String, String)>,
}

impl Delivery {
    fn header(&self, name: &str) -> &str {
        &self.headers.iter().find(|(k, _)| k == name).unwrap().1
    }

    fn signature(&self) -> &str {
        self.header(SIGNATURE_HEADER)
    }

    fn header_map(&self) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in &self.headers {
            map.append(
                HeaderName::from_bytes(name.as_bytes()).unwrap(),
                HeaderValue::from_str(value).unwrap(),
            );
        }
        map
    }

    fn with_signature(&self, value: &str) -> HeaderMap {
        let mut map = self.header_map();
        map.insert(SIGNATURE_HEADER, HeaderValue::from_str(value).unwrap());
        map
    }
}

fn deliveries() -> Vec<Delivery> {
    let root: Value = serde_json::from_str(VECTORS).unwrap();
    let list = root["deliveries"].as_array().unwrap();
    assert_eq!(list.len(), 5, "expected the 5 captured deliveries");
    list.iter()
        .map(|d| Delivery {
            kind: d["type"].as_str().unwrap().to_owned(),
            key: d["signing_key"].as_str().unwrap().to_owned(),
            body: d["raw_body"].as_str().unwrap().as_bytes().to_vec(),
            headers: d["headers"]
                .as_object()
                .unwrap()
                .iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_owned()))
                .collect(),
        })
        .collect()
}

#[test]
fn data_copy_matches_shared_reference_when_present() {
    let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/reference/real-webhooks.json");
    match std::fs::read_to_string(&shared) {
        Ok(text) => {
            let a: Value = serde_json::from_str(&text).unwrap();
            let b: Value = serde_json::from_str(VECTORS).unwrap();
            assert_eq!(a, b, "tests/data/real-webhooks.json is out of date");
        }
        Err(_) => eprintln!("{} not found; using the copy only", shared.display()),
    }
}

#[test]
fn every_real_delivery_verifies_in_every_input_form() {
    for d in deliveries() {
        let verifier = WebhookVerifier::new(d.key.as_str());
        assert_eq!(
            verifier.verify(&d.body, &d.header_map()),
            Ok(()),
            "{}",
            d.kind
        );
        assert_eq!(
            verifier.verify_pairs(&d.body, d.headers.iter().map(|(k, v)| (k, v))),
            Ok(())
        );
        assert_eq!(verifier.verify_signature(&d.body, d.signature()), Ok(()));
        assert!(verify_hmac_sha256(d.key.as_bytes(), &d.body, d.signature()));
        assert_eq!(sign_payload(d.key.as_bytes(), &d.body), d.signature());
        let signed = SignedWebhook::new(d.key.as_bytes(), d.body.clone());
        assert_eq!(signed.signature, d.signature());
        assert_eq!(signed.legacy_signature, d.header(LEGACY_SIGNATURE_HEADER));
    }
}

#[test]
fn every_real_delivery_parses_into_the_right_variant() {
    for d in deliveries() {
        let verifier = WebhookVerifier::new(d.key.as_str());
        let event = verifier.verify_and_parse(&d.body, &d.header_map()).unwrap();
        assert_eq!(event.event_type(), Some(d.kind.as_str()));
        let same = verifier
            .verify_pairs_and_parse(&d.body, d.headers.iter().map(|(k, v)| (k, v)))
            .unwrap();
        assert_eq!(same, event);
        let same = verifier
            .verify_signature_and_parse(&d.body, d.signature())
            .unwrap();
        assert_eq!(same, event);

        // Serialising gives back the wire JSON (same members, same values).
        let original: Value = serde_json::from_slice(&d.body).unwrap();
        assert_eq!(
            serde_json::to_value(&event).unwrap(),
            original,
            "{}",
            d.kind
        );

        match (&event, d.kind.as_str()) {
            (WebhookEvent::Auth(auth), "auth") => {
                assert_eq!(auth.from, "nango");
                assert_eq!(auth.auth_mode, AuthMode::ApiKey);
                assert_eq!(auth.operation, AuthOperation::Creation);
                assert_eq!(auth.provider, "airtable-pat");
                assert_eq!(auth.provider_config_key, "airtable-test");
                assert_eq!(auth.environment, "dev");
                assert!(auth.success);
                assert!(auth.error.is_none());
                assert!(auth.extra.is_empty());
                let tags = auth.tags.as_ref().unwrap();
                if let Some(user) = &auth.end_user {
                    assert_eq!(auth.connection_id, "b7fd722d-3673-412a-b52e-8f11567f6deb");
                    assert_eq!(user.end_user_id, "eu-42");
                    assert_eq!(user.end_user_email.as_deref(), Some("eu42@example.com"));
                    assert_eq!(user.organization_id.as_deref(), Some("org-9"));
                    assert!(user.tags.is_empty());
                    assert_eq!(tags["end_user_display_name"], "EU 42");
                    assert_eq!(tags.len(), 5);
                } else {
                    assert_eq!(auth.connection_id, "wh-conn-1");
                    assert_eq!(tags["end_user_id"], "u-wh");
                }
            }
            (WebhookEvent::Forward(forward), "forward") => {
                assert_eq!(forward.from, "unauthenticated");
                assert_eq!(forward.connection_id.as_deref(), Some("unauth-1"));
                assert_eq!(forward.provider_config_key, "unauth-test");
                assert_eq!(forward.payload["type"], "row.created");
                assert_eq!(forward.payload["payload"]["x"], 1);
            }
            (WebhookEvent::AsyncAction(action), "async_action") => {
                assert_eq!(action.connection_id, "conn-at-1");
                assert_eq!(action.payload.id, "af41514f-ae1e-42cf-adda-41791849ff54");
                assert_eq!(
                    action.payload.status_url,
                    "/action/af41514f-ae1e-42cf-adda-41791849ff54"
                );
            }
            (WebhookEvent::Sync(sync), "sync") => {
                assert_eq!(sync.connection_id, "conn-at-1");
                assert_eq!(sync.sync_name, "items");
                assert_eq!(sync.sync_variant, "base");
                assert_eq!(sync.model, "Item");
                assert_eq!(sync.sync_type, Some(SyncType::Initial));
                assert!(sync.checkpoints.is_none());
                let ok = sync.success().unwrap();
                assert_eq!(ok.modified_after, "2026-11-23T18:41:59.236Z");
                assert_eq!(
                    ok.query_time_stamp.as_deref(),
                    Some("2026-11-23T18:41:59.236Z")
                );
                assert_eq!(
                    (
                        ok.response_results.added,
                        ok.response_results.updated,
                        ok.response_results.deleted
                    ),
                    (2, 0, 0)
                );
            }
            (other, kind) => panic!("{kind} parsed as {other:?}"),
        }
    }
}

#[test]
fn any_flipped_byte_is_rejected() {
    for d in deliveries() {
        let verifier = WebhookVerifier::new(d.key.as_str());
        for i in 0..d.body.len() {
            for mask in [0x01, 0x20, 0x80] {
                let mut body = d.body.clone();
                body[i] ^= mask;
                assert_eq!(
                    verifier.verify(&body, &d.header_map()),
                    Err(WebhookError::SignatureMismatch),
                    "{} byte {i}",
                    d.kind
                );
            }
        }
        // Appended or removed bytes too.
        let mut longer = d.body.clone();
        longer.push(b' ');
        assert_eq!(
            verifier.verify_signature(&longer, d.signature()),
            Err(WebhookError::SignatureMismatch)
        );
        let shorter = &d.body[..d.body.len() - 1];
        assert_eq!(
            verifier.verify_signature(shorter, d.signature()),
            Err(WebhookError::SignatureMismatch)
        );
        // Re-serialised JSON (different member order or spacing) does not verify.
        let value: Value = serde_json::from_slice(&d.body).unwrap();
        let pretty = serde_json::to_vec_pretty(&value).unwrap();
        assert!(verifier.verify_signature(&pretty, d.signature()).is_err());
    }
}

#[test]
fn wrong_key_is_rejected() {
    for d in deliveries() {
        for key in [
            "wrong",
            "",
            " ",
            &d.key[..d.key.len() - 1],
            &format!("{} ", d.key),
            &d.key.to_uppercase(),
        ] {
            let verifier = WebhookVerifier::new(key);
            let expected = if key.is_empty() {
                WebhookError::NoKeys
            } else {
                WebhookError::SignatureMismatch
            };
            assert_eq!(
                verifier.verify(&d.body, &d.header_map()),
                Err(expected),
                "{key:?}"
            );
            assert!(!verify_hmac_sha256(key.as_bytes(), &d.body, d.signature()));
        }
    }
}

#[test]
fn key_set_accepts_old_and_new_keys() {
    let all = deliveries();
    let keys: Vec<&str> = all.iter().map(|d| d.key.as_str()).collect();
    let rotating = WebhookVerifier::from_keys(keys.iter().copied());
    assert_eq!(rotating.key_count(), 2);
    let built = WebhookVerifier::new("7ade7940-683a-438e-899a-6122ad9694fe")
        .with_key("e4323faa-1c98-4b49-84d1-a06b646f1daa");
    let with_unrelated = WebhookVerifier::from_keys(["unrelated", "also-unrelated"])
        .with_key("e4323faa-1c98-4b49-84d1-a06b646f1daa")
        .with_key("7ade7940-683a-438e-899a-6122ad9694fe");
    for d in &all {
        for verifier in [&rotating, &built, &with_unrelated] {
            assert_eq!(verifier.verify(&d.body, &d.header_map()), Ok(()));
        }
        // Only the key that signed it, among unrelated ones, is not enough if removed.
        let others = WebhookVerifier::from_keys(keys.iter().copied().filter(|k| *k != d.key));
        assert_eq!(
            others.verify(&d.body, &d.header_map()),
            Err(WebhookError::SignatureMismatch)
        );
    }
}

#[test]
fn no_keys_is_reported() {
    let d = &deliveries()[0];
    for verifier in [
        WebhookVerifier::from_keys(Vec::<String>::new()),
        WebhookVerifier::new(""),
        WebhookVerifier::from_keys(["", ""]),
    ] {
        assert_eq!(verifier.key_count(), 0);
        assert_eq!(
            verifier.verify(&d.body, &d.header_map()),
            Err(WebhookError::NoKeys)
        );
        assert_eq!(
            verifier.verify_signature(&d.body, d.signature()),
            Err(WebhookError::NoKeys)
        );
        assert_eq!(
            verifier.verify_legacy(&d.body, &d.header_map()),
            Err(WebhookError::NoKeys)
        );
    }
}

fn malformed(reason: SignatureFormatError) -> WebhookError {
    WebhookError::MalformedSignature {
        header: SIGNATURE_HEADER,
        reason,
    }
}

#[test]
fn malformed_signatures_are_rejected_precisely() {
    for d in deliveries() {
        let verifier = WebhookVerifier::new(d.key.as_str());
        let sig = d.signature();
        let check = |value: &str, expected: WebhookError| {
            assert_eq!(
                verifier.verify(&d.body, &d.with_signature(value)),
                Err(expected.clone()),
                "{value:?}"
            );
            assert_eq!(
                verifier.verify_pairs(&d.body, [(SIGNATURE_HEADER, value)]),
                Err(expected.clone())
            );
            assert!(!verify_hmac_sha256(d.key.as_bytes(), &d.body, value));
        };
        check("", malformed(SignatureFormatError::Empty));
        check(
            &sig[..63],
            malformed(SignatureFormatError::WrongLength { len: 63 }),
        );
        check(
            &sig[..32],
            malformed(SignatureFormatError::WrongLength { len: 32 }),
        );
        check(
            &format!("{sig}0"),
            malformed(SignatureFormatError::WrongLength { len: 65 }),
        );
        check(
            &format!("{sig}{sig}"),
            malformed(SignatureFormatError::WrongLength { len: 128 }),
        );
        check(
            &format!("sha256={}", &sig[7..]),
            malformed(SignatureFormatError::NotHex { index: 0 }),
        );
        check(
            &format!("{}g", &sig[..63]),
            malformed(SignatureFormatError::NotHex { index: 63 }),
        );
        check(
            &format!("{} ", &sig[..63]),
            malformed(SignatureFormatError::NotHex { index: 63 }),
        );
        check(
            &format!("{}zz{}", &sig[..10], &sig[12..]),
            malformed(SignatureFormatError::NotHex { index: 10 }),
        );
        // Non-ASCII: the length is counted in bytes.
        check(
            &format!("é{}", &sig[2..]),
            malformed(SignatureFormatError::NotHex { index: 0 }),
        );
        // Whitespace is not trimmed (a request with it would fail in the official SDK too).
        assert_eq!(
            verifier.verify_pairs(&d.body, [(SIGNATURE_HEADER, format!(" {sig}"))]),
            Err(malformed(SignatureFormatError::WrongLength { len: 65 }))
        );
        // The direct form names the value "signature".
        assert_eq!(
            verifier.verify_signature(&d.body, &sig[..10]),
            Err(WebhookError::MalformedSignature {
                header: "signature",
                reason: SignatureFormatError::WrongLength { len: 10 }
            })
        );
        // A well-formed digest of something else.
        let zeros = "0".repeat(64);
        check(&zeros, WebhookError::SignatureMismatch);
    }
}

#[test]
fn uppercase_and_mixed_case_hex_are_accepted_like_the_official_sdk() {
    // @nangohq/node decodes the header with Buffer.from(value, "hex"), which
    // is case-insensitive: it accepts these, so we do too.
    for d in deliveries() {
        let verifier = WebhookVerifier::new(d.key.as_str());
        let upper = d.signature().to_uppercase();
        let mixed: String = d
            .signature()
            .chars()
            .enumerate()
            .map(|(i, c)| {
                if i % 2 == 0 {
                    c.to_ascii_uppercase()
                } else {
                    c
                }
            })
            .collect();
        for value in [upper, mixed] {
            assert_eq!(verifier.verify(&d.body, &d.with_signature(&value)), Ok(()));
            assert!(verify_hmac_sha256(d.key.as_bytes(), &d.body, &value));
        }
    }
}

#[test]
fn missing_header_is_reported() {
    for d in deliveries() {
        let verifier = WebhookVerifier::new(d.key.as_str());
        let mut headers = d.header_map();
        headers.remove(SIGNATURE_HEADER);
        let missing = Err(WebhookError::MissingSignature {
            header: SIGNATURE_HEADER,
        });
        assert_eq!(verifier.verify(&d.body, &headers), missing);
        assert_eq!(verifier.verify(&d.body, &HeaderMap::new()), missing);
        assert_eq!(
            verifier.verify_and_parse(&d.body, &headers).unwrap_err(),
            missing.clone().unwrap_err()
        );
        assert_eq!(
            verifier.verify_pairs(&d.body, Vec::<(String, String)>::new()),
            missing
        );
        // The legacy header alone is not accepted by `verify`.
        let legacy_only = [(LEGACY_SIGNATURE_HEADER, d.header(LEGACY_SIGNATURE_HEADER))];
        assert_eq!(verifier.verify_pairs(&d.body, legacy_only), missing);
        // Nor is a look-alike name.
        assert_eq!(
            verifier.verify_pairs(&d.body, [("x-nango-hmac-sha-256", d.signature())]),
            missing
        );
        assert_eq!(
            verifier.verify_pairs(&d.body, [("x-nango-hmac-sha256 ", d.signature())]),
            missing
        );
    }
}

#[test]
fn header_name_matches_in_any_case() {
    for d in deliveries() {
        let verifier = WebhookVerifier::new(d.key.as_str());
        for name in [
            "X-Nango-Hmac-Sha256",
            "X-NANGO-HMAC-SHA256",
            "x-NaNgO-hMaC-sHa256",
            SIGNATURE_HEADER,
        ] {
            assert_eq!(
                verifier.verify_pairs(
                    &d.body,
                    [("Content-Type", "application/json"), (name, d.signature())]
                ),
                Ok(())
            );
            let mut map = HeaderMap::new();
            map.insert(
                HeaderName::from_bytes(name.as_bytes()).unwrap(),
                d.signature().parse().unwrap(),
            );
            assert_eq!(verifier.verify(&d.body, &map), Ok(()));
        }
    }
}

#[test]
fn repeated_signature_header_is_rejected() {
    let d = &deliveries()[0];
    let verifier = WebhookVerifier::new(d.key.as_str());
    let mut map = d.header_map();
    map.append(
        SIGNATURE_HEADER,
        HeaderValue::from_str(d.signature()).unwrap(),
    );
    let dup = Err(WebhookError::DuplicateSignature {
        header: SIGNATURE_HEADER,
        count: 2,
    });
    assert_eq!(verifier.verify(&d.body, &map), dup);
    assert_eq!(
        verifier.verify_pairs(
            &d.body,
            [
                ("X-Nango-Hmac-Sha256", d.signature()),
                (SIGNATURE_HEADER, "00")
            ]
        ),
        dup
    );
}

#[test]
fn legacy_scheme_matches_captured_x_nango_signature() {
    for d in deliveries() {
        let verifier = WebhookVerifier::new(d.key.as_str());
        let legacy = d.header(LEGACY_SIGNATURE_HEADER);
        assert_eq!(verifier.verify_legacy(&d.body, &d.header_map()), Ok(()));
        assert_eq!(verifier.verify_legacy_signature(&d.body, legacy), Ok(()));
        assert!(verify_legacy_sha256(d.key.as_bytes(), &d.body, legacy));

        // The official SDK compares the hex strings: uppercase fails there, and here.
        let upper = legacy.to_uppercase();
        assert!(!verify_legacy_sha256(d.key.as_bytes(), &d.body, &upper));
        assert!(matches!(
            verifier.verify_legacy_signature(&d.body, &upper),
            Err(WebhookError::MalformedSignature {
                reason: SignatureFormatError::Uppercase { .. },
                ..
            })
        ));
        let mut tampered = d.body.clone();
        tampered[1] ^= 1;
        assert_eq!(
            verifier.verify_legacy_signature(&tampered, legacy),
            Err(WebhookError::SignatureMismatch)
        );
        assert!(!verify_legacy_sha256(b"wrong", &d.body, legacy));
        // The two schemes are not interchangeable.
        assert_eq!(
            verifier.verify_signature(&d.body, legacy),
            Err(WebhookError::SignatureMismatch)
        );
        assert_eq!(
            verifier.verify_legacy_signature(&d.body, d.signature()),
            Err(WebhookError::SignatureMismatch)
        );
        let mut map = d.header_map();
        map.remove(LEGACY_SIGNATURE_HEADER);
        assert_eq!(
            verifier.verify_legacy(&d.body, &map),
            Err(WebhookError::MissingSignature {
                header: LEGACY_SIGNATURE_HEADER
            })
        );
    }
}

#[test]
fn body_is_not_parsed_before_verification() {
    let verifier = WebhookVerifier::new("key");
    let mut headers = HeaderMap::new();
    headers.insert(
        SIGNATURE_HEADER,
        sign_payload(b"other", b"not json").parse().unwrap(),
    );
    assert_eq!(
        verifier.verify_and_parse(b"not json", &headers),
        Err(WebhookError::SignatureMismatch)
    );
}

#[test]
fn parse_errors_after_verification() {
    let verifier = WebhookVerifier::new("key");
    for body in [&b"not json"[..], b"", b"{\"from\":", b"{} {}", b"\xff\xfe"] {
        let signed = SignedWebhook::new(b"key", body.to_vec());
        let err = verifier
            .verify_and_parse(&signed.body, &signed.header_map())
            .unwrap_err();
        assert!(matches!(err, WebhookError::InvalidJson { .. }), "{err:?}");
        assert!(!err.is_verification_error());
    }
    let body = br#"{"from":"nango","type":"auth","connectionId":"tok_SECRET_VALUE","authMode":7}"#;
    let signed = SignedWebhook::new(b"key", body.to_vec());
    let err = verifier
        .verify_and_parse(&signed.body, &signed.header_map())
        .unwrap_err();
    let WebhookError::InvalidEvent {
        event_type,
        message,
    } = &err
    else {
        panic!("{err:?}")
    };
    assert_eq!(event_type, "auth");
    assert!(!message.contains("SECRET"), "{message}");
    let shown = format!("{err} {err:?}");
    assert!(!shown.contains("SECRET"), "{shown}");
}

#[test]
fn unwrapped_and_unknown_payloads_are_kept_raw() {
    let verifier = WebhookVerifier::new("key");
    for (body, unwrapped) in [
        (
            &br#"{"type":"customer.created","data":{"id":"cus_1"}}"#[..],
            true,
        ),
        (br#"[{"event":"push"}]"#, true),
        (br#""just a string""#, true),
        (
            br#"{"from":"nango","type":"connection_limit","percent":90}"#,
            false,
        ),
    ] {
        let signed = SignedWebhook::new(b"key", body.to_vec());
        let event = verifier
            .verify_pairs_and_parse(&signed.body, signed.header_pairs())
            .unwrap();
        let raw: Value = serde_json::from_slice(body).unwrap();
        if unwrapped {
            assert_eq!(event, WebhookEvent::UnwrappedForward(raw.clone()));
            assert_eq!(event.event_type(), None);
        } else {
            assert_eq!(event, WebhookEvent::Unknown(raw.clone()));
            assert_eq!(event.event_type(), Some("connection_limit"));
        }
        assert_eq!(serde_json::to_value(&event).unwrap(), raw);
    }
}

#[test]
fn debug_output_never_contains_keys() {
    let d = &deliveries()[1];
    let verifier = WebhookVerifier::new(d.key.as_str()).with_key("second-secret-key");
    let shown = format!("{verifier:?} {verifier:#?}");
    assert!(
        !shown.contains(&d.key) && !shown.contains("second-secret-key"),
        "{shown}"
    );
    for err in [
        verifier.verify(b"x", &HeaderMap::new()).unwrap_err(),
        verifier.verify_signature(b"x", "00").unwrap_err(),
        verifier
            .verify_signature(b"x", &"0".repeat(64))
            .unwrap_err(),
    ] {
        let shown = format!("{err} {err:?}");
        assert!(!shown.contains(&d.key), "{shown}");
    }
}

#[test]
fn signed_webhook_from_event_round_trips() {
    for d in deliveries() {
        let event = WebhookEvent::parse(&d.body).unwrap();
        let signed = SignedWebhook::from_json(b"test-key", &event).unwrap();
        let again = WebhookVerifier::new("test-key")
            .verify_and_parse(&signed.body, &signed.header_map())
            .unwrap();
        assert_eq!(again, event);
    }
}
