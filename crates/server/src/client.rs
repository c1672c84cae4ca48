//! Who is asking: the client's network address, which login limits are counted by.
//!
//! It is the connection's peer. Behind a reverse proxy every peer is the proxy, so the
//! proxies named in `trusted_proxies` may say who their client is (`X-Forwarded-For`);
//! anyone else could write any address there, so from anyone else it is ignored.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::HeaderMap;

use crate::config::Config;
use crate::error::Error;
use crate::state::AppState;

/// Whether `ip` is one of the configured reverse proxies.
pub fn is_trusted_proxy(config: &Config, ip: IpAddr) -> bool {
    config.trusted_proxies.iter().any(|p| same_ip(*p, ip))
}

/// IPv4 addresses compare equal to their IPv6-mapped form (`::ffff:127.0.0.1`), which a
/// dual-stack listener reports.
fn same_ip(a: IpAddr, b: IpAddr) -> bool {
    a.to_canonical() == b.to_canonical()
}

/// The client's address: the peer, or, when the peer is a trusted proxy, the last address
/// of `X-Forwarded-For` that is not itself a trusted proxy.
pub fn client_ip(config: &Config, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
    if !is_trusted_proxy(config, peer) {
        return peer.to_canonical();
    }
    let forwarded: Vec<IpAddr> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|a| a.trim().parse::<IpAddr>().ok())
        .collect();
    // Each proxy appends the address it got the request from: read from the right, past
    // the proxies we trust; what is left of it was written by the client and is no proof.
    forwarded.into_iter().rev().find(|ip| !is_trusted_proxy(config, *ip)).unwrap_or(peer).to_canonical()
}

/// The client's address, as an extractor. A request that came through no socket (a test
/// driving the router directly) is from `0.0.0.0`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAddr(pub IpAddr);

impl FromRequestParts<AppState> for ClientAddr {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Error> {
        let peer =
            parts.extensions.get::<ConnectInfo<SocketAddr>>().map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |c| c.0.ip());
        Ok(ClientAddr(client_ip(&state.config, peer, &parts.headers)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forwarded_addresses_count_only_from_trusted_proxies() {
        let config = Config {
            trusted_proxies: vec!["10.0.0.1".parse().unwrap(), "10.0.0.2".parse().unwrap()],
            ..Config::default()
        };
        let mut headers = HeaderMap::new();
        headers.insert("x-forwarded-for", "6.6.6.6, 203.0.113.7, 10.0.0.2".parse().unwrap());
        let ip = |s: &str| s.parse::<IpAddr>().unwrap();
        assert_eq!(client_ip(&config, ip("10.0.0.1"), &headers), ip("203.0.113.7"));
        assert_eq!(client_ip(&config, ip("::ffff:10.0.0.1"), &headers), ip("203.0.113.7"));
        assert_eq!(client_ip(&config, ip("198.51.100.9"), &headers), ip("198.51.100.9"));
        assert_eq!(client_ip(&config, ip("10.0.0.1"), &HeaderMap::new()), ip("10.0.0.1"));
        assert_eq!(client_ip(&Config::default(), ip("::ffff:192.0.2.1"), &headers), ip("192.0.2.1"));
    }
}
