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
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

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

fn default_sms_body() -> String {
    r#"{"to": "{to}", "text": "{text}"}"#.to_string()
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
            serde_json::from_str::<serde_json::Value>(&sms.body).map_err(|e| Error::Config(format!("sms.body is not JSON: {e}")))?;
        }
        Ok(config)
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
mod tests {
    use super::*;

    fn load(text: &str) -> Result<Config, Error> {
        let path = std::env::temp_dir().join(format!("vigie-config-{}-{}.toml", std::process::id(), text.len()));
        std::fs::write(&path, text).unwrap();
        let config = Config::load(&path);
        let _ = std::fs::remove_file(path);
        config
    }

    #[test]
    fn reads_smtp_sms_and_a_contract_policy() {
        let config = load(
            r#"
            spool_dir = "/var/spool/vigie"
            [smtp]
            host = "smtp.example.fr"
            tls = "tls"
            port = 465
            from = "Vigie <vigie@example.fr>"
            [sms]
            url = "https://sms.example.fr/v1/messages"
            token = "secret"
            [policies.premium]
            take_charge = { P1 = { kind = "elapsed", minutes = 30 } }
            on_site = {}
            intervention_planned = {}
            client_update = {}
            postmortem = {}
            at_risk_percent = 80
            gdpr_notice = { kind = "elapsed", minutes = 720 }
            authority_notice = { kind = "elapsed", minutes = 4320 }
            "#,
        )
        .unwrap();
        assert_eq!(config.smtp.as_ref().unwrap().tls, SmtpTls::Tls);
        assert_eq!(config.sms.as_ref().unwrap().body, default_sms_body());
        assert_eq!(config.spool_dir(), PathBuf::from("/var/spool/vigie"));
        let premium = config.policy(Contract::Premium);
        assert_eq!(premium.at_risk_percent, 80);
        assert_eq!(config.policy(Contract::Standard), Policy::for_contract(Contract::Standard));
    }

    #[test]
    fn refuses_what_it_cannot_use() {
        let bad_contract = load("[policies.gold]\ntake_charge = {}\non_site = {}\nintervention_planned = {}\nclient_update = {}\npostmortem = {}\nat_risk_percent = 75\ngdpr_notice = { kind = \"elapsed\", minutes = 1 }\nauthority_notice = { kind = \"elapsed\", minutes = 1 }\n");
        assert!(bad_contract.unwrap_err().to_string().contains("policies.gold"));
        let bad_ratio = load("[policies.standard]\ntake_charge = {}\non_site = {}\nintervention_planned = {}\nclient_update = {}\npostmortem = {}\nat_risk_percent = 0\ngdpr_notice = { kind = \"elapsed\", minutes = 1 }\nauthority_notice = { kind = \"elapsed\", minutes = 1 }\n");
        assert!(bad_ratio.unwrap_err().to_string().contains("at_risk_percent"));
        let e = load("[smtp]\nhost = 3\n").unwrap_err().to_string();
        assert!(e.contains("host") && e.contains("string"), "{e}");
        assert!(load("[sms]\nurl = \"http://x\"\nbody = \"not json\"\n").unwrap_err().to_string().contains("sms.body"));
        assert!(load("colour = \"red\"\n").unwrap_err().to_string().contains("colour"));
    }
}
