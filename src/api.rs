//! Talking to the server: every request of the app goes through here, apart from the views.
//!
//! The session is the server's HttpOnly cookie, which the browser sends by itself; the
//! browser also sets the `Origin` header the server checks on state-changing requests.

use serde::de::DeserializeOwned;
use serde::Serialize;
use vigie_api::{Contact, Contacts, EventView, FromJson, IncidentView, Me, SiteContact, SiteView};

/// What went wrong with a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// The HTTP status, or 0 when the server could not be reached.
    pub status: u16,
    /// The server's message (`{"error": ...}`), or the network's.
    pub message: String,
    /// The field the server names as at fault (`contacts[0].email`), if it names one.
    pub field: Option<String>,
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

/// One request with the browser's `fetch`: the method, the path, an optional body (a string
/// is JSON; anything else, a `FormData`, goes with the type the browser gives it, multipart
/// and its boundary) and extra headers; the status and the body's text. The session cookie goes with it (same
/// origin). Written over `web_sys` directly: a wrapper library costs the bundle more than
/// these lines.
async fn fetch(
    method: &str,
    path: &str,
    body: Option<wasm_bindgen::JsValue>,
    headers: &[(&str, &str)],
) -> Result<(u16, String), ApiError> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    // `fetch` fails only when the server cannot be reached: status 0, as `is_network` says.
    let failed = |e: wasm_bindgen::JsValue| ApiError {
        status: 0,
        message: e
            .dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .unwrap_or_else(|| "réseau indisponible".into()),
        field: None,
    };
    let init = web_sys::RequestInit::new();
    init.set_method(method);
    let request_headers = web_sys::Headers::new().map_err(failed)?;
    for (name, value) in headers {
        request_headers.set(name, value).map_err(failed)?;
    }
    if let Some(body) = &body {
        if body.is_string() {
            request_headers.set("Content-Type", "application/json").map_err(failed)?;
        }
        init.set_body(body);
    }
    init.set_headers(&request_headers);
    let request = web_sys::Request::new_with_str_and_init(path, &init).map_err(failed)?;
    let window = web_sys::window().ok_or(ApiError { status: 0, message: "no window".into(), field: None })?;
    let response: web_sys::Response =
        JsFuture::from(window.fetch_with_request(&request)).await.map_err(failed)?.unchecked_into();
    let text = JsFuture::from(response.text().map_err(failed)?).await.map_err(failed)?;
    Ok((response.status(), text.as_string().unwrap_or_default()))
}

/// The answer as `T`, or the server's message (`{"error": ...}`) with the status.
async fn answer<T: DeserializeOwned>(sent: Result<(u16, String), ApiError>) -> Result<T, ApiError> {
    let (status, text) = sent?;
    if (200..300).contains(&status) {
        // An empty answer (204) reads as JSON `null`.
        let text = if text.is_empty() { "null" } else { text.as_str() };
        return serde_json::from_str(text).map_err(|e| ApiError { status, message: e.to_string(), field: None });
    }
    #[derive(serde::Deserialize)]
    struct Failure {
        error: String,
        #[serde(default)]
        field: Option<String>,
    }
    match serde_json::from_str::<Failure>(&text) {
        Ok(Failure { error, field }) => Err(ApiError { status, message: error, field }),
        Err(_) => Err(ApiError { status, message: format!("HTTP {status}"), field: None }),
    }
}

/// `GET` of a JSON document the page only shows (administration, reports, lessons): read as
/// a `serde_json::Value`, which costs the browser's code no new parser.
pub async fn get_value(path: &str) -> Result<serde_json::Value, ApiError> {
    get(path).await
}

/// A document a page shows: `None` while it loads, then the document or what went wrong.
pub type Loaded<T> = leptos::prelude::RwSignal<Option<Result<T, String>>>;

/// A list a page shows.
pub type List<T> = Loaded<Vec<T>>;

/// Loads the server's document at `path` (a view, a list of them) into `into`, read with
/// [`FromJson`] from the parsed document (`docs/design.md`).
pub fn load<T: FromJson + Send + Sync + 'static>(path: &str, into: Loaded<T>) {
    use leptos::prelude::Set;
    get_then(path.to_string(), Box::new(move |answer| into.set(Some(answer.and_then(|v| T::from_json(&v))))));
}

/// `GET path`, then `then`: one future for every document, whatever its type.
fn get_then(path: String, then: Box<dyn FnOnce(Result<serde_json::Value, String>)>) {
    leptos::task::spawn_local(async move { then(get_value(&path).await.map_err(|e| e.message)) });
}

/// `POST`, `PUT` or `DELETE` with a body already written as JSON; an empty answer (204)
/// is `null`.
pub async fn send_json(method: &'static str, path: &str, body: String) -> Result<serde_json::Value, ApiError> {
    answer(fetch(method, path, Some(body.into()), &[]).await).await
}

/// `POST`, `PUT` or `DELETE` of one of `vigie_api`'s request types; an empty answer (204)
/// is `null`. Only the writing of the body depends on its type: the request itself is
/// [`send_json`]'s, one future for every type.
pub fn send_body(
    method: &'static str,
    path: &str,
    body: &impl Serialize,
) -> impl std::future::Future<Output = Result<serde_json::Value, ApiError>> {
    let body = serde_json::to_string(body).map_err(|e| ApiError { status: 0, message: e.to_string(), field: None });
    let path = path.to_string();
    async move { send_json(method, &path, body?).await }
}

async fn get<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    answer(fetch("GET", path, None, &[]).await).await
}

async fn send<T: DeserializeOwned, B: Serialize>(
    method: &str,
    path: &str,
    body: &B,
    headers: &[(&str, &str)],
) -> Result<T, ApiError> {
    let body = serde_json::to_string(body).map_err(|e| ApiError { status: 0, message: e.to_string(), field: None })?;
    answer(fetch(method, path, Some(body.into()), headers).await).await
}

/// `POST /api/login`.
pub async fn login(username: &str, password: &str) -> Result<Me, ApiError> {
    send("POST", "/api/login", &vigie_api::Login { username: username.into(), password: password.into() }, &[]).await
}

/// `POST /api/logout`.
pub async fn logout() {
    let _ = fetch("POST", "/api/logout", None, &[]).await;
}

/// `PUT /api/me/lang`: the interface language, kept with the account.
pub async fn set_lang(code: &str) -> Result<(), ApiError> {
    send("PUT", "/api/me/lang", &vigie_api::LangChoice { lang: code.into() }, &[]).await
}

/// `GET /api/me`.
pub async fn me() -> Result<Me, ApiError> {
    get("/api/me").await
}

/// `GET /api/sites`.
pub async fn sites() -> Result<Vec<SiteView>, ApiError> {
    get("/api/sites").await
}

/// `GET /api/incidents?state=watched`: the open incidents and the closed ones a promise still
/// runs on (a P1's post-mortem, a GDPR notice), for the wall.
pub async fn watched_incidents() -> Result<Vec<IncidentView>, ApiError> {
    incidents("watched").await
}

/// `GET /api/incidents?state=…`: `open`, `closed` (the history), `all` or `watched`.
pub async fn incidents(state: &str) -> Result<Vec<IncidentView>, ApiError> {
    incidents_of(state, "").await
}

/// The same, for staff, of an assignee: `me`, `none`, or anyone (`""`).
pub async fn incidents_of(state: &str, assignee: &str) -> Result<Vec<IncidentView>, ApiError> {
    let assignee = if assignee.is_empty() { String::new() } else { format!("&assignee={assignee}") };
    get(&format!("/api/incidents?state={state}&limit=5000{assignee}")).await
}

/// `POST /api/incidents/{id}/messages`: a message, or (staff) an internal note.
pub async fn message(id: i64, text: &str, internal: bool) -> Result<serde_json::Value, ApiError> {
    send("POST", &format!("/api/incidents/{id}/messages"), &vigie_api::NewMessage { text: text.into(), internal }, &[])
        .await
}

/// `POST /api/incidents/{id}/attachments`: one file, in the multipart field `file`. The
/// answer is read as a `serde_json::Value`, whose parser the reporting page already holds
/// (the pages read the list again): a parser of its own would cost that first download more
/// than it is worth.
pub async fn attach(id: i64, file: &web_sys::File) -> Result<(), ApiError> {
    let failed = |_| ApiError { status: 0, message: "FormData".into(), field: None };
    let form = web_sys::FormData::new().map_err(failed)?;
    form.append_with_blob_and_filename("file", file, &file.name()).map_err(failed)?;
    let _: serde_json::Value =
        answer(fetch("POST", &format!("/api/incidents/{id}/attachments"), Some(form.into()), &[]).await).await?;
    Ok(())
}

/// `GET /api/incidents/{id}/attachments`: its files, oldest first.
pub async fn attachments(id: i64) -> Result<Vec<vigie_api::Attachment>, ApiError> {
    get(&format!("/api/incidents/{id}/attachments")).await
}

/// `GET /api/staff`: whom an incident can be assigned to.
pub async fn staff() -> Result<Vec<vigie_api::StaffMember>, ApiError> {
    get("/api/staff").await
}

/// `GET /api/incidents/{id}`.
pub async fn incident(id: i64) -> Result<IncidentView, ApiError> {
    get(&format!("/api/incidents/{id}")).await
}

/// `GET /api/incidents/{id}/events`.
pub async fn timeline(id: i64) -> Result<Vec<EventView>, ApiError> {
    get(&format!("/api/incidents/{id}/events")).await
}

/// `POST /api/incidents` of a report written as JSON (a `NewIncident`), with an
/// `Idempotency-Key`, so that a retry never reports twice.
pub async fn report(incident: String, idempotency_key: &str) -> Result<vigie_api::Reported, ApiError> {
    answer(fetch("POST", "/api/incidents", Some(incident.into()), &[("Idempotency-Key", idempotency_key)]).await).await
}

/// `POST /api/incidents/{id}/{action}` with its body.
pub async fn act(id: i64, action: &str, body: &serde_json::Value) -> Result<IncidentView, ApiError> {
    send("POST", &format!("/api/incidents/{id}/{action}"), body, &[]).await
}

/// `GET /api/time`: the server's clock in milliseconds since the epoch.
pub async fn server_time_ms() -> Result<i64, ApiError> {
    let body: serde_json::Value = get("/api/time").await?;
    body["epoch_ms"].as_i64().ok_or(ApiError { status: 200, message: "no epoch_ms".into(), field: None })
}

/// `POST /api/invitations/accept`: the invited person's password.
pub async fn accept_invitation(token: &str, password: &str) -> Result<(), ApiError> {
    send(
        "POST",
        "/api/invitations/accept",
        &vigie_api::Acceptance { token: token.into(), password: password.into() },
        &[],
    )
    .await
}

/// `GET /api/incidents/{id}/postmortem`: the post-mortem of an incident, if it has one.
pub async fn postmortem_of(incident: i64) -> Result<vigie_api::PostMortemView, ApiError> {
    get(&format!("/api/incidents/{incident}/postmortem")).await
}

/// `GET /api/postmortems/{id}`.
pub async fn postmortem(id: i64) -> Result<vigie_api::PostMortemView, ApiError> {
    get(&format!("/api/postmortems/{id}")).await
}

/// `PUT /api/postmortems/{id}`: saves the draft.
pub async fn save_postmortem(
    id: i64,
    document: &vigie_engine::postmortem::PostMortem,
) -> Result<vigie_api::PostMortemView, ApiError> {
    send("PUT", &format!("/api/postmortems/{id}"), document, &[]).await
}

/// `POST /api/postmortems/{id}/publish`.
pub async fn publish_postmortem(id: i64) -> Result<vigie_api::PostMortemView, ApiError> {
    send("POST", &format!("/api/postmortems/{id}/publish"), &serde_json::json!({}), &[]).await
}

/// `GET /api/organisations/{id}/contacts`.
pub async fn contacts(organisation: i64) -> Result<Contacts, ApiError> {
    get(&format!("/api/organisations/{organisation}/contacts")).await
}

/// `PUT /api/organisations/{id}/contacts`: the contacts as saved.
pub async fn set_contacts(organisation: i64, contacts: &Contacts) -> Result<Contacts, ApiError> {
    send("PUT", &format!("/api/organisations/{organisation}/contacts"), contacts, &[]).await
}

/// `PUT /api/sites/{id}/technical-contact`: the site as saved.
pub async fn set_site_contact(site: i64, contact: Option<Contact>) -> Result<SiteView, ApiError> {
    send("PUT", &format!("/api/sites/{site}/technical-contact"), &SiteContact { contact }, &[]).await
}
