//! A real server per test, and a small HTTP client that keeps its session cookie.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use reqwest::header::HeaderMap;
use serde_json::Value;
use sqlx::Connection;
use vigie_server::config::Config;
use vigie_server::server::{start, Options, Running};

/// Which database a test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

static COUNTER: AtomicUsize = AtomicUsize::new(0);

/// The metrics token of every test server.
pub const METRICS_TOKEN: &str = "metrics-token-of-the-tests";

/// A folder of its own for each test.
pub fn temp_dir(tag: &str) -> PathBuf {
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    let dir = std::env::temp_dir().join(format!("vigie-test-{}-{tag}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// A fresh, empty database for the backend.
pub async fn fresh_database(backend: Backend, dir: &std::path::Path) -> String {
    match backend {
        Backend::Sqlite => format!("sqlite://{}/vigie.db", dir.display()),
        Backend::Postgres => {
            let admin = std::env::var("VIGIE_TEST_POSTGRES_URL")
                .expect("VIGIE_TEST_POSTGRES_URL must name a PostgreSQL role that may create databases (cargo xtask test sets it)");
            let name = format!("vigie_t_{}_{}", std::process::id(), COUNTER.fetch_add(1, Ordering::SeqCst));
            let mut conn = sqlx::PgConnection::connect(&admin).await.expect("connect to PostgreSQL");
            sqlx::query(&format!("DROP DATABASE IF EXISTS {name}")).execute(&mut conn).await.expect("drop");
            sqlx::query(&format!("CREATE DATABASE {name}")).execute(&mut conn).await.expect("create database");
            let (base, _) = admin.rsplit_once('/').expect("URL with a database name");
            format!("{base}/{name}")
        }
    }
}

/// The configuration of a test server: its own spool folder, the tests' metrics token.
pub fn test_config(dir: &std::path::Path) -> Config {
    Config { spool_dir: Some(dir.join("spool")), metrics_token: Some(METRICS_TOKEN.to_string()), ..Config::default() }
}

/// A running server with the demo accounts, on an empty desk unless it was started
/// [`with the demo history`](TestServer::start_with_history).
pub struct TestServer {
    pub running: Running,
    pub base: String,
    pub database_url: String,
    pub dir: PathBuf,
    pub config: Config,
    /// Started with the demo history (and restarted so).
    pub history: bool,
}

impl TestServer {
    /// A server on a fresh database, with the demo accounts and no incident.
    pub async fn start(backend: Backend) -> TestServer {
        let dir = temp_dir("server");
        let database_url = fresh_database(backend, &dir).await;
        TestServer::launch(dir.clone(), database_url, test_config(&dir), false).await
    }

    /// A server on a fresh database as `vigie serve --demo` starts: with the demo history.
    pub async fn start_with_history(backend: Backend) -> TestServer {
        let dir = temp_dir("server");
        let database_url = fresh_database(backend, &dir).await;
        TestServer::launch(dir.clone(), database_url, test_config(&dir), true).await
    }

    /// A server on a given database and configuration, without the demo history.
    pub async fn start_on(dir: PathBuf, database_url: String, mut config: Config) -> TestServer {
        config.metrics_token.get_or_insert_with(|| METRICS_TOKEN.to_string());
        TestServer::launch(dir, database_url, config, false).await
    }

    /// A server on a fresh database with the demo accounts and a configuration of its own.
    pub async fn start_with(backend: Backend, configure: impl FnOnce(&mut Config)) -> TestServer {
        let dir = temp_dir("server");
        let database_url = fresh_database(backend, &dir).await;
        let mut config = test_config(&dir);
        configure(&mut config);
        TestServer::launch(dir, database_url, config, false).await
    }

    async fn launch(dir: PathBuf, database_url: String, config: Config, history: bool) -> TestServer {
        let dist = dir.join("dist");
        std::fs::create_dir_all(&dist).expect("dist");
        std::fs::write(dist.join("index.html"), "<!doctype html><title>Vigie</title>").expect("index.html");
        let running = start(Options {
            addr: "127.0.0.1:0".into(),
            database_url: database_url.clone(),
            dist,
            config: config.clone(),
            demo: true,
            demo_history: history,
        })
        .await
        .expect("server starts");
        let base = format!("http://{}", running.addr);
        TestServer { running, base, database_url, dir, config, history }
    }

    /// Stops this server and starts another on the same database.
    pub async fn restart(self) -> TestServer {
        let TestServer { running, dir, database_url, config, history, .. } = self;
        drop(running);
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        TestServer::launch(dir, database_url, config, history).await
    }

    /// A client with no session.
    pub fn anonymous(&self) -> Client {
        Client { http: reqwest::Client::new(), base: self.base.clone(), cookie: None, origin: Some(self.base.clone()) }
    }

    /// A client logged in as a demo user (the password is the username).
    pub async fn login(&self, username: &str) -> Client {
        self.login_with(username, username).await
    }

    /// A client logged in with a password.
    pub async fn login_with(&self, username: &str, password: &str) -> Client {
        let mut client = self.anonymous();
        let response =
            client.post("/api/login", &serde_json::json!({ "username": username, "password": password })).await;
        assert_eq!(response.status, 200, "login {username}: {}", response.json);
        client.cookie = Some(session_of(&response));
        client
    }

    /// The id of the demo site of an organisation (`"Demo Client"` or `"Banque Premium"`).
    pub async fn site_of(&self, client: &Client, organisation: &str) -> i64 {
        let sites = client.get("/api/sites").await;
        sites.json.as_array().expect("sites").iter().find(|s| s["organisation_name"] == organisation).expect("site")
            ["id"]
            .as_i64()
            .expect("id")
    }
}

/// The `name=value` of the session cookie an answer sets; asserts its attributes.
pub fn session_of(response: &Response) -> String {
    let cookie = response.headers.get("set-cookie").expect("a session cookie").to_str().expect("ASCII").to_string();
    assert!(cookie.starts_with("__Host-vigie_session="), "{cookie}");
    for attribute in ["Path=/", "Secure", "HttpOnly", "SameSite=Strict"] {
        assert!(cookie.split("; ").any(|a| a == attribute), "{attribute} in {cookie}");
    }
    cookie.split(';').next().expect("name=value").to_string()
}

/// An answer: status, JSON body (or `Null`), headers.
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub json: Value,
    pub text: String,
    pub headers: HeaderMap,
}

/// An HTTP client that keeps its session cookie and sends the server's origin.
#[derive(Clone)]
pub struct Client {
    pub http: reqwest::Client,
    pub base: String,
    pub cookie: Option<String>,
    pub origin: Option<String>,
}

impl Client {
    pub fn request(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        let mut request = self.http.request(method, format!("{}{path}", self.base));
        if let Some(cookie) = &self.cookie {
            request = request.header("cookie", cookie);
        }
        if let Some(origin) = &self.origin {
            request = request.header("origin", origin);
        }
        request
    }

    pub async fn send(request: reqwest::RequestBuilder) -> Response {
        let response = request.send().await.expect("request sent");
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let text = response.text().await.expect("body");
        let json = serde_json::from_str(&text).unwrap_or(Value::Null);
        Response { status, json, text, headers }
    }

    pub async fn get(&self, path: &str) -> Response {
        Client::send(self.request(reqwest::Method::GET, path)).await
    }

    pub async fn post(&self, path: &str, body: &Value) -> Response {
        Client::send(self.request(reqwest::Method::POST, path).json(body)).await
    }

    pub async fn post_empty(&self, path: &str) -> Response {
        Client::send(self.request(reqwest::Method::POST, path)).await
    }

    pub async fn put(&self, path: &str, body: &Value) -> Response {
        Client::send(self.request(reqwest::Method::PUT, path).json(body)).await
    }

    /// `/metrics`, with the tests' token.
    pub async fn metrics(&self) -> String {
        let r = Client::send(self.request(reqwest::Method::GET, "/metrics").bearer_auth(METRICS_TOKEN)).await;
        assert_eq!(r.status, 200, "/metrics: {}", r.text);
        r.text
    }

    /// Reports an incident on a site; asserts 201.
    pub async fn report(&self, site_id: i64, description: &str) -> Value {
        let r =
            self.post("/api/incidents", &serde_json::json!({ "site_id": site_id, "description": description })).await;
        assert_eq!(r.status, 201, "{}", r.text);
        r.json
    }
}
