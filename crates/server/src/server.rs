//! Starting a Vigie server: the database, the checks before serving, the background tasks
//! and the listener; and stopping it gracefully.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use tokio::task::JoinHandle;

use crate::config::Config;
use crate::db::Db;
use crate::error::Error;
use crate::http::app;
use crate::state::AppState;
use crate::{demo, housekeeping, listener, monitor, notify, passwords};

/// How to run.
#[derive(Debug, Clone)]
pub struct Options {
    /// Where to listen (`127.0.0.1:8080`; port 0 picks a free one).
    pub addr: String,
    /// `sqlite://PATH` or `postgres://…`.
    pub database_url: String,
    /// The built app.
    pub dist: PathBuf,
    /// The configuration.
    pub config: Config,
    /// Create the demo organisations, sites and accounts.
    pub demo: bool,
    /// With `demo`, also give an empty desk the demo history ([`demo::create`]); tests that
    /// need an empty desk leave it out.
    pub demo_history: bool,
}

/// A server that runs until dropped (at once) or [`Running::shutdown`] (gracefully).
#[derive(Debug)]
pub struct Running {
    /// The address it listens on.
    pub addr: SocketAddr,
    /// Its state (tests move its clock).
    pub state: AppState,
    /// The HTTP task.
    pub task: JoinHandle<Result<(), std::io::Error>>,
    background: Vec<JoinHandle<()>>,
}

impl Drop for Running {
    fn drop(&mut self) {
        self.state.shutdown.cancel();
        self.task.abort();
        for task in &self.background {
            task.abort();
        }
    }
}

impl Running {
    /// Stops gracefully: no new connection, the event streams end, the requests in flight
    /// finish (for at most `http.shutdown_grace_secs`), the notification worker stops
    /// between two messages, and the database is closed.
    ///
    /// # Errors
    /// [`Error::Io`] when the listener's task failed.
    pub async fn shutdown(mut self) -> Result<(), Error> {
        self.state.shutdown.cancel();
        let listening = std::mem::replace(&mut self.task, tokio::spawn(async { Ok(()) }));
        let served = listening.await;
        // The background tasks end at their next turn; a message being sent is finished
        // (its SMTP or SMS timeout bounds the wait).
        for task in std::mem::take(&mut self.background) {
            let abort = task.abort_handle();
            if tokio::time::timeout(Duration::from_secs(30), task).await.is_err() {
                abort.abort();
            }
        }
        self.state.db.pool().close().await;
        served.map_err(|e| Error::Io(std::io::Error::other(e)))?.map_err(Error::Io)
    }
}

/// Opens the database, creates the demo data if asked (on a database `--demo` made), or
/// else refuses to start while an account's password is its username; starts the live
/// events, the SLA monitor, the notification worker and the housekeeping, and listens.
///
/// # Errors
/// [`Error::Config`], [`Error::Database`], [`Error::Refused`], [`Error::Listen`].
pub async fn start(options: Options) -> Result<Running, Error> {
    options.config.check().map_err(Error::Config)?;
    let db = Db::connect(&options.database_url).await?;
    let state = AppState::new(db, options.config, options.dist);
    if options.demo {
        demo::claim(&state).await?;
        if options.demo_history {
            demo::create(&state).await?;
        } else {
            demo::accounts(&state).await?;
        }
    } else {
        let weak = passwords::accounts_named_as_their_password(&state.db, &state.passwords).await?;
        if !weak.is_empty() {
            return Err(Error::Refused(format!(
                "the password of {} is the username; set another with `vigie password USERNAME` (or start with --demo on a demo database)",
                weak.join(", ")
            )));
        }
    }
    let listener = tokio::net::TcpListener::bind(&options.addr)
        .await
        .map_err(|source| Error::Listen { addr: options.addr.clone(), source })?;
    let addr = listener.local_addr().map_err(Error::Io)?;
    let database_url = options.database_url.clone();
    let background = vec![
        tokio::spawn(notify::run(state.clone())),
        tokio::spawn(monitor::run(state.clone())),
        tokio::spawn(housekeeping::run(state.clone())),
        tokio::spawn({
            let (hub, shutdown) = (state.events.clone(), state.shutdown.clone());
            async move {
                shutdown.run_until_cancelled(hub.run(Some(database_url))).await;
            }
        }),
    ];
    let router = app(state.clone());
    let task = tokio::spawn(listener::serve(listener, router, state.config.http.clone(), state.shutdown.clone()));
    Ok(Running { addr, state, task, background })
}
