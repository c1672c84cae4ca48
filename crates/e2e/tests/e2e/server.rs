//! The real Vigie server, in-process on a fresh SQLite database with the demo data and
//! serving the app built by Trunk, and a JSON client of its API to check what the browser
//! did from the server's side.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use serde_json::{json, Value};
use vigie_server::config::Config;
use vigie_server::server::{start, Options, Running};

/// A server of its own for one test.
pub struct Vigie {
    /// Stops the server when dropped; `None` while [`Vigie::stop`]ped.
    running: Option<Running>,
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    dir: PathBuf,
}

/// How the test's server is started, on `addr`, over the test's own folder.
fn options(addr: String, dir: &std::path::Path) -> Options {
    Options {
        addr,
        database_url: format!("sqlite://{}/vigie.db", dir.display()),
        dist: dist(),
        // Notifications go to files in the test's folder, never out.
        config: Config { spool_dir: Some(dir.join("spool")), ..Config::default() },
        demo: true,
        demo_history: false,
    }
}

impl Vigie {
    /// Starts a server with the demo accounts (`client`, `premium`, `tech`, `supervisor`,
    /// `admin`; each password is the username) on a free port.
    pub async fn start() -> Vigie {
        // First, so that a missing build leaves no folder behind.
        dist();
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let dir = std::env::temp_dir().join(format!("vigie-e2e-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("a temporary folder for the server");
        let running = start(options("127.0.0.1:0".into(), &dir)).await.expect("the Vigie server starts");
        let base = format!("http://{}", running.addr);
        Vigie { running: Some(running), base, dir }
    }

    /// Stops the server: nothing answers at its address any more, for the page and its
    /// service worker alike, as when a phone has no network.
    pub async fn stop(&mut self) {
        if let Some(running) = self.running.take() {
            running.shutdown().await.expect("the Vigie server stops");
        }
    }

    /// Starts the server again at the same address, on the same database.
    pub async fn restart(&mut self) {
        let addr = self.base.trim_start_matches("http://").to_string();
        let running = start(options(addr, &self.dir)).await.expect("the Vigie server starts again");
        self.running = Some(running);
    }

    /// Every email the server wrote to its spool folder (it has no SMTP server), as text.
    pub fn spooled_mail(&self) -> Vec<String> {
        let Ok(entries) = std::fs::read_dir(self.dir.join("spool").join("mail")) else { return Vec::new() };
        entries.filter_map(Result::ok).filter_map(|e| std::fs::read_to_string(e.path()).ok()).collect()
    }

    /// The URL of a path of the app.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// An API client logged in as a demo user.
    pub async fn api(&self, username: &str) -> Api {
        Api::login(&self.base, username).await
    }
}

impl Drop for Vigie {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The built app: `$VIGIE_E2E_DIST`, by default the workspace's `dist/`.
pub fn dist() -> PathBuf {
    let dist = std::env::var_os("VIGIE_E2E_DIST").map(PathBuf::from).unwrap_or_else(|| crate::workspace().join("dist"));
    assert!(
        dist.join("index.html").is_file(),
        "no built app in {}: run `trunk build --release` at the workspace root first \
         (`cargo xtask test` does), or set VIGIE_E2E_DIST",
        dist.display()
    );
    dist
}

/// A client of the JSON API with a session, as the app itself talks to the server.
pub struct Api {
    http: reqwest::Client,
    base: String,
    /// `__Host-vigie_session=…`, sent back by hand: the server's cookie is all the state needed.
    cookie: String,
}

impl Api {
    /// Logs in as a demo user (the password is the username).
    pub async fn login(base: &str, username: &str) -> Api {
        Api::login_with(base, username, username).await
    }

    /// Logs in with a password of one's own.
    pub async fn login_with(base: &str, username: &str, password: &str) -> Api {
        let http = reqwest::Client::builder().timeout(Duration::from_secs(30)).build().expect("an HTTP client");
        let response = http
            .post(format!("{base}/api/login"))
            .header("origin", base)
            .json(&json!({ "username": username, "password": password }))
            .send()
            .await
            .expect("POST /api/login is answered");
        assert!(response.status().is_success(), "login as {username}: HTTP {}", response.status());
        let cookie = response
            .headers()
            .get("set-cookie")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .expect("login sets a session cookie")
            .to_string();
        Api { http, base: base.to_string(), cookie }
    }

    async fn send(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> Value {
        // State-changing requests must come from the server's own origin, as a browser's do.
        let mut request = self
            .http
            .request(method.clone(), format!("{}{path}", self.base))
            .header("cookie", &self.cookie)
            .header("origin", &self.base);
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.unwrap_or_else(|e| panic!("{method} {path}: {e}"));
        let status = response.status();
        let text = response.text().await.unwrap_or_else(|e| panic!("{method} {path}: {e}"));
        assert!(status.is_success(), "{method} {path}: HTTP {status}: {text}");
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{method} {path}: not JSON ({e}): {text}"))
    }

    /// `GET path`; asserts success.
    pub async fn get(&self, path: &str) -> Value {
        self.send(reqwest::Method::GET, path, None).await
    }

    /// `POST path` with a JSON body; asserts success.
    pub async fn post(&self, path: &str, body: Value) -> Value {
        self.send(reqwest::Method::POST, path, Some(body)).await
    }

    /// `PUT path` with a JSON body; asserts success.
    pub async fn put(&self, path: &str, body: Value) -> Value {
        self.send(reqwest::Method::PUT, path, Some(body)).await
    }

    /// The id of the first site this user may report on.
    pub async fn first_site(&self) -> i64 {
        self.get("/api/sites").await[0]["id"].as_i64().expect("the demo user has a site")
    }

    /// Reports an incident on the user's first site; the created incident.
    pub async fn report(&self, description: &str) -> Value {
        let site_id = self.first_site().await;
        self.post("/api/incidents", json!({ "site_id": site_id, "description": description })).await
    }

    /// Every incident this user sees, open or closed.
    pub async fn incidents(&self) -> Vec<Value> {
        self.get("/api/incidents?state=all&limit=5000").await.as_array().cloned().expect("a list of incidents")
    }

    /// The incidents with exactly this description.
    pub async fn incidents_described(&self, description: &str) -> Vec<Value> {
        self.incidents().await.into_iter().filter(|i| i["description"] == description).collect()
    }
}
