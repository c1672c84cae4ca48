//! The real `vigie` binary killed (SIGKILL) in the middle of a burst of reports: every
//! incident it answered 201 for is still there after a restart, and retrying every request
//! with its `Idempotency-Key` creates no incident twice.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::harness::{fresh_database, temp_dir, Backend, Client};
use crate::notifications::eventually;

/// `vigie serve --demo` as a child process.
pub struct Vigie {
    pub child: tokio::process::Child,
    pub base: String,
    pub log: PathBuf,
}

impl Vigie {
    pub async fn start(dir: &Path, database_url: &str, run: usize) -> Vigie {
        let dist = dir.join("dist");
        std::fs::create_dir_all(&dist).expect("dist");
        std::fs::write(dist.join("index.html"), "<!doctype html><title>Vigie</title>").expect("index.html");
        let log = dir.join(format!("vigie-{run}.log"));
        let mut command = tokio::process::Command::new(env!("CARGO_BIN_EXE_vigie"));
        // Port 0: the system picks a free port, and vigie says which on its standard output.
        command
            .args(["serve", "--demo", "--addr", "127.0.0.1:0", "--database-url", database_url, "--dist"])
            .arg(&dist)
            .current_dir(dir)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::piped())
            .stderr(std::fs::File::create(&log).expect("log file"))
            .kill_on_drop(true);
        for (name, _) in std::env::vars_os() {
            if name.to_string_lossy().starts_with("VIGIE_") || name == "DATABASE_URL" || name == "RUST_LOG" {
                command.env_remove(&name);
            }
        }
        let mut child = command.spawn().expect("the vigie binary starts");
        let stdout = child.stdout.take().expect("stdout");
        let (address, told) = tokio::sync::oneshot::channel();
        tokio::spawn(async move {
            use tokio::io::AsyncBufReadExt;
            let mut lines = tokio::io::BufReader::new(stdout).lines();
            let mut address = Some(address);
            // Read to the end, so that vigie never blocks on a full pipe.
            while let Ok(Some(line)) = lines.next_line().await {
                if let Some(base) = line.strip_prefix("Vigie is listening on ") {
                    if let Some(address) = address.take() {
                        let _ = address.send(base.trim_end_matches('/').to_string());
                    }
                }
            }
        });
        let base = match tokio::time::timeout(Duration::from_secs(30), told).await {
            Ok(Ok(base)) => base,
            _ => panic!("vigie did not say where it listens:\n{}", std::fs::read_to_string(&log).unwrap_or_default()),
        };
        let mut vigie = Vigie { child, base, log };
        let http = reqwest::Client::builder().timeout(Duration::from_secs(5)).build().unwrap();
        let started = Instant::now();
        loop {
            if let Ok(Some(status)) = vigie.child.try_wait() {
                panic!("vigie exited with {status}:\n{}", std::fs::read_to_string(&vigie.log).unwrap_or_default());
            }
            if let Ok(r) = http.get(format!("{}/healthz", vigie.base)).send().await {
                if r.status() == 200 {
                    break;
                }
            }
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "vigie not healthy:\n{}",
                std::fs::read_to_string(&vigie.log).unwrap_or_default()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        vigie
    }

    pub async fn login(&self, username: &str) -> Client {
        let http = reqwest::Client::builder().timeout(Duration::from_secs(30)).build().unwrap();
        let mut client = Client { http, base: self.base.clone(), cookie: None, origin: Some(self.base.clone()) };
        let r = client.post("/api/login", &json!({ "username": username, "password": username })).await;
        assert_eq!(r.status, 200, "login {username}: {}", r.text);
        let cookie = r.headers.get("set-cookie").expect("a session cookie").to_str().unwrap();
        client.cookie = Some(cookie.split(';').next().unwrap().to_string());
        client
    }
}

/// What happened to each request.
#[derive(Default)]
struct Outcomes {
    /// Every key sent, in order.
    sent: Vec<String>,
    /// Key → (id, reference) of each 201.
    created: BTreeMap<String, (i64, String)>,
    /// Any other complete answer.
    other: Vec<String>,
}

pub async fn killed_server_loses_no_acknowledged_incident(backend: Backend) {
    let dir = temp_dir("durability");
    let database_url = fresh_database(backend, &dir).await;
    let mut vigie = Vigie::start(&dir, &database_url, 1).await;
    // `--demo` gives the empty desk its history: those incidents are left out of the counts.
    let history = vigie.login("tech").await.get("/api/incidents?state=all&limit=5000").await;
    let history: BTreeSet<i64> = history.json.as_array().unwrap().iter().map(|i| i["id"].as_i64().unwrap()).collect();
    assert!(!history.is_empty(), "no demo history");
    let history = &history;
    let client = vigie.login("client").await;
    let sites = client.get("/api/sites").await;
    let site = sites.json.as_array().unwrap().iter().find(|s| s["organisation_name"] == "Demo Client").unwrap()["id"]
        .as_i64()
        .unwrap();
    let body = json!({ "site_id": site, "description": "L'interface VMS est lente" });

    let outcomes = Arc::new(Mutex::new(Outcomes::default()));
    let stop = Arc::new(AtomicBool::new(false));
    let tasks: Vec<_> = (0..4)
        .map(|task| {
            let (client, body, outcomes, stop) = (client.clone(), body.clone(), outcomes.clone(), stop.clone());
            tokio::spawn(async move {
                for n in 0..2000 {
                    if stop.load(Ordering::SeqCst) {
                        return;
                    }
                    let key = format!("burst-{task}-{n}");
                    outcomes.lock().unwrap().sent.push(key.clone());
                    let request = client
                        .request(reqwest::Method::POST, "/api/incidents")
                        .header("idempotency-key", &key)
                        .json(&body);
                    let Ok(response) = request.send().await else { return };
                    let status = response.status().as_u16();
                    // Only a complete answer counts: a body cut by the kill is no answer.
                    let Ok(text) = response.text().await else { return };
                    let mut outcomes = outcomes.lock().unwrap();
                    match (status, serde_json::from_str::<Value>(&text)) {
                        (201, Ok(v)) => {
                            outcomes
                                .created
                                .insert(key, (v["id"].as_i64().unwrap(), v["reference"].as_str().unwrap().to_string()));
                        }
                        _ => outcomes.other.push(format!("{key}: {status} {text}")),
                    }
                }
            })
        })
        .collect();

    // About a hundred created, with more in flight: kill -9.
    eventually("100 incidents created", Duration::from_secs(60), || {
        let n = outcomes.lock().unwrap().created.len();
        std::future::ready((n >= 100).then_some(()))
    })
    .await;
    vigie.child.kill().await.expect("SIGKILL");
    stop.store(true, Ordering::SeqCst);
    for task in tasks {
        tokio::time::timeout(Duration::from_secs(30), task).await.expect("the senders stop").expect("no panic");
    }
    let outcomes = std::mem::take(&mut *outcomes.lock().unwrap());
    assert!(outcomes.other.is_empty(), "answers other than 201: {:#?}", outcomes.other);
    let keys: BTreeSet<&String> = outcomes.sent.iter().collect();
    assert_eq!(keys.len(), outcomes.sent.len());
    let unanswered: Vec<&String> = outcomes.sent.iter().filter(|k| !outcomes.created.contains_key(*k)).collect();
    eprintln!(
        "durability: {} sent, {} created, {} without an answer at the kill",
        outcomes.sent.len(),
        outcomes.created.len(),
        unanswered.len()
    );

    // Restarted on the same database: every incident answered 201 is there, as answered.
    let vigie = Vigie::start(&dir, &database_url, 2).await;
    let tech = vigie.login("tech").await;
    let list = |tech: Client| async move {
        let r = tech.get("/api/incidents?state=all&limit=5000").await;
        assert_eq!(r.status, 200, "{}", r.text);
        r.json
            .as_array()
            .unwrap()
            .iter()
            .map(|i| (i["id"].as_i64().unwrap(), i["reference"].as_str().unwrap().to_string()))
            .filter(|(id, _)| !history.contains(id))
            .collect::<BTreeMap<i64, String>>()
    };
    let stored = list(tech.clone()).await;
    for (key, (id, reference)) in &outcomes.created {
        assert_eq!(stored.get(id), Some(reference), "incident {reference} ({key}) answered 201 but lost");
    }
    assert!(stored.len() <= keys.len(), "{} incidents for {} keys", stored.len(), keys.len());

    // Every request retried with its key: the answered ones replay, the others are created
    // now or found if they were committed before the kill; never twice.
    let client = vigie.login("client").await;
    let mut ids = BTreeSet::new();
    for key in &outcomes.sent {
        let r = Client::send(
            client.request(reqwest::Method::POST, "/api/incidents").header("idempotency-key", key).json(&body),
        )
        .await;
        assert_eq!(r.status, 201, "{key}: {}", r.text);
        let id = r.json["id"].as_i64().unwrap();
        if let Some((first, _)) = outcomes.created.get(key) {
            assert_eq!(id, *first, "{key}");
            assert_eq!(r.headers.get("idempotent-replayed").map(|v| v.to_str().unwrap()), Some("true"), "{key}");
        }
        assert!(ids.insert(id), "{key} gave incident {id}, already given to another key");
    }
    let stored = list(tech).await;
    assert_eq!(stored.len(), keys.len(), "one incident per key");
    assert_eq!(stored.keys().copied().collect::<BTreeSet<i64>>(), ids);
}
