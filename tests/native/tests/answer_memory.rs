//! Memory of a refused answer, measured by the process's peak RSS (`VmHWM`): the
//! only test of this binary, so that the peak is this test's. A body without
//! `Content-Length` that would go on for 1 GiB is refused at the default limit
//! (32 MiB), and the peak stays within a small multiple of it.

use nango::{Error, Nango};

/// `VmHWM` (peak resident set) of this process, in bytes.
fn peak_rss() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let kb: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap();
    kb * 1024
}

#[tokio::test]
async fn a_refused_answer_takes_at_most_a_small_multiple_of_the_limit() {
    let hostile = nango_hostile_server::spawn().await.unwrap();
    let host = hostile.url.clone();
    let nango = Nango::builder()
        .api_key("a3f1c2d4-1111-4222-8333-444455556666")
        .host(&host)
        .build()
        .unwrap();
    let before = peak_rss();
    for _ in 0..3 {
        let err = nango.list_providers().await.unwrap_err();
        assert!(matches!(err, Error::ResponseTooLarge { .. }), "{err:?}");
    }
    let grown = peak_rss().saturating_sub(before);
    let limit = nango::config::DEFAULT_MAX_RESPONSE_BYTES;
    println!(
        "peak RSS grew by {:.1} MiB reading three 1 GiB answers (limit {} MiB)",
        grown as f64 / (1 << 20) as f64,
        limit >> 20
    );
    assert!(grown < 3 * limit, "peak RSS grew by {grown} bytes");
}
