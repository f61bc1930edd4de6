//! `Nango::from_env()`: the key from `NANGO_SECRET_KEY` (required), the host from
//! `NANGO_HOST` (optional). The environment is the process's, shared by every
//! thread: this binary holds this one test, and changes the variables before any
//! request is in flight.

mod common;

use nango::config::DEFAULT_HOST;
use nango::error::InvalidReason;
use nango::{Error, Nango};

fn missing_key(err: Error) {
    assert!(err.to_string().contains("NANGO_SECRET_KEY"), "{err}");
    let Error::InvalidInput(input) = err else {
        panic!("an InvalidInput: {err:?}");
    };
    assert_eq!(input.field, "NANGO_SECRET_KEY");
    assert_eq!(input.reason, InvalidReason::Missing);
}

// A current-thread runtime: no other thread reads the environment while it is
// changed.
#[tokio::test(flavor = "current_thread")]
async fn from_env_reads_the_key_and_the_host() {
    std::env::remove_var("NANGO_SECRET_KEY");
    std::env::remove_var("NANGO_HOST");
    missing_key(Nango::from_env().unwrap_err());
    std::env::set_var("NANGO_SECRET_KEY", "");
    missing_key(Nango::from_env().unwrap_err());

    // Without a host: Nango Cloud.
    std::env::set_var("NANGO_SECRET_KEY", "a3f1c2d4-0000-4000-8000-000000000000");
    let cloud = Nango::from_env().unwrap();
    assert_eq!(cloud.config().host(), DEFAULT_HOST);
    assert!(
        !format!("{cloud:?}").contains("a3f1c2d4"),
        "the key is not shown"
    );

    // A bad host is refused as the builder refuses it.
    std::env::set_var("NANGO_HOST", "ftp://example.com");
    let err = Nango::from_env().unwrap_err();
    assert!(
        matches!(&err, Error::InvalidInput(i) if i.field == "host"),
        "{err:?}"
    );

    // Both, against the local server: a call goes through with that key.
    let server = common::server().await;
    std::env::set_var("NANGO_SECRET_KEY", server.api_key());
    std::env::set_var("NANGO_HOST", server.base_url());
    let nango = Nango::from_env().unwrap();
    assert_eq!(nango.config().host(), server.base_url());
    nango.list_connections().await.expect("authorised");

    // The builder form, to set more options.
    let nango = nango::NangoBuilder::from_env()
        .unwrap()
        .timeout(Some(std::time::Duration::from_secs(5)))
        .build()
        .unwrap();
    assert_eq!(
        nango.config().timeout(),
        Some(std::time::Duration::from_secs(5))
    );
    nango.list_connections().await.expect("authorised");
}
