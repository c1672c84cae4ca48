//! The HTTP surface, driven through the router without a socket.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use tower::ServiceExt;
use vigie_server::http::{app, AppState};

/// A `dist/` folder like the one Trunk builds.
fn dist() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("vigie-dist-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("index.html"), "<!doctype html><title>Vigie</title>").unwrap();
    std::fs::write(dir.join("app.css"), "body{}").unwrap();
    dir
}

async fn get(path: &str) -> (StatusCode, String) {
    let response = app(AppState { dist: dist() })
        .oneshot(Request::get(path).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8_lossy(&body).into_owned())
}

#[tokio::test]
async fn serves_the_app_and_its_routes() {
    assert_eq!(get("/").await, (StatusCode::OK, "<!doctype html><title>Vigie</title>".to_string()));
    assert_eq!(get("/app.css").await, (StatusCode::OK, "body{}".to_string()));
    // A route of the app opened directly gets the app.
    let (status, body) = get("/incidents/42").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("<title>Vigie</title>"));
}

#[tokio::test]
async fn health_and_time() {
    assert_eq!(get("/healthz").await, (StatusCode::OK, "ok".to_string()));
    let (status, body) = get("/api/time").await;
    assert_eq!(status, StatusCode::OK);
    let time: serde_json::Value = serde_json::from_str(&body).unwrap();
    let epoch_ms = time["epoch_ms"].as_i64().unwrap();
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_millis() as i64;
    assert!((now - epoch_ms).abs() < 5_000, "{epoch_ms} vs {now}");
    let parsed = chrono::DateTime::parse_from_rfc3339(time["now"].as_str().unwrap()).unwrap();
    assert_eq!(parsed.timestamp_millis(), epoch_ms);
}
