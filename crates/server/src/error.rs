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
    /// The database failed, or holds what Vigie cannot read; the message says what.
    Database(String),
    /// The database driver failed: `context` says at what (empty when nothing more is
    /// known), `source` is the driver's own error, kept for [`std::error::Error::source`].
    Sql {
        /// What was being done (`"column id"`, `"migration"`), or empty.
        context: String,
        /// The driver's error (`sqlx::Error`, `sqlx::migrate::MigrateError`).
        source: Box<dyn std::error::Error + Send + Sync + 'static>,
    },
    /// A rule of the engine could not be applied to what is stored (a site's calendar that
    /// never opens, a stored policy it refuses): the server's data is at fault, not the
    /// request.
    Engine(vigie_engine::Error),
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
    /// A value that must be unique is taken (an organisation's name, a username).
    Duplicate {
        /// The field whose value is taken.
        field: String,
        /// What is taken.
        message: String,
    },
    /// Too many failed logins: try again later.
    TooManyRequests {
        /// Seconds to wait.
        retry_after: u64,
    },
    /// The server is busy (every password check taken and the queue full): try again.
    Unavailable {
        /// Seconds to wait.
        retry_after: u64,
    },
    /// Delivering a notification failed.
    Delivery(String),
    /// The request body is larger than the server accepts.
    PayloadTooLarge,
    /// A body that is not declared as `application/json`.
    UnsupportedMediaType,
    /// An uploaded file over the size a file may have; the message names the limit.
    FileTooLarge(String),
    /// An uploaded file of a type Vigie does not take; the message names those it takes.
    UnsupportedFile(String),
    /// The client took too long to send its request.
    RequestTimeout,
    /// The server will not start as asked; the message says why and what to do.
    Refused(String),
}

impl Error {
    /// A failure of the database driver at `context`, its error kept as the source.
    pub fn sql(context: impl Into<String>, source: impl std::error::Error + Send + Sync + 'static) -> Error {
        Error::Sql { context: context.into(), source: Box::new(source) }
    }

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
            Error::Sql { context, source } if context.is_empty() => write!(f, "database: {source}"),
            Error::Sql { context, source } => write!(f, "database: {context}: {source}"),
            Error::Engine(e) => write!(f, "stored data the rules cannot use: {e}"),
            Error::BadRequest { field: Some(field), message } => write!(f, "{field}: {message}"),
            Error::BadRequest { field: None, message } => f.write_str(message),
            Error::Unauthorized => f.write_str("not logged in"),
            Error::Forbidden(m) => write!(f, "forbidden: {m}"),
            Error::NotFound => f.write_str("not found"),
            Error::Conflict(m) => f.write_str(m),
            Error::Duplicate { message, .. } => f.write_str(message),
            Error::TooManyRequests { retry_after } => write!(f, "too many failed logins; try again in {retry_after} s"),
            Error::Unavailable { retry_after } => write!(f, "the server is busy; try again in {retry_after} s"),
            Error::Delivery(m) => write!(f, "delivery failed: {m}"),
            Error::PayloadTooLarge => write!(f, "the body is larger than {} KB", crate::extract::MAX_BODY / 1024),
            Error::UnsupportedMediaType => {
                f.write_str("the body must be JSON, sent with Content-Type: application/json")
            }
            Error::FileTooLarge(m) | Error::UnsupportedFile(m) => f.write_str(m),
            Error::RequestTimeout => f.write_str("the request took too long to arrive"),
            Error::Refused(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io(e) | Error::Listen { source: e, .. } => Some(e),
            Error::Engine(e) => Some(e),
            Error::Sql { source, .. } => Some(source.as_ref()),
            _ => None,
        }
    }
}

impl From<sqlx::Error> for Error {
    /// A constraint the input broke is the client's mistake (409 or 422), not the
    /// server's; handlers check what they can name precisely first, this is the net under
    /// them.
    fn from(e: sqlx::Error) -> Self {
        if let Some(db) = e.as_database_error() {
            match db.kind() {
                sqlx::error::ErrorKind::UniqueViolation => {
                    return Error::Duplicate {
                        field: constraint_field(db).unwrap_or_default(),
                        message: "this value is taken".into(),
                    }
                }
                sqlx::error::ErrorKind::ForeignKeyViolation => {
                    return Error::BadRequest {
                        field: constraint_field(db),
                        message: "refers to something that does not exist".into(),
                    }
                }
                sqlx::error::ErrorKind::NotNullViolation | sqlx::error::ErrorKind::CheckViolation => {
                    return Error::BadRequest { field: constraint_field(db), message: "is not allowed".into() }
                }
                _ => {}
            }
        }
        Error::sql("", e)
    }
}

/// The column a constraint error is about, as far as the database says: SQLite names
/// `table.column` in its message, PostgreSQL names its constraint `table_column_key`.
fn constraint_field(db: &dyn sqlx::error::DatabaseError) -> Option<String> {
    if let Some(rest) = db.message().split("failed: ").nth(1) {
        let last = rest.split(',').next_back()?.trim();
        return last.rsplit('.').next().map(str::to_string);
    }
    let constraint = db.constraint()?;
    let table = db.table().unwrap_or_default();
    let column = constraint.strip_prefix(table).unwrap_or(constraint).trim_start_matches('_');
    let column = column.strip_suffix("_fkey").or_else(|| column.strip_suffix("_key")).unwrap_or(column);
    Some(column.to_string())
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
            Error::Conflict(_) | Error::Duplicate { .. } => StatusCode::CONFLICT,
            Error::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            Error::Unavailable { .. } => StatusCode::SERVICE_UNAVAILABLE,
            Error::PayloadTooLarge | Error::FileTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            Error::UnsupportedMediaType | Error::UnsupportedFile(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Error::RequestTimeout => StatusCode::REQUEST_TIMEOUT,
            Error::Io(_)
            | Error::Listen { .. }
            | Error::Config(_)
            | Error::Database(_)
            | Error::Sql { .. }
            | Error::Engine(_)
            | Error::Delivery(_)
            | Error::Refused(_) => StatusCode::INTERNAL_SERVER_ERROR,
        };
        let message = if status == StatusCode::INTERNAL_SERVER_ERROR {
            tracing::error!("{self}");
            "internal error; the details are in the server log".to_string()
        } else {
            self.to_string()
        };
        let field = match &self {
            Error::BadRequest { field, .. } => field.clone(),
            Error::Duplicate { field, .. } if !field.is_empty() => Some(field.clone()),
            Error::FileTooLarge(_) | Error::UnsupportedFile(_) => Some("file".to_string()),
            _ => None,
        };
        let body = Json(serde_json::json!({ "error": message, "field": field }));
        match self {
            Error::TooManyRequests { retry_after } | Error::Unavailable { retry_after } => {
                (status, [(header::RETRY_AFTER, retry_after.to_string())], body).into_response()
            }
            _ => (status, body).into_response(),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::error::Error as _;

    use super::*;

    #[test]
    fn a_driver_failure_keeps_its_cause() {
        let error = Error::from(sqlx::Error::PoolTimedOut);
        let source = error.source().expect("a source");
        assert!(matches!(source.downcast_ref::<sqlx::Error>(), Some(sqlx::Error::PoolTimedOut)), "{source:?}");
        assert_eq!(error.to_string(), format!("database: {}", sqlx::Error::PoolTimedOut));
        let error = Error::sql("column id", sqlx::Error::ColumnNotFound("id".into()));
        assert!(error.to_string().starts_with("database: column id: "), "{error}");
        assert!(error.source().and_then(|s| s.downcast_ref::<sqlx::Error>()).is_some());
        assert_eq!(error.into_response().status(), StatusCode::INTERNAL_SERVER_ERROR);
    }
}
