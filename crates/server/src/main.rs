//! `vigie`: the Vigie server and its batch commands.

use std::io::{self, BufWriter};
use std::process::ExitCode;

use vigie_server::batch::{self, Command};
use vigie_server::Error;

const USAGE: &str = "usage: vigie <command>

commands:
  sla        read incidents as JSON Lines on stdin, write their SLA deadlines
  classify   read incident descriptions as JSON Lines on stdin, write their priority
  help       show this message";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
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
