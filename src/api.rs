//! Talking to the server: every request of the app goes through here, apart from the views.
//!
//! The session is the server's HttpOnly cookie, which the browser sends by itself; the
//! browser also sets the `Origin` header the server checks on state-changing requests.

use gloo_net::http::{Request, RequestBuilder, Response};
use serde::de::DeserializeOwned;
use serde::Serialize;
use vigie_api::{EventView, IncidentView, Me, NewIncident, SiteView};

/// What went wrong with a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// The HTTP status, or 0 when the server could not be reached.
    pub status: u16,
    /// The server's message (`{"error": ...}`), or the network's.
    pub message: String,
}

impl ApiError {
    /// The server could not be reached (offline, server down).
    pub fn is_network(&self) -> bool {
        self.status == 0
    }

    /// No valid session.
    pub fn is_unauthorized(&self) -> bool {
        self.status == 401
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

async fn answer<T: DeserializeOwned>(response: Result<Response, gloo_net::Error>) -> Result<T, ApiError> {
    let response = response.map_err(|e| ApiError { status: 0, message: e.to_string() })?;
    let status = response.status();
    if (200..300).contains(&status) {
        return response.json::<T>().await.map_err(|e| ApiError { status, message: e.to_string() });
    }
    let message = match response.json::<serde_json::Value>().await {
        Ok(body) => body["error"].as_str().unwrap_or("erreur du serveur").to_string(),
        Err(_) => format!("HTTP {status}"),
    };
    Err(ApiError { status, message })
}

/// `GET` of a JSON document the page only shows (administration, reports, lessons): read as
/// a `serde_json::Value`, which costs the browser's code no new parser.
pub async fn get_value(path: &str) -> Result<serde_json::Value, ApiError> {
    get(path).await
}

/// `POST`, `PUT` or `DELETE` with a JSON body; an empty answer (204) is `null`.
pub async fn send_value(method: &str, path: &str, body: &serde_json::Value) -> Result<serde_json::Value, ApiError> {
    let request = match method {
        "PUT" => Request::put(path),
        "DELETE" => Request::delete(path),
        _ => Request::post(path),
    };
    let request = request.json(body).map_err(|e| ApiError { status: 0, message: e.to_string() })?;
    let response = request.send().await.map_err(|e| ApiError { status: 0, message: e.to_string() })?;
    if response.status() == 204 {
        return Ok(serde_json::Value::Null);
    }
    answer(Ok(response)).await
}

async fn get<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    answer(Request::get(path).send().await).await
}

async fn post<T: DeserializeOwned, B: Serialize>(request: RequestBuilder, body: &B) -> Result<T, ApiError> {
    let request = request.json(body).map_err(|e| ApiError { status: 0, message: e.to_string() })?;
    answer(request.send().await).await
}

/// `POST /api/login`.
pub async fn login(username: &str, password: &str) -> Result<Me, ApiError> {
    post(Request::post("/api/login"), &serde_json::json!({ "username": username, "password": password })).await
}

/// `POST /api/logout`.
pub async fn logout() {
    let _ = Request::post("/api/logout").send().await;
}

/// `GET /api/me`.
pub async fn me() -> Result<Me, ApiError> {
    get("/api/me").await
}

/// `GET /api/sites`.
pub async fn sites() -> Result<Vec<SiteView>, ApiError> {
    get("/api/sites").await
}

/// `GET /api/incidents` (open ones).
pub async fn open_incidents() -> Result<Vec<IncidentView>, ApiError> {
    get("/api/incidents?limit=5000").await
}

/// `GET /api/incidents/{id}`.
pub async fn incident(id: i64) -> Result<IncidentView, ApiError> {
    get(&format!("/api/incidents/{id}")).await
}

/// `GET /api/incidents/{id}/events`.
pub async fn timeline(id: i64) -> Result<Vec<EventView>, ApiError> {
    get(&format!("/api/incidents/{id}/events")).await
}

/// `POST /api/incidents` with an `Idempotency-Key`, so that a retry never reports twice.
pub async fn report(incident: &NewIncident, idempotency_key: &str) -> Result<IncidentView, ApiError> {
    post(Request::post("/api/incidents").header("Idempotency-Key", idempotency_key), incident).await
}

/// `POST /api/incidents/{id}/{action}` with its body.
pub async fn act(id: i64, action: &str, body: &serde_json::Value) -> Result<IncidentView, ApiError> {
    post(Request::post(&format!("/api/incidents/{id}/{action}")), body).await
}

/// `GET /api/time`: the server's clock in milliseconds since the epoch.
pub async fn server_time_ms() -> Result<i64, ApiError> {
    let body: serde_json::Value = get("/api/time").await?;
    body["epoch_ms"].as_i64().ok_or(ApiError { status: 200, message: "no epoch_ms".into() })
}

/// `GET /api/postmortems/{id}`.
pub async fn postmortem(id: i64) -> Result<vigie_api::PostMortemView, ApiError> {
    get(&format!("/api/postmortems/{id}")).await
}

/// `PUT /api/postmortems/{id}`: saves the draft.
pub async fn save_postmortem(id: i64, document: &vigie_engine::postmortem::PostMortem) -> Result<vigie_api::PostMortemView, ApiError> {
    post(Request::put(&format!("/api/postmortems/{id}")), document).await
}

/// `POST /api/postmortems/{id}/publish`.
pub async fn publish_postmortem(id: i64) -> Result<vigie_api::PostMortemView, ApiError> {
    post(Request::post(&format!("/api/postmortems/{id}/publish")), &serde_json::json!({})).await
}
