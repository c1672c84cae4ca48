//! Photos and files on an incident: the reporter (from the phone's camera) and the staff
//! attach JPEG, PNG, WebP and PDF files, each at most [`MAX_FILE`] bytes and at most
//! [`MAX_PER_INCIDENT`] per incident. The type is judged from the content, never from the
//! name; an image loses its metadata (EXIF, the GPS position of the site) before it is
//! stored ([`crate::filetype`]). The bytes are kept in the database, and served only to
//! whoever may see the incident, as a download the browser never second-guesses.

use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::extract::DefaultBodyLimit;
use axum::extract::State;
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing;
use axum::Json;
use axum::Router;
use serde_json::json;
use vigie_api::Attachment;
use vigie_api::EventKind;

use crate::db::{from_ms, get, to_ms};
use crate::error::Error;
use crate::events;
use crate::extract::{Id, MAX_BODY};
use crate::filetype::{self, ACCEPTED};
use crate::incidents::load;
use crate::model::User;
use crate::state::AppState;

/// The largest file accepted: 10 MB.
pub const MAX_FILE: usize = 10 * 1024 * 1024;

/// The largest upload request: one file and the multipart framing around it.
pub const MAX_UPLOAD_BODY: usize = MAX_FILE + MAX_BODY;

/// The most files on one incident.
pub const MAX_PER_INCIDENT: i64 = 20;

/// The uploads read and handled at once, each up to [`MAX_UPLOAD_BODY`] in memory.
pub const UPLOADS_AT_ONCE: usize = 8;

/// The turns of [`UPLOADS_AT_ONCE`] uploads.
pub static UPLOADS: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(UPLOADS_AT_ONCE);

/// The longest name kept, in characters.
const MAX_NAME: usize = 200;

/// The refusal of a file over [`MAX_FILE`].
pub fn too_large() -> Error {
    Error::FileTooLarge(format!("a file may not exceed {} MB", MAX_FILE / (1024 * 1024)))
}

/// Whether a request is an upload (`POST /api/incidents/{id}/attachments`): its body may
/// be [`MAX_UPLOAD_BODY`] long, and take the upload's time to arrive.
pub fn is_upload(method: &Method, path: &str) -> bool {
    if method != Method::POST {
        return false;
    }
    let Some(rest) = path.strip_prefix("/api/incidents/") else { return false };
    rest.strip_suffix("/attachments").is_some_and(|id| !id.is_empty() && !id.contains('/'))
}

/// `POST /api/incidents/{id}/attachments`, multipart with the file in the field `file`:
/// stores it (an image without its metadata) and answers it with 201.
///
/// # Errors
/// [`Error::NotFound`] for an incident the user may not see; [`Error::Conflict`] once it
/// is closed or holds [`MAX_PER_INCIDENT`] files; [`Error::FileTooLarge`] (413) over
/// [`MAX_FILE`]; [`Error::UnsupportedFile`] (415) for a type other than JPEG, PNG, WebP or
/// PDF; a field error on `file` for a missing file or a malformed image.
pub async fn upload(
    State(state): State<AppState>,
    user: User,
    Id(id): Id,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<(StatusCode, Json<Attachment>), Error> {
    {
        // Who may attach, and whether the incident still takes files, before reading.
        let mut conn = state.db.pool().acquire().await?;
        open_incident(&mut conn, &user, id).await?;
    }
    let mut multipart = multipart.map_err(|_| {
        Error::UnsupportedFile("the body must be multipart/form-data with the file in the field \"file\"".into())
    })?;
    let (name, bytes) = loop {
        let field = multipart.next_field().await.map_err(|e| upload_error(&e))?;
        let Some(field) = field else {
            return Err(Error::field("file", "required: send the file in the multipart field \"file\""));
        };
        if field.name() != Some("file") {
            continue;
        }
        let name = field.file_name().unwrap_or_default().to_string();
        let bytes = field.bytes().await.map_err(|e| upload_error(&e))?;
        break (name, bytes);
    };
    Ok((StatusCode::CREATED, Json(store(&state, &user, id, &name, &bytes).await?)))
}

/// Stores a file sent as `name` on the incident `id` as [`upload`] does once it has read
/// it: its type judged from the content, an image without its metadata, within the limits,
/// recorded in the timeline and pushed live. The demo data attaches its photo this way too.
///
/// # Errors
/// As [`upload`].
pub async fn store(state: &AppState, user: &User, id: i64, name: &str, bytes: &[u8]) -> Result<Attachment, Error> {
    if bytes.len() > MAX_FILE {
        return Err(too_large());
    }
    if bytes.is_empty() {
        return Err(Error::field("file", "the file is empty"));
    }
    let kind = filetype::sniff(bytes).ok_or_else(|| {
        Error::UnsupportedFile(format!("this file is not one Vigie accepts: {ACCEPTED}, judged from its content"))
    })?;
    let stored = filetype::strip(kind, bytes).map_err(|e| Error::field("file", e))?;
    let name = clean_name(name, kind);
    let size = i64::try_from(stored.len()).map_err(|_| too_large())?;
    let now = state.clock.now();

    let mut tx = state.db.begin().await?;
    if tx.backend_name() == "PostgreSQL" {
        // Two uploads at once count the files one after the other.
        sqlx::query("SELECT id FROM incidents WHERE id = $1 FOR UPDATE").bind(id).execute(&mut *tx).await?;
    }
    let incident = open_incident(&mut tx, user, id).await?;
    let row = sqlx::query("SELECT COUNT(*) AS n FROM attachments WHERE incident_id = $1")
        .bind(id)
        .fetch_one(&mut *tx)
        .await?;
    if get::<i64>(&row, "n")? >= MAX_PER_INCIDENT {
        return Err(Error::Conflict(format!(
            "{} already holds {MAX_PER_INCIDENT} files, the most an incident may hold",
            incident.reference
        )));
    }
    let row = sqlx::query(
        "INSERT INTO attachments (incident_id, name, content_type, size, data, created_at, author_id) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(id)
    .bind(&name)
    .bind(kind.content_type())
    .bind(size)
    .bind(stored)
    .bind(to_ms(now))
    .bind(user.id)
    .fetch_one(&mut *tx)
    .await?;
    let attachment: i64 = get(&row, "id")?;
    events::append(
        &mut tx,
        Some(id),
        Some(incident.organisation_id),
        EventKind::AttachmentAdded,
        now,
        Some(user.id),
        json!({ "attachment_id": attachment, "name": name, "content_type": kind.content_type(), "size": size }),
    )
    .await?;
    tx.commit().await?;
    state.changed().await;
    Ok(Attachment {
        id: attachment,
        name,
        content_type: kind.content_type().to_string(),
        size,
        at: Some(now),
        author: Some(user.display_name.clone()),
    })
}

/// The incident, if the user may see it and it still takes files.
async fn open_incident(
    conn: &mut sqlx::AnyConnection,
    user: &User,
    id: i64,
) -> Result<crate::incidents::Incident, Error> {
    let incident = load(conn, user, id).await?;
    if incident.closed_at.is_some() {
        return Err(Error::Conflict(format!("{} is closed: it takes no more files", incident.reference)));
    }
    Ok(incident)
}

/// A multipart body that could not be read: too long, or malformed.
fn upload_error(e: &axum::extract::multipart::MultipartError) -> Error {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        too_large()
    } else {
        Error::field("file", format!("the multipart body is malformed: {}", e.body_text()))
    }
}

/// The name to show: without any folder, control character or surrounding space, at most
/// [`MAX_NAME`] characters; `file.jpg` (by type) when nothing is left.
pub fn clean_name(sent: &str, kind: filetype::Kind) -> String {
    let base = sent.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = base.chars().filter(|c| !c.is_control()).collect();
    let cleaned: String = cleaned.trim().chars().take(MAX_NAME).collect();
    let cleaned = cleaned.trim().to_string();
    if cleaned.is_empty() || cleaned == "." || cleaned == ".." {
        let extension = match kind {
            filetype::Kind::Jpeg => "jpg",
            filetype::Kind::Png => "png",
            filetype::Kind::Webp => "webp",
            filetype::Kind::Pdf => "pdf",
        };
        format!("file.{extension}")
    } else {
        cleaned
    }
}

/// `GET /api/incidents/{id}/attachments`: the incident's files, oldest first.
///
/// # Errors
/// [`Error::NotFound`] for an incident the user may not see.
pub async fn list(State(state): State<AppState>, user: User, Id(id): Id) -> Result<Json<Vec<Attachment>>, Error> {
    let mut conn = state.db.pool().acquire().await?;
    load(&mut conn, &user, id).await?;
    let rows = sqlx::query(
        "SELECT attachments.id, attachments.name, attachments.content_type, attachments.size, attachments.created_at, users.display_name
         FROM attachments LEFT JOIN users ON users.id = attachments.author_id
         WHERE attachments.incident_id = $1 ORDER BY attachments.id",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let files = rows
        .iter()
        .map(|r| {
            Ok(Attachment {
                id: get(r, "id")?,
                name: get(r, "name")?,
                content_type: get(r, "content_type")?,
                size: get(r, "size")?,
                at: Some(from_ms(get(r, "created_at")?)),
                author: get(r, "display_name")?,
            })
        })
        .collect::<Result<Vec<_>, Error>>()?;
    Ok(Json(files))
}

/// `GET /api/attachments/{id}`: the file, as a download with its stored type, never kept
/// by a cache, never sniffed.
///
/// # Errors
/// [`Error::NotFound`] for a file of an incident the user may not see.
pub async fn download(State(state): State<AppState>, user: User, Id(id): Id) -> Result<Response, Error> {
    let mut conn = state.db.pool().acquire().await?;
    let row = sqlx::query("SELECT incident_id, name, content_type, data FROM attachments WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(Error::NotFound)?;
    load(&mut conn, &user, get(&row, "incident_id")?).await?;
    let name: String = get(&row, "name")?;
    let content_type: String = get(&row, "content_type")?;
    let data: Vec<u8> = get(&row, "data")?;
    let content_type =
        HeaderValue::from_str(&content_type).unwrap_or_else(|_| HeaderValue::from_static("application/octet-stream"));
    let disposition =
        HeaderValue::from_str(&content_disposition(&name)).unwrap_or_else(|_| HeaderValue::from_static("attachment"));
    let headers = [
        (header::CONTENT_TYPE, content_type),
        (header::CONTENT_DISPOSITION, disposition),
        (header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")),
        (header::CACHE_CONTROL, HeaderValue::from_static("private, no-store")),
    ];
    Ok((headers, data).into_response())
}

/// `attachment; filename="…"; filename*=UTF-8''…`: an ASCII name for old clients, the
/// exact one (RFC 5987) for the others.
pub fn content_disposition(name: &str) -> String {
    let ascii: String =
        name.chars().map(|c| if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' { c } else { '_' }).collect();
    let mut encoded = String::new();
    for byte in name.bytes() {
        if byte.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&byte) {
            encoded.push(char::from(byte));
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

/// The routes of the files of an incident, uploads with their own body limit.
pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/incidents/{id}/attachments",
            routing::get(list).post(upload).layer(DefaultBodyLimit::max(MAX_UPLOAD_BODY)),
        )
        .route("/attachments/{id}", routing::get(download))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::filetype::Kind;

    #[test]
    fn names_are_cleaned() {
        assert_eq!(clean_name("../../etc/passwd", Kind::Pdf), "passwd");
        assert_eq!(clean_name("C:\\Users\\x\\IMG 1.jpg", Kind::Jpeg), "IMG 1.jpg");
        assert_eq!(clean_name("a\u{0}b\r\nc.png", Kind::Png), "abc.png");
        assert_eq!(clean_name("  ", Kind::Webp), "file.webp");
        assert_eq!(clean_name("dir/", Kind::Jpeg), "file.jpg");
        assert_eq!(clean_name(&"é".repeat(300), Kind::Pdf).chars().count(), 200);
    }

    #[test]
    fn dispositions_are_safe_header_values() {
        assert_eq!(
            content_disposition("Caméra \"1\".jpg"),
            "attachment; filename=\"Cam_ra _1_.jpg\"; filename*=UTF-8''Cam%C3%A9ra%20%221%22.jpg"
        );
        assert!(HeaderValue::from_str(&content_disposition("a;b\u{7f}\u{2028}")).is_ok());
    }

    #[test]
    fn only_the_upload_route_is_an_upload() {
        assert!(is_upload(&Method::POST, "/api/incidents/12/attachments"));
        assert!(!is_upload(&Method::GET, "/api/incidents/12/attachments"));
        assert!(!is_upload(&Method::POST, "/api/incidents/12/messages"));
        assert!(!is_upload(&Method::POST, "/api/incidents//attachments"));
        assert!(!is_upload(&Method::POST, "/api/incidents/1/2/attachments"));
    }
}
