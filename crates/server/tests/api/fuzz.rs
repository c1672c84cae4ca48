//! Random input on every route: random JSON, random bytes, random Unicode, oversized
//! fields, NUL characters, wrong methods and content types, ids that are no ids. Every
//! answer must be a success or the client's error (never 5xx, never a dropped
//! connection), API errors in the JSON shape `{"error": "...", "field": ...}`, and the
//! server must stay up. The generator is seeded: a failure replays the same requests.
//! `VIGIE_FUZZ_SEED` and `VIGIE_FUZZ_ROUNDS` (20) try others, and more.

use serde_json::{json, Map, Value};

use crate::harness::{Backend, TestServer};

/// A small deterministic generator (SplitMix64): no dependency, the same sequence for a
/// seed on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn percent(&mut self, p: usize) -> bool {
        self.below(100) < p
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// A character from a script chosen at random, controls and NUL included.
    fn char(&mut self) -> char {
        const SAMPLES: &[char] = &[
            'a',
            'Z',
            '0',
            ' ',
            '"',
            '\\',
            '\'',
            '<',
            '%',
            '\0',
            '\u{1}',
            '\n',
            '\t',
            '\u{7f}',
            'é',
            'ß',
            'İ',
            'ı',
            'Ⱥ',
            'ⱥ',
            'Ω',
            'ﬀ',
            'Σ',
            'ς',
            '\u{301}',
            '\u{200B}',
            '\u{200F}',
            '\u{202E}',
            '\u{FEFF}',
            '\u{FFFD}',
            '\u{FFFF}',
            '日',
            '😀',
            '\u{10FFFF}',
            '\u{E000}',
        ];
        if self.percent(70) {
            *self.pick(SAMPLES)
        } else {
            char::from_u32(self.below(0x11_0000) as u32).unwrap_or('\u{FFFD}')
        }
    }

    fn string(&mut self) -> String {
        let length = match self.below(10) {
            0 => 0,
            1 => 20_000 + self.below(15_000),
            2 => 70 + self.below(200),
            _ => self.below(24),
        };
        let mut s: String = (0..length).map(|_| self.char()).collect();
        if self.percent(5) {
            s.push('\0');
        }
        s
    }

    fn number(&mut self) -> Value {
        match self.below(8) {
            0 => json!(i64::MAX),
            1 => json!(i64::MIN),
            2 => json!(u64::MAX),
            3 => json!(-1),
            4 => json!(0),
            5 => json!(1.5e300),
            6 => json!(self.below(10)),
            _ => json!(self.next() as i64),
        }
    }

    fn json(&mut self, depth: usize) -> Value {
        match self.below(if depth > 3 { 4 } else { 7 }) {
            0 => Value::Null,
            1 => Value::Bool(self.percent(50)),
            2 => self.number(),
            3 => Value::String(self.string()),
            4 => Value::Array((0..self.below(4)).map(|_| self.json(depth + 1)).collect()),
            _ => Value::Object((0..self.below(4)).map(|_| (self.string(), self.json(depth + 1))).collect()),
        }
    }

    /// A valid shape with some of its values replaced, removed or added to.
    fn mutate(&mut self, value: &Value) -> Value {
        if self.percent(15) {
            return self.json(2);
        }
        match value {
            Value::Object(map) => {
                let mut out = Map::new();
                for (k, v) in map {
                    if !self.percent(10) {
                        out.insert(k.clone(), self.mutate(v));
                    }
                }
                if self.percent(10) {
                    out.insert(self.string(), self.json(2));
                }
                Value::Object(out)
            }
            Value::Array(items) => Value::Array(items.iter().map(|v| self.mutate(v)).collect()),
            Value::String(_) if self.percent(60) => Value::String(self.string()),
            Value::Number(_) if self.percent(50) => self.number(),
            other => other.clone(),
        }
    }

    fn bytes(&mut self) -> Vec<u8> {
        match self.below(4) {
            // Deep nesting.
            0 => "[".repeat(1000 + self.below(100_000)).into_bytes(),
            // JSON, then garbage.
            1 => format!("{{\"a\": 1}}{}", self.string()).into_bytes(),
            _ => (0..self.below(3000)).map(|_| self.next() as u8).collect(),
        }
    }

    /// An id from the path: a real one, or anything.
    fn id(&mut self, real: &[i64]) -> String {
        match self.below(8) {
            0..=3 => self.pick(real).to_string(),
            4 => i64::MAX.to_string(),
            5 => "-1".into(),
            6 => "99999999999999999999".into(),
            _ => percent_encode(&self.string().chars().take(200).collect::<String>()),
        }
    }

    /// A query string; its texts are short, as a URL's are (a head too large for the
    /// HTTP layer is another matter than the API's input).
    fn query(&mut self, names: &[&str]) -> String {
        let mut pairs = Vec::new();
        for _ in 0..self.below(4) {
            let short = |rng: &mut Rng| rng.string().chars().take(200).collect::<String>();
            let name = if self.percent(80) && !names.is_empty() { self.pick(names).to_string() } else { short(self) };
            let value = match self.below(4) {
                0 => self.number().to_string(),
                _ => short(self),
            };
            pairs.push(format!("{}={}", percent_encode(&name), percent_encode(&value)));
        }
        pairs.join("&")
    }
}

fn percent_encode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b == b'-' || b == b'_' {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// A route: method, path (with `{id}` and `{contract}`), a valid body to start from, the
/// query parameters it knows.
struct Route {
    method: reqwest::Method,
    path: &'static str,
    body: Option<Value>,
    query: &'static [&'static str],
}

fn route(method: reqwest::Method, path: &'static str, body: Option<Value>, query: &'static [&'static str]) -> Route {
    Route { method, path, body, query }
}

/// Checks one answer: a success or the client's error, API errors as JSON.
fn check(what: &str, status: u16, text: &str) {
    assert!((200..300).contains(&status) || (400..500).contains(&status), "{what}: {status} {text}");
    if status >= 400 {
        let error: Value =
            serde_json::from_str(text).unwrap_or_else(|e| panic!("{what}: {status}, not JSON ({e}): {text:?}"));
        assert!(error["error"].is_string(), "{what}: {status} {text}");
        assert!(error.get("field").is_none_or(|f| f.is_null() || f.is_string()), "{what}: {status} {text}");
        assert!(error.as_object().unwrap().keys().all(|k| k == "error" || k == "field"), "{what}: {status} {text}");
    }
}

pub async fn random_input_never_breaks_the_server(backend: Backend) {
    // Behind a proxy at 127.0.0.1, so that the last login comes from an address of its own.
    let server =
        TestServer::start_with(backend, |config| config.trusted_proxies = vec!["127.0.0.1".parse().unwrap()]).await;
    let anonymous = server.anonymous();
    let client = server.login("client").await;
    let tech = server.login("tech").await;
    let admin = server.login("admin").await;
    let site = server.site_of(&client, "Demo Client").await;
    let token = vigie_server::auth::issue_api_token(&server.running.state, "Demo Client").await.expect("token");
    // Something to act on: an incident with its post-mortem draft, a review, and an
    // account of its own for the routes that change accounts.
    let p1 = client.report(site, "Plus aucune caméra ne fonctionne").await["id"].as_i64().unwrap();
    let again = client.report(site, "Plus aucune caméra ne fonctionne, encore").await["id"].as_i64().unwrap();
    tech.post_empty(&format!("/api/incidents/{p1}/acknowledge")).await;
    let resolution = json!({ "root_cause": "Switch PoE", "actions": "Remplacé", "security_data_impact": "Aucun", "personal_data_lost": false });
    assert_eq!(tech.post(&format!("/api/incidents/{p1}/resolve"), &resolution).await.status, 200);
    let postmortem = tech.get(&format!("/api/incidents/{p1}/postmortem")).await.json;
    let review = client.get("/api/reviews").await.json[0]["id"].as_i64().unwrap_or(1);
    let spare = admin.post("/api/admin/users", &json!({ "username": "spare", "display_name": "Spare", "role": "technician", "password": "un mot de passe long" })).await;
    let spare = spare.json["id"].as_i64().expect("the spare account");
    let organisation = client.get("/api/me").await.json["organisation_id"].as_i64().unwrap();
    let policy = serde_json::to_value(vigie_engine::Policy::for_contract(vigie_engine::Contract::Standard)).unwrap();
    let ids = [p1, again, postmortem["id"].as_i64().unwrap(), review, site, organisation, 999_999, 0];
    use reqwest::Method as M;
    let routes = vec![
        route(M::POST, "/api/login", Some(json!({ "username": "nobody", "password": "x" })), &[]),
        route(M::POST, "/api/logout", None, &[]),
        route(M::GET, "/api/me", None, &[]),
        route(M::PUT, "/api/me/lang", Some(json!({ "lang": "en" })), &[]),
        route(M::GET, "/api/time", None, &[]),
        route(M::GET, "/api/sites", None, &[]),
        route(
            M::PUT,
            "/api/sites/{id}/technical-contact",
            Some(
                json!({ "contact": { "kind": "technical", "name": "A", "email": "a@b.fr", "phone": "+33612345678" } }),
            ),
            &[],
        ),
        route(M::GET, "/api/organisations/{id}/contacts", None, &[]),
        route(
            M::PUT,
            "/api/organisations/{id}/contacts",
            Some(json!({ "contacts": [{ "kind": "technical", "name": "A", "email": "a@b.fr", "phone": "" }] })),
            &[],
        ),
        route(
            M::GET,
            "/api/incidents",
            None,
            &["state", "priority", "site_id", "organisation_id", "limit", "assignee"],
        ),
        route(
            M::POST,
            "/api/incidents",
            Some(
                json!({ "site_id": site, "description": "Caméra HS", "answers": { "system": "video", "scope": "single", "sensitive_zone": false, "unauthorized_access_possible": false, "intrusion_detected": false, "recording_lost": false, "symptom": "down" }, "on_site_required": true, "priority": "P2", "priority_reason": "x", "source": "phone", "reported_at": "2026-01-01T10:00:00+01:00" }),
            ),
            &[],
        ),
        route(M::GET, "/api/incidents/{id}", None, &[]),
        route(M::GET, "/api/incidents/{id}/events", None, &[]),
        route(M::POST, "/api/incidents/{id}/acknowledge", Some(json!({ "note": "x" })), &[]),
        route(M::POST, "/api/incidents/{id}/dispatch", Some(json!({ "note": "x" })), &[]),
        route(M::POST, "/api/incidents/{id}/on-site", Some(json!({ "note": "x" })), &[]),
        route(M::POST, "/api/incidents/{id}/on-site-needed", Some(json!({ "needed": true, "reason": "x" })), &[]),
        route(
            M::POST,
            "/api/incidents/{id}/plan-intervention",
            Some(json!({ "planned_for": "2026-01-02T10:00:00+01:00", "reason": "x" })),
            &[],
        ),
        route(
            M::POST,
            "/api/incidents/{id}/data-loss",
            Some(json!({ "known_at": "2026-01-01T10:00:00+01:00", "description": "x" })),
            &[],
        ),
        route(
            M::POST,
            "/api/incidents/{id}/gdpr-notice",
            Some(
                json!({ "nature": "x", "data_categories": ["vidéo"], "people_estimate": 10, "records_estimate": 5, "consequences": "x", "measures": "x", "contact": "x" }),
            ),
            &[],
        ),
        route(
            M::POST,
            "/api/incidents/{id}/type",
            Some(json!({ "system": "video", "symptom": "down", "reason": "x" })),
            &[],
        ),
        route(M::POST, "/api/incidents/{id}/confirm", None, &[]),
        route(M::POST, "/api/incidents/{id}/reopen", Some(json!({ "reason": "x" })), &[]),
        route(M::POST, "/api/incidents/{id}/satisfaction", Some(json!({ "score": 4, "comment": "x" })), &[]),
        route(M::GET, "/api/incidents/{id}/messages", None, &[]),
        route(M::POST, "/api/incidents/{id}/updates", Some(json!({ "message": "x" })), &[]),
        route(M::POST, "/api/incidents/{id}/reclassify", Some(json!({ "priority": "P3", "reason": "x" })), &[]),
        route(M::POST, "/api/incidents/{id}/resolve", Some(resolution.clone()), &[]),
        route(M::POST, "/api/incidents/{id}/close", Some(json!({ "note": "x" })), &[]),
        route(M::POST, "/api/incidents/{id}/assign", Some(json!({ "user_id": 1 })), &[]),
        route(M::GET, "/api/staff", None, &[]),
        route(M::POST, "/api/incidents/{id}/messages", Some(json!({ "text": "x", "internal": false })), &[]),
        route(M::GET, "/api/incidents/{id}/attachments", None, &[]),
        route(M::POST, "/api/incidents/{id}/attachments", None, &[]),
        route(M::GET, "/api/attachments/{id}", None, &[]),
        route(M::GET, "/api/incidents/{id}/postmortem", None, &[]),
        route(M::GET, "/api/postmortems", None, &[]),
        route(M::GET, "/api/postmortems/{id}", None, &[]),
        route(M::PUT, "/api/postmortems/{id}", Some(postmortem["document"].clone()), &[]),
        route(M::POST, "/api/postmortems/{id}/publish", None, &[]),
        route(M::GET, "/api/reviews", None, &[]),
        route(
            M::PUT,
            "/api/reviews/{id}",
            Some(json!({ "owner_id": 1, "status": "in_progress", "findings": "x" })),
            &[],
        ),
        route(
            M::PUT,
            "/api/reviews/{id}/proposal",
            Some(json!({ "description": "x", "estimated_cost_eur": 10, "status": "proposed" })),
            &[],
        ),
        route(M::GET, "/api/lessons", None, &["system", "symptom", "q"]),
        route(M::GET, "/api/oncall", None, &[]),
        route(
            M::PUT,
            "/api/oncall/week",
            Some(json!({ "slots": [{ "weekday": 1, "start": "18:00", "end": "23:00", "user_id": 1 }] })),
            &[],
        ),
        route(
            M::POST,
            "/api/oncall/exceptions",
            Some(json!({ "from": "2027-03-15T18:00:00+01:00", "to": "2027-03-16T08:00:00+01:00", "user_id": 1 })),
            &[],
        ),
        route(M::DELETE, "/api/oncall/exceptions/{id}", None, &[]),
        route(M::GET, "/api/admin/organisations", None, &[]),
        route(
            M::POST,
            "/api/admin/organisations",
            Some(
                json!({ "name": "Org", "contract": "standard", "contacts": [{ "kind": "technical", "name": "A", "email": "a@b.fr", "phone": "+33612345678" }], "anonymous_lessons": true, "policy": policy }),
            ),
            &[],
        ),
        route(M::PUT, "/api/admin/organisations/{id}", Some(json!({ "name": "Org", "contract": "premium" })), &[]),
        route(M::POST, "/api/admin/organisations/{id}/token", None, &[]),
        route(M::DELETE, "/api/admin/organisations/{id}/token", None, &[]),
        route(
            M::POST,
            "/api/admin/sites",
            Some(
                json!({ "organisation_id": organisation, "name": "Site", "address": "x", "calendar": { "time_zone": "Europe/Paris", "holidays": "FR", "hours": { "mon": [["08:00", "18:00"]] }, "closed_dates": ["2026-12-24"] }, "sensitive_zones": ["x"] }),
            ),
            &[],
        ),
        route(
            M::PUT,
            "/api/admin/sites/{id}",
            Some(json!({ "organisation_id": organisation, "name": "Site", "calendar": {} })),
            &[],
        ),
        route(M::GET, "/api/admin/users", None, &[]),
        route(
            M::POST,
            "/api/admin/users",
            Some(
                json!({ "username": "u", "display_name": "U", "role": "client", "organisation_id": organisation, "email": "u@x.fr", "password": "un mot de passe long" }),
            ),
            &[],
        ),
        route(M::PUT, "/api/admin/users/{user}/password", Some(json!({ "password": "un mot de passe long" })), &[]),
        route(M::POST, "/api/admin/users/{user}/invite", None, &[]),
        route(
            M::POST,
            "/api/invitations/accept",
            Some(json!({ "token": "0123abcd", "password": "un mot de passe long" })),
            &[],
        ),
        route(M::POST, "/api/admin/users/{user}/deactivate", None, &[]),
        route(M::GET, "/api/admin/audit", None, &[]),
        route(M::GET, "/api/admin/policies", None, &[]),
        route(M::PUT, "/api/admin/policies/{contract}", Some(policy.clone()), &[]),
        route(M::DELETE, "/api/admin/policies/{contract}", None, &[]),
        route(M::GET, "/api/reports/sla", None, &["organisation", "month", "format"]),
        route(
            M::POST,
            "/api/ingest/alertmanager",
            Some(
                json!({ "alerts": [{ "status": "firing", "fingerprint": "f", "labels": { "site": "Siège Paris" }, "annotations": { "summary": "x", "description": "y" } }] }),
            ),
            &[],
        ),
        route(M::GET, "/api/events", None, &["last_event_id"]),
        route(M::GET, "/api/nothing-here", None, &[]),
        route(M::GET, "/metrics", None, &[]),
        route(M::GET, "/healthz", None, &[]),
    ];
    every_route_is_in_the_battery(&routes);
    let callers = [&anonymous, &client, &tech, &admin];
    let seed =
        std::env::var("VIGIE_FUZZ_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(0x5EED_0011 + backend as u64);
    let rounds: usize = std::env::var("VIGIE_FUZZ_ROUNDS").ok().and_then(|s| s.parse().ok()).unwrap_or(20);
    let mut rng = Rng(seed);
    let mut statuses = std::collections::BTreeMap::<u16, usize>::new();
    for round in 0..rounds {
        for route in &routes {
            // Logging out would end a session the next routes need: only nobody logs out.
            let caller = if route.path == "/api/logout" { &anonymous } else { *rng.pick(&callers) };
            let mut path = route.path.replace("{id}", &rng.id(&ids)).replace("{user}", &rng.id(&[spare, 999_999]));
            let contracts = ["essential", "standard", "premium", "gold", "Premium"];
            let contract = *rng.pick(&contracts);
            path = path.replace("{contract}", contract);
            if rng.percent(40) {
                path = format!("{path}?{}", rng.query(route.query));
            }
            let method = if rng.percent(8) {
                rng.pick(&[M::GET, M::POST, M::PUT, M::DELETE, M::PATCH]).clone()
            } else {
                route.method.clone()
            };
            let mut request = caller.request(method.clone(), &path);
            if route.path == "/api/ingest/alertmanager" && rng.percent(80) {
                request = request.bearer_auth(&token);
            }
            if route.path == "/metrics" {
                request = request.bearer_auth(crate::harness::METRICS_TOKEN);
            }
            if rng.percent(10) {
                let key: String = (0..rng.below(300)).map(|_| (b'!' + rng.below(94) as u8) as char).collect();
                request = request.header("idempotency-key", key);
            }
            let body = match (&route.body, rng.below(10)) {
                (_, 0) => Some(rng.bytes()),
                (_, 1) => Some(serde_json::to_vec(&rng.json(0)).unwrap()),
                (Some(template), 2..=8) => Some(serde_json::to_vec(&rng.mutate(template)).unwrap()),
                (Some(template), _) => Some(serde_json::to_vec(template).unwrap()),
                (None, _) => None,
            };
            if let Some(body) = body {
                let content_type = *rng.pick(&[
                    "application/json",
                    "application/json",
                    "application/json",
                    "text/plain",
                    "application/json; charset=utf-8",
                    "",
                ]);
                if !content_type.is_empty() {
                    request = request.header("content-type", content_type);
                }
                request = request.body(body);
            }
            if rng.percent(5) {
                request = request.header("last-event-id", rng.number().to_string());
            }
            let what = format!(
                "seed {seed}, round {round}, {method} {path} as {:?}",
                caller.cookie.as_deref().map(|c| &c[..c.len().min(24)])
            );
            let response = request.send().await.unwrap_or_else(|e| panic!("{what}: no answer: {e}"));
            let status = response.status().as_u16();
            // An event stream that opened is not read to its end.
            let text = if route.path == "/api/events" && status == 200 {
                String::new()
            } else {
                response.text().await.unwrap_or_else(|e| panic!("{what}: {e}"))
            };
            check(&what, status, &text);
            *statuses.entry(status).or_default() += 1;
        }
    }
    eprintln!("{backend:?}: fuzz seed {seed}, {rounds} rounds, answers by status: {statuses:?}");
    // Still up, still serving, still logging people in.
    assert_eq!(anonymous.get("/healthz").await.text, "ok");
    let fresh = crate::logins::from(&server, "192.0.2.99");
    let r = fresh.post("/api/login", &json!({ "username": "supervisor", "password": "supervisor" })).await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert!(statuses.values().sum::<usize>() >= rounds * routes.len());
}

/// The routes the router declares, as `(METHOD, path)` with every path parameter written
/// `{}`: read from the source of [`vigie_server::http::app`] and of each module's
/// `router()`, so that a route added there and not here fails the battery.
fn declared_routes() -> std::collections::BTreeSet<(String, String)> {
    let mut declared = std::collections::BTreeSet::new();
    let source = include_str!("../../src/http.rs");
    let start = source.find("pub fn app(").expect("the router's function");
    let end = start + source[start..].find("\npub fn guard").expect("the end of the router's function");
    let app = &source[start..end];
    // The routes declared before the top-level router are nested under `/api`.
    let top_level = app.find("let router = Router::new()").expect("the top-level router");
    routes_in(&app[..top_level], "/api", &mut declared);
    routes_in(&app[top_level..], "", &mut declared);
    // Each module gives the routes of what it holds, nested under `/api`.
    for source in [
        include_str!("../../src/account.rs"),
        include_str!("../../src/sites.rs"),
        include_str!("../../src/contacts.rs"),
        include_str!("../../src/incidents/routes.rs"),
        include_str!("../../src/messages.rs"),
        include_str!("../../src/attachments.rs"),
        include_str!("../../src/postmortems.rs"),
        include_str!("../../src/lessons.rs"),
        include_str!("../../src/reviews.rs"),
        include_str!("../../src/invitations.rs"),
        include_str!("../../src/admin/mod.rs"),
        include_str!("../../src/oncall/rota.rs"),
        include_str!("../../src/reports/mod.rs"),
        include_str!("../../src/events/sse.rs"),
        include_str!("../../src/ingest.rs"),
    ] {
        let start = source.find("pub fn router(").expect("a module's router function");
        let end = start + source[start..].find("\n}\n").expect("the end of the router function");
        routes_in(&source[start..end], "/api", &mut declared);
    }
    declared
}

/// The `(METHOD, path)` of every `.route(…)` in a router's source, the path after `prefix`.
fn routes_in(source: &str, prefix: &str, declared: &mut std::collections::BTreeSet<(String, String)>) {
    let mut offset = 0;
    while let Some(found) = source[offset..].find(".route(") {
        let at = offset + found + ".route(".len();
        let next = source[at..].find(".route(").map_or(source.len(), |n| at + n);
        let chunk = &source[at..next];
        let path = chunk.split('"').nth(1).expect("a route's path");
        for method in ["get", "post", "put", "delete", "patch"] {
            let call = format!("{method}(");
            let mut from = 0;
            while let Some(i) = chunk[from..].find(&call) {
                let i = from + i;
                let before = chunk[..i].chars().next_back();
                if !before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                    declared.insert((method.to_uppercase(), normalise(&format!("{prefix}{path}"))));
                }
                from = i + call.len();
            }
        }
        offset = next;
    }
}

/// A path with each `{parameter}` written `{}`.
fn normalise(path: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for c in path.chars() {
        match c {
            '{' => {
                inside = true;
                out.push_str("{}");
            }
            '}' => inside = false,
            _ if !inside => out.push(c),
            _ => {}
        }
    }
    out
}

/// Every route of the router is in the battery, and the battery has no route the router
/// does not declare (but the one that tries a path nobody serves).
fn every_route_is_in_the_battery(routes: &[Route]) {
    let declared = declared_routes();
    assert!(declared.len() > 50, "the router's routes were not read: {declared:?}");
    let fuzzed: std::collections::BTreeSet<(String, String)> =
        routes.iter().map(|r| (r.method.to_string(), normalise(r.path))).collect();
    let missing: Vec<_> = declared.difference(&fuzzed).collect();
    assert!(missing.is_empty(), "routes of the router missing from the fuzz battery: {missing:?}");
    let unknown: Vec<_> = fuzzed.difference(&declared).filter(|(_, p)| p != "/api/nothing-here").collect();
    assert!(unknown.is_empty(), "routes of the battery the router does not declare: {unknown:?}");
}
