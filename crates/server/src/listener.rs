//! Accepting connections: the limits a router cannot set, and the graceful end.
//!
//! - a client must send a request's headers within `http.header_read_timeout_secs`, or its
//!   connection is dropped (a connection that sends half its headers and waits holds
//!   nothing for long);
//! - at most `http.max_connections` connections are open; further ones wait in the
//!   system's listen queue until one closes;
//! - when shutdown starts, no connection is accepted any more, the event streams end (they
//!   watch the same signal), each request in flight finishes and its connection closes,
//!   for at most `http.shutdown_grace_secs`.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::ConnectInfo;
use axum::http::Request;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tokio_util::sync::CancellationToken;
use tower::ServiceExt;

use crate::config::Http;

/// Serves `router` on `listener` until `shutdown` is cancelled, then drains.
///
/// # Errors
/// None so far: a failed accept (too many open files) is logged and retried.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    http: Http,
    shutdown: CancellationToken,
) -> std::io::Result<()> {
    let connections = Arc::new(Semaphore::new(http.max_connections));
    let graceful = GracefulShutdown::new();
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder.timer(TokioTimer::new()).header_read_timeout(http.header_read_timeout());
    loop {
        let permit = tokio::select! {
            _ = shutdown.cancelled() => break,
            permit = connections.clone().acquire_owned() => match permit {
                Ok(permit) => permit,
                Err(_) => break,
            },
        };
        let (stream, peer) = tokio::select! {
            _ = shutdown.cancelled() => break,
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    // Out of file descriptors, most likely: wait for some to close.
                    tracing::warn!("accepting a connection: {e}");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
        };
        // Nagle's algorithm stays on: it gathers an event stream's small writes into fewer
        // packets, which with hundreds of open streams saves the clients and the kernel
        // more than the few milliseconds it may add.
        let service = router.clone().map_request(move |mut request: Request<Incoming>| {
            request.extensions_mut().insert(ConnectInfo::<SocketAddr>(peer));
            request
        });
        let connection =
            graceful.watch(builder.serve_connection(TokioIo::new(stream), TowerToHyperService::new(service)));
        tokio::spawn(async move {
            // A client that goes away mid-request, or a header read that timed out, is no
            // failure of the server.
            let _ = connection.await;
            drop(permit);
        });
    }
    drop(listener);
    let open = graceful.count();
    if tokio::time::timeout(http.shutdown_grace(), graceful.shutdown()).await.is_err() {
        tracing::warn!("{open} connection(s) still open after {} s, closed", http.shutdown_grace_secs);
    }
    Ok(())
}
