//! Percentiles, medians and the bounded load loop shared by the native children.

use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The `p`-th percentile (0..=100) of sorted values (nearest rank).
pub fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// The median of some values (NaN when empty; NaNs are ignored).
pub fn median(values: &[f64]) -> f64 {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| !x.is_nan()).collect();
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

/// The result of one load run.
#[derive(Debug, Clone, Copy)]
pub struct LoadResult {
    /// Requests completed (successful or not).
    pub done: usize,
    /// Requests that failed.
    pub errors: usize,
    /// Wall time of the measured part.
    pub secs: f64,
    /// Median latency, microseconds.
    pub p50_us: f64,
    /// 99th percentile latency, microseconds.
    pub p99_us: f64,
}

impl LoadResult {
    /// One JSON line, the format every client prints.
    pub fn json(&self) -> String {
        serde_json::json!({
            "done": self.done,
            "errors": self.errors,
            "secs": self.secs,
            "rps": self.done as f64 / self.secs,
            "p50_us": self.p50_us,
            "p99_us": self.p99_us,
        })
        .to_string()
    }
}

/// Runs `count` calls of `op` with `conc` callers in flight, stopping early at
/// `max` wall time; latencies are per call.
pub async fn load<F, Fut>(conc: usize, count: usize, max: Duration, op: F) -> LoadResult
where
    F: Fn() -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<(), String>> + Send + 'static,
{
    let op = Arc::new(op);
    let next = Arc::new(AtomicUsize::new(0));
    let start = Instant::now();
    let deadline = start + max;
    let mut tasks = Vec::with_capacity(conc);
    for _ in 0..conc {
        let op = op.clone();
        let next = next.clone();
        tasks.push(tokio::spawn(async move {
            let mut lat = Vec::with_capacity(count / conc.max(1) + 1);
            let mut errors = 0usize;
            let mut first_error = None;
            while next.fetch_add(1, Ordering::Relaxed) < count && Instant::now() < deadline {
                let t = Instant::now();
                if let Err(e) = op().await {
                    errors += 1;
                    first_error.get_or_insert(e);
                }
                lat.push(t.elapsed().as_secs_f64() * 1e6);
            }
            (lat, errors, first_error)
        }));
    }
    let mut all = Vec::with_capacity(count);
    let mut errors = 0;
    for t in tasks {
        if let Ok((lat, e, first)) = t.await {
            all.extend(lat);
            errors += e;
            if let Some(first) = first {
                eprintln!("nango-bench: a request failed: {first}");
            }
        }
    }
    let secs = start.elapsed().as_secs_f64();
    all.sort_by(f64::total_cmp);
    LoadResult {
        done: all.len(),
        errors,
        secs,
        p50_us: percentile(&all, 50.0),
        p99_us: percentile(&all, 99.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_and_medians() {
        let v: Vec<f64> = (1..=100).map(f64::from).collect();
        assert_eq!(percentile(&v, 50.0), 50.0);
        assert_eq!(percentile(&v, 99.0), 99.0);
        assert_eq!(percentile(&v, 100.0), 100.0);
        assert_eq!(median(&[3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), 2.5);
        assert!(median(&[]).is_nan());
    }
}
