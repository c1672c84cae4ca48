//! The database: SQLite by default, PostgreSQL for several instances, through the same code.
//!
//! Queries are written once with `$1`-style placeholders, which both SQLite and PostgreSQL
//! read, and run through sqlx's `Any` driver. Instants are stored as milliseconds since the
//! Unix epoch and booleans as 0/1, the types both databases share.

use std::ops::{Deref, DerefMut};
use std::path::Path;
use std::str::FromStr;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::{Any, AnyConnection, AnyPool, Executor, Row, Transaction};
use tokio::sync::{Mutex, OwnedMutexGuard};

use crate::error::Error;

/// Which database the URL names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// A SQLite file.
    Sqlite,
    /// A PostgreSQL server.
    Postgres,
}

/// A connection pool with its schema migrated.
#[derive(Debug, Clone)]
pub struct Db {
    pool: AnyPool,
    backend: Backend,
    /// SQLite has one writer at a time: this instance's write transactions queue here
    /// rather than all polling the database's lock.
    writer: Arc<Mutex<()>>,
}

/// A write transaction; with SQLite it holds the writer's turn until it ends.
pub struct Tx {
    inner: Transaction<'static, Any>,
    _turn: Option<OwnedMutexGuard<()>>,
}

impl Tx {
    /// Commits.
    ///
    /// # Errors
    /// [`Error::Database`].
    pub async fn commit(self) -> Result<(), Error> {
        self.inner.commit().await.map_err(Error::from)
    }
}

impl Deref for Tx {
    type Target = AnyConnection;
    fn deref(&self) -> &AnyConnection {
        &self.inner
    }
}

impl DerefMut for Tx {
    fn deref_mut(&mut self) -> &mut AnyConnection {
        &mut self.inner
    }
}

impl Db {
    /// Connects to `url` (`sqlite://PATH` — the file is created if missing — or
    /// `postgres://…`) and migrates the schema.
    ///
    /// # Errors
    /// [`Error::Database`] when the URL is not understood, the database cannot be reached
    /// or a migration fails.
    pub async fn connect(url: &str) -> Result<Db, Error> {
        sqlx::any::install_default_drivers();
        let (backend, url) = if let Some(path) = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:")) {
            let (path, query) = path.split_once('?').unwrap_or((path, ""));
            if let Some(dir) = Path::new(path).parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir)
                    .map_err(|e| Error::Database(format!("cannot create {}: {e}", dir.display())))?;
            }
            let query = if query.contains("mode=") {
                query.to_string()
            } else if query.is_empty() {
                "mode=rwc".into()
            } else {
                format!("{query}&mode=rwc")
            };
            (Backend::Sqlite, format!("sqlite://{path}?{query}"))
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            (Backend::Postgres, url.to_string())
        } else {
            return Err(Error::Database(format!(
                "unsupported database URL {url:?} (expected sqlite://PATH or postgres://…)"
            )));
        };
        let options = AnyPoolOptions::new().max_connections(if backend == Backend::Sqlite { 8 } else { 16 });
        let options = if backend == Backend::Sqlite {
            // A local file needs no ping before each use.
            options.test_before_acquire(false).after_connect(|conn, _| {
                Box::pin(async move {
                    // WAL: readers never wait for the writer; a committed transaction survives
                    // the process being killed. The busy timeout queues concurrent writers.
                    conn.execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON;")
                        .await?;
                    Ok(())
                })
            })
        } else {
            options
        };
        let pool = options.connect(&url).await.map_err(|e| Error::sql(format!("cannot open {}", redact(&url)), e))?;
        let migrator = match backend {
            Backend::Sqlite => sqlx::migrate!("./migrations/sqlite"),
            Backend::Postgres => sqlx::migrate!("./migrations/postgres"),
        };
        migrator.run(&pool).await.map_err(|e| Error::sql("migration failed", e))?;
        Ok(Db { pool, backend, writer: Arc::new(Mutex::new(())) })
    }

    /// Begins a write transaction.
    ///
    /// # Errors
    /// [`Error::Database`].
    pub async fn begin(&self) -> Result<Tx, Error> {
        match self.backend {
            Backend::Sqlite => {
                let turn = self.writer.clone().lock_owned().await;
                // IMMEDIATE takes the write lock now, waiting (busy timeout) for a writer
                // outside this queue, rather than failing when a read turns into a write.
                let inner = self.pool.begin_with("BEGIN IMMEDIATE").await?;
                Ok(Tx { inner, _turn: Some(turn) })
            }
            Backend::Postgres => Ok(Tx { inner: self.pool.begin().await?, _turn: None }),
        }
    }

    /// The pool.
    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Which database this is.
    pub fn backend(&self) -> Backend {
        self.backend
    }
}

/// The URL without its password, for messages.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let credentials = &url[scheme + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme + 3], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

/// Milliseconds since the epoch, as stored.
pub fn to_ms(t: DateTime<Utc>) -> i64 {
    t.timestamp_millis()
}

/// An instant from stored milliseconds.
pub fn from_ms(ms: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(ms).unwrap_or_default()
}

/// Reads a column, naming it in the error.
pub fn get<'r, T>(row: &'r AnyRow, column: &str) -> Result<T, Error>
where
    T: sqlx::Decode<'r, sqlx::Any> + sqlx::Type<sqlx::Any>,
{
    row.try_get(column).map_err(|e| Error::sql(format!("column {column}"), e))
}

/// An optional instant column.
pub fn get_time(row: &AnyRow, column: &str) -> Result<Option<DateTime<Utc>>, Error> {
    Ok(get::<Option<i64>>(row, column)?.map(from_ms))
}

/// A JSON text column.
pub fn get_json<T: serde::de::DeserializeOwned>(row: &AnyRow, column: &str) -> Result<T, Error> {
    let text: String = get(row, column)?;
    serde_json::from_str(&text).map_err(|e| Error::Database(format!("column {column}: {e}")))
}

/// A text column holding a value with `FromStr`.
pub fn get_parsed<T: FromStr>(row: &AnyRow, column: &str) -> Result<T, Error>
where
    T::Err: std::fmt::Display,
{
    let text: String = get(row, column)?;
    text.parse().map_err(|e: T::Err| Error::Database(format!("column {column}: {e}")))
}

#[cfg(test)]
mod tests {
    #[test]
    fn passwords_are_not_shown() {
        assert_eq!(super::redact("postgres://vigie:secret@localhost/vigie"), "postgres://vigie:***@localhost/vigie");
        assert_eq!(super::redact("sqlite://data/vigie.db?mode=rwc"), "sqlite://data/vigie.db?mode=rwc");
    }
}
