//! What keeps the server safe to leave running on a developer's machine while they browse
//! the web: which `Host`s it answers (against DNS rebinding), which `Origin`s may call it
//! from a browser (CORS), and the key the admin API needs.
//!
//! A web page can make the browser send requests to `http://127.0.0.1:PORT` whatever site
//! it came from. The browser tells where it came from (`Origin`), and which name it used
//! (`Host`): a page that rebinds its own DNS name to 127.0.0.1 still sends its name in
//! `Host`. The server answers only loopback names (and the ones the user adds) and only
//! loopback origins (and the ones the user adds); everything else is refused before the
//! request reaches a handler, is recorded, or consumes a fault rule.

use std::net::IpAddr;
use std::str::FromStr;

use axum::http::uri::{Authority, Uri};
use axum::http::{header, HeaderMap};

/// A configured origin or host name that cannot be one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AccessError {
    /// `--allow-origin` (or [`crate::ServerConfig::allow_origin`]) is not an origin.
    #[error(
        "allowed origin {0:?} is not an origin: expected scheme://host[:port] \
         (as a browser sends it, e.g. https://app.example.com)"
    )]
    Origin(String),
    /// `--allow-host` (or [`crate::ServerConfig::allow_host`]) is not a host name.
    #[error(
        "allowed host {0:?} is not a host name or address: expected a name such as \
         nango or my-container.local, without scheme, port or path"
    )]
    Host(String),
}

/// Which `Host` headers and `Origin`s the server accepts: loopback ones, plus those the
/// configuration adds.
#[derive(Debug, Clone, Default)]
pub struct Access {
    origins: Vec<String>,
    hosts: Vec<String>,
}

impl Access {
    /// Loopback only, plus `origins` (`scheme://host[:port]`) and `hosts` (names or
    /// addresses, any port).
    pub fn new(origins: &[String], hosts: &[String]) -> Result<Access, AccessError> {
        let origins = origins
            .iter()
            .map(|o| normalize_origin(o).ok_or_else(|| AccessError::Origin(o.clone())))
            .collect::<Result<Vec<_>, _>>()?;
        let hosts = hosts
            .iter()
            .map(|h| normalize_host(h).ok_or_else(|| AccessError::Host(h.clone())))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Access { origins, hosts })
    }

    /// Whether a request for `host` (the `Host` header or the request target's authority:
    /// `name[:port]`) is served. A missing host is not.
    pub fn host_allowed(&self, host: Option<&str>) -> bool {
        let Some(name) = host.and_then(authority_host) else {
            return false;
        };
        is_loopback_name(&name) || self.hosts.contains(&name)
    }

    /// Whether a page of `origin` may call the public API (the admin API answers no
    /// cross-origin request at all).
    pub fn origin_allowed(&self, origin: &str) -> bool {
        let Some(o) = normalize_origin(origin) else {
            return false;
        };
        if self.origins.contains(&o) {
            return true;
        }
        let Ok(uri) = Uri::from_str(&o) else {
            return false;
        };
        matches!(uri.scheme_str(), Some("http" | "https"))
            && uri.host().is_some_and(is_loopback_name)
    }
}

/// Whether `host` (as in a URL: brackets around IPv6) is `localhost` or a loopback address.
pub fn is_loopback_name(host: &str) -> bool {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    if host == "localhost" {
        return true;
    }
    let bare = host
        .strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(&host);
    match bare.parse::<IpAddr>() {
        Ok(IpAddr::V4(ip)) => ip.is_loopback(),
        Ok(IpAddr::V6(ip)) => {
            ip.is_loopback() || ip.to_ipv4_mapped().is_some_and(|v4| v4.is_loopback())
        }
        Err(_) => false,
    }
}

/// The host part of an authority (`name[:port]`), lowercase, without a trailing dot;
/// `None` when it is not a plain authority (user info, empty).
fn authority_host(authority: &str) -> Option<String> {
    if authority.contains('@') {
        return None;
    }
    let a = Authority::from_str(authority).ok()?;
    let host = a.host().trim_end_matches('.').to_ascii_lowercase();
    (!host.is_empty()).then_some(host)
}

fn normalize_host(host: &str) -> Option<String> {
    let h = authority_host(host.trim())?;
    // A name only: a port, a path or a scheme would never match a Host header's name.
    (h == host.trim().trim_end_matches('.').to_ascii_lowercase()).then_some(h)
}

/// `scheme://host[:port]`, lowercase, without the scheme's default port or a trailing
/// slash; `None` when `origin` is not one (`null`, a path, user info, no host).
fn normalize_origin(origin: &str) -> Option<String> {
    let origin = origin.trim();
    let uri = Uri::from_str(origin.strip_suffix('/').unwrap_or(origin)).ok()?;
    let scheme = uri.scheme_str()?.to_ascii_lowercase();
    let authority = uri.authority()?;
    if authority.as_str().contains('@') || uri.query().is_some() || !matches!(uri.path(), "" | "/")
    {
        return None;
    }
    let host = authority.host().to_ascii_lowercase();
    if host.is_empty() {
        return None;
    }
    let default_port = match scheme.as_str() {
        "http" => Some(80),
        "https" => Some(443),
        _ => None,
    };
    Some(match authority.port_u16() {
        Some(p) if Some(p) != default_port => format!("{scheme}://{host}:{p}"),
        _ => format!("{scheme}://{host}"),
    })
}

/// Whether `origin` is the server itself as the request reached it (`http://` + `Host`):
/// a page the server served (the connect UI) posting back to it.
pub fn same_origin(origin: &str, host: &str) -> bool {
    let (Some(o), Some(h)) = (
        normalize_origin(origin),
        normalize_origin(&format!("http://{host}")),
    ) else {
        return false;
    };
    o == h
}

/// Whether the request carries `Authorization: Bearer <key>` (compared in constant time).
pub fn has_bearer(headers: &HeaderMap, key: &str) -> bool {
    let Some(token) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
    else {
        return false;
    };
    let (a, b) = (token.trim().as_bytes(), key.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_names() {
        for h in [
            "localhost",
            "LOCALHOST",
            "localhost.",
            "127.0.0.1",
            "127.9.8.7",
            "[::1]",
            "::1",
            "[::ffff:127.0.0.1]",
        ] {
            assert!(is_loopback_name(h), "{h}");
        }
        for h in [
            "localhost.evil.example",
            "127.0.0.1.nip.io",
            "10.0.0.1",
            "[::2]",
            "0.0.0.0",
            "",
            "127.1",
        ] {
            assert!(!is_loopback_name(h), "{h}");
        }
    }

    #[test]
    fn hosts() {
        let a = Access::new(&[], &["Nango-Dev".into()]).unwrap();
        for h in [
            "127.0.0.1:3003",
            "localhost",
            "[::1]:80",
            "nango-dev:3003",
            "NANGO-DEV",
        ] {
            assert!(a.host_allowed(Some(h)), "{h}");
        }
        for h in [
            "evil.example",
            "user@localhost:3003",
            "nango-dev.evil:1",
            "",
        ] {
            assert!(!a.host_allowed(Some(h)), "{h}");
        }
        assert!(!a.host_allowed(None));
        assert_eq!(
            Access::new(&[], &["http://nango".into()]).unwrap_err(),
            AccessError::Host("http://nango".into())
        );
        assert!(Access::new(&[], &["nango:3003".into()]).is_err());
    }

    #[test]
    fn origins() {
        let a = Access::new(&["https://App.example.com:443/".into()], &[]).unwrap();
        for o in [
            "http://localhost:5173",
            "http://127.0.0.1",
            "https://[::1]:8443",
            "https://app.example.com",
        ] {
            assert!(a.origin_allowed(o), "{o}");
        }
        for o in [
            "null",
            "https://evil.example",
            "http://app.example.com",
            "file://",
            "http://localhost/x",
            "ws://localhost:1",
            "",
        ] {
            assert!(!a.origin_allowed(o), "{o}");
        }
        assert!(Access::new(&["app.example.com".into()], &[]).is_err());
        assert!(same_origin("http://nango:3003", "NANGO:3003"));
        assert!(!same_origin("https://nango:3003", "nango:3003"));
    }

    #[test]
    fn bearer() {
        let mut h = HeaderMap::new();
        assert!(!has_bearer(&h, "k"));
        h.insert(header::AUTHORIZATION, "Bearer key".parse().unwrap());
        assert!(has_bearer(&h, "key"));
        assert!(!has_bearer(&h, "kez"));
        assert!(!has_bearer(&h, "key2"));
    }
}
