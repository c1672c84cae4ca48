//! `vigie`: the Vigie server and its batch commands.

use std::io::{self, BufWriter};
use std::path::PathBuf;
use std::process::ExitCode;

use lexopt::{Arg, Parser};

use vigie_server::batch::{self, Command};
use vigie_server::config::Config;
use vigie_server::server::{self, Options};
use vigie_server::{demo, Error};

const USAGE: &str = "usage: vigie <command> [options]

commands:
  serve      serve the browser app and the API
               --addr HOST:PORT     where to listen (env VIGIE_ADDR, default 127.0.0.1:8080)
               --database-url URL   sqlite://PATH or postgres://… (env DATABASE_URL,
                                    default sqlite://data/vigie.db)
               --config FILE        TOML: SMTP, SMS gateway, policies
               --dist DIR           the built app (env VIGIE_DIST, default ./dist)
               --demo               create the demo organisations, sites and accounts, and
                                    on an empty database a few weeks of incident history
                                    (refused on a database --demo did not make)
             stops gracefully on SIGTERM or SIGINT
  password USERNAME [--database-url URL]
             set the password of an account, read from stdin (at least 12 characters,
             not the username); with no such account, create an administrator so named
  api-token ORGANISATION [--database-url URL]
             create the API token of an organisation's supervision tools and print it
             (shown once; it replaces the previous one)
  sla        read incidents as JSON Lines on stdin, write their SLA deadlines
  classify   read incident descriptions as JSON Lines on stdin, write their priority
  help       show this message";

fn main() -> ExitCode {
    return_freed_memory();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("serve") => serve(&args[1..]),
        Some("api-token") => api_token(&args[1..]),
        Some("password") => password(&args[1..]),
        Some("sla") => run_batch(Command::Sla),
        Some("classify") => run_batch(Command::Classify),
        Some("help" | "-h" | "--help") => {
            println!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        Some(other) => Err(Error::Usage(format!("unknown command {other:?}\n\n{USAGE}"))),
        None => Err(Error::Usage(USAGE.to_string())),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            tell(&e);
            ExitCode::from(2)
        }
    }
}

/// A line for the person at the terminal, on standard error: what a command did or why it
/// failed. This is the command's own output, not the server's log (which goes through
/// `tracing`), so it is written plainly, whatever `RUST_LOG` says.
fn tell(message: &dyn std::fmt::Display) {
    use std::io::Write as _;
    let _ = writeln!(io::stderr().lock(), "vigie: {message}");
}

/// Each login hashes with argon2id, which allocates 19 MiB; glibc keeps such blocks in
/// its heap for good unless they are mapped apart. Blocks of 1 MiB and more are mapped,
/// so they go back to the system when freed and the server's memory stays flat.
fn return_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes an allocator setting; it is called before any thread
    // exists.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1 << 20);
    }
}

fn run_batch(command: Command) -> Result<ExitCode, Error> {
    let stdout = io::stdout();
    let failures = batch::run(command, io::stdin().lock(), BufWriter::new(stdout.lock()))?;
    Ok(if failures == 0 { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

/// The value after an option, or the usage error that names the option.
fn value(parser: &mut Parser, name: &str) -> Result<String, Error> {
    let value = parser.value().map_err(|_| Error::Usage(format!("{name} needs a value")))?;
    value.into_string().map_err(|v| Error::Usage(format!("{name}: {v:?} is not UTF-8")))
}

/// An argument as the user typed it, for a usage error.
fn typed(arg: &Arg) -> String {
    match arg {
        Arg::Short(c) => format!("-{c}"),
        Arg::Long(name) => format!("--{name}"),
        Arg::Value(v) => v.to_string_lossy().into_owned(),
    }
}

/// A command line lexopt could not read (a value given to an option that takes none, or
/// an argument that is not UTF-8).
fn unreadable(e: lexopt::Error) -> Error {
    Error::Usage(format!("{e}\n\n{USAGE}"))
}

fn serve_options(args: &[String]) -> Result<Options, Error> {
    let env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    let mut options = Options {
        addr: env("VIGIE_ADDR").unwrap_or_else(|| "127.0.0.1:8080".to_string()),
        database_url: env("DATABASE_URL").unwrap_or_else(|| "sqlite://data/vigie.db".to_string()),
        dist: env("VIGIE_DIST").map_or_else(|| PathBuf::from("dist"), PathBuf::from),
        config: Config::default(),
        demo: false,
        demo_history: false,
    };
    let mut parser = Parser::from_args(args);
    while let Some(arg) = parser.next().map_err(unreadable)? {
        match arg {
            Arg::Long("addr") => options.addr = value(&mut parser, "--addr")?,
            Arg::Long("database-url") => options.database_url = value(&mut parser, "--database-url")?,
            Arg::Long("config") => options.config = Config::load(&PathBuf::from(value(&mut parser, "--config")?))?,
            Arg::Long("dist") => options.dist = PathBuf::from(value(&mut parser, "--dist")?),
            Arg::Long("demo") => {
                options.demo = true;
                options.demo_history = true;
            }
            other => return Err(Error::Usage(format!("unknown option {:?} for serve\n\n{USAGE}", typed(&other)))),
        }
    }
    Ok(options)
}

/// The one name and the database URL of `api-token NAME` and `password NAME`.
fn name_and_database(command: &str, what: &str, args: &[String]) -> Result<(String, String), Error> {
    let mut database_url =
        std::env::var("DATABASE_URL").ok().filter(|v| !v.is_empty()).unwrap_or_else(|| "sqlite://data/vigie.db".into());
    let mut name = None;
    let mut parser = Parser::from_args(args);
    while let Some(arg) = parser.next().map_err(unreadable)? {
        match arg {
            Arg::Long("database-url") => database_url = value(&mut parser, "--database-url")?,
            Arg::Value(v) if name.is_none() => name = Some(v.to_string_lossy().into_owned()),
            other => return Err(Error::Usage(format!("unexpected argument {:?}\n\n{USAGE}", typed(&other)))),
        }
    }
    let name = name.ok_or_else(|| Error::Usage(format!("{command} needs {what}\n\n{USAGE}")))?;
    Ok((name, database_url))
}

fn password(args: &[String]) -> Result<ExitCode, Error> {
    let (username, database_url) = name_and_database("password", "a username", args)?;
    let mut password = String::new();
    io::stdin().read_line(&mut password).map_err(Error::Io)?;
    let password = password.trim_end_matches(['\r', '\n']).to_string();
    let runtime = tokio::runtime::Runtime::new().map_err(Error::Io)?;
    runtime.block_on(async {
        let db = vigie_server::db::Db::connect(&database_url).await?;
        let state = vigie_server::state::AppState::new(db, Config::default(), PathBuf::from("dist"));
        let created = vigie_server::admin::set_password_of(&state, &username, password).await?;
        tell(&format!("{} {username:?}", if created { "created the administrator" } else { "set the password of" }));
        Ok(ExitCode::SUCCESS)
    })
}

fn api_token(args: &[String]) -> Result<ExitCode, Error> {
    let (organisation, database_url) = name_and_database("api-token", "an organisation name", args)?;
    let runtime = tokio::runtime::Runtime::new().map_err(Error::Io)?;
    runtime.block_on(async {
        let db = vigie_server::db::Db::connect(&database_url).await?;
        let state = vigie_server::state::AppState::new(db, Config::default(), PathBuf::from("dist"));
        match vigie_server::auth::issue_api_token(&state, &organisation).await {
            Ok(token) => {
                println!("{token}");
                Ok(ExitCode::SUCCESS)
            }
            Err(Error::NotFound) => Err(Error::Usage(format!("no organisation named {organisation:?}"))),
            Err(e) => Err(e),
        }
    })
}

fn serve(args: &[String]) -> Result<ExitCode, Error> {
    let options = serve_options(args)?;
    let demo_mode = options.demo;
    let dist = options.dist.clone();
    vigie_server::logging::init();
    let runtime = tokio::runtime::Runtime::new().map_err(Error::Io)?;
    runtime.block_on(async {
        let running = server::start(options).await?;
        if !dist.join("index.html").is_file() {
            tracing::warn!("{} has no index.html; build the app with `trunk build --release`", dist.display());
        }
        println!("Vigie is listening on http://{}/", running.addr);
        if demo_mode {
            println!("Demo accounts (username / password):");
            for (user, password, role) in demo::ACCOUNTS {
                println!("  {user} / {password}  — {role}");
            }
            let config = &running.state.config;
            let spool = config.spool_dir();
            match (config.smtp.is_some(), config.sms.is_some()) {
                (false, false) => {
                    println!("Emails and SMS go to {} (no SMTP server or SMS gateway configured).", spool.display())
                }
                (true, false) => println!("SMS go to {} (no SMS gateway configured).", spool.join("sms").display()),
                (false, true) => println!("Emails go to {} (no SMTP server configured).", spool.join("mail").display()),
                (true, true) => {}
            }
        }
        let mut running = running;
        let mut terminate =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).map_err(Error::Io)?;
        tokio::select! {
            result = &mut running.task => {
                result.map_err(|e| Error::Io(std::io::Error::other(e)))?.map_err(Error::Io)?;
                return Ok(ExitCode::SUCCESS);
            }
            _ = tokio::signal::ctrl_c() => {}
            _ = terminate.recv() => {}
        }
        tracing::info!("stopping: finishing the requests in flight");
        running.shutdown().await?;
        tracing::info!("stopped");
        Ok(ExitCode::SUCCESS)
    })
}
