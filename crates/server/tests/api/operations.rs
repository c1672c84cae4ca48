//! The server as an operator runs it: metrics behind a token, a health check that asks the
//! database, a demo that stays out of real desks, no start with a known password, a
//! half-sent request dropped, and a graceful stop over real connections.

use std::time::Duration;

use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use vigie_server::config::Config;
use vigie_server::server::{start, Options};

use crate::harness::{fresh_database, temp_dir, test_config, Backend, Client, TestServer, METRICS_TOKEN};
use crate::stream::Listener;

/// Long enough for a busy machine; a deadline, never a measure.
const DEADLINE: Duration = Duration::from_secs(30);

pub async fn metrics_need_their_token_and_health_asks_the_database(backend: Backend) {
    // Without a token configured, /metrics is not served at all.
    let server = TestServer::start_with(backend, |config| config.metrics_token = None).await;
    let anonymous = server.anonymous();
    let r = Client::send(anonymous.request(reqwest::Method::GET, "/metrics").bearer_auth(METRICS_TOKEN)).await;
    assert_eq!((r.status, r.json["error"].is_string()), (404, true), "{}", r.text);
    drop(server);

    let server = TestServer::start(backend).await;
    let anonymous = server.anonymous();
    assert_eq!(anonymous.get("/metrics").await.status, 401);
    assert!(anonymous.metrics().await.contains("vigie_open_incidents{priority=\"P1\"} 0"));
    let r = anonymous.get("/healthz").await;
    assert_eq!((r.status, r.text.as_str()), (200, "ok"));
    // The database gone: the health check says so.
    server.running.state.db.pool().close().await;
    let r = anonymous.get("/healthz").await;
    assert_eq!((r.status, r.json["error"].is_string()), (503, true), "{}", r.text);
}

fn options(dir: &std::path::Path, database_url: &str, demo: bool) -> Options {
    let dist = dir.join("dist");
    std::fs::create_dir_all(&dist).expect("dist");
    Options {
        addr: "127.0.0.1:0".into(),
        database_url: database_url.into(),
        dist,
        config: test_config(dir),
        demo,
        demo_history: false,
    }
}

pub async fn the_demo_stays_out_of_real_desks(backend: Backend) {
    let dir = temp_dir("demo-refused");
    let database_url = fresh_database(backend, &dir).await;
    // A real desk: its first administrator made with `vigie password`.
    let running = start(options(&dir, &database_url, false)).await.expect("an empty desk starts");
    let created = vigie_server::admin::set_password_of(&running.state, "chef", "un mot de passe solide".into())
        .await
        .expect("the administrator");
    assert!(created);
    drop(running);
    let refused = start(options(&dir, &database_url, true)).await.expect_err("--demo on a real desk");
    assert!(refused.to_string().contains("--demo refused"), "{refused}");
    // The desk is as it was: no demo account.
    let running = start(options(&dir, &database_url, false)).await.expect("the desk starts");
    let users = sqlx::query("SELECT username FROM users").fetch_all(running.state.db.pool()).await.unwrap();
    assert_eq!(users.len(), 1);
    drop(running);

    // A real desk whose administrator has a demo name: `vigie password admin`.
    let dir = temp_dir("demo-refused-admin");
    let database_url = fresh_database(backend, &dir).await;
    let running = start(options(&dir, &database_url, false)).await.expect("an empty desk starts");
    vigie_server::admin::set_password_of(&running.state, "admin", "un mot de passe solide".into())
        .await
        .expect("the administrator");
    drop(running);
    let refused = start(options(&dir, &database_url, true)).await.expect_err("--demo on a real desk named admin");
    let message = refused.to_string();
    assert!(message.contains("--demo refused") && message.contains("1 account(s)"), "{message}");
    let running = start(options(&dir, &database_url, false)).await.expect("the desk starts");
    let users = sqlx::query("SELECT username FROM users").fetch_all(running.state.db.pool()).await.unwrap();
    assert_eq!(users.len(), 1, "no demo account was added");
    let mark = sqlx::query("SELECT key FROM settings WHERE key = 'demo'").fetch_all(running.state.db.pool()).await;
    assert!(mark.unwrap().is_empty(), "the desk is not marked as a demo");
    // An organisation without accounts is not an empty desk either.
    sqlx::query("INSERT INTO organisations (name, contract) VALUES ('Client réel', 'standard')")
        .execute(running.state.db.pool())
        .await
        .unwrap();
    sqlx::query("DELETE FROM users").execute(running.state.db.pool()).await.unwrap();
    drop(running);
    let refused = start(options(&dir, &database_url, true)).await.expect_err("--demo on a desk with an organisation");
    assert!(refused.to_string().contains("1 organisation(s)"), "{refused}");
}

pub async fn no_start_while_a_password_is_the_username(backend: Backend) {
    let dir = temp_dir("weak-passwords");
    let database_url = fresh_database(backend, &dir).await;
    drop(start(options(&dir, &database_url, true)).await.expect("the demo starts"));
    // Without --demo, the demo accounts' passwords are refused, all named.
    let refused = start(options(&dir, &database_url, false)).await.expect_err("known passwords");
    let message = refused.to_string();
    for name in ["admin", "client", "premium", "supervisor", "tech"] {
        assert!(message.contains(name), "{name} in {message}");
    }
    assert!(message.contains("vigie password"), "{message}");
    // Each given a password of its own (or deactivated), the desk starts.
    let running = start(options(&dir, &database_url, true)).await.expect("the demo starts again");
    for name in ["admin", "client", "premium", "supervisor"] {
        vigie_server::admin::set_password_of(&running.state, name, format!("{name} a enfin un vrai mot de passe"))
            .await
            .expect("new password");
    }
    sqlx::query("UPDATE users SET active = 0 WHERE username = 'tech'").execute(running.state.db.pool()).await.unwrap();
    drop(running);
    let running = start(options(&dir, &database_url, false)).await.expect("no known password left");
    drop(running);
}

pub async fn a_half_sent_request_is_dropped(backend: Backend) {
    let server = TestServer::start_with(backend, |config| config.http.header_read_timeout_secs = 1).await;
    // Half the headers, then nothing: the server closes the connection.
    let mut slow = tokio::net::TcpStream::connect(server.running.addr).await.expect("connect");
    slow.write_all(b"GET /healthz HTTP/1.1\r\nHost: vigie\r\nX-Slow: 1\r\n").await.expect("half a request");
    let mut buffer = Vec::new();
    let read =
        tokio::time::timeout(DEADLINE, slow.read_to_end(&mut buffer)).await.expect("the server closes the connection");
    assert!(
        read.is_err() || buffer.iter().all(|b| !b.is_ascii_digit()) || buffer.starts_with(b"HTTP/1.1 408"),
        "{:?}",
        String::from_utf8_lossy(&buffer)
    );
    // A whole request is answered, and others are served all along.
    let mut whole = tokio::net::TcpStream::connect(server.running.addr).await.expect("connect");
    whole.write_all(b"GET /healthz HTTP/1.1\r\nHost: vigie\r\nConnection: close\r\n\r\n").await.expect("a request");
    let mut answer = String::new();
    tokio::time::timeout(DEADLINE, whole.read_to_string(&mut answer)).await.expect("an answer").expect("read");
    assert!(answer.starts_with("HTTP/1.1 200") && answer.ends_with("ok"), "{answer}");
}

pub async fn shutdown_finishes_requests_and_ends_streams(backend: Backend) {
    let server = TestServer::start(backend).await;
    let addr = server.running.addr;
    let passwords = server.running.state.passwords.clone();
    let supervisor = server.login("supervisor").await;
    let mut stream = Listener::open(&supervisor, None).await;
    // A login in flight: every password check is held, so it waits in the handler.
    let held = passwords
        .permits()
        .clone()
        .acquire_many_owned(server.running.state.config.login.password_checks as u32)
        .await
        .expect("the permits");
    let body = json!({ "username": "tech", "password": "tech" }).to_string();
    let mut in_flight = tokio::net::TcpStream::connect(addr).await.expect("connect");
    let request = format!(
        "POST /api/login HTTP/1.1\r\nHost: {addr}\r\nOrigin: http://{addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    in_flight.write_all(request.as_bytes()).await.expect("a login");
    crate::notifications::eventually("the login in flight", DEADLINE, || {
        std::future::ready((passwords.waiting() == 1).then_some(()))
    })
    .await;
    let TestServer { running, .. } = server;
    let stopping = tokio::spawn(running.shutdown());
    // No new connection is taken…
    crate::notifications::eventually("the listener closed", DEADLINE, || async move {
        tokio::net::TcpStream::connect(addr).await.is_err().then_some(())
    })
    .await;
    // …the stream ends cleanly…
    stream.end().await;
    // …and the login in flight gets its answer, then the connection closes.
    drop(held);
    let mut answer = String::new();
    tokio::time::timeout(DEADLINE, in_flight.read_to_string(&mut answer))
        .await
        .expect("an answer, then the end")
        .expect("read");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.contains("__Host-vigie_session="), "{answer}");
    tokio::time::timeout(DEADLINE, stopping).await.expect("the server stops").expect("no panic").expect("a clean stop");
}

pub async fn the_outbox_stops_between_messages(backend: Backend) {
    let dir = temp_dir("outbox-stop");
    let database_url = fresh_database(backend, &dir).await;
    let db = vigie_server::db::Db::connect(&database_url).await.expect("database");
    let config = Config { spool_dir: Some(dir.join("spool")), ..Config::default() };
    let state = vigie_server::state::AppState::new(db, config, dir.join("dist"));
    for n in 0..3 {
        sqlx::query("INSERT INTO outbox (channel, recipient, address, subject, body, next_attempt_at) VALUES ('email', 'Julie', 'julie@example.fr', $1, 'x', 0)")
            .bind(format!("message {n}"))
            .execute(state.db.pool())
            .await
            .unwrap();
    }
    // Stopping: nothing more is sent, everything stays queued for the next start.
    state.shutdown.cancel();
    assert_eq!(vigie_server::notify::deliver_due(&state).await.unwrap(), 0);
    let pending =
        sqlx::query("SELECT id FROM outbox WHERE status = 'pending'").fetch_all(state.db.pool()).await.unwrap();
    assert_eq!(pending.len(), 3);
    let running = vigie_server::state::AppState { shutdown: Default::default(), ..state };
    assert_eq!(vigie_server::notify::deliver_due(&running).await.unwrap(), 3);

    // Stopping while a message is being sent: that one is finished and recorded, the next
    // ones stay queued. The SMS gateway asks for the stop while it takes the first.
    let stop = tokio_util::sync::CancellationToken::new();
    let received = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let gateway = axum::Router::new().route(
        "/sms",
        axum::routing::post({
            let (stop, received) = (stop.clone(), received.clone());
            move || async move {
                received.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                stop.cancel();
                "ok"
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let url = format!("http://{}/sms", listener.local_addr().expect("addr"));
    let serving = tokio::spawn(async move { axum::serve(listener, gateway).await });
    let config = Config {
        spool_dir: Some(dir.join("spool")),
        sms: Some(vigie_server::config::Sms { url, token: None, body: r#"{"to": "{to}", "text": "{text}"}"#.into() }),
        ..Config::default()
    };
    let state = vigie_server::state::AppState { config: std::sync::Arc::new(config), shutdown: stop, ..running };
    for n in 0..3 {
        sqlx::query("INSERT INTO outbox (channel, recipient, address, subject, body, next_attempt_at) VALUES ('sms', 'Julie', '+33612345678', $1, 'x', 0)")
            .bind(format!("sms {n}"))
            .execute(state.db.pool())
            .await
            .unwrap();
    }
    assert_eq!(vigie_server::notify::deliver_due(&state).await.unwrap(), 1, "one message, then the stop");
    assert_eq!(received.load(std::sync::atomic::Ordering::SeqCst), 1);
    let statuses = sqlx::query("SELECT status FROM outbox WHERE channel = 'sms' ORDER BY id")
        .fetch_all(state.db.pool())
        .await
        .unwrap()
        .iter()
        .map(|r| sqlx::Row::try_get::<String, _>(r, "status").unwrap())
        .collect::<Vec<_>>();
    assert_eq!(statuses, ["delivered", "pending", "pending"]);
    serving.abort();
}

pub async fn the_binary_stops_gracefully_on_sigterm_and_sigint(backend: Backend) {
    for (signal, name) in [(libc::SIGTERM, "SIGTERM"), (libc::SIGINT, "SIGINT")] {
        let dir = temp_dir("signals");
        let database_url = fresh_database(backend, &dir).await;
        let mut vigie = crate::durability::Vigie::start(&dir, &database_url, 1).await;
        let supervisor = vigie.login("supervisor").await;
        let mut stream = Listener::open(&supervisor, None).await;
        let pid = vigie.child.id().expect("a pid") as libc::pid_t;
        // SAFETY: kill sends a signal to the child this test started.
        assert_eq!(unsafe { libc::kill(pid, signal) }, 0);
        stream.end().await;
        let status = tokio::time::timeout(DEADLINE, vigie.child.wait()).await.expect("vigie exits").expect("status");
        let log = std::fs::read_to_string(&vigie.log).unwrap_or_default();
        assert!(status.success(), "{name}: {status}\n{log}");
        assert!(log.contains("vigie: stopped"), "{name}:\n{log}");
    }
}

/// The real binary's log, with no `RUST_LOG`: one line per request, with its request id
/// (the one sent back), its route as declared, its status and its latency; never the path's
/// ids, the query string, the session cookie or the password.
pub async fn the_binary_logs_each_request_by_its_route(backend: Backend) {
    let dir = temp_dir("request-log");
    let database_url = fresh_database(backend, &dir).await;
    let mut vigie = crate::durability::Vigie::start(&dir, &database_url, 1).await;
    let supervisor = vigie.login("supervisor").await;
    let cookie = supervisor.cookie.clone().expect("a session cookie");
    let session = cookie.split_once('=').expect("name=value").1.to_string();
    let http = reqwest::Client::new();
    let answer = http
        .get(format!("{}/api/incidents/987654?token=query-secret-42", vigie.base))
        .header("cookie", &cookie)
        .send()
        .await
        .expect("an answer");
    assert_eq!(answer.status(), 404);
    let id = answer.headers().get("x-request-id").expect("a request id").to_str().unwrap().to_string();
    // A plain request id sent by the caller (a reverse proxy's) is kept; any other is replaced.
    let answer = http.get(format!("{}/api/time", vigie.base)).header("x-request-id", "proxy-7.a_b").send().await;
    assert_eq!(answer.expect("an answer").headers()["x-request-id"], "proxy-7.a_b");
    let answer = http.get(format!("{}/api/time", vigie.base)).header("x-request-id", "forged} status=200").send().await;
    let replaced = answer.expect("an answer").headers()["x-request-id"].to_str().unwrap().to_string();
    assert_ne!(replaced, "forged} status=200");

    let pid = vigie.child.id().expect("a pid") as libc::pid_t;
    // SAFETY: kill sends a signal to the child this test started.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGTERM) }, 0);
    tokio::time::timeout(DEADLINE, vigie.child.wait()).await.expect("vigie exits").expect("status");
    let log = std::fs::read_to_string(&vigie.log).expect("the log");
    let line =
        log.lines().find(|l| l.contains(&format!("id={id} "))).unwrap_or_else(|| panic!("no line for {id}:\n{log}"));
    for part in [" INFO ", "method=GET", "route=/api/incidents/{id}", "status=404", "latency_ms="] {
        assert!(line.contains(part), "{part} in {line}");
    }
    assert!(log.contains("route=/api/login") && log.contains("status=200"), "{log}");
    assert!(log.contains("id=proxy-7.a_b ") && log.contains(&format!("id={replaced} ")), "{log}");
    for secret in ["987654", "query-secret", "token=", &session, "password", "forged"] {
        assert!(!log.contains(secret), "{secret:?} is in the log:\n{log}");
    }
    assert_eq!(log.lines().filter(|l| l.contains("route=/api/time")).count(), 2, "{log}");
}

async fn boom() -> &'static str {
    panic!("a handler's bug")
}

/// A handler that panics, behind the layers every route has, over a real connection: a
/// JSON 500, and the connection still serves the next request.
pub async fn a_panic_is_answered_as_a_json_500() {
    let router = axum::Router::new()
        .route("/api/boom", axum::routing::get(boom))
        .route("/api/fine", axum::routing::get(|| async { "fine" }));
    let router = vigie_server::http::guard(router);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    let shutdown = tokio_util::sync::CancellationToken::new();
    let serving =
        tokio::spawn(vigie_server::listener::serve(listener, router, Config::default().http, shutdown.clone()));
    let mut connection = tokio::net::TcpStream::connect(addr).await.expect("connect");
    let mut read_answer = async |path: &str| {
        connection.write_all(format!("GET {path} HTTP/1.1\r\nHost: vigie\r\n\r\n").as_bytes()).await.expect("request");
        read_one_answer(&mut connection).await
    };
    let (head, body) = read_answer("/api/boom").await;
    assert!(head.starts_with("HTTP/1.1 500"), "{head}");
    assert!(head.to_ascii_lowercase().contains("content-type: application/json"), "{head}");
    let json: serde_json::Value = serde_json::from_str(&body).expect("JSON");
    assert!(json["error"].as_str().unwrap().contains("internal error"), "{body}");
    // The same connection goes on.
    let (head, body) = read_answer("/api/fine").await;
    assert!(head.starts_with("HTTP/1.1 200") && body == "fine", "{head}{body}");
    shutdown.cancel();
    serving.await.expect("no panic").expect("served");
}

/// Reads one answer from a connection kept open: its head and its body (by its
/// `Content-Length`).
async fn read_one_answer(connection: &mut tokio::net::TcpStream) -> (String, String) {
    let mut answer = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        let n = tokio::time::timeout(DEADLINE, connection.read(&mut chunk)).await.expect("an answer").expect("read");
        assert!(n > 0, "the connection was dropped: {:?}", String::from_utf8_lossy(&answer));
        answer.extend_from_slice(&chunk[..n]);
        let text = String::from_utf8_lossy(&answer).to_string();
        if let Some((head, body)) = text.split_once("\r\n\r\n") {
            let length: usize = head
                .lines()
                .find_map(|l| {
                    l.to_ascii_lowercase().strip_prefix("content-length: ").map(|v| v.trim().parse().unwrap())
                })
                .unwrap_or(0);
            if body.len() >= length {
                return (head.to_string(), body.to_string());
            }
        }
    }
}

/// The head of a login request whose body is `length` bytes long.
fn login_head(addr: std::net::SocketAddr, length: usize) -> String {
    format!(
        "POST /api/login HTTP/1.1\r\nHost: {addr}\r\nOrigin: http://{addr}\r\nContent-Type: application/json\r\nContent-Length: {length}\r\nConnection: close\r\n\r\n"
    )
}

pub async fn slow_bodies_and_slow_answers_are_408(backend: Backend) {
    // A body that stops coming: 408 after `http.body_timeout_secs` without data.
    let server = TestServer::start_with(backend, |config| {
        config.http.body_timeout_secs = 1;
        config.http.request_timeout_secs = 30;
    })
    .await;
    let addr = server.running.addr;
    let mut stalled = tokio::net::TcpStream::connect(addr).await.expect("connect");
    stalled.write_all(format!("{}{{\"username\":", login_head(addr, 100)).as_bytes()).await.expect("half a body");
    let (head, body) = read_one_answer(&mut stalled).await;
    assert!(head.starts_with("HTTP/1.1 408"), "{head}");
    assert!(serde_json::from_str::<serde_json::Value>(&body).expect("JSON")["error"].is_string(), "{body}");
    drop(server);

    // A body that trickles in, never idle for long: the whole request's time bounds it.
    let server = TestServer::start_with(backend, |config| {
        config.http.body_timeout_secs = 30;
        config.http.request_timeout_secs = 1;
    })
    .await;
    let addr = server.running.addr;
    let slow = tokio::net::TcpStream::connect(addr).await.expect("connect");
    let (mut reading, mut writing) = slow.into_split();
    writing.write_all(login_head(addr, 10_000).as_bytes()).await.expect("the head");
    let trickle = tokio::spawn(async move {
        for _ in 0..10_000 {
            if writing.write_all(b" ").await.is_err() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    });
    let mut answer = Vec::new();
    let _ = tokio::time::timeout(DEADLINE, reading.read_to_end(&mut answer)).await.expect("an answer in time");
    trickle.abort();
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");

    // A handler that does not answer in time: 408 too (a login waiting for a password check
    // that every permit holds).
    let passwords = server.running.state.passwords.clone();
    let held = passwords
        .permits()
        .clone()
        .acquire_many_owned(server.running.state.config.login.password_checks as u32)
        .await
        .expect("the permits");
    let r = server.anonymous().post("/api/login", &json!({ "username": "tech", "password": "tech" })).await;
    assert_eq!(r.status, 408, "{}", r.text);
    assert!(r.json["error"].is_string(), "{}", r.text);
    drop(held);
    assert_eq!(server.anonymous().get("/healthz").await.text, "ok");
}

pub async fn connections_beyond_the_cap_wait(backend: Backend) {
    let server = TestServer::start_with(backend, |config| {
        config.http.max_connections = 1;
        config.http.header_read_timeout_secs = 60;
    })
    .await;
    let addr = server.running.addr;
    // The one connection allowed, served and kept open.
    let mut first = tokio::net::TcpStream::connect(addr).await.expect("connect");
    let request = b"GET /healthz HTTP/1.1\r\nHost: vigie\r\n\r\n";
    first.write_all(request).await.expect("a request");
    let (head, body) = read_one_answer(&mut first).await;
    assert!(head.starts_with("HTTP/1.1 200") && body == "ok", "{head}{body}");
    // A second one is accepted by the system, not served: its request waits…
    let mut second = tokio::net::TcpStream::connect(addr).await.expect("the listen queue takes it");
    second.write_all(b"GET /healthz HTTP/1.1\r\nHost: vigie\r\nConnection: close\r\n\r\n").await.expect("a request");
    // …while the first is served again and again (had the second been taken, it would have
    // been answered meanwhile: this can only pass wrongly on a very slow machine, never
    // fail wrongly).
    for _ in 0..20 {
        first.write_all(request).await.expect("a request");
        let (head, _) = read_one_answer(&mut first).await;
        assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    }
    let mut peek = [0u8; 16];
    match second.try_read(&mut peek) {
        Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
        other => panic!("the second connection was served beyond the cap: {other:?}"),
    }
    // The first closed, the second is served.
    drop(first);
    let mut answer = String::new();
    tokio::time::timeout(DEADLINE, second.read_to_string(&mut answer)).await.expect("an answer").expect("read");
    assert!(answer.starts_with("HTTP/1.1 200") && answer.ends_with("ok"), "{answer}");
}
