//! `cargo xtask run`: release builds, then the demo server in the foreground.

use super::{
    describe_status, office_build, precompress, report_build, say, setup, show_command, step, Ctx, DEFAULT_ADDR,
};
use std::process::{self, ExitStatus};

/// Setup, release builds of the app and the server, then the demo server in
/// the foreground. Its exit status becomes ours.
pub(super) fn run(ctx: &Ctx, serve_args: &[String]) -> Result<(), String> {
    setup(ctx)?;
    say("run", "building the app (trunk build --release)…");
    step("run", ctx.command("trunk", &["build", "--release"]))?;
    step("run", office_build(ctx))?;
    step("run", report_build(ctx))?;
    step("run", precompress(ctx))?;
    say("run", "building the server (cargo build --release --bin vigie)…");
    step("run", ctx.cargo(&["build", "--release", "--bin", "vigie"]))?;

    let vigie = ctx.root.join("target").join("release").join("vigie");
    let addr = addr_arg(serve_args).unwrap_or(DEFAULT_ADDR);
    say("run", format!("serving http://{addr}/ (Ctrl-C to stop)"));
    let mut command = ctx.command(&vigie, &["serve", "--demo"]);
    command.args(serve_args).env("VIGIE_DIST", ctx.root.join("dist"));
    let shown = show_command(&command);
    let status = command.status().map_err(|err| format!("run: could not start `{shown}`: {err}"))?;
    if status.success() {
        return Ok(());
    }
    eprintln!("vigie run: `{shown}` stopped ({})", describe_status(status));
    process::exit(exit_code(status));
}

/// The value of `--addr X` or `--addr=X` among the arguments for `vigie serve`.
pub(super) fn addr_arg(args: &[String]) -> Option<&str> {
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        if arg == "--addr" {
            return args.next().map(String::as_str);
        }
        if let Some(value) = arg.strip_prefix("--addr=") {
            return Some(value);
        }
    }
    None
}

/// The exit code a shell would report for `status` (128 + signal if killed).
pub(super) fn exit_code(status: ExitStatus) -> i32 {
    if let Some(code) = status.code() {
        return code;
    }
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(signal) = status.signal() {
            return 128 + signal;
        }
    }
    1
}
