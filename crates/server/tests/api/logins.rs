//! Logins under attack: counted before the password is checked, per account and address,
//! per address, per account and for everyone; checked in a bounded pool; on the server's
//! stopped clock, so that no result depends on how fast the machine checks passwords.

use serde_json::json;
use sqlx::Row;

use crate::harness::{Backend, Client, Response, TestServer};

/// A client that a trusted proxy (127.0.0.1 here) says is at `address`.
pub fn from(server: &TestServer, address: &str) -> Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("x-forwarded-for", address.parse().expect("an address"));
    let http = reqwest::Client::builder().default_headers(headers).build().expect("a client");
    Client { http, ..server.anonymous() }
}

async fn login(client: &Client, username: &str, password: &str) -> Response {
    client.post("/api/login", &json!({ "username": username, "password": password })).await
}

/// A server whose peers at 127.0.0.1 are a trusted reverse proxy, its clock stopped.
async fn behind_a_proxy(backend: Backend, configure: impl FnOnce(&mut vigie_server::config::Config)) -> TestServer {
    let server = TestServer::start_with(backend, |config| {
        config.trusted_proxies = vec!["127.0.0.1".parse().unwrap(), "::1".parse().unwrap()];
        configure(config);
    })
    .await;
    server.running.state.clock.freeze();
    server
}

fn retry_after(r: &Response) -> u64 {
    r.headers.get("retry-after").expect("Retry-After").to_str().unwrap().parse().expect("seconds")
}

pub async fn parallel_wrong_passwords_are_counted_before_any_is_checked(backend: Backend) {
    let server = behind_a_proxy(backend, |_| {}).await;
    let state = server.running.state.clone();
    let attacker = from(&server, "203.0.113.1");
    let checks = state.passwords.computed();
    // Thirty wrong passwords at once: three are checked (and fail), the others are refused
    // before any check, however the requests interleave.
    let answers = futures_util::future::join_all((0..30).map(|n| {
        let attacker = attacker.clone();
        async move { login(&attacker, "tech", &format!("guess {n}")).await }
    }))
    .await;
    let mut statuses: Vec<u16> = answers.iter().map(|r| r.status).collect();
    statuses.sort_unstable();
    assert_eq!(statuses.iter().filter(|s| **s == 401).count(), 3, "{statuses:?}");
    assert_eq!(statuses.iter().filter(|s| **s == 429).count(), 27, "{statuses:?}");
    assert_eq!(state.passwords.computed() - checks, 3, "password checks");
    for r in answers.iter().filter(|r| r.status == 429) {
        assert!(r.json["error"].as_str().unwrap().contains("try again"), "{}", r.text);
        assert!(retry_after(r) >= 1);
    }
    // The right password from there waits too, a second on the server's clock.
    let r = login(&attacker, "tech", "tech").await;
    assert_eq!((r.status, retry_after(&r)), (429, 1), "{}", r.text);
    state.clock.advance(chrono::TimeDelta::milliseconds(999));
    assert_eq!(login(&attacker, "tech", "tech").await.status, 429);
    state.clock.advance(chrono::TimeDelta::milliseconds(1));
    assert_eq!(login(&attacker, "tech", "tech").await.status, 200);
}

pub async fn one_password_tried_on_many_accounts_is_slowed(backend: Backend) {
    let server = behind_a_proxy(backend, |_| {}).await;
    let sprayer = from(&server, "198.51.100.7");
    // Ten accounts, one wrong password each: no account is locked, the address is.
    for n in 0..10 {
        assert_eq!(login(&sprayer, &format!("user{n}"), "Printemps2026!").await.status, 401, "user{n}");
    }
    let r = login(&sprayer, "user10", "Printemps2026!").await;
    assert_eq!((r.status, retry_after(&r)), (429, 1), "{}", r.text);
    // Even an account it knows the password of waits.
    assert_eq!(login(&sprayer, "tech", "tech").await.status, 429);
    // The waits double.
    server.running.state.clock.advance(chrono::TimeDelta::seconds(1));
    assert_eq!(login(&sprayer, "user11", "Printemps2026!").await.status, 401);
    let r = login(&sprayer, "user12", "Printemps2026!").await;
    assert_eq!((r.status, retry_after(&r)), (429, 2), "{}", r.text);
    // Others are not slowed by it.
    assert_eq!(login(&from(&server, "198.51.100.8"), "tech", "tech").await.status, 200);
}

pub async fn the_owner_gets_in_from_another_address(backend: Backend) {
    let server = behind_a_proxy(backend, |_| {}).await;
    let clock = server.running.state.clock.clone();
    let attacker = from(&server, "203.0.113.9");
    for _ in 0..3 {
        assert_eq!(login(&attacker, "admin", "wrong").await.status, 401);
    }
    assert_eq!(login(&attacker, "admin", "admin").await.status, 429);
    // The account is locked for that address, not for its owner's.
    assert_eq!(login(&from(&server, "192.0.2.10"), "admin", "admin").await.status, 200);
    // Guessing from many addresses: 20 failures on the account, wherever from, then every
    // try waits, a few seconds at most.
    for n in 0..17 {
        assert_eq!(login(&from(&server, &format!("203.0.113.{}", 100 + n)), "admin", "wrong").await.status, 401);
    }
    let owner = from(&server, "192.0.2.11");
    let r = login(&owner, "admin", "admin").await;
    assert_eq!(r.status, 429, "{}", r.text);
    assert!(retry_after(&r) <= 5, "{}", retry_after(&r));
    clock.advance(chrono::TimeDelta::seconds(retry_after(&r) as i64));
    assert_eq!(login(&owner, "admin", "admin").await.status, 200);
}

pub async fn failed_logins_of_everyone_are_capped_per_minute(backend: Backend) {
    let server = behind_a_proxy(backend, |config| config.login.failed_per_minute = 5).await;
    let clock = server.running.state.clock.clone();
    for n in 0..5 {
        assert_eq!(login(&from(&server, &format!("203.0.113.{n}")), "nobody", "x").await.status, 401);
    }
    let r = login(&from(&server, "192.0.2.1"), "tech", "tech").await;
    assert_eq!(r.status, 429, "{}", r.text);
    let wait = retry_after(&r);
    assert!((1..=60).contains(&wait), "{wait}");
    clock.advance(chrono::TimeDelta::seconds(wait as i64));
    assert_eq!(login(&from(&server, "192.0.2.1"), "tech", "tech").await.status, 200);
}

pub async fn password_checks_wait_in_a_bounded_queue(backend: Backend) {
    let server = behind_a_proxy(backend, |config| {
        config.login.password_checks = 1;
        config.login.queue = 2;
    })
    .await;
    let passwords = server.running.state.passwords.clone();
    // Every check is taken: two logins wait their turn, a third is told to come back.
    let held = passwords.permits().clone().acquire_owned().await.expect("the permit");
    let waiting: Vec<_> = (0..2)
        .map(|n| {
            let client = from(&server, &format!("192.0.2.{}", 20 + n));
            tokio::spawn(async move { login(&client, "tech", "tech").await })
        })
        .collect();
    crate::notifications::eventually("two logins in the queue", std::time::Duration::from_secs(30), || {
        std::future::ready((passwords.waiting() == 2).then_some(()))
    })
    .await;
    let r = login(&from(&server, "192.0.2.30"), "supervisor", "supervisor").await;
    assert_eq!((r.status, retry_after(&r)), (503, 1), "{}", r.text);
    assert!(r.json["error"].as_str().unwrap().contains("busy"), "{}", r.text);
    drop(held);
    for login in waiting {
        assert_eq!(login.await.expect("the login").status, 200);
    }
    // The refused login was not counted as a failure: it gets in at once.
    assert_eq!(login(&from(&server, "192.0.2.30"), "supervisor", "supervisor").await.status, 200);
}

pub async fn long_usernames_fail_and_are_never_stored(backend: Backend) {
    let server = TestServer::start(backend).await;
    let anonymous = server.anonymous();
    for length in [65, 60_000] {
        let r = login(&anonymous, &"a".repeat(length), "x").await;
        assert_eq!(r.status, 401, "{length}: {}", r.text);
    }
    let rows = sqlx::query("SELECT key, username FROM login_throttle")
        .fetch_all(server.running.state.db.pool())
        .await
        .expect("counters");
    for row in &rows {
        let key: String = row.try_get("key").unwrap();
        let username: Option<String> = row.try_get("username").unwrap();
        assert!(key.len() < 100 && username.is_none(), "{key}");
    }
    let admin = server.login("admin").await;
    let user = |username: String| json!({ "username": username, "display_name": "X", "role": "technician", "password": "un mot de passe long" });
    let r = admin.post("/api/admin/users", &user("a".repeat(65))).await;
    assert_eq!((r.status, r.json["field"].as_str()), (422, Some("username")), "{}", r.text);
    let r = admin.post("/api/admin/users", &user("é".repeat(64))).await;
    assert_eq!(r.status, 201, "{}", r.text);
    // A password may not be the username.
    let r = admin.post("/api/admin/users", &json!({ "username": "un identifiant long", "display_name": "X", "role": "technician", "password": "un identifiant long" })).await;
    assert_eq!((r.status, r.json["field"].as_str()), (422, Some("password")), "{}", r.text);
}

pub async fn expired_sessions_and_old_failures_are_purged(backend: Backend) {
    let server = TestServer::start(backend).await;
    let state = server.running.state.clone();
    state.clock.freeze();
    let tech = server.login("tech").await;
    assert_eq!(login(&server.anonymous(), "tech", "wrong").await.status, 401);
    let count = |table: &'static str| {
        let state = state.clone();
        async move {
            sqlx::query(&format!("SELECT COUNT(*) AS n FROM {table}"))
                .fetch_one(state.db.pool())
                .await
                .unwrap()
                .try_get::<i64, _>("n")
                .unwrap()
        }
    };
    assert_eq!(vigie_server::housekeeping::purge(&state).await.unwrap(), vigie_server::housekeeping::Purged::default());
    assert!(count("login_throttle").await > 0);
    // Fifteen minutes on: the failures are forgotten. Fourteen days on: the session expired.
    state.clock.advance(chrono::TimeDelta::minutes(16));
    let purged = vigie_server::housekeeping::purge(&state).await.unwrap();
    assert_eq!(purged.sessions, 0);
    assert!(purged.login_counters > 0);
    assert_eq!(count("login_throttle").await, 0);
    assert_eq!(tech.get("/api/me").await.status, 200);
    state.clock.advance(chrono::TimeDelta::days(14));
    assert_eq!(tech.get("/api/me").await.status, 401);
    let purged = vigie_server::housekeeping::purge(&state).await.unwrap();
    assert!(purged.sessions >= 1, "{purged:?}");
    assert_eq!(count("sessions").await, 0);
}

/// The `name=value` of the device cookie a login sets; asserts its attributes.
fn device_of(r: &Response) -> String {
    let cookie = r
        .headers
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().expect("ASCII"))
        .find(|c| c.starts_with("__Host-vigie_device="))
        .unwrap_or_else(|| panic!("a device cookie in {:?}", r.headers))
        .to_string();
    for attribute in ["Path=/", "Secure", "HttpOnly", "SameSite=Strict", "Max-Age=31536000"] {
        assert!(cookie.split("; ").any(|a| a == attribute), "{attribute} in {cookie}");
    }
    cookie.split(';').next().expect("name=value").to_string()
}

/// A client at `address` presenting a cookie.
fn with_cookie(server: &TestServer, address: &str, cookie: &str) -> Client {
    Client { cookie: Some(cookie.to_string()), ..from(server, address) }
}

pub async fn the_owner_with_his_device_gets_in_during_an_attack(backend: Backend) {
    // Everyone's failures capped at 25 a minute, so that the attack fills the minute too.
    let server = behind_a_proxy(backend, |config| config.login.failed_per_minute = 25).await;
    let clock = server.running.state.clock.clone();
    // At the start of a minute of the server's clock, so that the attack stays in it.
    let into_minute = clock.now().timestamp_millis().rem_euclid(60_000);
    clock.advance(chrono::TimeDelta::milliseconds(60_000 - into_minute));
    // The owner logged in from his laptop once: it is now a device of his.
    let r = login(&from(&server, "192.0.2.50"), "admin", "admin").await;
    assert_eq!(r.status, 200, "{}", r.text);
    let device = device_of(&r);
    // An attack from many addresses: 20 failures, then every try the account allows (one
    // after 1, 2, 4 then 5 s) is the attacker's, until everyone's minute is full.
    for n in 0..20 {
        assert_eq!(login(&from(&server, &format!("203.0.113.{n}")), "admin", "wrong").await.status, 401);
    }
    let mut attacker = 20;
    let mut waits = Vec::new();
    loop {
        let r = login(&from(&server, &format!("203.0.113.{attacker}")), "admin", "wrong").await;
        if r.status == 401 {
            attacker += 1;
            continue;
        }
        assert_eq!(r.status, 429, "{}", r.text);
        // The owner on a new device waits as everyone does…
        let r = login(&from(&server, "192.0.2.51"), "admin", "admin").await;
        assert_eq!(r.status, 429, "{}", r.text);
        // …and with his device's cookie gets in at once, from anywhere.
        let owner = with_cookie(&server, "198.51.100.60", &device);
        let r = login(&owner, "admin", "admin").await;
        assert_eq!(r.status, 200, "with the device cookie, during the attack: {}", r.text);
        assert_eq!(device_of(&r), device, "the device keeps its name");
        if attacker == 25 {
            break;
        }
        let wait = retry_after(&r_wait(&server).await);
        waits.push(wait);
        clock.advance(chrono::TimeDelta::seconds(wait as i64));
    }
    assert_eq!(waits, [1, 2, 4, 5, 5], "the account's waits");
    // Everyone's minute is full: a login without the cookie waits for the next minute…
    let r = login(&from(&server, "192.0.2.52"), "supervisor", "supervisor").await;
    assert_eq!(r.status, 429, "{}", r.text);
    assert!(retry_after(&r) > 5, "{}", retry_after(&r));
    // …the owner's device does not.
    assert_eq!(login(&with_cookie(&server, "192.0.2.53", &device), "admin", "admin").await.status, 200);
    // The cookie is the owner's only: for another account, it counts for nothing.
    let r = login(&with_cookie(&server, "192.0.2.54", &device), "tech", "tech").await;
    assert_eq!(r.status, 429, "{}", r.text);
    // A forged cookie counts for nothing either.
    let forged = format!("{}0", &device[..device.len() - 1]);
    let forged = if forged == device { format!("{}1", &device[..device.len() - 1]) } else { forged };
    assert_eq!(login(&with_cookie(&server, "192.0.2.55", &forged), "admin", "admin").await.status, 429);
    // Wrong passwords with the cookie are counted on the device: 5, then it waits too.
    let thief = with_cookie(&server, "203.0.113.200", &device);
    for _ in 0..5 {
        assert_eq!(login(&thief, "admin", "wrong").await.status, 401);
    }
    let r = login(&thief, "admin", "admin").await;
    assert_eq!((r.status, retry_after(&r)), (429, 1), "{}", r.text);
    // The attack over, the owner without his device gets in after the documented waits: the
    // account's 5 s at most, and everyone's minute.
    clock.advance(chrono::TimeDelta::seconds(60));
    assert_eq!(login(&from(&server, "192.0.2.56"), "admin", "admin").await.status, 200);
}

/// How long the account under attack makes the next try wait, as a new device sees it.
async fn r_wait(server: &TestServer) -> Response {
    let r = login(&from(server, "192.0.2.99"), "admin", "admin").await;
    assert_eq!(r.status, 429, "{}", r.text);
    r
}

pub async fn an_ipv6_network_is_one_address(backend: Backend) {
    let server = behind_a_proxy(backend, |_| {}).await;
    // Ten accounts from ten addresses of one /64: the network is slowed as one address.
    for n in 0..10 {
        let client = from(&server, &format!("2001:db8:1:2::{:x}", n + 1));
        assert_eq!(login(&client, &format!("user{n}"), "Printemps2026!").await.status, 401, "user{n}");
    }
    let r = login(&from(&server, "2001:db8:1:2:ffff::1"), "user10", "Printemps2026!").await;
    assert_eq!((r.status, retry_after(&r)), (429, 1), "{}", r.text);
    // Another network is not.
    assert_eq!(login(&from(&server, "2001:db8:1:3::1"), "tech", "tech").await.status, 200);
}
