//! Streaming a million records keeps memory flat: one page in memory at a time.
//! (Its own test binary, so that no other test shares the process's RSS.)

mod common;

use futures_util::StreamExt;
use nango::models::connections::UpsertConnection;
use nango::ops::records::ListRecords;
use serde_json::{json, Value};

fn rss_bytes() -> u64 {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    let pages: u64 = statm
        .split_whitespace()
        .nth(1)
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    pages * 4096
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_million_records_stream_in_flat_memory() {
    let server = common::server().await;
    let nango = common::client(&server);
    common::integration(&nango, "airtable").await;
    nango
        .import_connection(
            UpsertConnection::new("airtable", json!({"type": "API_KEY", "apiKey": "k"}))
                .connection_id("c1"),
        )
        .await
        .unwrap();
    const N: u64 = 1_000_000;
    server.generate_records("airtable", "c1", "Item", None, N);
    let stream =
        nango.records_stream::<Value>(ListRecords::new("airtable", "c1", "Item").limit(10_000));
    futures_util::pin_mut!(stream);
    let mut seen = 0u64;
    let mut baseline = 0;
    let mut peak = 0;
    let mut last_cursor = String::new();
    while let Some(record) = stream.next().await {
        let record = record.unwrap();
        seen += 1;
        if seen == 20_000 {
            baseline = rss_bytes();
        }
        if seen.is_multiple_of(50_000) {
            peak = peak.max(rss_bytes());
        }
        last_cursor = record.metadata.cursor;
    }
    assert_eq!(seen, N);
    assert!(!last_cursor.is_empty());
    let growth = peak.saturating_sub(baseline);
    println!(
        "streamed {seen} records; RSS after 2 pages {} MiB, peak {} MiB",
        baseline >> 20,
        peak >> 20
    );
    assert!(
        growth < 64 << 20,
        "memory grew by {} MiB while streaming",
        growth >> 20
    );
}
