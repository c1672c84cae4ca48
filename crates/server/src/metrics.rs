//! `/metrics` in the Prometheus text format: open incidents by priority, breaches,
//! notification deliveries, request latency.

use std::fmt::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Instant;

use axum::extract::{Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sqlx::Row;

use crate::error::Error;
use crate::state::AppState;

/// Upper bounds of the latency histogram, in seconds.
const BUCKETS: [f64; 10] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0];

/// In-memory counters of this instance.
#[derive(Debug, Default)]
pub struct Metrics {
    /// Cumulative counts per bucket, then the total count.
    latency: Mutex<([u64; BUCKETS.len()], u64, f64)>,
    sse: AtomicU64,
}

impl Metrics {
    /// Records one request's duration.
    pub fn observe(&self, seconds: f64) {
        if let Ok(mut h) = self.latency.lock() {
            for (i, bound) in BUCKETS.iter().enumerate() {
                if seconds <= *bound {
                    h.0[i] += 1;
                }
            }
            h.1 += 1;
            h.2 += seconds;
        }
    }

    /// Counts an event stream opened.
    pub fn sse_connected(&self) {
        self.sse.fetch_add(1, Ordering::Relaxed);
    }
}

/// Times every request.
pub async fn track(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let start = Instant::now();
    let response = next.run(request).await;
    state.metrics.observe(start.elapsed().as_secs_f64());
    response
}

/// `GET /metrics`.
pub async fn render(State(state): State<AppState>) -> Result<Response, Error> {
    let pool = state.db.pool();
    let mut out = String::new();
    let _ = writeln!(out, "# HELP vigie_open_incidents Incidents not closed, by priority.\n# TYPE vigie_open_incidents gauge");
    for p in ["P1", "P2", "P3"] {
        let row = sqlx::query("SELECT COUNT(*) AS n FROM incidents WHERE closed_at IS NULL AND priority = $1").bind(p).fetch_one(pool).await?;
        let n: i64 = row.try_get("n")?;
        let _ = writeln!(out, "vigie_open_incidents{{priority=\"{p}\"}} {n}");
    }
    let _ = writeln!(out, "# HELP vigie_alerts_total SLA alerts raised, by level.\n# TYPE vigie_alerts_total counter");
    for level in ["at_risk", "breached"] {
        let row = sqlx::query("SELECT COUNT(*) AS n FROM alerts WHERE level = $1").bind(level).fetch_one(pool).await?;
        let n: i64 = row.try_get("n")?;
        let _ = writeln!(out, "vigie_alerts_total{{level=\"{level}\"}} {n}");
    }
    let _ = writeln!(out, "# HELP vigie_notifications_total Notifications by channel and status.\n# TYPE vigie_notifications_total counter");
    let rows = sqlx::query("SELECT channel, status, COUNT(*) AS n FROM outbox GROUP BY channel, status ORDER BY channel, status").fetch_all(pool).await?;
    for row in rows {
        let (channel, status, n): (String, String, i64) = (row.try_get("channel")?, row.try_get("status")?, row.try_get("n")?);
        let _ = writeln!(out, "vigie_notifications_total{{channel=\"{channel}\",status=\"{status}\"}} {n}");
    }
    let _ = writeln!(out, "# HELP vigie_event_streams_total Event streams opened.\n# TYPE vigie_event_streams_total counter");
    let _ = writeln!(out, "vigie_event_streams_total {}", state.metrics.sse.load(Ordering::Relaxed));
    let _ = writeln!(out, "# HELP vigie_http_request_duration_seconds HTTP request latency.\n# TYPE vigie_http_request_duration_seconds histogram");
    if let Ok(h) = state.metrics.latency.lock() {
        for (i, bound) in BUCKETS.iter().enumerate() {
            let _ = writeln!(out, "vigie_http_request_duration_seconds_bucket{{le=\"{bound}\"}} {}", h.0[i]);
        }
        let _ = writeln!(out, "vigie_http_request_duration_seconds_bucket{{le=\"+Inf\"}} {}", h.1);
        let _ = writeln!(out, "vigie_http_request_duration_seconds_sum {}", h.2);
        let _ = writeln!(out, "vigie_http_request_duration_seconds_count {}", h.1);
    }
    Ok(([(header::CONTENT_TYPE, "text/plain; version=0.0.4")], out).into_response())
}
