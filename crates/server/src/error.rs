//! The one error type of the server crate, and how it answers over HTTP.

use std::fmt;

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;

/// What went wrong in the `vigie` command or the server.
#[derive(Debug)]
pub enum Error {
    /// The command line is wrong; the message says how to use it.
    Usage(String),
    /// Reading or writing failed.
    Io(std::io::Error),
    /// The server could not listen on its address.
    Listen {
        /// The address asked for.
        addr: String,
        /// Why it failed.
        source: std::io::Error,
    },
    /// The configuration file is wrong.
    Config(String),
    /// The database failed.
    Database(String),
    /// A request is malformed; `field` names the culprit when there is one.
    BadRequest {
        /// The field at fault (`"answers.system"`), if any.
        field: Option<String>,
        /// What is wrong.
        message: String,
    },
    /// No valid session.
    Unauthorized,
    /// The caller may not do this.
    Forbidden(String),
    /// Nothing the caller may see has this id.
    NotFound,
    /// The action is impossible in the incident's state.
    Conflict(String),
    /// Too many failed logins: try again later.
    TooManyRequests {
        /// Seconds to wait.
        retry_after: u64,
    },
    /// Delivering a notification failed.
    Delivery(String),
    /// The request body is larger than the server accepts.
    PayloadTooLarge,
}

impl Error {
    /// A bad request about one field.
    pub fn field(field: impl Into<String>, message: impl Into<String>) -> Error {
        Error::BadRequest { field: Some(field.into()), message: message.into() }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Usage(m) => f.write_str(m),
            Error::Io(e) => write!(f, "input/output error: {e}"),
            Error::Listen { addr, source } => write!(f, "cannot listen on {addr}: {source}"),
            Error::Config(m) => write!(f, "configuration: {m}"),
            Error::Database(m) => write!(f, "database: {m}"),
            Error::BadRequest { field: Some(field), message } => write!(f, "{field}: {message}"),
            Error::BadRequest { field: None, message } => f.write_str(message),
            Error::Unauthorized => f.write_str("not logged in"),
            Error::Forbidden(m) => write!(f, "forbidden: {m}"),
            Error::NotFound => f.write_str("not found"),
            Error::Conflict(m) => f.write_str(m),
            Error::TooManyRequests { retry_after } => write!(f, "too many failed logins; try again in {retry_after} s"),
            Error::Delivery(m) => write!(f, "delivery failed: {m}"),
            Error::PayloadTooLarge => write!(f, "the body is larger than {} KB", crate::http::MAX_BODY / 1024),
        }
    }
}

impl std::error::Error for Error {}

impl From<sqlx::Error> for Error {
    fn from(e: sqlx::Error) -> Self {
        Error::Database(e.to_string())
    }
}

impl From<vigie_engine::Error> for Error {
    fn from(e: vigie_engine::Error) -> Self {
        Error::BadRequest { field: None, message: e.to_string() }
    }
}

/// Errors answer `{"error": "...", "field": "..."}` with the matching status; a server-side
/// failure says so without details (they go to the log).
impl IntoResponse for Error {
    fn into_response(self) -> Response {
        let status = match &self {
            Error::BadRequest { .. } | Error::Usage(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Error::Unauthorized => StatusCode::UNAUTHORIZED,
            Error::Forbidden(_) => StatusCode::FORBIDDEN,
            Error::NotFound => StatusCode::NOT_FOUND,
            Error::Conflict(_) => StatusCode::CONFLICT,
            Error::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            Error::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Error::Io(_) | Error::Listen { .. } | Error::Config(_) | Error::Database(_) | Error::Delivery(_) => {
                StatusCode::INTERNAL_SERVER_ERROR
            }
        };
        let message = if status == StatusCode::INTERNAL_SERVER_ERROR {
            eprintln!("vigie: {self}");
            "internal error; the details are in the server log".to_string()
        } else {
            self.to_string()
        };
        let field = match &self {
            Error::BadRequest { field, .. } => field.clone(),
            _ => None,
        };
        let body = Json(serde_json::json!({ "error": message, "field": field }));
        match self {
            Error::TooManyRequests { retry_after } => {
                (status, [(header::RETRY_AFTER, retry_after.to_string())], body).into_response()
            }
            _ => (status, body).into_response(),
        }
    }
}
