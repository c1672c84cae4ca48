//! Memory under a burst of logins: 200 at once, on the release server.
//!
//! ```text
//! cargo build --release -p vigie-server
//! cargo bench -p vigie-server --bench logins
//! ```
//!
//! It starts the real binary (`target/release/vigie`, or `VIGIE_BIN`) with `serve --demo`
//! on a fresh SQLite database in a temporary folder, behind a stand-in reverse proxy (its
//! configuration trusts 127.0.0.1, and each login says it comes from an address of its
//! own, so that no login limit refuses them before their password is checked: the burst
//! is what a botnet sends). Then it sends `LOGINS_COUNT` (200) logins with made-up
//! usernames at once, each on its own connection, and prints what the server answered
//! (401 once checked, 503 with `Retry-After` when the queue of password checks was full),
//! how long it took, how many password checks the server computed, and its peak memory
//! (VmHWM of `/proc/<pid>/status`), with PASS or FAIL against the target: under 150 MB.
//!
//! `LOGINS_STRICT=1` exits 1 when the target is missed; `LOGINS_KEEP=1` keeps the folder.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The target: the server's peak memory, in MB.
const MAX_HWM_MB: f64 = 150.0;
/// The metrics token of the benchmark's server.
const METRICS_TOKEN: &str = "metrics-token-of-the-benchmark";

/// `vigie_password_checks_total`, from `/metrics`.
async fn password_checks(base: &str) -> u64 {
    let text = reqwest::Client::new()
        .get(format!("{base}/metrics"))
        .bearer_auth(METRICS_TOKEN)
        .send()
        .await
        .expect("metrics")
        .text()
        .await
        .expect("metrics text");
    text.lines()
        .find_map(|l| l.strip_prefix("vigie_password_checks_total "))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0)
}

/// The server; killed when dropped, whatever happens to the benchmark.
struct Server {
    child: Child,
    pid: u32,
    base: String,
    dir: PathBuf,
    keep: bool,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if !self.keep {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

fn start_server(bin: &Path, keep: bool) -> Server {
    let dir = std::env::temp_dir().join(format!("vigie-logins-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("dist")).expect("temp dir");
    std::fs::write(dir.join("dist/index.html"), "<!doctype html><title>Vigie</title>").expect("index.html");
    std::fs::write(
        dir.join("vigie.toml"),
        format!("trusted_proxies = [\"127.0.0.1\"]\nmetrics_token = \"{METRICS_TOKEN}\"\n"),
    )
    .expect("configuration");
    let stderr = std::fs::File::create(dir.join("server.stderr")).expect("stderr file");
    let mut child = Command::new(bin)
        .args(["serve", "--demo", "--addr", "127.0.0.1:0", "--config"])
        .arg(dir.join("vigie.toml"))
        .arg("--database-url")
        .arg(format!("sqlite://{}/vigie.db", dir.display()))
        .arg("--dist")
        .arg(dir.join("dist"))
        .current_dir(&dir)
        .env_remove("DATABASE_URL")
        .env_remove("VIGIE_ADDR")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(stderr)
        .spawn()
        .unwrap_or_else(|e| {
            eprintln!(
                "logins: cannot start {}: {e}\nbuild it first: cargo build --release -p vigie-server",
                bin.display()
            );
            std::process::exit(2)
        });
    let pid = child.id();
    let stdout = child.stdout.take().expect("stdout");
    let mut server = Server { child, pid, base: String::new(), dir, keep };
    let (found, address) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if let Some(rest) = line.strip_prefix("Vigie is listening on ") {
                let _ = found.send(rest.trim().trim_end_matches('/').to_string());
            }
        }
    });
    match address.recv_timeout(Duration::from_secs(60)) {
        Ok(base) => server.base = base,
        Err(_) => {
            let err = std::fs::read_to_string(server.dir.join("server.stderr")).unwrap_or_default();
            eprintln!("logins: the server did not start within 60 s:\n{err}");
            drop(server);
            std::process::exit(1)
        }
    }
    server
}

/// `(VmRSS, VmHWM)` in KiB.
fn memory_of(pid: u32) -> Option<(u64, u64)> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.split_whitespace().next())
            .and_then(|v| v.parse::<u64>().ok())
    };
    Some((field("VmRSS:")?, field("VmHWM:")?))
}

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name).ok().and_then(|v| v.trim().parse().ok()).unwrap_or(default)
}

fn main() {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let bin = std::env::var_os("VIGIE_BIN").map_or_else(|| manifest.join("../../target/release/vigie"), PathBuf::from);
    if !bin.is_file() {
        eprintln!(
            "logins: no server binary at {}\nbuild it first: cargo build --release -p vigie-server (or set VIGIE_BIN)",
            bin.display()
        );
        std::process::exit(2);
    }
    let count: usize = env_or("LOGINS_COUNT", 200);
    let strict = env_or("LOGINS_STRICT", 0u8) == 1;
    let keep = env_or("LOGINS_KEEP", 0u8) == 1;
    println!("Vigie login burst benchmark");
    println!("  server   {}", bin.display());
    println!("  load     {count} logins at once, made-up usernames, each from an address of its own");
    let server = start_server(&bin, keep);
    let mb = |kib: u64| kib as f64 / 1024.0;
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    let base = server.base.clone();
    let (answers, elapsed, before, checks) = runtime.block_on(async {
        let probe = reqwest::Client::new();
        let deadline = Instant::now() + Duration::from_secs(30);
        while probe.get(format!("{base}/healthz")).send().await.map(|r| r.status().as_u16()).ok() != Some(200) {
            assert!(Instant::now() < deadline, "{base}/healthz did not answer within 30 s");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let before = memory_of(server.pid).unwrap_or_default();
        let checks_before = password_checks(&base).await;
        let started = Instant::now();
        let logins = (0..count).map(|n| {
            let base = base.clone();
            async move {
                // A connection of its own each, as from as many machines.
                let http = reqwest::Client::builder()
                    .pool_max_idle_per_host(0)
                    .timeout(Duration::from_secs(120))
                    .build()
                    .expect("client");
                let sent = Instant::now();
                let answer = http
                    .post(format!("{base}/api/login"))
                    .header("origin", &base)
                    .header("x-forwarded-for", format!("10.{}.{}.{}", n / 65536, (n / 256) % 256, n % 256))
                    .json(&serde_json::json!({ "username": format!("made-up-{n}"), "password": "Printemps2026!" }))
                    .send()
                    .await;
                let status = answer.map(|r| r.status().as_u16()).unwrap_or(0);
                (status, sent.elapsed())
            }
        });
        let answers = futures_util::future::join_all(logins).await;
        let elapsed = started.elapsed();
        (answers, elapsed, before, password_checks(&base).await - checks_before)
    });
    let (rss_end, hwm) = memory_of(server.pid).unwrap_or_default();
    let mut by_status: BTreeMap<u16, (usize, Duration)> = BTreeMap::new();
    for (status, took) in &answers {
        let entry = by_status.entry(*status).or_default();
        entry.0 += 1;
        entry.1 = entry.1.max(*took);
    }
    println!("  burst answered in {:.2} s; {checks} password checks computed", elapsed.as_secs_f64());
    for (status, (n, slowest)) in &by_status {
        let what = match status {
            401 => "password checked (wrong)",
            503 => "refused at once: every check taken and the queue full (Retry-After)",
            429 => "refused by a login limit",
            0 => "no answer",
            _ => "other",
        };
        println!("    {status}: {n:>4}  slowest {:>6.0} ms  {what}", slowest.as_secs_f64() * 1000.0);
    }
    println!(
        "  server memory: before the burst VmRSS {:.1} MB (VmHWM {:.1} MB, the demo data's creation); after it VmHWM {:.1} MB, VmRSS {:.1} MB",
        mb(before.0),
        mb(before.1),
        mb(hwm),
        mb(rss_end)
    );
    let pass = mb(hwm) < MAX_HWM_MB && !by_status.contains_key(&0) && by_status.keys().all(|s| *s < 500 || *s == 503);
    println!(
        "  {} peak memory {:.1} MB (target < {MAX_HWM_MB:.0} MB), every login answered",
        if pass { "PASS" } else { "FAIL" },
        mb(hwm)
    );
    drop(server);
    if strict && !pass {
        std::process::exit(1);
    }
}
