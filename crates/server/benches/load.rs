//! Load benchmark of the release server: wall displays on `/api/events` while clients
//! report incidents.
//!
//! ```text
//! cargo build --release -p vigie-server
//! cargo bench -p vigie-server --bench load
//! ```
//!
//! It starts the real binary (`target/release/vigie`, or `VIGIE_BIN`) with
//! `serve --demo` on a fresh SQLite database in a temporary folder, listening on
//! 127.0.0.1 only; opens the displays' event streams as `supervisor`; reports incidents as
//! `client` at a target rate with a bounded number of requests in flight; then prints the
//! request latencies, the delivery delay of every `reported` event to every display, the
//! creation rate and the server's peak memory, with PASS/FAIL against the targets:
//!
//! - at least 500 creations per second with a p99 latency under 50 ms, 200 displays open;
//! - every event delivered to every display, within 100 ms p99 of the POST's answer;
//! - the server under 150 MB (VmHWM of `/proc/<pid>/status`).
//!
//! Settings (environment): `VIGIE_BIN`, `LOAD_DISPLAYS` (200), `LOAD_INCIDENTS` (3000),
//! `LOAD_RATE` (600 per second; 0 = as fast as the in-flight bound allows),
//! `LOAD_CONCURRENCY` (32), `LOAD_MAX_SECS` (60), `LOAD_DRAIN_MS` (5000: how long to wait
//! for the last deliveries), `LOAD_SSE_THREADS` (1: the displays' runtime),
//! `LOAD_SESSIONS` (1: the displays share one supervisor session; 200 = each logs in),
//! `LOAD_KEEP=1` (keep the temporary folder), `LOAD_STRICT=1` (exit 1 when a target is
//! missed).

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use serde::Deserialize;

const DESCRIPTION: &str = "Caméra HS en zone sensible";

// Targets.
const MIN_RATE: f64 = 500.0;
const MAX_CREATE_P99_MS: f64 = 50.0;
const MAX_DELIVERY_P99_MS: f64 = 100.0;
const MAX_RSS_MB: f64 = 150.0;

struct Settings {
    bin: PathBuf,
    displays: usize,
    incidents: usize,
    rate: f64,
    concurrency: usize,
    max_secs: u64,
    drain_ms: u64,
    sse_threads: usize,
    sessions: usize,
    keep: bool,
    strict: bool,
}

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    match std::env::var(name) {
        Ok(v) if !v.trim().is_empty() => v.trim().parse().unwrap_or_else(|_| {
            eprintln!("load: {name}={v:?} is not understood");
            std::process::exit(2)
        }),
        _ => default,
    }
}

impl Settings {
    fn from_env() -> Settings {
        let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
        let default_bin = manifest.join("../../target/release/vigie");
        Settings {
            bin: std::env::var_os("VIGIE_BIN").map_or(default_bin, PathBuf::from),
            displays: env_or("LOAD_DISPLAYS", 200),
            incidents: env_or("LOAD_INCIDENTS", 3000),
            rate: env_or("LOAD_RATE", 600.0),
            concurrency: env_or::<usize>("LOAD_CONCURRENCY", 32).max(1),
            max_secs: env_or("LOAD_MAX_SECS", 60),
            drain_ms: env_or("LOAD_DRAIN_MS", 5000),
            sse_threads: env_or::<usize>("LOAD_SSE_THREADS", 1).max(1),
            sessions: env_or::<usize>("LOAD_SESSIONS", 1).max(1),
            keep: env_or("LOAD_KEEP", 0u8) == 1,
            strict: env_or("LOAD_STRICT", 0u8) == 1,
        }
    }
}

// ---------------------------------------------------------------------------------------
// The server process.

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

fn start_server(settings: &Settings) -> Server {
    let dir = std::env::temp_dir().join(format!("vigie-load-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("dist")).expect("temp dir");
    std::fs::write(dir.join("dist/index.html"), "<!doctype html><title>Vigie</title>").expect("index.html");
    let stderr = std::fs::File::create(dir.join("server.stderr")).expect("stderr file");
    let mut child = Command::new(&settings.bin)
        .args(["serve", "--demo", "--addr", "127.0.0.1:0"])
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
                "load: cannot start {}: {e}\nbuild it first: cargo build --release -p vigie-server",
                settings.bin.display()
            );
            std::process::exit(2)
        });
    let pid = child.id();
    // "Vigie is listening on http://127.0.0.1:PORT/": port 0 lets the kernel pick a free port.
    let stdout = child.stdout.take().expect("stdout");
    let mut server = Server { child, pid, base: String::new(), dir, keep: settings.keep };
    let (found, address) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if let Some(rest) = line.strip_prefix("Vigie is listening on ") {
                let _ = found.send(rest.trim().trim_end_matches('/').to_string());
            }
            // Keep reading, so that the server never blocks on a full pipe.
        }
    });
    match address.recv_timeout(Duration::from_secs(30)) {
        Ok(base) => server.base = base,
        Err(_) => {
            let err = std::fs::read_to_string(server.dir.join("server.stderr")).unwrap_or_default();
            eprintln!("load: the server did not start within 30 s:\n{err}");
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

/// CPU seconds (user + system) used by a process so far.
fn cpu_seconds(pid: &str, ticks: f64) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name may contain spaces: fields count from the closing parenthesis.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) / ticks)
}

fn clock_ticks() -> f64 {
    Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(100.0)
}

/// Samples the server's memory every 50 ms until stopped; returns the largest VmRSS seen.
fn sample_memory(pid: u32, stop: Arc<AtomicBool>, max_rss: Arc<AtomicU64>) -> std::thread::JoinHandle<()> {
    std::thread::spawn(move || {
        while !stop.load(Ordering::Relaxed) {
            if let Some((rss, _)) = memory_of(pid) {
                max_rss.fetch_max(rss, Ordering::Relaxed);
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    })
}

// ---------------------------------------------------------------------------------------
// HTTP helpers.

fn http_client(max_idle: usize) -> reqwest::Client {
    reqwest::Client::builder()
        .tcp_nodelay(true)
        .pool_max_idle_per_host(max_idle)
        .timeout(Duration::from_secs(10))
        .build()
        .expect("HTTP client")
}

async fn wait_healthy(http: &reqwest::Client, base: &str) {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Ok(r) = http.get(format!("{base}/healthz")).send().await {
            if r.status() == 200 {
                return;
            }
        }
        // A panic unwinds main and so kills the server.
        assert!(Instant::now() < deadline, "{base}/healthz did not answer within 30 s");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Logs in; returns the `__Host-vigie_session=…` cookie pair.
async fn login(http: &reqwest::Client, base: &str, username: &str) -> String {
    let r = http
        .post(format!("{base}/api/login"))
        .header("origin", base)
        .json(&serde_json::json!({ "username": username, "password": username }))
        .send()
        .await
        .expect("login request");
    assert_eq!(r.status(), 200, "login {username}");
    let cookie = r
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("__Host-vigie_session="))
        .expect("a __Host-vigie_session cookie");
    cookie.split(';').next().expect("name=value").to_string()
}

async fn client_site(http: &reqwest::Client, base: &str, cookie: &str) -> i64 {
    let sites: serde_json::Value = http
        .get(format!("{base}/api/sites"))
        .header("cookie", cookie)
        .send()
        .await
        .expect("sites")
        .json()
        .await
        .expect("sites JSON");
    sites.as_array().and_then(|s| s.first()).and_then(|s| s["id"].as_i64()).expect("the client has a site")
}

// ---------------------------------------------------------------------------------------
// The wall displays.

/// What one display saw.
#[derive(Default)]
struct DisplayResult {
    /// `(incident id, µs since t0)` of each `reported` event.
    reported: Vec<(u32, u32)>,
    /// Change events of other kinds.
    other_changes: u64,
    /// `lagged` events: the server dropped events for this reader.
    lagged: u64,
    bytes: u64,
    error: Option<String>,
}

/// The part of a change event's data the displays read.
#[derive(Deserialize)]
struct Change<'a> {
    #[serde(borrow)]
    kind: Cow<'a, str>,
    incident_id: Option<i64>,
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// What the displays share with the benchmark.
#[derive(Clone)]
struct Wall {
    /// The instant every time is counted from.
    t0: Instant,
    /// The `reported` events each display should get.
    expected: usize,
    /// Displays that got their `ready` event (or failed).
    ready: Arc<AtomicUsize>,
    /// `reported` events received by all displays.
    received: Arc<AtomicU64>,
}

/// Reads one event stream until `stop`; a chunk's events are stamped when it arrives.
async fn display(
    http: reqwest::Client,
    base: String,
    cookie: String,
    wall: Wall,
    mut stop: tokio::sync::watch::Receiver<bool>,
) -> DisplayResult {
    let Wall { t0, expected, ready, received } = wall;
    let mut out = DisplayResult { reported: Vec::with_capacity(expected), ..DisplayResult::default() };
    // No overall timeout on a stream: the shared client's 10 s would cut it.
    let response = match http
        .get(format!("{base}/api/events"))
        .header("cookie", cookie)
        .timeout(Duration::from_secs(3600))
        .send()
        .await
    {
        Ok(r) if r.status() == 200 => r,
        Ok(r) => {
            out.error = Some(format!("status {}", r.status()));
            ready.fetch_add(1, Ordering::SeqCst);
            return out;
        }
        Err(e) => {
            out.error = Some(e.to_string());
            ready.fetch_add(1, Ordering::SeqCst);
            return out;
        }
    };
    let mut response = response;
    let mut buffer: Vec<u8> = Vec::with_capacity(16 * 1024);
    let mut scanned = 0;
    loop {
        let chunk = tokio::select! {
            chunk = response.chunk() => chunk,
            _ = stop.changed() => break,
        };
        let chunk = match chunk {
            Ok(Some(chunk)) => chunk,
            Ok(None) => {
                out.error.get_or_insert_with(|| "stream ended".into());
                break;
            }
            Err(e) => {
                out.error = Some(e.to_string());
                break;
            }
        };
        let at = t0.elapsed().as_micros() as u32;
        out.bytes += chunk.len() as u64;
        buffer.extend_from_slice(&chunk);
        let mut start = 0;
        // Resume the search for the blank line where the last one stopped.
        while let Some(pos) = find(&buffer[scanned.max(start)..], b"\n\n") {
            let end = scanned.max(start) + pos;
            let block = &buffer[start..end];
            let mut event: &[u8] = b"message";
            let mut data: &[u8] = b"";
            for line in block.split(|b| *b == b'\n') {
                if let Some(v) = line.strip_prefix(b"event:") {
                    event = v.strip_prefix(b" ").unwrap_or(v);
                } else if let Some(v) = line.strip_prefix(b"data:") {
                    data = v.strip_prefix(b" ").unwrap_or(v);
                }
                // `id:` is not needed here; comment lines (keep-alives) start with ':'.
            }
            match event {
                b"change" => match serde_json::from_slice::<Change>(data) {
                    Ok(c) if c.kind == "reported" => {
                        if let Some(id) = c.incident_id {
                            out.reported.push((id as u32, at));
                            received.fetch_add(1, Ordering::Relaxed);
                        }
                    }
                    Ok(_) => out.other_changes += 1,
                    Err(e) => {
                        out.error.get_or_insert_with(|| format!("bad change data: {e}"));
                    }
                },
                b"ready" => {
                    ready.fetch_add(1, Ordering::SeqCst);
                }
                b"lagged" => out.lagged += 1,
                _ => {}
            }
            start = end + 2;
        }
        buffer.drain(..start);
        // A blank line may straddle two chunks: look again from one byte before the end.
        scanned = buffer.len().saturating_sub(1);
    }
    out
}

/// Runs the displays on their own runtime and thread; returns when all have stopped.
fn run_displays(
    settings: &Settings,
    base: String,
    cookies: Vec<String>,
    wall: Wall,
    stop: tokio::sync::watch::Receiver<bool>,
) -> std::thread::JoinHandle<Vec<DisplayResult>> {
    let (displays, threads) = (settings.displays, settings.sse_threads);
    std::thread::spawn(move || {
        let runtime = if threads <= 1 {
            tokio::runtime::Builder::new_current_thread().enable_all().build()
        } else {
            tokio::runtime::Builder::new_multi_thread().worker_threads(threads).enable_all().build()
        }
        .expect("displays' runtime");
        runtime.block_on(async move {
            let http = http_client(displays);
            let tasks: Vec<_> = (0..displays)
                .map(|i| {
                    tokio::spawn(display(
                        http.clone(),
                        base.clone(),
                        cookies[i % cookies.len()].clone(),
                        wall.clone(),
                        stop.clone(),
                    ))
                })
                .collect();
            let mut out = Vec::with_capacity(displays);
            for task in tasks {
                out.push(
                    task.await
                        .unwrap_or_else(|e| DisplayResult { error: Some(e.to_string()), ..DisplayResult::default() }),
                );
            }
            out
        })
    })
}

// ---------------------------------------------------------------------------------------
// The reporting clients.

/// One creation, in µs since t0.
struct Creation {
    scheduled: u32,
    sent: u32,
    answered: u32,
    status: u16,
    incident_id: Option<u32>,
    error: Option<String>,
}

#[derive(Deserialize)]
struct Created {
    id: i64,
}

async fn create_load(
    settings: &Settings,
    base: &str,
    cookie: &str,
    site_id: i64,
    t0: Instant,
) -> (Vec<Creation>, Duration) {
    let http = http_client(settings.concurrency);
    let url = format!("{base}/api/incidents");
    let body =
        serde_json::to_vec(&serde_json::json!({ "site_id": site_id, "description": DESCRIPTION })).expect("JSON");
    let slots = Arc::new(tokio::sync::Semaphore::new(settings.concurrency));
    let results = Arc::new(Mutex::new(Vec::with_capacity(settings.incidents)));
    let start = tokio::time::Instant::now();
    let limit = Duration::from_secs(settings.max_secs);
    let us = move |t: Instant| t.duration_since(t0).as_micros() as u32;
    let mut tasks = Vec::with_capacity(settings.incidents);
    for i in 0..settings.incidents {
        let due = if settings.rate > 0.0 { start + Duration::from_secs_f64(i as f64 / settings.rate) } else { start };
        if due.duration_since(start) >= limit || start.elapsed() >= limit {
            break;
        }
        tokio::time::sleep_until(due).await;
        let scheduled = us(due.into_std());
        let permit = tokio::select! {
            p = slots.clone().acquire_owned() => p.expect("semaphore"),
            _ = tokio::time::sleep_until(start + limit) => break,
        };
        let request = http
            .post(&url)
            .header("cookie", cookie)
            .header("origin", base)
            .header("content-type", "application/json")
            .body(body.clone());
        let results = results.clone();
        tasks.push(tokio::spawn(async move {
            let sent = us(Instant::now());
            let outcome = match request.send().await {
                Ok(r) => {
                    let status = r.status().as_u16();
                    match r.bytes().await {
                        Ok(b) => Ok((status, serde_json::from_slice::<Created>(&b).ok().map(|c| c.id as u32))),
                        Err(e) => Err(e.to_string()),
                    }
                }
                Err(e) => Err(e.to_string()),
            };
            let answered = us(Instant::now());
            drop(permit);
            let creation = match outcome {
                Ok((status, incident_id)) => Creation { scheduled, sent, answered, status, incident_id, error: None },
                Err(e) => Creation { scheduled, sent, answered, status: 0, incident_id: None, error: Some(e) },
            };
            results.lock().expect("results").push(creation);
        }));
    }
    for task in tasks {
        let _ = task.await;
    }
    let elapsed = start.elapsed();
    let results = std::mem::take(&mut *results.lock().expect("results"));
    (results, elapsed)
}

// ---------------------------------------------------------------------------------------
// Report.

struct Stats {
    n: usize,
    p50: f64,
    p90: f64,
    p99: f64,
    max: f64,
}

/// Nearest-rank percentiles, in ms, of samples in µs.
fn stats(samples: &mut [u32]) -> Option<Stats> {
    if samples.is_empty() {
        return None;
    }
    samples.sort_unstable();
    let at = |p: f64| {
        let rank = ((p * samples.len() as f64).ceil() as usize).clamp(1, samples.len());
        f64::from(samples[rank - 1]) / 1000.0
    };
    Some(Stats {
        n: samples.len(),
        p50: at(0.50),
        p90: at(0.90),
        p99: at(0.99),
        max: f64::from(*samples.last().unwrap_or(&0)) / 1000.0,
    })
}

fn row(name: &str, s: Option<&Stats>) {
    match s {
        Some(s) => println!("  {name:<44} {:>9.2} {:>9.2} {:>9.2} {:>9.2} {:>9}", s.p50, s.p90, s.p99, s.max, s.n),
        None => println!("  {name:<44} {:>9} {:>9} {:>9} {:>9} {:>9}", "-", "-", "-", "-", 0),
    }
}

fn verdict(ok: bool) -> &'static str {
    if ok {
        "PASS"
    } else {
        "FAIL"
    }
}

fn binary_is_stale(bin: &Path) -> bool {
    let Ok(built) = std::fs::metadata(bin).and_then(|m| m.modified()) else { return false };
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let newest = std::fs::read_dir(&src)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| e.metadata().ok()?.modified().ok())
        .max()
        .unwrap_or(SystemTime::UNIX_EPOCH);
    newest > built
}

fn main() {
    let settings = Settings::from_env();
    if !settings.bin.is_file() {
        eprintln!(
            "load: no server binary at {}\nbuild it first: cargo build --release -p vigie-server (or set VIGIE_BIN)",
            settings.bin.display()
        );
        std::process::exit(2);
    }
    let cpus = std::thread::available_parallelism().map_or(1, usize::from);
    let ticks = clock_ticks();
    println!("Vigie load benchmark");
    println!(
        "  server   {}{}",
        settings.bin.display(),
        if binary_is_stale(&settings.bin) { "  (OLDER than crates/server/src: rebuild it)" } else { "" }
    );
    println!(
        "  load     {} displays on /api/events (supervisor), {} creations (client), target {} /s, {} in flight, stop after {} s",
        settings.displays,
        settings.incidents,
        if settings.rate > 0.0 { format!("{:.0}", settings.rate) } else { "max".into() },
        settings.concurrency,
        settings.max_secs
    );
    println!(
        "  host     {cpus} CPU(s) shared by the server, this load generator ({} thread(s) for the displays, 1 for the clients) and any other work on the machine",
        settings.sse_threads
    );

    let loadavg = || {
        std::fs::read_to_string("/proc/loadavg")
            .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
            .unwrap_or_default()
    };
    println!("  load average before: {}", loadavg());
    let server = start_server(&settings);
    println!("  database SQLite (WAL) in {}", server.dir.display());
    let stop_sampler = Arc::new(AtomicBool::new(false));
    let max_rss = Arc::new(AtomicU64::new(0));
    let sampler = sample_memory(server.pid, stop_sampler.clone(), max_rss.clone());

    let clients = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("clients' runtime");
    let base = server.base.clone();
    let pid = server.pid;
    let mb = |kib: u64| kib as f64 / 1024.0;
    let sessions = settings.sessions;
    let (client_cookie, supervisor_cookies, site_id, rss_started, rss_logged_in) = clients.block_on(async {
        let http = http_client(4);
        wait_healthy(&http, &base).await;
        let started = memory_of(pid).map_or(0, |m| m.0);
        let client = login(&http, &base, "client").await;
        let mut supervisors = Vec::with_capacity(sessions);
        for _ in 0..sessions {
            supervisors.push(login(&http, &base, "supervisor").await);
        }
        let site = client_site(&http, &base, &client).await;
        (client, supervisors, site, started, memory_of(pid).map_or(0, |m| m.0))
    });

    // The displays.
    let t0 = Instant::now();
    let ready = Arc::new(AtomicUsize::new(0));
    let received = Arc::new(AtomicU64::new(0));
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let wall = Wall { t0, expected: settings.incidents, ready: ready.clone(), received: received.clone() };
    let displays = run_displays(&settings, base.clone(), supervisor_cookies, wall, stop_rx);
    let connect_deadline = Instant::now() + Duration::from_secs(30);
    while ready.load(Ordering::SeqCst) < settings.displays && Instant::now() < connect_deadline {
        std::thread::sleep(Duration::from_millis(10));
    }
    let connected_in = t0.elapsed();
    let connected = ready.load(Ordering::SeqCst);
    let (rss_idle, _) = memory_of(server.pid).unwrap_or((0, 0));
    println!("  displays {connected}/{} ready in {:.2} s", settings.displays, connected_in.as_secs_f64());
    println!(
        "  server RSS: {:.1} MB started (demo data), {:.1} MB after {} logins, {:.1} MB with the displays connected",
        mb(rss_started),
        mb(rss_logged_in),
        1 + settings.sessions,
        mb(rss_idle)
    );

    // The load.
    let pid = server.pid.to_string();
    let cpu_server_before = cpu_seconds(&pid, ticks).unwrap_or(0.0);
    let cpu_self_before = cpu_seconds("self", ticks).unwrap_or(0.0);
    let (creations, elapsed) = clients.block_on(create_load(&settings, &base, &client_cookie, site_id, t0));
    let cpu_server = cpu_seconds(&pid, ticks).unwrap_or(0.0) - cpu_server_before;
    let cpu_self = cpu_seconds("self", ticks).unwrap_or(0.0) - cpu_self_before;

    // Let the last events arrive: until every display has every one, or the drain time.
    let expected_total = (creations.iter().filter(|c| c.status == 201).count() * connected) as u64;
    let drain_deadline = Instant::now() + Duration::from_millis(settings.drain_ms);
    while received.load(Ordering::Relaxed) < expected_total && Instant::now() < drain_deadline {
        std::thread::sleep(Duration::from_millis(10));
    }
    let _ = stop_tx.send(true);
    let results = displays.join().expect("displays' thread");
    stop_sampler.store(true, Ordering::Relaxed);
    let _ = sampler.join();
    let (rss_end, hwm) = memory_of(server.pid).unwrap_or((0, 0));
    let peak_rss = max_rss.load(Ordering::Relaxed).max(hwm);
    let stderr_text = std::fs::read_to_string(server.dir.join("server.stderr")).unwrap_or_default();
    drop(server);

    // Request latencies.
    let ok: Vec<&Creation> = creations.iter().filter(|c| c.status == 201 && c.incident_id.is_some()).collect();
    let failed = creations.len() - ok.len();
    let mut latency: Vec<u32> = ok.iter().map(|c| c.answered - c.sent).collect();
    let mut latency_sched: Vec<u32> = ok.iter().map(|c| c.answered.saturating_sub(c.scheduled)).collect();
    let first_sent = ok.iter().map(|c| c.sent).min().unwrap_or(0);
    let last_answered = ok.iter().map(|c| c.answered).max().unwrap_or(0);
    let span = f64::from(last_answered.saturating_sub(first_sent)) / 1e6;
    let rate = if span > 0.0 { ok.len() as f64 / span } else { 0.0 };

    // Delivery delays.
    let by_id: HashMap<u32, (u32, u32)> =
        ok.iter().filter_map(|c| Some((c.incident_id?, (c.sent, c.answered)))).collect();
    let expected = by_id.len() * results.len();
    let mut from_answer: Vec<u32> = Vec::with_capacity(expected);
    let mut from_send: Vec<u32> = Vec::with_capacity(expected);
    let mut before_answer = 0usize;
    let (mut lagged, mut other, mut bytes, mut broken) = (0u64, 0u64, 0u64, 0usize);
    let mut first_error = None;
    for r in &results {
        for (id, at) in &r.reported {
            if let Some((sent, answered)) = by_id.get(id) {
                from_send.push(at.saturating_sub(*sent));
                if at < answered {
                    before_answer += 1;
                }
                from_answer.push(at.saturating_sub(*answered));
            }
        }
        lagged += r.lagged;
        other += r.other_changes;
        bytes += r.bytes;
        if let Some(e) = &r.error {
            broken += 1;
            first_error.get_or_insert_with(|| e.clone());
        }
    }
    let delivered = from_answer.len();
    let latency = stats(&mut latency);
    let latency_sched = stats(&mut latency_sched);
    let delivery = stats(&mut from_answer);
    let delivery_sent = stats(&mut from_send);

    println!();
    println!("Results ({} creations in {:.2} s; {failed} failed)", creations.len(), elapsed.as_secs_f64());
    if let Some(c) = creations.iter().find(|c| c.status != 201 || c.incident_id.is_none()) {
        println!("  first failed creation: status {} {}", c.status, c.error.as_deref().unwrap_or(""));
    }
    println!("  {:<44} {:>9} {:>9} {:>9} {:>9} {:>9}", "ms", "p50", "p90", "p99", "max", "n");
    row("create: POST sent -> 201 answered", latency.as_ref());
    row("create: scheduled -> 201 (incl. slot wait)", latency_sched.as_ref());
    row("delivery: POST answered -> display", delivery.as_ref());
    row("delivery: POST sent -> display", delivery_sent.as_ref());
    // The create latency as the run goes on (the database and the open incidents grow).
    let mut by_time: Vec<&&Creation> = ok.iter().collect();
    by_time.sort_unstable_by_key(|c| c.sent);
    let parts = 5.min(by_time.len());
    if parts > 0 {
        let p99s: Vec<String> = by_time
            .chunks(by_time.len().div_ceil(parts))
            .map(|chunk| {
                let mut v: Vec<u32> = chunk.iter().map(|c| c.answered - c.sent).collect();
                stats(&mut v).map_or("-".into(), |s| format!("{:.1}", s.p99))
            })
            .collect();
        println!("  create p99 (ms) by fifth of the run, first to last: {}", p99s.join(" / "));
    }
    println!("  deliveries that arrived before the POST's answer: {before_answer} (counted as 0 ms above)");
    println!(
        "  per display: {:.0} `reported`, {:.0} other change events, {:.1} MB received; {lagged} `lagged`; {broken} stream(s) in error{}",
        delivered as f64 / results.len().max(1) as f64,
        other as f64 / results.len().max(1) as f64,
        bytes as f64 / results.len().max(1) as f64 / 1e6,
        first_error.map(|e| format!(" (first: {e})")).unwrap_or_default()
    );
    let wall = elapsed.as_secs_f64().max(1e-9);
    println!(
        "  CPU during the load: server {:.2} s ({:.0}% of one core, {:.2} ms per creation), load generator + displays {:.2} s ({:.0}%), on {cpus} core(s)",
        cpu_server,
        100.0 * cpu_server / wall,
        1000.0 * cpu_server / ok.len().max(1) as f64,
        cpu_self,
        100.0 * cpu_self / wall
    );
    println!(
        "  server memory: VmHWM {:.1} MB, largest VmRSS sampled {:.1} MB, VmRSS at the end {:.1} MB",
        hwm as f64 / 1024.0,
        max_rss.load(Ordering::Relaxed) as f64 / 1024.0,
        rss_end as f64 / 1024.0
    );

    let rate_ok = rate >= MIN_RATE && failed == 0 && ok.len() == settings.incidents;
    let p99_ok = latency.as_ref().is_some_and(|s| s.p99 < MAX_CREATE_P99_MS);
    let all_delivered = connected == settings.displays && delivered == expected && expected > 0 && lagged == 0;
    let delivery_ok = delivery.as_ref().is_some_and(|s| s.p99 < MAX_DELIVERY_P99_MS);
    let memory_ok = peak_rss > 0 && (peak_rss as f64 / 1024.0) < MAX_RSS_MB;
    println!();
    println!("Targets");
    println!("  {:<44} {:>22} {:>14}  result", "", "measured", "target");
    println!(
        "  {:<44} {:>22} {:>14}  {}",
        "creation rate (201 per second)",
        format!("{rate:.0}/s ({}/{})", ok.len(), settings.incidents),
        format!(">= {MIN_RATE:.0}/s, all"),
        verdict(rate_ok)
    );
    println!(
        "  {:<44} {:>22} {:>14}  {}",
        "create latency p99",
        latency.as_ref().map_or("-".into(), |s| format!("{:.2} ms", s.p99)),
        format!("< {MAX_CREATE_P99_MS:.0} ms"),
        verdict(p99_ok)
    );
    println!(
        "  {:<44} {:>22} {:>14}  {}",
        "events delivered to every display",
        format!("{delivered}/{expected}"),
        "all",
        verdict(all_delivered)
    );
    println!(
        "  {:<44} {:>22} {:>14}  {}",
        "delivery delay p99 (from the POST's answer)",
        delivery.as_ref().map_or("-".into(), |s| format!("{:.2} ms", s.p99)),
        format!("< {MAX_DELIVERY_P99_MS:.0} ms"),
        verdict(delivery_ok)
    );
    println!(
        "  {:<44} {:>22} {:>14}  {}",
        "server peak memory (VmHWM)",
        format!("{:.1} MB", peak_rss as f64 / 1024.0),
        format!("< {MAX_RSS_MB:.0} MB"),
        verdict(memory_ok)
    );
    println!("  load average after: {} (other work on the machine makes the figures worse)", loadavg());
    let all_ok = rate_ok && p99_ok && all_delivered && delivery_ok && memory_ok;
    println!("  overall: {}", verdict(all_ok));
    if cpus <= 2 {
        println!(
            "  note: with {cpus} core(s), the server, the {} displays' reader and the clients compete for the same CPUs; figures are pessimistic for a dedicated server.",
            settings.displays
        );
    }
    // The server logs each request at `info`; only its trouble (warnings, errors) is shown.
    let lines: Vec<&str> = stderr_text.lines().filter(|l| !l.trim().is_empty() && !l.contains(" INFO ")).collect();
    if !lines.is_empty() {
        println!("\nServer stderr, warnings and errors ({} lines, last 10):", lines.len());
        for line in lines.iter().rev().take(10).rev() {
            println!("  {line}");
        }
    }
    if settings.strict && !all_ok {
        std::process::exit(1);
    }
}
