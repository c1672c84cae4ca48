//! ChromeDriver, started by the test itself on a free port and stopped when dropped, and
//! the headless Chromium sessions it opens.
//!
//! Each test has its own driver: tests run in parallel threads, and a process per test is
//! what lets each one be killed when its test ends, even by a panic.

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::webdriver::Session;

/// How long ChromeDriver may take to answer `/status`.
const READY_TIMEOUT: Duration = Duration::from_secs(20);

/// A running ChromeDriver.
pub struct ChromeDriver {
    child: Child,
    /// `http://127.0.0.1:PORT`.
    url: String,
}

/// The window a session opens with.
#[derive(Debug, Clone, Copy)]
pub enum Window {
    /// A desktop window of this size, in CSS pixels.
    Desktop { width: u32, height: u32 },
    /// A phone: Chromium's device emulation with this viewport and pixel ratio.
    Phone { width: u32, height: u32, pixel_ratio: f64 },
}

impl ChromeDriver {
    /// Starts ChromeDriver (`$CHROMEDRIVER`, default `/usr/bin/chromedriver`) and waits
    /// until it is ready.
    pub async fn start() -> ChromeDriver {
        let program = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
        // The port is free when asked, but another test may take it before ChromeDriver
        // binds it: a driver that exits at once is tried again on another port.
        for _ in 0..3 {
            let port = free_port();
            let child = Command::new(&program)
                .arg(format!("--port={port}"))
                .arg("--silent")
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::inherit())
                .spawn()
                .unwrap_or_else(|e| panic!("cannot start ChromeDriver {program:?} (set CHROMEDRIVER): {e}"));
            let mut driver = ChromeDriver { child, url: format!("http://127.0.0.1:{port}") };
            if driver.wait_ready().await {
                return driver;
            }
        }
        panic!("ChromeDriver {program:?} did not become ready on three free ports in turn");
    }

    /// Polls `/status` until the driver says it is ready; false if it exited.
    async fn wait_ready(&mut self) -> bool {
        let http = reqwest::Client::builder().timeout(Duration::from_secs(2)).build().expect("an HTTP client");
        let deadline = Instant::now() + READY_TIMEOUT;
        loop {
            if let Ok(Some(_)) = self.child.try_wait() {
                return false;
            }
            if let Ok(response) = http.get(format!("{}/status", self.url)).send().await {
                if let Ok(body) = response.json::<Value>().await {
                    if body["value"]["ready"] == true {
                        return true;
                    }
                }
            }
            assert!(Instant::now() < deadline, "ChromeDriver at {} was not ready after {READY_TIMEOUT:?}", self.url);
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Opens a headless Chromium (`$CHROME`, default `/usr/bin/chromium`).
    pub async fn session(&self, window: Window) -> Session {
        let binary = std::env::var("CHROME").unwrap_or_else(|_| "/usr/bin/chromium".into());
        let mut args = vec![
            "--headless=new".to_string(),
            // Containers run as root, where Chromium's sandbox cannot start.
            "--no-sandbox".into(),
            // /dev/shm is small in containers.
            "--disable-dev-shm-usage".into(),
            "--disable-gpu".into(),
            // No traffic of the browser's own: CI runs on a closed network.
            "--disable-background-networking".into(),
            "--disable-component-update".into(),
            "--no-first-run".into(),
            "--lang=fr-FR".into(),
        ];
        let mut options = json!({ "binary": binary });
        match window {
            Window::Desktop { width, height } => args.push(format!("--window-size={width},{height}")),
            Window::Phone { width, height, pixel_ratio } => {
                options["mobileEmulation"] = json!({ "deviceMetrics": { "width": width, "height": height, "pixelRatio": pixel_ratio, "touch": true, "mobile": true } });
            }
        }
        options["args"] = json!(args);
        let capabilities = json!({ "browserName": "chrome", "goog:chromeOptions": options });
        Session::start(&self.url, capabilities)
            .await
            .unwrap_or_else(|e| panic!("cannot open Chromium {binary:?} (set CHROME): {e}"))
    }
}

impl Drop for ChromeDriver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A port nobody listens on right now.
fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free local port");
    listener.local_addr().expect("a local address").port()
}
