//! The configuration file of `vigie serve --config FILE` (TOML).
//!
//! ```toml
//! spool_dir = "data/spool"          # where messages go when no SMTP / SMS gateway is set
//!
//! [smtp]
//! host = "smtp.example.fr"
//! port = 587
//! tls = "starttls"                  # "none", "starttls" or "tls"
//! from = "Vigie <vigie@example.fr>"
//! username = "vigie"
//! password = "secret"
//!
//! [sms]
//! url = "https://sms.example.fr/v1/messages"
//! token = "secret"                  # sent as "Authorization: Bearer <token>"
//! body = '{"to": "{to}", "text": "{text}"}'   # JSON; "{to}" and "{text}" are filled in
//!
//! [policies.premium]                # optional: a contract's own SLA values
//! # same shape as vigie_engine::Policy
//!
//! # Operations and security (every key optional; the defaults are shown).
//! metrics_token = "secret"          # GET /metrics needs "Authorization: Bearer <token>";
//!                                   # without a token, /metrics answers 404
//! public_origin = "https://vigie.example.fr"  # the address people open; state-changing
//!                                   # requests must carry it as their Origin. Default: the
//!                                   # Host header with http://, or the scheme a trusted
//!                                   # proxy forwards (X-Forwarded-Proto)
//! trusted_proxies = ["127.0.0.1"]   # peers whose X-Forwarded-For and X-Forwarded-Proto are
//!                                   # believed (default: none; the peer is the client)
//!
//! [http]
//! header_read_timeout_secs = 10     # a request's headers must arrive within this
//! request_timeout_secs = 30         # an answer must start within this (408 otherwise);
//!                                   # the event stream is not cut
//! body_timeout_secs = 10            # a request body must arrive within this (408)
//! upload_timeout_secs = 600         # an upload (a photo, up to 10 MB) must be answered
//!                                   # within this, instead of request_timeout_secs
//! max_connections = 512             # open connections; more wait to be accepted
//! shutdown_grace_secs = 20          # on SIGTERM/SIGINT, how long requests may finish
//!
//! [oncall]
//! unassigned_minutes = 10           # a P1 still unassigned this long after its report
//!                                   # pages the technician on duty
//!
//! [login]
//! failed_per_minute = 600           # failed logins per minute, all addresses together
//! password_checks = 2               # password checks at once (default: one per core)
//! queue = 64                        # logins waiting for a check; more get 503
//! ```

use std::collections::BTreeMap;
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;
use vigie_engine::{Contract, Policy};

use crate::error::Error;

/// How to talk to the SMTP server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SmtpTls {
    /// Plain text (a relay on the same machine).
    None,
    /// STARTTLS on the submission port.
    #[default]
    Starttls,
    /// TLS from the start (port 465).
    Tls,
}

/// An SMTP server.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Smtp {
    /// Host name.
    pub host: String,
    /// Port (default 587).
    #[serde(default = "default_smtp_port")]
    pub port: u16,
    /// TLS mode.
    #[serde(default)]
    pub tls: SmtpTls,
    /// The sender, `Name <address>`.
    pub from: String,
    /// Login, if the server wants one.
    #[serde(default)]
    pub username: Option<String>,
    /// Password.
    #[serde(default)]
    pub password: Option<String>,
}

fn default_smtp_port() -> u16 {
    587
}

/// An SMS gateway over HTTP.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sms {
    /// Where to POST.
    pub url: String,
    /// Bearer token.
    #[serde(default)]
    pub token: Option<String>,
    /// The JSON body, with `{to}` and `{text}` filled in.
    #[serde(default = "default_sms_body")]
    pub body: String,
}

/// The integrator's second level: the manager a breach reaches when it stays open past the
/// policy's escalation delay (`[escalation]` in the configuration file).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Escalation {
    /// Who, as the timeline names them (`Claire Martin, directrice des opérations`).
    pub name: String,
    /// Where the escalation email goes.
    #[serde(default)]
    pub email: Option<String>,
    /// Where the escalation SMS goes (`+33612345678`).
    #[serde(default)]
    pub phone: Option<String>,
}

fn default_sms_body() -> String {
    r#"{"to": "{to}", "text": "{text}"}"#.to_string()
}

/// Limits of the HTTP listener.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Http {
    /// Seconds a client has to send a request's headers: a connection that sends half its
    /// headers (slowloris) is dropped after this.
    pub header_read_timeout_secs: u64,
    /// Seconds from a request's headers to the start of its answer, reading its body
    /// included (408 otherwise). Only the start: the event stream's body runs for as long
    /// as its session.
    pub request_timeout_secs: u64,
    /// Seconds a request's body may go without any data arriving (408 then): an idle
    /// timeout; [`Http::request_timeout_secs`] bounds a body that trickles in.
    pub body_timeout_secs: u64,
    /// Seconds an upload (`POST /api/incidents/{id}/attachments`, up to 10 MB) has from its
    /// headers to the start of its answer, instead of [`Http::request_timeout_secs`]: ten
    /// minutes take 10 MB over a phone's link of 150 kbit/s.
    pub upload_timeout_secs: u64,
    /// Connections open at once; further ones wait in the listen queue.
    pub max_connections: usize,
    /// On SIGTERM or SIGINT, seconds the requests in flight have to finish.
    pub shutdown_grace_secs: u64,
}

impl Default for Http {
    fn default() -> Http {
        Http {
            header_read_timeout_secs: 10,
            request_timeout_secs: 30,
            body_timeout_secs: 10,
            upload_timeout_secs: 600,
            max_connections: 512,
            shutdown_grace_secs: 20,
        }
    }
}

impl Http {
    /// [`Http::header_read_timeout_secs`] as a duration.
    pub fn header_read_timeout(&self) -> Duration {
        Duration::from_secs(self.header_read_timeout_secs)
    }

    /// [`Http::request_timeout_secs`] as a duration.
    pub fn request_timeout(&self) -> Duration {
        Duration::from_secs(self.request_timeout_secs)
    }

    /// [`Http::body_timeout_secs`] as a duration.
    pub fn body_timeout(&self) -> Duration {
        Duration::from_secs(self.body_timeout_secs)
    }

    /// [`Http::upload_timeout_secs`] as a duration.
    pub fn upload_timeout(&self) -> Duration {
        Duration::from_secs(self.upload_timeout_secs)
    }

    /// [`Http::shutdown_grace_secs`] as a duration.
    pub fn shutdown_grace(&self) -> Duration {
        Duration::from_secs(self.shutdown_grace_secs)
    }
}

/// Limits of logins. Each password check (argon2id) takes about 19 MiB and tens of
/// milliseconds of a core: these bound both.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Login {
    /// Failed logins per minute, every address and account together; past it, every
    /// login waits for the next minute.
    pub failed_per_minute: i64,
    /// Password checks at once.
    pub password_checks: usize,
    /// Logins waiting for a password check; past it, 503 with `Retry-After`.
    pub queue: usize,
}

impl Default for Login {
    fn default() -> Login {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        Login { failed_per_minute: 600, password_checks: cores, queue: 32 * cores }
    }
}

/// The whole configuration.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The SMTP server; without it, email goes to the spool folder.
    #[serde(default)]
    pub smtp: Option<Smtp>,
    /// The SMS gateway; without it, SMS go to the spool folder.
    #[serde(default)]
    pub sms: Option<Sms>,
    /// Where undelivered-by-design messages are written (default `data/spool`).
    #[serde(default)]
    pub spool_dir: Option<PathBuf>,
    /// A contract's own SLA values.
    #[serde(default)]
    pub policies: BTreeMap<String, Policy>,
    /// The bearer token `/metrics` asks for; without one, `/metrics` is not served.
    #[serde(default)]
    pub metrics_token: Option<String>,
    /// The origin people open (`https://vigie.example.fr`), which state-changing requests
    /// must carry; by default the request's own host, over http or the scheme a trusted
    /// proxy forwards.
    #[serde(default)]
    pub public_origin: Option<String>,
    /// The origins that may show the wall in a frame (a lobby screen's portal:
    /// `https://accueil.example.fr`); no other page may be framed. None by default.
    #[serde(default)]
    pub wall_frame_ancestors: Vec<String>,
    /// Peers whose `X-Forwarded-For` and `X-Forwarded-Proto` headers are believed: the
    /// reverse proxies in front. Any other peer is the client itself.
    #[serde(default)]
    pub trusted_proxies: Vec<IpAddr>,
    /// The HTTP listener's limits.
    #[serde(default)]
    pub http: Http,
    /// Login limits.
    #[serde(default)]
    pub login: Login,
    /// The second level a breach still open reaches; without it, the escalation is
    /// recorded in the timeline and the report, and nobody more is told.
    #[serde(default)]
    pub escalation: Option<Escalation>,
    /// When the technician on duty is paged.
    #[serde(default)]
    pub oncall: OnCall,
}

/// When the technician on duty is paged (`[oncall]` in the configuration file).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct OnCall {
    /// Minutes after its report a P1 may stay unassigned in business hours before the
    /// technician on duty is paged (outside business hours, a P1 pages at once).
    pub unassigned_minutes: u32,
}

impl Default for OnCall {
    fn default() -> OnCall {
        OnCall { unassigned_minutes: 10 }
    }
}

impl Config {
    /// Reads and checks a configuration file.
    ///
    /// # Errors
    /// [`Error::Config`] naming the file and what is wrong.
    pub fn load(path: &Path) -> Result<Config, Error> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::Config(format!("{}: {e}", path.display())))?;
        let config: Config = toml::from_str(&text).map_err(|e| Error::Config(format!("{}: {e}", path.display())))?;
        for (contract, policy) in &config.policies {
            contract.parse::<Contract>().map_err(|e| Error::Config(format!("policies.{contract}: {e}")))?;
            policy.validate().map_err(|e| Error::Config(format!("policies.{contract}: {e}")))?;
        }
        if let Some(sms) = &config.sms {
            serde_json::from_str::<serde_json::Value>(&sms.body)
                .map_err(|e| Error::Config(format!("sms.body is not JSON: {e}")))?;
        }
        config.check().map_err(|e| Error::Config(format!("{}: {e}", path.display())))?;
        Ok(config)
    }

    /// Checks the values a file cannot express wrongly by type alone.
    ///
    /// # Errors
    /// A message naming the key at fault.
    pub fn check(&self) -> Result<(), String> {
        if let Some(origin) = &self.public_origin {
            crate::origin::Origin::parse(origin)
                .ok_or_else(|| format!("public_origin {origin:?} is not scheme://host[:port]"))?;
        }
        for origin in &self.wall_frame_ancestors {
            // Only an origin: it goes into a header, where a path, a space or a `;` would
            // change the policy.
            let authority = origin.split_once("://").map_or("", |(_, rest)| rest);
            let clean = !authority.is_empty() && !authority.contains(['/', ' ', ';', '\'', ',']);
            if !clean || crate::origin::Origin::parse(origin).is_none() {
                return Err(format!("wall_frame_ancestors: {origin:?} is not an origin (scheme://host[:port])"));
            }
        }
        if self.metrics_token.as_ref().is_some_and(|t| t.trim().len() < 16) {
            return Err("metrics_token must be at least 16 characters".into());
        }
        let http = &self.http;
        for (name, value) in [
            ("http.header_read_timeout_secs", http.header_read_timeout_secs),
            ("http.request_timeout_secs", http.request_timeout_secs),
            ("http.body_timeout_secs", http.body_timeout_secs),
            ("http.upload_timeout_secs", http.upload_timeout_secs),
        ] {
            if value == 0 {
                return Err(format!("{name} must be at least 1"));
            }
        }
        if self.oncall.unassigned_minutes == 0 || self.oncall.unassigned_minutes > 24 * 60 {
            return Err("oncall.unassigned_minutes must be from 1 to 1440".into());
        }
        if http.max_connections == 0 {
            return Err("http.max_connections must be at least 1".into());
        }
        if let Some(escalation) = &self.escalation {
            if escalation.name.trim().is_empty() {
                return Err("escalation.name must name the second level".into());
            }
            let blank = |v: &Option<String>| v.as_deref().is_none_or(|v| v.trim().is_empty());
            if blank(&escalation.email) && blank(&escalation.phone) {
                return Err("escalation needs an email or a phone to reach the second level".into());
            }
            if escalation.email.as_deref().is_some_and(|e| !e.contains('@') || e.contains(['\r', '\n'])) {
                return Err("escalation.email is not an email address".into());
            }
        }
        if self.login.password_checks == 0 || self.login.failed_per_minute <= 0 {
            return Err("login.password_checks and login.failed_per_minute must be at least 1".into());
        }
        Ok(())
    }

    /// The spool folder.
    pub fn spool_dir(&self) -> PathBuf {
        self.spool_dir.clone().unwrap_or_else(|| PathBuf::from("data/spool"))
    }

    /// The policy of a contract: the configured one, or the procedure's.
    pub fn policy(&self, contract: Contract) -> Policy {
        self.policies.get(contract.as_str()).copied().unwrap_or_else(|| Policy::for_contract(contract))
    }
}

#[cfg(test)]
mod tests;
