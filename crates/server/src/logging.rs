//! The server's log: plain lines on standard error, one per request answered, and one per
//! server-side failure, panic or background trouble.
//!
//! `RUST_LOG` chooses what is written (`tracing_subscriber`'s `EnvFilter` syntax); without
//! it, Vigie's own lines from `info` up and other crates' from `warn` up ([`DEFAULT_FILTER`]).
//!
//! A request's line names its route as declared (`/api/incidents/{id}`), never the path it
//! was called with nor its query string, which may hold ids or a token; its method, its
//! status and its latency; and its request id, the `x-request-id` header: a plain one the
//! client (or the reverse proxy) sent, else one made here, and given back in the answer.
//! Headers (cookies, `Authorization`) and bodies are never written.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use axum::extract::{MatchedPath, Request};
use axum::http::{HeaderName, HeaderValue, Response};
use axum::Router;
use tower_http::request_id::{MakeRequestId, PropagateRequestIdLayer, RequestId, SetRequestIdLayer};
use tower_http::trace::TraceLayer;
use tracing::Span;
use tracing_subscriber::EnvFilter;

/// What is written without `RUST_LOG`: Vigie's crates (`vigie`, `vigie_server`,
/// `vigie_engine`…) from `info`, everything else from `warn`.
pub const DEFAULT_FILTER: &str = "warn,vigie=info";

/// The request id header, read, made when absent, and given back.
pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The longest request id kept as the client sent it.
const MAX_REQUEST_ID: usize = 64;

/// Writes the log to standard error, filtered by `RUST_LOG` (else [`DEFAULT_FILTER`]).
/// A `RUST_LOG` that does not parse is said once, and the default applies.
pub fn init() {
    let filter = match std::env::var("RUST_LOG") {
        Ok(spec) if !spec.trim().is_empty() => EnvFilter::try_new(&spec).map_err(|e| (spec, e)),
        _ => Ok(EnvFilter::new(DEFAULT_FILTER)),
    };
    let (filter, refused) = match filter {
        Ok(filter) => (filter, None),
        Err((spec, e)) => (EnvFilter::new(DEFAULT_FILTER), Some(format!("RUST_LOG={spec:?} ignored: {e}"))),
    };
    let installed = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).try_init();
    if let (Ok(()), Some(refused)) = (installed, refused) {
        tracing::warn!("{refused}");
    }
}

/// Adds the request id and the request's log line to every route of `router`, around
/// every layer already there (so the latency counts them all).
pub fn requests<S: Clone + Send + Sync + 'static>(router: Router<S>) -> Router<S> {
    let trace = TraceLayer::new_for_http()
        .make_span_with(request_span)
        .on_request(())
        .on_response(|response: &Response<_>, latency: Duration, _: &Span| {
            let latency_ms = format_args!("{:.1}", latency.as_secs_f64() * 1000.0);
            tracing::info!(status = response.status().as_u16(), %latency_ms, "answered");
        })
        .on_body_chunk(())
        .on_eos(())
        // A failure is the answer's status, already on the line; its cause has its own line.
        .on_failure(());
    router
        .layer(trace)
        .layer(PropagateRequestIdLayer::new(REQUEST_ID))
        .layer(SetRequestIdLayer::new(REQUEST_ID, RequestIds))
        .layer(axum::middleware::map_request(plain_request_id))
}

/// The span of one request: its id, its method and its route, never its path or query.
fn request_span<B>(request: &axum::http::Request<B>) -> Span {
    let route = request.extensions().get::<MatchedPath>().map_or("(none)", MatchedPath::as_str);
    let id = request.headers().get(&REQUEST_ID).and_then(|v| v.to_str().ok()).unwrap_or("-");
    tracing::info_span!("request", id = %id, method = %request.method(), route = %route)
}

/// A request id sent by the client is kept only if it is short and plain (letters, digits,
/// `-`, `_`, `.`), so that a log line cannot be dressed up by a caller; otherwise one is made.
async fn plain_request_id(mut request: Request) -> Request {
    let plain = |v: &HeaderValue| {
        let bytes = v.as_bytes();
        !bytes.is_empty()
            && bytes.len() <= MAX_REQUEST_ID
            && bytes.iter().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
    };
    if request.headers().get(&REQUEST_ID).is_some_and(|v| !plain(v)) {
        request.headers_mut().remove(&REQUEST_ID);
    }
    request
}

/// Request ids made here: a random prefix drawn once per process, so that two instances
/// (or two runs) do not give the same ids, and a counter.
#[derive(Clone, Copy)]
struct RequestIds;

impl MakeRequestId for RequestIds {
    fn make_request_id<B>(&mut self, _: &axum::http::Request<B>) -> Option<RequestId> {
        static PREFIX: std::sync::OnceLock<u32> = std::sync::OnceLock::new();
        static COUNTER: AtomicU64 = AtomicU64::new(1);
        let prefix = PREFIX.get_or_init(|| {
            let mut bytes = [0u8; 4];
            // Without the system's randomness, the process id and the time still differ
            // from one run to the next.
            if getrandom::getrandom(&mut bytes).is_err() {
                let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
                bytes = (std::process::id() ^ nanos.subsec_nanos()).to_le_bytes();
            }
            u32::from_le_bytes(bytes)
        });
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        HeaderValue::from_str(&format!("{prefix:08x}-{n}")).ok().map(RequestId::new)
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;
    use std::sync::{Arc, Mutex};

    use axum::body::Body;
    use axum::http::StatusCode;
    use axum::routing::get;
    use tower::ServiceExt;

    use super::*;

    /// A log written to memory.
    #[derive(Clone, Default)]
    struct Buffer(Arc<Mutex<Vec<u8>>>);

    impl Write for Buffer {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    async fn boom() -> &'static str {
        panic!("a handler's bug")
    }

    #[tokio::test(flavor = "current_thread")]
    async fn each_request_logs_its_route_status_and_id_and_a_panic_an_error() {
        let buffer = Buffer::default();
        let writer = buffer.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_env_filter(EnvFilter::new(DEFAULT_FILTER))
            .with_writer(move || writer.clone())
            .finish();
        let _default = tracing::subscriber::set_default(subscriber);
        let router = requests(crate::http::guard(
            Router::new().route("/api/things/{id}", get(|| async { "thing" })).route("/api/boom", get(boom)),
        ));

        let request = |uri: &str| axum::http::Request::get(uri).body(Body::empty()).unwrap();
        let answer = router.clone().oneshot(request("/api/things/31337?token=query-secret")).await.unwrap();
        assert_eq!(answer.status(), StatusCode::OK);
        let id = answer.headers()[&REQUEST_ID].to_str().unwrap().to_string();
        let answer = router.clone().oneshot(request("/api/boom")).await.unwrap();
        assert_eq!(answer.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let answer = router.oneshot(request("/nowhere/31337")).await.unwrap();
        assert_eq!(answer.status(), StatusCode::NOT_FOUND);

        let log = String::from_utf8(buffer.0.lock().unwrap().clone()).unwrap();
        let line = log.lines().find(|l| l.contains(&format!("id={id} "))).unwrap_or_else(|| panic!("{log}"));
        for part in [" INFO ", "method=GET", "route=/api/things/{id}", "status=200", "latency_ms="] {
            assert!(line.contains(part), "{part} in {line}");
        }
        let panic = log.lines().find(|l| l.contains("panicked")).unwrap_or_else(|| panic!("{log}"));
        assert!(panic.contains(" ERROR ") && panic.contains("route=/api/boom") && panic.contains("a handler's bug"));
        assert!(log.lines().any(|l| l.contains("route=/api/boom") && l.contains("status=500")), "{log}");
        assert!(log.lines().any(|l| l.contains("route=(none)") && l.contains("status=404")), "{log}");
        for secret in ["31337", "query-secret", "token"] {
            assert!(!log.contains(secret), "{secret:?} in the log:\n{log}");
        }
    }
}
