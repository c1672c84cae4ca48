//! What handlers take from a request, checked once for every route: JSON bodies, query
//! strings and ids. Every refusal is the API's JSON error naming the field at fault, never
//! the framework's plain-text one, and no text with a NUL character gets further (a
//! PostgreSQL text cannot hold one).

use axum::body::{Body, Bytes};
use axum::extract::{FromRequest, FromRequestParts, Path, Query, Request};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::Error;

/// The largest request body accepted.
pub const MAX_BODY: usize = 64 * 1024;

/// A JSON body whose errors name the field at fault (`answers.system: unknown variant…`).
/// It must be declared `application/json` (415 otherwise: a form of another site cannot
/// send one without the browser asking this server first), and be one JSON value with
/// nothing after it.
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = Error;

    async fn from_request(request: Request, _state: &S) -> Result<Self, Error> {
        let bytes = json_body(request).await?;
        parse(&bytes).map(ApiJson)
    }
}

/// The bytes of a JSON body, unparsed: at most [`MAX_BODY`], declared `application/json`.
///
/// # Errors
/// [`Error::UnsupportedMediaType`], [`Error::PayloadTooLarge`], [`Error::RequestTimeout`].
pub async fn json_body(request: Request) -> Result<Bytes, Error> {
    require_json(request.headers())?;
    let (_, bytes) = read_body(request).await?;
    Ok(bytes)
}

/// An optional JSON body: an empty one means `T::default()`.
pub struct OptionalJson<T>(pub T);

impl<T: DeserializeOwned + Default, S: Send + Sync> FromRequest<S> for OptionalJson<T> {
    type Rejection = Error;

    async fn from_request(request: Request, _state: &S) -> Result<Self, Error> {
        let (headers, bytes) = read_body(request).await?;
        if bytes.is_empty() {
            return Ok(OptionalJson(T::default()));
        }
        require_json(&headers)?;
        parse(&bytes).map(OptionalJson)
    }
}

/// Reads each request's body whole before the request goes further: a request refused
/// before its body was read (no session, another origin, no token) is still answered to a
/// client that has not finished sending, rather than cut by the connection's reset. A
/// body over [`MAX_BODY`] is 413, answered once up to 1 MiB of it was read.
///
/// An upload ([`crate::attachments::is_upload`]) may be
/// [`crate::attachments::MAX_UPLOAD_BODY`] long; past it, what the client still sends (up
/// to 32 MiB) is read and dropped before the 413 that names the limit of a file. At most
/// [`crate::attachments::UPLOADS_AT_ONCE`] uploads are read and handled at once.
pub async fn read_first(request: Request, next: Next) -> Response {
    let (parts, body) = request.into_parts();
    let upload = crate::attachments::is_upload(&parts.method, parts.uri.path());
    // Uploads are held in memory a few at a time: the others wait their turn.
    let _turn = if upload { crate::attachments::UPLOADS.acquire().await.ok() } else { None };
    let read = if upload {
        read_within(&parts.headers, body, crate::attachments::MAX_UPLOAD_BODY, 32 << 20).await.map_err(|e| {
            if matches!(e, Error::PayloadTooLarge) {
                crate::attachments::too_large()
            } else {
                e
            }
        })
    } else {
        read_limited(&parts.headers, body).await
    };
    match read {
        Ok(bytes) => next.run(Request::from_parts(parts, Body::from(bytes))).await,
        Err(e) => e.into_response(),
    }
}

/// The body, at most [`MAX_BODY`] bytes, with the request's headers.
async fn read_body(request: Request) -> Result<(HeaderMap, Bytes), Error> {
    let (parts, body) = request.into_parts();
    let bytes = read_limited(&parts.headers, body).await?;
    Ok((parts.headers, bytes))
}

/// A body, at most [`MAX_BODY`] bytes.
async fn read_limited(headers: &HeaderMap, body: Body) -> Result<Bytes, Error> {
    read_within(headers, body, MAX_BODY, 1 << 20).await
}

/// A body, at most `limit` bytes; past it, up to `drain` bytes are read and dropped.
async fn read_within(headers: &HeaderMap, body: Body, limit: usize, drain: usize) -> Result<Bytes, Error> {
    let declared =
        headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<usize>().ok());
    // Past the limit, what a client may reasonably still be sending (up to 1 MiB) is read
    // and dropped, so that it gets the answer rather than a connection reset while it
    // writes.
    if declared.is_some_and(|n| n > limit) {
        let mut stream = body.into_data_stream();
        let mut read = 0usize;
        while let Some(Ok(chunk)) = futures_util::StreamExt::next(&mut stream).await {
            read += chunk.len();
            if read > drain {
                break;
            }
        }
        return Err(Error::PayloadTooLarge);
    }
    let mut stream = body.into_data_stream();
    let mut bytes = Vec::new();
    let mut dropped = 0usize;
    while let Some(chunk) = futures_util::StreamExt::next(&mut stream).await {
        let chunk = chunk.map_err(|e| if timed_out(&e) { Error::RequestTimeout } else { Error::PayloadTooLarge })?;
        if bytes.len() + chunk.len() <= limit && dropped == 0 {
            bytes.extend_from_slice(&chunk);
        } else {
            dropped += chunk.len();
            if bytes.len() + dropped > drain {
                break;
            }
        }
    }
    if dropped > 0 {
        return Err(Error::PayloadTooLarge);
    }
    Ok(Bytes::from(bytes))
}

/// Whether reading a body failed because the client was too slow (the body timeout).
fn timed_out(error: &(dyn std::error::Error + 'static)) -> bool {
    let mut cause = Some(error);
    while let Some(e) = cause {
        if e.is::<tower_http::timeout::TimeoutError>() {
            return true;
        }
        cause = e.source();
    }
    false
}

/// `Content-Type: application/json`, with or without parameters (`; charset=utf-8`).
fn require_json(headers: &HeaderMap) -> Result<(), Error> {
    let declared = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default();
    let essence = declared.split(';').next().unwrap_or_default().trim();
    if essence.eq_ignore_ascii_case("application/json") {
        Ok(())
    } else {
        Err(Error::UnsupportedMediaType)
    }
}

/// Reads one JSON value as `T`, naming the field at fault.
///
/// # Errors
/// [`Error::BadRequest`]: invalid JSON, bytes after the value, a text with a NUL
/// character, or a value that is not a `T`.
pub fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, Error> {
    // JSON can only carry a NUL escaped; look closer only when the escape is there.
    if bytes.windows(6).any(|w| w == b"\\u0000") {
        if let Ok(value) = serde_json::from_slice::<Value>(bytes) {
            if let Some(field) = nul_in(&value, String::new()) {
                return Err(Error::field(field, "must not contain a NUL character"));
            }
        }
    }
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let value =
        serde_path_to_error::deserialize(&mut deserializer).map_err(|e| {
            let path = e.path().to_string();
            let inner = e.into_inner();
            if inner.is_syntax() || inner.is_eof() {
                return Error::BadRequest { field: None, message: format!("invalid JSON body: {inner}") };
            }
            let path = if path == "." { String::new() } else { path };
            let message = inner.to_string();
            // "missing field `actions`" is about a field the path does not reach yet.
            let missing = message
                .strip_prefix("missing field `")
                .and_then(|rest| rest.split_once('`'))
                .map(|(name, _)| if path.is_empty() { name.to_string() } else { format!("{path}.{name}") });
            match (missing, path.is_empty()) {
                (Some(field), _) => Error::field(field, "required"),
                (None, true) => Error::BadRequest { field: None, message: format!("invalid JSON body: {message}") },
                (None, false) => Error::field(path, message),
            }
        })?;
    deserializer.end().map_err(|e| Error::BadRequest { field: None, message: format!("invalid JSON body: {e}") })?;
    Ok(value)
}

/// The path (`contacts[0].name`) of the first text holding a NUL character, keys included,
/// under `path`.
pub fn nul_in(value: &Value, path: String) -> Option<String> {
    let join = |key: &str| if path.is_empty() { key.to_string() } else { format!("{path}.{key}") };
    match value {
        Value::String(s) => s.contains('\0').then_some(path),
        Value::Array(items) => items.iter().enumerate().find_map(|(i, v)| nul_in(v, format!("{path}[{i}]"))),
        Value::Object(map) => {
            map.iter().find_map(
                |(k, v)| {
                    if k.contains('\0') {
                        Some(join(&k.replace('\0', "\\0")))
                    } else {
                        nul_in(v, join(k))
                    }
                },
            )
        }
        _ => None,
    }
}

/// A query string as `T`; a parameter with a NUL character is refused by name.
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Error> {
        let Query(pairs) = Query::<Vec<(String, String)>>::try_from_uri(&parts.uri)
            .map_err(|e| Error::BadRequest { field: None, message: e.body_text() })?;
        if let Some((name, _)) = pairs.iter().find(|(k, v)| k.contains('\0') || v.contains('\0')) {
            return Err(Error::field(name.replace('\0', "\\0"), "must not contain a NUL character"));
        }
        let Query(value) = Query::<T>::try_from_uri(&parts.uri)
            .map_err(|e| Error::BadRequest { field: None, message: e.body_text() })?;
        Ok(ApiQuery(value))
    }
}

/// A numeric id from the path; anything else is simply not found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Id(pub i64);

impl<S: Send + Sync> FromRequestParts<S> for Id {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Error> {
        let Path(raw) = Path::<String>::from_request_parts(parts, state).await.map_err(|_| Error::NotFound)?;
        raw.parse().map(Id).map_err(|_| Error::NotFound)
    }
}

/// A word from the path (a contract's name); a NUL character is refused.
pub struct Word(pub String);

impl<S: Send + Sync> FromRequestParts<S> for Word {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Error> {
        let Path(raw) = Path::<String>::from_request_parts(parts, state).await.map_err(|_| Error::NotFound)?;
        if raw.contains('\0') {
            return Err(Error::NotFound);
        }
        Ok(Word(raw))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Form {
        name: String,
        #[serde(default)]
        contacts: Vec<Value>,
    }

    fn field(result: Result<Form, Error>) -> Option<String> {
        match result {
            Err(Error::BadRequest { field, .. }) => field,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn nul_characters_are_refused_by_field() {
        assert_eq!(field(parse(br#"{"name": "a\u0000b"}"#)), Some("name".into()));
        assert_eq!(
            field(parse(br#"{"name": "a", "contacts": [{"x": 1}, {"email": "\u0000"}]}"#)),
            Some("contacts[1].email".into())
        );
        assert_eq!(field(parse(br#"{"name": "a", "contacts": [{"k\u0000": 1}]}"#)), Some("contacts[0].k\\0".into()));
        // An escaped backslash followed by "u0000" is no NUL.
        assert_eq!(parse::<Form>(br#"{"name": "\\u0000"}"#).unwrap().name, "\\u0000");
    }

    #[test]
    fn one_value_and_nothing_after() {
        assert!(parse::<Form>(br#"{"name": "a"}  "#).is_ok());
        for trailing in [&br#"{"name": "a"} {"name": "b"}"#[..], br#"{"name": "a"}x"#, b"{\"name\": \"a\"}\0"] {
            let e = parse::<Form>(trailing).unwrap_err().to_string();
            assert!(e.contains("trailing"), "{e}");
        }
    }

    #[test]
    fn only_json_is_read() {
        let mut headers = HeaderMap::new();
        assert!(matches!(require_json(&headers), Err(Error::UnsupportedMediaType)));
        headers.insert(header::CONTENT_TYPE, "text/plain".parse().unwrap());
        assert!(matches!(require_json(&headers), Err(Error::UnsupportedMediaType)));
        headers.insert(header::CONTENT_TYPE, "Application/JSON; charset=utf-8".parse().unwrap());
        assert!(require_json(&headers).is_ok());
    }
}
