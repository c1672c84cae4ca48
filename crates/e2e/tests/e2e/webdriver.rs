//! A small client of the W3C WebDriver protocol (JSON over HTTP), with the two Chromium
//! extensions the tests need (network emulation, DevTools commands).
//!
//! Written here rather than taken from fantoccini or thirtyfour: those bring a large
//! dependency tree for the dozen commands used, while reqwest and serde_json are already
//! in the workspace. Every request has a timeout, so a stuck browser fails a test instead
//! of hanging it.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use base64::Engine as _;
use serde_json::{json, Value};

/// The key under which WebDriver returns an element reference.
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

/// The longest any single command may take; starting a browser is the slowest.
const COMMAND_TIMEOUT: Duration = Duration::from_secs(60);

/// What went wrong with a command: the protocol's error code (`no such element`,
/// `stale element reference`…) or `transport` when the driver could not be reached.
#[derive(Debug, Clone)]
pub struct Error {
    /// The command, e.g. `POST /session/…/element`.
    pub command: String,
    /// The WebDriver error code.
    pub error: String,
    /// The driver's message.
    pub message: String,
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}: {}", self.command, self.error, self.message)
    }
}

impl Error {
    /// The page changed under the command (element gone or re-rendered): worth polling again.
    pub fn is_transient(&self) -> bool {
        matches!(self.error.as_str(), "no such element" | "stale element reference" | "element not interactable")
    }
}

/// The result of a command.
pub type Result<T> = std::result::Result<T, Error>;

/// One browser, opened by [`Session::start`] and closed when dropped.
#[derive(Debug)]
pub struct Session {
    http: reqwest::Client,
    /// `http://127.0.0.1:PORT`, the driver.
    driver: String,
    /// The session id.
    id: String,
}

impl Session {
    /// Opens a browser with these capabilities (the `alwaysMatch` object).
    pub async fn start(driver: &str, capabilities: Value) -> Result<Session> {
        let http = reqwest::Client::builder().timeout(COMMAND_TIMEOUT).build().expect("an HTTP client");
        let body = json!({ "capabilities": { "alwaysMatch": capabilities } });
        let value = send(&http, reqwest::Method::POST, &format!("{driver}/session"), Some(body)).await?;
        let id = value["sessionId"].as_str().expect("new session answers a sessionId").to_string();
        Ok(Session { http, driver: driver.to_string(), id })
    }

    async fn command(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> Result<Value> {
        let url = format!("{}/session/{}{path}", self.driver, self.id);
        send(&self.http, method, &url, body).await
    }

    async fn post(&self, path: &str, body: Value) -> Result<Value> {
        self.command(reqwest::Method::POST, path, Some(body)).await
    }

    async fn get(&self, path: &str) -> Result<Value> {
        self.command(reqwest::Method::GET, path, None).await
    }

    /// Loads a URL and waits for the document to load.
    pub async fn goto(&self, url: &str) -> Result<()> {
        self.post("/url", json!({ "url": url })).await.map(drop)
    }

    /// The first element matching a CSS selector, or `None`.
    pub async fn find(&self, css: &str) -> Result<Option<Element<'_>>> {
        match self.post("/element", json!({ "using": "css selector", "value": css })).await {
            Ok(value) => Ok(Some(self.element(&value))),
            Err(e) if e.error == "no such element" => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Every element matching a CSS selector.
    pub async fn find_all(&self, css: &str) -> Result<Vec<Element<'_>>> {
        let value = self.post("/elements", json!({ "using": "css selector", "value": css })).await?;
        Ok(value.as_array().map(|list| list.iter().map(|v| self.element(v)).collect()).unwrap_or_default())
    }

    fn element(&self, value: &Value) -> Element<'_> {
        let id = value[ELEMENT_KEY].as_str().expect("an element reference").to_string();
        Element { session: self, id }
    }

    /// Runs a script in the page (`arguments[i]` are `args`) and returns its value.
    pub async fn execute(&self, script: &str, args: Value) -> Result<Value> {
        self.post("/execute/sync", json!({ "script": script, "args": args })).await
    }

    /// Runs an asynchronous script in the page: it gets `args` as `arguments[0..n]` and a
    /// callback as its last argument, and its value is what it passes to the callback.
    /// Fails with `script timeout` if the callback is not called within the session's
    /// script timeout ([`Session::set_script_timeout`]; 30 s unless set).
    pub async fn execute_async(&self, script: &str, args: Value) -> Result<Value> {
        self.post("/execute/async", json!({ "script": script, "args": args })).await
    }

    /// How long asynchronous scripts may run before their callback is called.
    pub async fn set_script_timeout(&self, timeout: Duration) -> Result<()> {
        let ms = u64::try_from(timeout.as_millis()).unwrap_or(u64::MAX);
        self.post("/timeouts", json!({ "script": ms })).await.map(drop)
    }

    /// A screenshot of the viewport, as PNG bytes.
    pub async fn screenshot(&self) -> Result<Vec<u8>> {
        let value = self.get("/screenshot").await?;
        let encoded = value.as_str().expect("a screenshot is a base64 string");
        Ok(base64::engine::general_purpose::STANDARD.decode(encoded).expect("a screenshot is valid base64"))
    }

    /// Resizes the browser window (outer size, in CSS pixels).
    pub async fn set_window_size(&self, width: u32, height: u32) -> Result<()> {
        self.post("/window/rect", json!({ "width": width, "height": height })).await.map(drop)
    }

    /// Chromium only: emulates losing (or regaining) the network, as the DevTools
    /// "Offline" switch does.
    pub async fn set_offline(&self, offline: bool) -> Result<()> {
        let conditions =
            json!({ "offline": offline, "latency": 0, "download_throughput": -1, "upload_throughput": -1 });
        self.post("/chromium/network_conditions", json!({ "network_conditions": conditions })).await.map(drop)
    }

    /// Chromium only: emulates a link of this latency (ms) and these throughputs (bytes per
    /// second), as the DevTools network throttling does.
    pub async fn set_link(&self, latency_ms: f64, down: f64, up: f64) -> Result<()> {
        let conditions =
            json!({ "offline": false, "latency": latency_ms, "download_throughput": down, "upload_throughput": up });
        self.post("/chromium/network_conditions", json!({ "network_conditions": conditions })).await.map(drop)
    }

    /// Chromium only: a DevTools protocol command (`Page.addScriptToEvaluateOnNewDocument`…).
    pub async fn devtools(&self, command: &str, params: Value) -> Result<Value> {
        self.post("/goog/cdp/execute", json!({ "cmd": command, "params": params })).await
    }
}

/// Closes the browser. Drop cannot wait for reqwest, so this is one blocking HTTP/1.1
/// request, with timeouts: a test that panics still leaves no browser behind.
impl Drop for Session {
    fn drop(&mut self) {
        let Some(host) = self.driver.strip_prefix("http://") else {
            return;
        };
        let Ok(mut stream) = TcpStream::connect(host) else {
            return;
        };
        let _ = stream.set_write_timeout(Some(Duration::from_secs(5)));
        let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
        let request = format!("DELETE /session/{} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n", self.id);
        if stream.write_all(request.as_bytes()).is_ok() {
            // The driver answers once the browser is gone.
            let _ = stream.read(&mut [0u8; 1024]);
        }
    }
}

/// An element of the page. References go stale when the app re-renders: callers that
/// poll treat [`Error::is_transient`] errors as "not yet".
#[derive(Debug)]
pub struct Element<'s> {
    session: &'s Session,
    id: String,
}

impl Element<'_> {
    async fn post(&self, path: &str, body: Value) -> Result<Value> {
        self.session.post(&format!("/element/{}{path}", self.id), body).await
    }

    async fn get(&self, path: &str) -> Result<Value> {
        self.session.get(&format!("/element/{}{path}", self.id)).await
    }

    /// Clicks it, as a person would (scrolled into view, at its centre).
    pub async fn click(&self) -> Result<()> {
        self.post("/click", json!({})).await.map(drop)
    }

    /// Types text into it, key by key.
    pub async fn send_keys(&self, text: &str) -> Result<()> {
        self.post("/value", json!({ "text": text })).await.map(drop)
    }

    /// Empties a text field.
    pub async fn clear(&self) -> Result<()> {
        self.post("/clear", json!({})).await.map(drop)
    }

    /// Its rendered text.
    pub async fn text(&self) -> Result<String> {
        Ok(self.get("/text").await?.as_str().unwrap_or_default().to_string())
    }

    /// An attribute, or `None` when absent.
    pub async fn attribute(&self, name: &str) -> Result<Option<String>> {
        Ok(self.get(&format!("/attribute/{name}")).await?.as_str().map(str::to_string))
    }
}

/// Sends one command and unwraps WebDriver's `{"value": …}` envelope.
async fn send(http: &reqwest::Client, method: reqwest::Method, url: &str, body: Option<Value>) -> Result<Value> {
    let command = format!("{method} {}", url.find("/session").map_or(url, |at| &url[at..]));
    let transport =
        |e: reqwest::Error| Error { command: command.clone(), error: "transport".into(), message: e.to_string() };
    let mut request = http.request(method.clone(), url);
    if let Some(body) = body {
        request = request.json(&body);
    }
    let response = request.send().await.map_err(transport)?;
    let status = response.status();
    let body: Value = response.json().await.map_err(transport)?;
    let value = body.get("value").cloned().unwrap_or(Value::Null);
    if status.is_success() {
        Ok(value)
    } else {
        Err(Error {
            command,
            error: value["error"].as_str().unwrap_or("unknown error").to_string(),
            message: value["message"].as_str().unwrap_or_default().lines().next().unwrap_or_default().to_string(),
        })
    }
}
