//! `vigie`: the Vigie server and its batch commands.

use std::io::{self, BufWriter};
use std::path::PathBuf;
use std::process::ExitCode;

use vigie_server::batch::{self, Command};
use vigie_server::http::{app, AppState};
use vigie_server::Error;

const USAGE: &str = "usage: vigie <command> [options]

commands:
  serve      serve the browser app and the API
               --addr HOST:PORT   where to listen (env VIGIE_ADDR, default 127.0.0.1:8080)
               --dist DIR         the built app (env VIGIE_DIST, default ./dist)
               --demo             create demo data
  sla        read incidents as JSON Lines on stdin, write their SLA deadlines
  classify   read incident descriptions as JSON Lines on stdin, write their priority
  help       show this message";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("serve") => serve(&args[1..]),
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
            eprintln!("vigie: {e}");
            ExitCode::from(2)
        }
    }
}

fn run_batch(command: Command) -> Result<ExitCode, Error> {
    let stdout = io::stdout();
    let failures = batch::run(command, io::stdin().lock(), BufWriter::new(stdout.lock()))?;
    Ok(if failures == 0 { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

/// The options of `vigie serve`.
struct ServeOptions {
    addr: String,
    dist: PathBuf,
}

fn serve_options(args: &[String]) -> Result<ServeOptions, Error> {
    let mut options = ServeOptions {
        addr: std::env::var("VIGIE_ADDR").unwrap_or_else(|_| "127.0.0.1:8080".to_string()),
        dist: std::env::var_os("VIGIE_DIST").map_or_else(|| PathBuf::from("dist"), PathBuf::from),
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().cloned().ok_or_else(|| Error::Usage(format!("{name} needs a value")));
        match arg.as_str() {
            "--addr" => options.addr = value("--addr")?,
            "--dist" => options.dist = PathBuf::from(value("--dist")?),
            "--demo" => {}
            other => return Err(Error::Usage(format!("unknown option {other:?} for serve\n\n{USAGE}"))),
        }
    }
    Ok(options)
}

fn serve(args: &[String]) -> Result<ExitCode, Error> {
    let options = serve_options(args)?;
    let runtime = tokio::runtime::Runtime::new().map_err(Error::Io)?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(&options.addr)
            .await
            .map_err(|source| Error::Listen { addr: options.addr.clone(), source })?;
        let local = listener.local_addr().map_err(Error::Io)?;
        if !options.dist.join("index.html").is_file() {
            eprintln!("vigie: warning: {} has no index.html; build the app with `trunk build --release`", options.dist.display());
        }
        println!("Vigie is listening on http://{local}/");
        let router = app(AppState { dist: options.dist });
        axum::serve(listener, router)
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .map_err(Error::Io)?;
        Ok(ExitCode::SUCCESS)
    })
}
