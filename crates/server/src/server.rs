//! Starting a Vigie server: the database, the background tasks and the listener.

use std::net::SocketAddr;
use std::path::PathBuf;

use tokio::task::JoinHandle;

use crate::config::Config;
use crate::db::Db;
use crate::error::Error;
use crate::http::app;
use crate::state::AppState;
use crate::{demo, monitor, notify};

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

/// A server that runs until dropped or its task ends.
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
        self.task.abort();
        for task in &self.background {
            task.abort();
        }
    }
}

/// Opens the database, creates the demo data if asked, starts the live events, the SLA
/// monitor and the notification worker, and listens.
///
/// # Errors
/// [`Error::Database`], [`Error::Listen`].
pub async fn start(options: Options) -> Result<Running, Error> {
    let db = Db::connect(&options.database_url).await?;
    let state = AppState::new(db, options.config, options.dist);
    match (options.demo, options.demo_history) {
        (true, true) => demo::create(&state).await?,
        (true, false) => demo::accounts(&state).await?,
        (false, _) => {}
    }
    let listener = tokio::net::TcpListener::bind(&options.addr)
        .await
        .map_err(|source| Error::Listen { addr: options.addr.clone(), source })?;
    let addr = listener.local_addr().map_err(Error::Io)?;
    let database_url = options.database_url.clone();
    let background = vec![
        tokio::spawn(state.events.clone().run(Some(database_url))),
        tokio::spawn(monitor::run(state.clone())),
        tokio::spawn(notify::run(state.clone())),
    ];
    let router = app(state.clone());
    let task = tokio::spawn(async move { axum::serve(listener, router).await });
    Ok(Running { addr, state, task, background })
}
