//! The same-origin rule: every state-changing request must say it comes from a page of
//! this server, scheme, host and port included.
//!
//! Browsers send `Origin` with every `POST`, `PUT` and `DELETE`, and a page of another site
//! cannot forge it: so another site cannot act with the user's cookie, nor log the user in
//! to an account of its choosing (login CSRF), whatever the cookie's `SameSite`. The
//! Alertmanager webhook is outside this rule: it is called by a program with a bearer
//! token, never by a browser with a cookie.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, State};
use axum::http::{header, HeaderMap, Method, Request};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::client::is_trusted_proxy;
use crate::config::Config;
use crate::error::Error;
use crate::state::AppState;

/// A web origin: scheme, host and port, compared as browsers do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    scheme: String,
    host: String,
    port: u16,
}

impl Origin {
    /// Reads `scheme://host[:port]`, with anything after the authority (a `Referer`'s path)
    /// left out. Only `http` and `https` are origins of this server.
    pub fn parse(text: &str) -> Option<Origin> {
        let (scheme, rest) = text.split_once("://")?;
        let scheme = scheme.to_ascii_lowercase();
        let default_port = match scheme.as_str() {
            "http" => 80,
            "https" => 443,
            _ => return None,
        };
        let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
        if authority.contains('@') {
            return None;
        }
        let (host, port) = split_host_port(authority)?;
        Some(Origin { scheme, host, port: port.unwrap_or(default_port) })
    }

    /// The origin a request's `Host` names, over `scheme`.
    fn of_host(scheme: &str, host: &str) -> Option<Origin> {
        Origin::parse(&format!("{scheme}://{host}"))
    }
}

/// `host`, `host:port`, `[v6]` or `[v6]:port`, with the host lowercased.
fn split_host_port(authority: &str) -> Option<(String, Option<u16>)> {
    let (host, port) = if let Some(rest) = authority.strip_prefix('[') {
        let (host, after) = rest.split_once(']')?;
        (format!("[{host}]"), after.strip_prefix(':'))
    } else {
        match authority.rsplit_once(':') {
            Some((host, port)) => (host.to_string(), Some(port)),
            None => (authority.to_string(), None),
        }
    };
    if host.is_empty() || host.contains(char::is_whitespace) {
        return None;
    }
    let port = match port {
        Some(p) => Some(p.parse::<u16>().ok()?),
        None => None,
    };
    Some((host.to_ascii_lowercase(), port))
}

/// The origin this request should come from: the configured public origin, or the
/// request's `Host` over http (or over the scheme a trusted proxy forwards).
fn expected(config: &Config, peer: Option<SocketAddr>, headers: &HeaderMap) -> Option<Origin> {
    if let Some(public) = &config.public_origin {
        return Origin::parse(public);
    }
    let forwarded = peer.is_some_and(|p| is_trusted_proxy(config, p.ip()));
    let scheme = forwarded
        .then(|| headers.get("x-forwarded-proto").and_then(|v| v.to_str().ok()))
        .flatten()
        .map(|s| s.split(',').next().unwrap_or_default().trim().to_ascii_lowercase())
        .unwrap_or_else(|| "http".to_string());
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok())?;
    Origin::of_host(&scheme, host)
}

/// Whether the request's `Origin` (or, lacking it, its `Referer`) is this server's.
pub fn from_own_origin(config: &Config, peer: Option<SocketAddr>, headers: &HeaderMap) -> bool {
    let Some(expected) = expected(config, peer, headers) else { return false };
    let claimed = headers.get(header::ORIGIN).or_else(|| headers.get(header::REFERER)).and_then(|v| v.to_str().ok());
    claimed.and_then(Origin::parse).is_some_and(|o| o == expected)
}

/// Refuses (403) a state-changing request that does not come from this server's origin.
pub async fn same_origin(State(state): State<AppState>, request: Request<axum::body::Body>, next: Next) -> Response {
    let changes_state = !matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    let peer = request.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0);
    if changes_state && !from_own_origin(&state.config, peer, request.headers()) {
        return Error::Forbidden(
            "cross-origin request refused (Origin or Referer must be this server, scheme, host and port)".into(),
        )
        .into_response();
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, v.parse().unwrap());
        }
        h
    }

    #[test]
    fn origins_compare_scheme_host_and_port() {
        assert_eq!(Origin::parse("http://Vigie.local"), Origin::parse("http://vigie.local:80"));
        assert_ne!(Origin::parse("http://vigie.local"), Origin::parse("https://vigie.local"));
        assert_eq!(
            Origin::parse("https://[::1]:8443/report?x"),
            Some(Origin { scheme: "https".into(), host: "[::1]".into(), port: 8443 })
        );
        for bad in [
            "null",
            "vigie.local",
            "ftp://vigie.local",
            "http://",
            "http://user@vigie.local",
            "http://vigie.local:99999",
        ] {
            assert_eq!(Origin::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn origin_must_be_this_server() {
        let config = Config::default();
        let own = |pairs| from_own_origin(&config, None, &headers(pairs));
        assert!(own(&[("host", "vigie.local:8080"), ("origin", "http://vigie.local:8080")]));
        assert!(own(&[("host", "vigie.local:8080"), ("referer", "http://vigie.local:8080/report")]));
        // The scheme counts: an https page is another origin than this http server.
        assert!(!own(&[("host", "vigie.local:8080"), ("referer", "https://vigie.local:8080/report")]));
        assert!(!own(&[("host", "vigie.local:8080"), ("origin", "http://evil.example")]));
        assert!(!own(&[("host", "vigie.local:8080"), ("origin", "http://vigie.local:8080.evil.example")]));
        assert!(!own(&[("host", "vigie.local:8080"), ("origin", "http://vigie.local:8081")]));
        assert!(!own(&[("host", "vigie.local:8080"), ("origin", "null")]));
        assert!(!own(&[("host", "vigie.local:8080")]));
    }

    #[test]
    fn behind_a_proxy_the_public_origin_or_the_forwarded_scheme_counts() {
        let public = Config { public_origin: Some("https://vigie.example.fr".into()), ..Config::default() };
        let h = headers(&[("host", "127.0.0.1:8080"), ("origin", "https://vigie.example.fr")]);
        assert!(from_own_origin(&public, None, &h));
        assert!(!from_own_origin(&Config::default(), None, &h));
        let proxied = Config { trusted_proxies: vec!["127.0.0.1".parse().unwrap()], ..Config::default() };
        let h = headers(&[
            ("host", "vigie.example.fr"),
            ("x-forwarded-proto", "https"),
            ("origin", "https://vigie.example.fr"),
        ]);
        let proxy: SocketAddr = "127.0.0.1:50000".parse().unwrap();
        let stranger: SocketAddr = "192.0.2.1:50000".parse().unwrap();
        assert!(from_own_origin(&proxied, Some(proxy), &h));
        // X-Forwarded-Proto from anyone else is not believed.
        assert!(!from_own_origin(&proxied, Some(stranger), &h));
    }
}
