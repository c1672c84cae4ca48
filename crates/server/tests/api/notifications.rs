//! Notifications delivered for real: a real SMTP server (Python's aiosmtpd) and a stand-in
//! SMS gateway over HTTP, both on 127.0.0.1; retries with backoff; the timeline records
//! every delivery and every failure.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use tokio::io::AsyncBufReadExt;
use vigie_server::config::{Config, Sms, Smtp, SmtpTls};

use crate::harness::{fresh_database, temp_dir, Backend, Client, TestServer};

/// How long a message may take to go through: a deadline on a busy machine, never a
/// measure.
const DEADLINE: Duration = Duration::from_secs(30);

/// A port nothing listened on a moment ago: another process may take it before the caller
/// binds it, so a caller retries with another when it is taken.
fn unused_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
    listener.local_addr().expect("local addr").port()
}

/// Waits until the SMTP server has received every email the outbox records as delivered,
/// and no more: aiosmtpd prints each message before it answers, but the pipe may lag.
/// After [`outbox_settled`], the messages received are then exactly those sent.
pub async fn all_delivered_received(smtp: &mut SmtpServer, state: &vigie_server::state::AppState) {
    let row = sqlx::query("SELECT COUNT(*) AS n FROM outbox WHERE channel = 'email' AND status = 'delivered'")
        .fetch_one(state.db.pool())
        .await
        .expect("the outbox");
    let delivered = vigie_server::db::get::<i64>(&row, "n").expect("a count") as usize;
    smtp.wait_until(&format!("the {delivered} emails delivered"), |mails| mails.len() >= delivered).await;
    assert_eq!(smtp.mails.len(), delivered, "more emails received than delivered: {:#?}", smtp.mails);
}

/// Polls `probe` every 50 ms until it gives a value, or fails after `deadline`.
pub async fn eventually<T, F, Fut>(what: &str, deadline: Duration, mut probe: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let start = Instant::now();
    loop {
        if let Some(value) = probe().await {
            return value;
        }
        assert!(start.elapsed() < deadline, "timed out after {deadline:?} waiting for {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The aiosmtpd handler: the Debugging handler prints the message as sent, and lettre
/// encodes non-ASCII subjects (RFC 2047) and bodies (quoted-printable or base64); this one
/// decodes each message with Python's `email` package and prints it as one JSON line.
const CAPTURE_HANDLER: &str = r#"
import email, email.policy, json, sys

class Capture:
    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content or envelope.content
        if isinstance(raw, str):
            raw = raw.encode("utf-8")
        message = email.message_from_bytes(raw, policy=email.policy.default)
        part = message.get_body(preferencelist=("plain",))
        print(json.dumps({
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "from": str(message["From"]),
            "to": str(message["To"]),
            "subject": str(message["Subject"]),
            "body": part.get_content() if part is not None else "",
        }), flush=True)
        return "250 Message accepted for delivery"
"#;

/// A real SMTP server (aiosmtpd) in a child process; every message it receives, decoded.
pub struct SmtpServer {
    pub port: u16,
    child: tokio::process::Child,
    receiver: tokio::sync::mpsc::UnboundedReceiver<Value>,
    /// Every message received so far.
    pub mails: Vec<Value>,
}

impl SmtpServer {
    /// Starts aiosmtpd on a free port; a port taken meanwhile by another process (aiosmtpd
    /// exits, or another server answers) is retried with another.
    pub async fn start(dir: &std::path::Path) -> SmtpServer {
        let handler_dir = dir.join("smtp-handler");
        std::fs::create_dir_all(&handler_dir).expect("handler dir");
        std::fs::write(handler_dir.join("vigie_capture.py"), CAPTURE_HANDLER).expect("handler");
        for _ in 0..5 {
            if let Some(server) = SmtpServer::try_start(&handler_dir, unused_port()).await {
                return server;
            }
        }
        panic!("aiosmtpd could not listen on any of five free ports");
    }

    async fn try_start(handler_dir: &std::path::Path, port: u16) -> Option<SmtpServer> {
        let mut child = tokio::process::Command::new("python3")
            .args(["-u", "-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}"), "-c", "vigie_capture.Capture"])
            .env("PYTHONPATH", handler_dir)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::inherit())
            .kill_on_drop(true)
            .spawn()
            .expect("python3 -m aiosmtpd starts");
        let stdout = child.stdout.take().expect("stdout");
        let (sender, receiver) = tokio::sync::mpsc::unbounded_channel();
        tokio::spawn(async move {
            let mut lines = tokio::io::BufReader::new(stdout).lines();
            while let Ok(Some(line)) = lines.next_line().await {
                let value: Value =
                    serde_json::from_str(&line).unwrap_or_else(|e| panic!("aiosmtpd printed {line:?}: {e}"));
                if sender.send(value).is_err() {
                    return;
                }
            }
        });
        let mut server = SmtpServer { port, child, receiver, mails: Vec::new() };
        let started = Instant::now();
        loop {
            if let Ok(Some(status)) = server.child.try_wait() {
                eprintln!("aiosmtpd exited with {status} before listening on port {port}: trying another");
                return None;
            }
            if let Ok(mut probe) = tokio::net::TcpStream::connect(("127.0.0.1", port)).await {
                // aiosmtpd greets first; anything else listening there does not.
                let mut greeting = [0u8; 4];
                let read =
                    tokio::time::timeout(DEADLINE, tokio::io::AsyncReadExt::read_exact(&mut probe, &mut greeting));
                if matches!(read.await, Ok(Ok(_)))
                    && &greeting == b"220 "
                    && server.child.try_wait().ok().flatten().is_none()
                {
                    return Some(server);
                }
                eprintln!("something else listens on port {port}: trying another");
                return None;
            }
            assert!(started.elapsed() < DEADLINE, "aiosmtpd does not listen on 127.0.0.1:{port}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Takes the messages received so far.
    fn collect(&mut self) {
        while let Ok(mail) = self.receiver.try_recv() {
            self.mails.push(mail);
        }
    }

    /// Waits until `done` holds of the messages received (at most [`DEADLINE`]).
    pub async fn wait_until(&mut self, what: &str, done: impl Fn(&[Value]) -> bool) {
        let start = Instant::now();
        loop {
            self.collect();
            if done(&self.mails) {
                return;
            }
            let left = DEADLINE
                .checked_sub(start.elapsed())
                .unwrap_or_else(|| panic!("timed out waiting for {what}; received {:#?}", self.mails));
            if let Ok(Some(mail)) = tokio::time::timeout(left, self.receiver.recv()).await {
                self.mails.push(mail);
            }
        }
    }

    /// The messages whose subject contains `needle`.
    pub fn with_subject(&mut self, needle: &str) -> Vec<Value> {
        self.collect();
        self.mails.iter().filter(|m| m["subject"].as_str().unwrap_or_default().contains(needle)).cloned().collect()
    }
}

/// One request the SMS gateway received.
#[derive(Debug, Clone)]
pub struct SmsRequest {
    pub body: Value,
    pub authorization: Option<String>,
    /// What the gateway answered.
    pub status: u16,
}

/// A stand-in SMS gateway: records every POST, answers 500 to the first `failures` ones.
#[derive(Clone)]
pub struct SmsGateway {
    pub url: String,
    received: Arc<Mutex<Vec<SmsRequest>>>,
}

impl SmsGateway {
    pub async fn start(failures: usize) -> SmsGateway {
        #[derive(Clone)]
        struct Shared {
            received: Arc<Mutex<Vec<SmsRequest>>>,
            count: Arc<AtomicUsize>,
            failures: usize,
        }
        async fn sms(
            axum::extract::State(shared): axum::extract::State<Shared>,
            headers: axum::http::HeaderMap,
            body: String,
        ) -> axum::http::StatusCode {
            let n = shared.count.fetch_add(1, Ordering::SeqCst);
            let status = if n < shared.failures {
                axum::http::StatusCode::INTERNAL_SERVER_ERROR
            } else {
                axum::http::StatusCode::OK
            };
            let authorization = headers.get("authorization").and_then(|v| v.to_str().ok()).map(str::to_string);
            let body = serde_json::from_str(&body).unwrap_or(Value::String(body));
            shared.received.lock().unwrap().push(SmsRequest { body, authorization, status: status.as_u16() });
            status
        }
        let received = Arc::new(Mutex::new(Vec::new()));
        let shared = Shared { received: received.clone(), count: Arc::new(AtomicUsize::new(0)), failures };
        let router = axum::Router::new().route("/sms", axum::routing::post(sms)).with_state(shared);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind the SMS gateway");
        let url = format!("http://{}/sms", listener.local_addr().expect("addr"));
        tokio::spawn(async move { axum::serve(listener, router).await });
        SmsGateway { url, received }
    }

    pub fn received(&self) -> Vec<SmsRequest> {
        self.received.lock().unwrap().clone()
    }

    /// The SMS whose text contains `needle`.
    pub fn with_text(&self, needle: &str) -> Vec<SmsRequest> {
        self.received().into_iter().filter(|r| r.body["text"].as_str().unwrap_or_default().contains(needle)).collect()
    }

    /// Waits until `done` holds of the requests received (at most [`DEADLINE`]).
    pub async fn wait_until(&self, what: &str, done: impl Fn(&[SmsRequest]) -> bool) {
        eventually(what, DEADLINE, || {
            let received = self.received();
            std::future::ready(done(&received).then_some(()))
        })
        .await
    }
}

/// A server configuration that sends through `smtp_port` and `gateway`.
pub fn config(dir: &std::path::Path, smtp_port: u16, gateway: &SmsGateway) -> Config {
    Config {
        smtp: Some(Smtp {
            host: "127.0.0.1".into(),
            port: smtp_port,
            tls: SmtpTls::None,
            from: "Vigie <vigie@mileotech.example>".into(),
            username: None,
            password: None,
        }),
        sms: Some(Sms {
            url: gateway.url.clone(),
            token: Some("secret".into()),
            body: r#"{"to": "{to}", "text": "{text}"}"#.into(),
        }),
        spool_dir: Some(dir.join("spool")),
        ..Config::default()
    }
}

/// The timeline of an incident as staff see it.
pub async fn timeline(staff: &Client, id: i64) -> Vec<Value> {
    let r = staff.get(&format!("/api/incidents/{id}/events")).await;
    assert_eq!(r.status, 200, "{}", r.text);
    r.json.as_array().expect("events").clone()
}

fn of_kind<'a>(events: &'a [Value], kind: &str, channel: &str) -> Vec<&'a Value> {
    events.iter().filter(|e| e["kind"] == kind && e["data"]["channel"] == channel).collect()
}

/// The value of a `/metrics` line, 0 when absent (the outbox lines appear once counted).
pub async fn metric_or_zero(client: &Client, name: &str) -> i64 {
    let text = client.metrics().await;
    text.lines()
        .find(|l| l.starts_with(name))
        .and_then(|l| l.rsplit(' ').next())
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

/// Waits until no message is pending or being sent.
pub async fn outbox_settled(client: &Client) {
    eventually("the outbox to be empty", DEADLINE, || async move {
        let text = client.metrics().await;
        let busy = text.lines().any(|l| {
            l.starts_with("vigie_notifications_total")
                && (l.contains("status=\"pending\"") || l.contains("status=\"sending\""))
                && l.rsplit(' ').next() != Some("0")
        });
        (!busy).then_some(())
    })
    .await;
}

const JULIE: (&str, &str, &str) = ("Julie Martin", "julie.martin@demo-client.example", "+33612345678");
const PAUL: (&str, &str, &str) = ("Paul Bernard", "direction@demo-client.example", "+33698765432");

/// Checks one email: envelope, headers, and what the body must say.
fn assert_mail(mail: &Value, to: &str, says: &[&str]) {
    assert_eq!(mail["mail_from"], "vigie@mileotech.example", "{mail:#}");
    assert_eq!(mail["rcpt_tos"], json!([to]), "{mail:#}");
    assert!(mail["to"].as_str().unwrap().contains(to), "{mail:#}");
    assert_eq!(mail["from"], "Vigie <vigie@mileotech.example>", "{mail:#}");
    let body = mail["body"].as_str().unwrap();
    for needle in says {
        assert!(body.contains(needle), "{needle:?} not in the email to {to}:\n{body}");
    }
}

pub fn mails_to<'a>(mails: &'a [Value], to: &str) -> Vec<&'a Value> {
    mails.iter().filter(|m| m["rcpt_tos"] == json!([to])).collect()
}

pub async fn notices_reach_a_real_smtp_server_and_the_sms_gateway(backend: Backend) {
    let dir = temp_dir("notify");
    let mut smtp = SmtpServer::start(&dir).await;
    let gateway = SmsGateway::start(0).await;
    let database_url = fresh_database(backend, &dir).await;
    let server = TestServer::start_on(dir.clone(), database_url, config(&dir, smtp.port, &gateway)).await;
    let client = server.login("client").await;
    let tech = &server.login("tech").await;
    let site = server.site_of(&client, "Demo Client").await;

    // A P1 taken in charge: the technical contact and management, by email and by SMS.
    let p1 = client.report(site, "Plus aucune caméra ne fonctionne sur le site").await;
    assert_eq!(p1["priority"], "P1");
    let id = p1["id"].as_i64().unwrap();
    let reference = p1["reference"].as_str().unwrap().to_string();
    let r = tech.post_empty(&format!("/api/incidents/{id}/acknowledge")).await;
    assert_eq!(r.status, 200, "{}", r.text);

    let take_charge = |mails: &[Value]| {
        mails
            .iter()
            .filter(|m| {
                let s = m["subject"].as_str().unwrap_or_default();
                s.contains(&reference) && s.contains("Prise en charge")
            })
            .cloned()
            .collect::<Vec<_>>()
    };
    smtp.wait_until("the take-charge emails of the P1 to both contacts", |mails| {
        let found = take_charge(mails);
        [JULIE.1, PAUL.1].iter().all(|to| !mails_to(&found, to).is_empty())
    })
    .await;
    gateway
        .wait_until("two take-charge SMS", |r| {
            r.iter().filter(|r| r.body["text"].as_str().unwrap_or_default().contains(&reference)).count() >= 2
        })
        .await;
    outbox_settled(tech).await;

    let mails = take_charge(&smtp.with_subject(&reference));
    assert_eq!(mails.len(), 2, "{mails:#?}");
    for (_, email, _) in [JULIE, PAUL] {
        let to = mails_to(&mails, email);
        assert_eq!(to.len(), 1, "{mails:#?}");
        assert_mail(to[0], email, &[&reference, "P1", "Siège Paris", "pris en charge", "Prochain point d'avancement"]);
    }
    let sms = gateway.with_text(&reference);
    assert_eq!(sms.len(), 2, "{sms:#?}");
    for (_, _, phone) in [JULIE, PAUL] {
        let to: Vec<&SmsRequest> = sms.iter().filter(|r| r.body["to"] == phone).collect();
        assert_eq!(to.len(), 1, "{sms:#?}");
        assert_eq!(to[0].authorization.as_deref(), Some("Bearer secret"));
        assert_eq!(to[0].status, 200);
        // The configured template, filled in: exactly its two fields.
        assert_eq!(to[0].body.as_object().unwrap().len(), 2, "{:?}", to[0].body);
        let text = to[0].body["text"].as_str().unwrap();
        assert!(text.contains("Prise en charge") && text.contains("P1"), "{text}");
    }

    // The timeline says what was delivered, how and to whom.
    let events = eventually("delivery events on the timeline", DEADLINE, || async move {
        let events = timeline(tech, id).await;
        (of_kind(&events, "notification_delivered", "email").len() == 2
            && of_kind(&events, "notification_delivered", "sms").len() == 2)
            .then_some(events)
    })
    .await;
    for (channel, via) in [("email", "smtp"), ("sms", "gateway")] {
        let delivered = of_kind(&events, "notification_delivered", channel);
        let mut recipients: Vec<&str> = delivered.iter().map(|e| e["data"]["recipient"].as_str().unwrap()).collect();
        recipients.sort_unstable();
        assert_eq!(recipients, [JULIE.0, PAUL.0], "{channel}");
        assert!(delivered.iter().all(|e| e["data"]["via"] == via), "{delivered:#?}");
        assert!(delivered.iter().all(|e| e["data"]["subject"].as_str().unwrap().contains(&reference)));
    }
    assert!(
        of_kind(&events, "notification_failed", "email").is_empty()
            && of_kind(&events, "notification_failed", "sms").is_empty(),
        "{events:#?}"
    );

    // A P2 taken in charge: the technical contact only.
    let p2 = client.report(site, "2 caméras HS en zone sensible").await;
    assert_eq!(p2["priority"], "P2");
    let p2_id = p2["id"].as_i64().unwrap();
    let p2_reference = p2["reference"].as_str().unwrap().to_string();
    let r = tech.post_empty(&format!("/api/incidents/{p2_id}/acknowledge")).await;
    assert_eq!(r.status, 200, "{}", r.text);
    smtp.wait_until("the take-charge email of the P2", |mails| {
        mails.iter().any(|m| m["subject"].as_str().unwrap_or_default().contains(&p2_reference))
    })
    .await;
    outbox_settled(tech).await;
    let events = eventually("the P2's delivery events", DEADLINE, || async move {
        let events = timeline(tech, p2_id).await;
        let n = events.iter().filter(|e| e["kind"] == "notification_delivered").count();
        (n >= 4).then_some(events)
    })
    .await;
    // The same type on the same site as the P1: a technical review is opened and the client
    // told, the technical contact and the management by email.
    let subject = |e: &&Value| e["data"]["subject"].as_str().unwrap_or_default().to_string();
    let review: Vec<&Value> = events.iter().filter(|e| subject(e).contains("Revue technique ouverte")).collect();
    assert_eq!(review.len(), 2, "{review:#?}");
    let notices: Vec<&Value> = events
        .iter()
        .filter(|e| e["kind"].as_str().unwrap().starts_with("notification") && !subject(e).contains("Revue technique"))
        .collect();
    assert_eq!(notices.len(), 2, "{notices:#?}");
    assert!(
        notices.iter().all(|e| e["kind"] == "notification_delivered" && e["data"]["recipient"] == JULIE.0),
        "{notices:#?}"
    );
    // Every message was delivered when the outbox settled: once the SMTP server has
    // received as many as the outbox delivered, nothing more can come. Nothing for
    // management.
    all_delivered_received(&mut smtp, &server.running.state).await;
    let mails: Vec<_> = smtp
        .with_subject(&p2_reference)
        .into_iter()
        .filter(|m| m["subject"].as_str().unwrap_or_default().contains("Prise en charge"))
        .collect();
    assert_eq!(mails.len(), 1, "{mails:#?}");
    assert_mail(&mails[0], JULIE.1, &[&p2_reference, "P2"]);
    let sms = gateway.with_text(&p2_reference);
    assert_eq!(sms.len(), 1, "{sms:#?}");
    assert_eq!(sms[0].body["to"], JULIE.2);

    // The P1 resolved with personal data lost: the resolution (root cause, actions, impact
    // on security data) to both contacts; then the GDPR notice to both, by email.
    let r = tech
        .post(
            &format!("/api/incidents/{id}/resolve"),
            &json!({
                "root_cause": "Switch PoE défaillant",
                "actions": "Remplacement du switch et contrôle des 12 caméras",
                "security_data_impact": "45 min d'images perdues sur 12 caméras",
                "personal_data_lost": true
            }),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let notice = json!({
        "nature": "Images effacées par le redémarrage de l'enregistreur", "data_categories": ["images vidéo"],
        "people_estimate": 150, "records_estimate": 12, "consequences": "45 min sans images sur 12 caméras",
        "measures": "Switch remplacé", "contact": "Support Mileo, 01 23 45 67 89",
    });
    let r = tech.post(&format!("/api/incidents/{id}/gdpr-notice"), &notice).await;
    assert_eq!(r.status, 200, "{}", r.text);
    smtp.wait_until("the resolution and GDPR emails", |mails| {
        let of = |needle: &str| {
            mails
                .iter()
                .filter(|m| {
                    let s = m["subject"].as_str().unwrap_or_default();
                    s.contains(&reference) && s.contains(needle)
                })
                .count()
        };
        of("Incident résolu") >= 2 && of("RGPD") >= 2
    })
    .await;
    outbox_settled(tech).await;
    all_delivered_received(&mut smtp, &server.running.state).await;
    let resolved = smtp.with_subject(&format!("[{reference}] Incident résolu"));
    assert_eq!(resolved.len(), 2, "{resolved:#?}");
    let gdpr = smtp.with_subject(&format!("[{reference}] Violation de données personnelles — information RGPD"));
    assert_eq!(gdpr.len(), 2, "{gdpr:#?}");
    for (_, email, _) in [JULIE, PAUL] {
        let mail = mails_to(&resolved, email);
        assert_eq!(mail.len(), 1, "{resolved:#?}");
        assert_mail(
            mail[0],
            email,
            &[
                "Cause racine : Switch PoE défaillant",
                "Actions réalisées : Remplacement du switch et contrôle des 12 caméras",
                "Impact sur les données de sécurité : 45 min d'images perdues sur 12 caméras",
            ],
        );
        let mail = mails_to(&gdpr, email);
        assert_eq!(mail.len(), 1, "{gdpr:#?}");
        assert_mail(
            mail[0],
            email,
            &[&reference, "données personnelles", "images vidéo", "Switch remplacé", "CNIL", "72 heures"],
        );
    }
    // The resolution goes by SMS too; the GDPR notice does not.
    let sms = gateway.with_text(&format!("[{reference}] Incident résolu"));
    assert_eq!(sms.len(), 2, "{sms:#?}");
    assert!(gateway.with_text("RGPD").is_empty());
    // All went through SMTP and the gateway: nothing was written to the spool folder.
    assert!(!dir.join("spool").exists(), "messages were spooled instead of sent");
}

pub async fn failed_deliveries_are_retried_with_backoff_and_recorded(backend: Backend) {
    let dir = temp_dir("retry");
    // An SMTP server that is down: it closes every connection at once.
    let dead = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let dead_smtp = dead.local_addr().expect("addr").port();
    tokio::spawn(async move {
        while let Ok((connection, _)) = dead.accept().await {
            drop(connection);
        }
    });
    // A gateway that fails the first request, then accepts.
    let gateway = SmsGateway::start(1).await;
    let database_url = fresh_database(backend, &dir).await;
    let server = TestServer::start_on(dir.clone(), database_url, config(&dir, dead_smtp, &gateway)).await;
    let state = server.running.state.clone();
    let client = server.login("client").await;
    let tech = &server.login("tech").await;
    let site = server.site_of(&client, "Demo Client").await;

    // A P2: one email and one SMS, to the technical contact.
    let incident = client.report(site, "2 caméras HS en zone sensible").await;
    assert_eq!(incident["priority"], "P2");
    let id = incident["id"].as_i64().unwrap();
    let r = tech.post_empty(&format!("/api/incidents/{id}/acknowledge")).await;
    assert_eq!(r.status, 200, "{}", r.text);

    let events = eventually("both first attempts to fail", DEADLINE, || async move {
        let events = timeline(tech, id).await;
        (!of_kind(&events, "notification_failed", "sms").is_empty()
            && !of_kind(&events, "notification_failed", "email").is_empty())
        .then_some(events)
    })
    .await;
    let sms_failed = of_kind(&events, "notification_failed", "sms")[0].clone();
    assert_eq!(sms_failed["data"]["attempt"], 1, "{sms_failed:#}");
    assert_eq!(sms_failed["data"]["final"], false);
    assert_eq!(sms_failed["data"]["recipient"], JULIE.0);
    assert!(sms_failed["data"]["error"].as_str().unwrap().contains("500"), "{sms_failed:#}");
    let email_failed = of_kind(&events, "notification_failed", "email")[0].clone();
    assert_eq!(email_failed["data"]["attempt"], 1, "{email_failed:#}");
    assert_eq!(email_failed["data"]["final"], false);
    assert!(of_kind(&events, "notification_delivered", "sms").is_empty());
    let first = gateway.received();
    assert_eq!(first.len(), 1, "{first:#?}");
    assert_eq!(first[0].status, 500);

    // The retry waits 5 s after the first failure, by the server's clock.
    let failed_at =
        chrono::DateTime::parse_from_rfc3339(sms_failed["at"].as_str().unwrap()).unwrap().with_timezone(&chrono::Utc);
    let rows = sqlx::query(
        "SELECT channel, status, attempts, next_attempt_at, last_error FROM outbox WHERE incident_id = $1 ORDER BY id",
    )
    .bind(id)
    .fetch_all(state.db.pool())
    .await
    .expect("outbox");
    assert_eq!(rows.len(), 2);
    let sms_row =
        rows.iter().find(|r| vigie_server::db::get::<String>(r, "channel").unwrap() == "sms").expect("the SMS");
    assert_eq!(vigie_server::db::get::<String>(sms_row, "status").unwrap(), "pending");
    assert_eq!(vigie_server::db::get::<i64>(sms_row, "attempts").unwrap(), 1);
    let next_attempt = vigie_server::db::from_ms(vigie_server::db::get::<i64>(sms_row, "next_attempt_at").unwrap());
    assert_eq!(next_attempt - failed_at, chrono::TimeDelta::seconds(5));
    assert!(vigie_server::db::get::<Option<String>>(sms_row, "last_error").unwrap().unwrap().contains("500"));
    if state.clock.now() < next_attempt - chrono::TimeDelta::seconds(1) {
        // Not due yet: the worker tries nothing.
        assert_eq!(vigie_server::notify::deliver_due(&state).await.expect("deliver"), 0);
        assert_eq!(gateway.received().len(), 1);
    }

    // Rather than wait, move the server's clock past the backoff and wake the worker.
    state.clock.advance(chrono::TimeDelta::seconds(10));
    state.outbox.notify_one();
    let events = eventually("the SMS to be delivered on retry", DEADLINE, || async move {
        let events = timeline(tech, id).await;
        (!of_kind(&events, "notification_delivered", "sms").is_empty()).then_some(events)
    })
    .await;
    let delivered = of_kind(&events, "notification_delivered", "sms");
    assert_eq!(delivered.len(), 1, "{events:#?}");
    assert!(delivered[0]["id"].as_i64().unwrap() > sms_failed["id"].as_i64().unwrap());
    assert_eq!(delivered[0]["data"]["recipient"], JULIE.0);
    let delivered_at =
        chrono::DateTime::parse_from_rfc3339(delivered[0]["at"].as_str().unwrap()).unwrap().with_timezone(&chrono::Utc);
    assert!(delivered_at >= next_attempt, "retried at {delivered_at}, before {next_attempt}");
    assert_eq!(of_kind(&events, "notification_failed", "sms").len(), 1, "{events:#?}");
    // The same message, sent again.
    let all = gateway.received();
    assert_eq!(all.len(), 2, "{all:#?}");
    assert_eq!((all[0].status, all[1].status), (500, 200));
    assert_eq!(all[0].body, all[1].body);
    assert_eq!(all[1].body["to"], JULIE.2);
    assert!(all.iter().all(|r| r.authorization.as_deref() == Some("Bearer secret")));

    // The email cannot go: each failure is on the timeline, and the message stays pending.
    let events = eventually("the second email failure", DEADLINE, || async move {
        let events = timeline(tech, id).await;
        (of_kind(&events, "notification_failed", "email").len() >= 2).then_some(events)
    })
    .await;
    let email_failures = of_kind(&events, "notification_failed", "email");
    assert_eq!(email_failures[1]["data"]["attempt"], 2, "{email_failures:#?}");
    assert_eq!(email_failures[1]["data"]["final"], false);
    assert!(of_kind(&events, "notification_delivered", "email").is_empty());
    eventually("the email to be pending", DEADLINE, || async move {
        (metric_or_zero(tech, "vigie_notifications_total{channel=\"email\",status=\"pending\"}").await >= 1)
            .then_some(())
    })
    .await;
    assert_eq!(metric_or_zero(tech, "vigie_notifications_total{channel=\"email\",status=\"delivered\"}").await, 0);
    assert_eq!(metric_or_zero(tech, "vigie_notifications_total{channel=\"sms\",status=\"delivered\"}").await, 1);
    // A message that cannot be sent is not written to the spool either.
    assert!(!dir.join("spool").exists());
}
