//! `/metrics` in the Prometheus text format: open incidents by priority, breaches,
//! notification deliveries, request latency.
//!
//! It is served only to the bearer of the configured `metrics_token` (404 without one
//! configured, so that nothing tells it exists), and costs one query however often it is
//! scraped.

use std::fmt::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Instant;

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
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

/// Whether the request bears the metrics token. The digests are compared, so that the
/// time taken does not tell how much of a guess was right.
fn authorised(expected: &str, headers: &HeaderMap) -> bool {
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or_default();
    Sha256::digest(given.trim().as_bytes()) == Sha256::digest(expected.trim().as_bytes())
}

/// The counts `/metrics` shows, in one query: open incidents by priority, alerts by level,
/// notifications by channel and status.
const COUNTS: &str = "SELECT CAST('open' AS TEXT) AS family, priority AS a, CAST('' AS TEXT) AS b, COUNT(*) AS n FROM incidents WHERE closed_at IS NULL GROUP BY priority
    UNION ALL SELECT CAST('alert' AS TEXT), level, CAST('' AS TEXT), COUNT(*) FROM alerts GROUP BY level
    UNION ALL SELECT CAST('outbox' AS TEXT), channel, status, COUNT(*) FROM outbox GROUP BY channel, status";

/// `GET /metrics`.
pub async fn render(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, Error> {
    let Some(token) = &state.config.metrics_token else { return Err(Error::NotFound) };
    if !authorised(token, &headers) {
        return Ok((
            StatusCode::UNAUTHORIZED,
            [(header::WWW_AUTHENTICATE, "Bearer")],
            axum::Json(serde_json::json!({ "error": "the metrics token is required", "field": null })),
        )
            .into_response());
    }
    let rows = sqlx::query(COUNTS).fetch_all(state.db.pool()).await?;
    let mut open = [("P1", 0i64), ("P2", 0), ("P3", 0)];
    let mut alerts = [("at_risk", 0i64), ("breached", 0), (crate::monitor::ESCALATED, 0)];
    let mut outbox = Vec::new();
    for row in rows {
        let (family, a, b, n): (String, String, String, i64) =
            (row.try_get("family")?, row.try_get("a")?, row.try_get("b")?, row.try_get("n")?);
        match family.as_str() {
            "open" => open.iter_mut().filter(|(p, _)| *p == a).for_each(|(_, count)| *count = n),
            "alert" => alerts.iter_mut().filter(|(l, _)| *l == a).for_each(|(_, count)| *count = n),
            _ => outbox.push((a, b, n)),
        }
    }
    outbox.sort();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# HELP vigie_open_incidents Incidents not closed, by priority.\n# TYPE vigie_open_incidents gauge"
    );
    for (p, n) in open {
        let _ = writeln!(out, "vigie_open_incidents{{priority=\"{p}\"}} {n}");
    }
    let _ = writeln!(out, "# HELP vigie_alerts_total SLA alerts raised, by level.\n# TYPE vigie_alerts_total counter");
    for (level, n) in alerts {
        let _ = writeln!(out, "vigie_alerts_total{{level=\"{level}\"}} {n}");
    }
    let _ = writeln!(out, "# HELP vigie_notifications_total Notifications by channel and status.\n# TYPE vigie_notifications_total counter");
    for (channel, status, n) in outbox {
        let _ = writeln!(out, "vigie_notifications_total{{channel=\"{channel}\",status=\"{status}\"}} {n}");
    }
    let _ = writeln!(out, "# HELP vigie_password_checks_total Password hashes and checks computed.\n# TYPE vigie_password_checks_total counter");
    let _ = writeln!(out, "vigie_password_checks_total {}", state.passwords.computed());
    let _ = writeln!(
        out,
        "# HELP vigie_event_streams_total Event streams opened.\n# TYPE vigie_event_streams_total counter"
    );
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
